/**
 * One truth: every reply, picture and the digest renders a measure or a point from the one view
 * the comparison builds of it, so they never disagree. Checked on generated datasets (the
 * benchmark's generator, seeds drawn by fast-check): for every measure of an incident, /casualties,
 * /incident, the picture's alt text and the digest give its figures, range and verdict as the view
 * has them; for every point, /incident marks its verdict as the view does; /compare puts every
 * measure and point that differs or agrees under the heading of its verdict.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { casualties } from '../../commands/casualties.js';
import { compare } from '../../commands/compare.js';
import { incident as incidentCommand } from '../../commands/incident.js';
import { REPLY_BUDGET } from '../../src/briefing/budget.js';
import { casualtyComparisons } from '../../src/briefing/casualties.js';
import { comparisonHeading, pointHeading } from '../../src/briefing/comparisons.js';
import { measureGlance } from '../../src/briefing/glance.js';
import { capitalise, figureRangeLine, pointLine, SORTED_UNDER } from '../../src/briefing/lines.js';
import { casualtiesChart } from '../../src/chart/figures.js';
import type { Verdict } from '../../src/compare/claims.js';
import type { MeasureComparison } from '../../src/compare/figures.js';
import { compareStatements } from '../../src/compare/statements.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadDataset } from '../../src/dataset/load.js';
import type { Incident } from '../../src/dataset/schema.js';
import { buildDigest } from '../../src/digest/build.js';
import { plainText } from '../../src/render/text.js';
import { embedCharacters, run } from './support.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function generated(seed: number): Promise<Dataset> {
  const dir = await mkdtemp(path.join(tmpdir(), 'one-truth-'));
  dirs.push(dir);
  await generateDataset({ dir, claims: 160, incidents: 2, sources: 12, seed });
  return loadDataset(dir);
}

/** The mark a line opens with for each verdict, in every reply. */
const MARK: Record<Verdict, string> = {
  differ: '⚠️',
  agree: '✅',
  single_origin: 'ℹ️',
  perpetrator_only: '🏴',
  errors_only: '❓',
};

/** The lines under a heading of the console text (every part of the reply), up to the next heading. */
function linesUnder(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l === `-- ${heading} --` || l === `-- ${heading} (cont.) --`);
  if (at < 0) return [];
  const end = lines.findIndex((l, i) => i > at && l.startsWith('-- '));
  return lines.slice(at + 1, end < 0 ? undefined : end).filter(Boolean);
}

function rangeText(c: MeasureComparison): string {
  const [low, high] = [c.lowest?.amount ?? '', c.highest?.amount ?? ''];
  return low === high ? low : `${low} to ${high}`;
}

function checkMeasures(dataset: Dataset, incident: Incident): number {
  const views = casualtyComparisons(dataset, incident);
  const casualtiesRan = run(casualties, dataset, { incident: incident.id });
  const overviewRan = run(incidentCommand, dataset, { incident: incident.id });
  // Generated stories of any size: the first message keeps to the budget by choosing its lines.
  for (const ran of [casualtiesRan, overviewRan])
    expect(embedCharacters(ran.message)).toBeLessThanOrEqual(REPLY_BUDGET);
  const casualtiesText = casualtiesRan.text;
  const overview = overviewRan.text;
  const headline = linesUnder(overview, 'Headline figures');
  const chart = casualtiesChart(dataset, incident);
  const digest = buildDigest({ dataset, incident, previous: null }).briefing;
  const digestSection = (heading: string) =>
    (digest.sections.find((s) => s.heading === heading)?.lines ?? []).join('\n');
  for (const c of views) {
    const heading = comparisonHeading(dataset, c);
    // /casualties: the verdict first, then each figure group of the view, in its order; the reply
    // shows the lines of the glance it has room for, each as the glance has it.
    const glance = measureGlance(dataset, c).map(plainText);
    const shownLines = linesUnder(casualtiesText, heading).filter((l) => !/^\+\d+ more$/.test(l));
    for (const line of shownLines) expect(glance, heading).toContain(line);
    const [verdict = '', groups = ''] = glance;
    expect(verdict.startsWith(MARK[c.verdict]), `${heading}: ${verdict}`).toBe(true);
    if (c.lowest && c.highest && c.lowest !== c.highest) expect(verdict).toContain(rangeText(c));
    const shown = groups.split(' · ');
    expect(shown, heading).toHaveLength(c.groups.length);
    for (const [i, g] of c.groups.entries())
      expect(shown[i]?.startsWith(`${g.amount} `), shown[i]).toBe(true);
    // /incident: the same range and verdict.
    if (c.subject === incident.id && c.groups.length > 0) {
      const line =
        headline.find((l) => l.startsWith(`${capitalise(heading)}: `)) ??
        plainText(figureRangeLine(dataset, c));
      expect(line, heading).toContain(`${rangeText(c)} (`);
      expect(line.includes('⚠️ conflicting'), line).toBe(c.verdict === 'differ');
    }
    // The picture's alt text: the same figures, none of its own.
    const row = chart?.rows.find((r) => r.heading === heading);
    if (row) {
      const amounts = new Set(c.groups.map((g) => g.amount));
      for (const mark of row.marks.filter((m) => m.kind === 'reports' || m.kind === 'statement'))
        expect(amounts.has(mark.amount), `${heading}: ${mark.amount}`).toBe(true);
    }
    if (c.subject === incident.id)
      for (const topic of new Set(c.reports.map((r) => r.claim.topic)))
        headingsOf(run(compare, dataset, { incident: incident.id, topic }).text).check(heading, c.verdict);
    // The digest: a disagreement under "differ", an agreement under "agree", never the other.
    const differs = digestSection(SORTED_UNDER.differ);
    const agrees = digestSection(SORTED_UNDER.agree);
    if (c.verdict === 'agree') expect(differs).not.toMatch(new RegExp(`^${escapeRegExp(heading)}:`, 'm'));
    if (c.verdict === 'differ') expect(agrees).not.toMatch(new RegExp(`^${escapeRegExp(heading)}:`, 'm'));
  }
  return views.length;
}

