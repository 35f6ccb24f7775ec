/**
 * The contradictions a reader met between replies on the developing story, each checked where it
 * showed: the same figure read the same way, units beside figures, every report counted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import { compare } from '../../commands/compare.js';
import { context } from '../../commands/context.js';
import { timeline } from '../../commands/timeline.js';
import { casualtyComparisons } from '../../src/briefing/casualties.js';
import { comparisonHeading } from '../../src/briefing/comparisons.js';
import { measureGlance } from '../../src/briefing/glance.js';
import type { MeasureComparison } from '../../src/compare/figures.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import type { Incident } from '../../src/dataset/schema.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';
import { readable, run, section, wholeReply } from './support.js';

let story: Dataset;
let seeds: Dataset;
beforeAll(async () => {
  [story, seeds] = await Promise.all([loadStory(), loadSeeds()]);
});

const SPAN = 'Militants killed: this incident, the Darazinda operation and the Kulachi operation, together';

describe('the same measure, the same way in every reply', () => {
  it('/compare topic: casualties reconciles a span with its parts as /casualties does', () => {
    const fits = (text: string) => text.split('\n').find((l) => l.includes('its parts: this incident'));
    // As the glance of the span gives it, the line each reply shows of it when it has room.
    const span = casualtyComparisons(story, defaultIncident(story) as Incident).find(
      (c) => comparisonHeading(story, c) === SPAN,
    );
    const inCasualties = fits(readable(measureGlance(story, span as MeasureComparison).join('\n')));
    expect(inCasualties).toMatch(/this incident \d+ or more \+ the Darazinda operation \d+/);
    const inCompare = run(compare, story, { topic: 'casualties' }).fields.find(
      (f) => f.name === `⚠️ Where they differ: ${SPAN}`,
    );
    // Shown or not, /compare never words it otherwise.
    if (inCompare) expect([undefined, inCasualties]).toContain(fits(readable(inCompare.value)));
    expect(inCasualties).toBeDefined();
  });

  it('shows units beside figures that are not head counts', () => {
    const answer = run(ask, story, { question: 'how far is daraban from dera ismail khan' }).text;
    expect(answer).toMatch(/40 km to (about )?60 km/);
    expect(answer).not.toMatch(/\b40 to 60\b/);
    expect(answer).not.toMatch(/\bkm km\b/);
    const bounty = run(ask, seeds, { question: 'bounty on his head' }).text;
    expect(bounty).toContain('about 35,000 US dollars');
  });

  it('/timeline counts every report of the attack, not only those that give its time', () => {
    const self = section(wholeReply(run(timeline, story)), '▶ 12 December 2023');
    expect(self).toContain(`Reported by ${story.sources.length} reports:`);
  });

  it('/context marks a figure the reports dispute with ⚠️', () => {
    const places = run(context, story, { topic: 'places' }).text;
    const distances = places.split('\n').filter((l) => /\b(40|60) km\b/.test(l));
    expect(distances.length).toBeGreaterThan(1);
    for (const line of distances) expect(line.startsWith('⚠️'), line).toBe(true);
  });

  it('/compare counts a condemnation two reports carry as agreed, and /ask names those who condemned together', () => {
    const reactions = run(compare, story, { topic: 'reactions' });
    expect(reactions.text).toMatch(/✅ [1-9]\d* agreed/);
    const agreed = section(reactions, '✅ Where the sources agree: Who condemned the attack');
    expect(agreed).toMatch(/Sarfraz Bugti [^·]*MENAFN[^·]* and indileak\.com/);
    const answer = run(ask, story, { question: 'who condemned the atack' }).text;
    expect(answer).toMatch(/^Who condemned the attack: .*Bugti.*\) and .*\)[.;]/m);
    expect(answer).not.toMatch(/Bugti[^;]*\) or /);
  });
});
