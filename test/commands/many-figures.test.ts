/**
 * One measure of thousands of figures: every reply is built, within Discord's limits, naming the
 * nearest few of a figure's conflicts and saying how many more; the digest too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import { casualties } from '../../commands/casualties.js';
import { compare } from '../../commands/compare.js';
import { incident } from '../../commands/incident.js';
import { isCounted } from '../../src/compare/claims.js';
import { figureSubject } from '../../src/compare/figures.js';
import { describeAmount, figureInterval, formatCount } from '../../src/compare/intervals.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { defaultIncident } from '../../src/dataset/dataset.js';
import type { Figure } from '../../src/dataset/schema.js';
import { buildDigest } from '../../src/digest/build.js';
import { loadEditedDataset } from '../helpers/dataset-fixture.js';
import { manyFigure, writeManyFigures } from '../helpers/many-figures.js';
import { choose, expectSendable, QUOTES_MENU, run, section } from './support.js';

const FIGURES = 2000;
/** As many as a reply names of one figure's conflicts. */
const NAMED = 6;

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadEditedDataset((copy) => writeManyFigures(copy.dir, FIGURES));
}, 60_000);

/** The incident's counted figures of the measure, one per amount: what the reply groups. */
function amounts(): Figure[] {
  const byAmount = new Map<string, Figure>();
  for (const claim of dataset.claims) {
    if (claim.measure !== 'killed.security_forces' || !claim.figure || !isCounted(claim)) continue;
    if (figureSubject(claim, dataset) !== claim.incident) continue;
    byAmount.set(describeAmount(claim.figure), claim.figure);
  }
  return [...byAmount.values()];
}

describe('one measure of 2,000 figures', () => {
  it('/casualties says what the lowest figure conflicts with: the nearest named, the rest counted', () => {
    const lowest = figureInterval({ ...manyFigure(0), counted: 'officers', includes: [] });
    // Every figure of the incident that must be higher than the lowest one, 10, conflicts with it.
    const above = amounts().filter((f) => figureInterval(f).lo > lowest.hi).length;
    const { text } = run(casualties, dataset);
    const line = text.split('\n').find((l) => l.startsWith('⚠️ 10 conflicts with '));
    expect(line).toMatch(
      new RegExp(`^⚠️ 10 conflicts with ([^;]+, ){${NAMED - 1}}[^;]+ and ${formatCount(above - NAMED)} more;`),
    );
  });

  it('the quotes of the measure name a few figures each consistent and conflicting, and count the rest', () => {
    const quotes = section(
      choose(run(casualties, dataset), QUOTES_MENU, 'killed.security_forces'),
      'Security forces killed',
    );
    expect(quotes).toMatch(
      /^• 10 [^;]+; consistent with [^;]+; ⚠️ conflicts with ([^;]+, ){5}[^;]+ and [\d,]+ more$/m,
    );
  });

  it('every other reply and the digest are built within Discord’s limits', () => {
    run(compare, dataset, { topic: 'casualties' });
    run(incident, dataset);
    run(ask, dataset, { question: 'how many officers were killed' });
    const today = defaultIncident(dataset);
    if (!today) throw new Error('no incident');
    const digest = buildDigest({ dataset, incident: today, previous: null });
    expectSendable({ briefing: digest.briefing, private: false });
  });
});