function checkPoints(dataset: Dataset, incident: Incident): number {
  const overview = run(incidentCommand, dataset, { incident: incident.id }).text;
  let checked = 0;
  for (const c of compareStatements(dataset.claimsByIncident.get(incident.id) ?? [], dataset)) {
    const label = pointHeading(dataset, c.point);
    // The line /incident shows, or, when its first message has no room for it, the line it chose from.
    const line =
      overview.split('\n').find((l) => l.includes(` · ${label}: `)) ?? plainText(pointLine(dataset, c));
    checked++;
    expect(line.startsWith(MARK[c.verdict]), line).toBe(true);
    const topic = dataset.pointById.get(c.point)?.topic;
    if (topic)
      headingsOf(run(compare, dataset, { incident: incident.id, topic }).text).check(label, c.verdict);
  }
  return checked;
}

/** Headings /compare gives a measure or point by its verdict. */
const COMPARED_UNDER: Partial<Record<Verdict, string>> = {
  differ: '⚠️ Where they differ: ',
  agree: '✅ Where the sources agree: ',
};

/** Checks that /compare heads a measure or point that differs or agrees by its verdict, never the other's. */
function headingsOf(text: string): { check: (heading: string, verdict: Verdict) => void } {
  const headings = new Set(
    text
      .split('\n')
      .filter((l) => l.startsWith('-- ') && l.endsWith(' --'))
      .map((l) => l.slice(3, -3).replace(/ \(cont\.\)$/, '')),
  );
  return {
    check(heading, verdict) {
      for (const [under, prefix] of Object.entries(COMPARED_UNDER)) {
        comparedChecks++;
        // Never under another verdict; under its own, shown or named among the sections the first
        // message has no room for.
        if (under !== verdict) expect(headings.has(`${prefix}${heading}`), `${prefix}${heading}`).toBe(false);
        else expect(text.includes(`${prefix}${heading}`), `${prefix}${heading}`).toBe(true);
      }
    },
  };
}
let comparedChecks = 0;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('one view per measure and per point, the same in every reply', () => {
  it('holds on generated datasets: /casualties, /incident, the picture and the digest agree with the views', async () => {
    let measures = 0;
    let points = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), async (seed) => {
        const dataset = await generated(seed);
        for (const incident of dataset.incidents) {
          measures += checkMeasures(dataset, incident);
          points += checkPoints(dataset, incident);
        }
      }),
      { numRuns: 6 },
    );
    // The property says something: the generated stories have measures and points to compare.
    expect(measures).toBeGreaterThan(6);
    expect(points).toBeGreaterThan(6);
    expect(comparedChecks).toBeGreaterThan(12);
  }, 120_000);
});
