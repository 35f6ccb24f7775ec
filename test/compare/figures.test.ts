import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compareFigures,
  conflictingGroups,
  consistentGroups,
  type MeasureComparison,
} from '../../src/compare/figures.js';
import { figureInterval, intervalsOverlap, isPrecise, reportedCount } from '../../src/compare/intervals.js';
import type { ClaimRecord, Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { claimOf, conflictPairs, fig, figureArb, INCIDENT_ID, INF, including, vague } from './support.js';

const INDILEAK = 'indileak-2023-12-12';
const ATLEAST23 = 'at-least-23-soldiers';

let seeds: Dataset;
beforeAll(async () => {
  seeds = await loadSeeds();
});

function measure(
  comparisons: readonly MeasureComparison[],
  id: string,
  subject = INCIDENT_ID,
): MeasureComparison {
  const found = comparisons.filter((c) => c.measure === id && c.subject === subject);
  expect(found, `${subject} / ${id}`).toHaveLength(1);
  return found[0] as MeasureComparison;
}

const amounts = (c: MeasureComparison) => c.groups.map((g) => g.amount);
const ids = (reports: readonly { claim: ClaimRecord }[]) => reports.map((r) => r.claim.id);

describe('the seed reports', () => {
  let measures: MeasureComparison[];
  beforeAll(() => {
    measures = compareFigures(seeds.claimsByIncident.get(INCIDENT_ID) ?? [], seeds);
  });

  it('finds the death toll in conflict: at least 24 officers against 23 soldiers, each pair named', () => {
    const killed = measure(measures, 'killed.security_forces');
    expect(killed.verdict).toBe('differ');
    expect(amounts(killed)).toEqual(['23', 'at least 23', 'at least 24']);
    expect(conflictPairs(killed)).toEqual([['23', 'at least 24']]);
    expect(killed.lowest?.amount).toBe('23');
    expect(killed.highest?.amount).toBe('at least 24');
    expect(killed.conservative).toBe(23);
    expect(killed.common).toBeNull();
    expect([...killed.countedWords].sort()).toEqual(['officers', 'soldiers']);
    expect([...killed.sources].sort()).toEqual([ATLEAST23, INDILEAK]);
  });

  it("keeps TJP's claim of 20 killed apart: it is not the conservative figure", () => {
    const killed = measure(measures, 'killed.security_forces');
    expect(ids(killed.perpetratorClaims)).toEqual(['indileak.killed.tjp-claim']);
    expect(ids(killed.reports)).not.toContain('indileak.killed.tjp-claim');
    expect(killed.conservative).toBe(23);
  });

  it('finds the attackers killed in conflict, 5 against the six of the military’s statement', () => {
    const attackers = measure(measures, 'attackers.killed');
    expect(attackers.verdict).toBe('differ');
    expect(attackers.groups.map((g) => [g.amount, g.sources, g.origins])).toEqual([
      ['5', [INDILEAK], [`source:${INDILEAK}`]],
      ['6', [ATLEAST23], ['statement:ispr-2023-12-12']],
    ]);
    expect(attackers.conservative).toBe(5);
  });

  it('checks the parts of a total: the critically injured fit within the injured', () => {
    const injured = measure(measures, 'injured');
    expect(
      injured.partChecks.map((p) => [p.total.amount, p.partMeasure, p.part.amount, p.consistent]),
    ).toEqual([['34', 'injured.critical', '5', true]]);
    expect(injured.verdict).toBe('single_origin');
  });

  it('compares context figures within their own event, never with the incident', () => {
    const operation = measure(measures, 'killed.security_forces', 'di-khan-hideout-operation-2023');
    expect(amounts(operation)).toEqual(['2']);
    expect(ids(measure(measures, 'killed.security_forces').reports)).not.toContain(
      'atleast23.operation.soldiers',
    );
    expect(measure(measures, 'killed', 'peshawar-mosque-bombing-2023').conservative).toBe(101);
  });
});

/** Compares made-up claims as figures of one measure of the incident (all killed, unless said). */
function compare(claims: ClaimRecord[]): MeasureComparison[] {
  return compareFigures(claims, seeds);
}

describe('ranges, conservative figures and conflict groups', () => {
  it('orders the range by the figures as reported, so a vague or approximate one never ends it', () => {
    // The bug this replaces: "about 24" (21–27) sorted below 23 by its interval and became the lowest.
    const [c] = compare([
      claimOf(fig(23, 'exact')),
      claimOf(vague('two dozen')),
      claimOf(fig(26, 'at_least')),
    ]);
    expect(c?.lowest?.amount).toBe('23');
    expect(c?.highest?.amount).toBe('at least 26');
    expect(c?.conservative).toBe(23);
  });

  it('uses approximate figures for the range only when no report gives a precise one', () => {
    const [c] = compare([claimOf(vague('dozens')), claimOf(fig(30, 'about')), claimOf(fig(30, 'nearly'))]);
    expect(c?.lowest?.amount).toBe('dozens');
    expect(c?.highest?.amount).toBe('about 30');
    expect(c?.conservative).toBe(24);
  });

  it('names every conflicting pair, since consistency is not transitive', () => {
    const claims = [
      claimOf(fig(34, 'exact'), { measure: 'injured', source: 'a' }),
      claimOf(fig(34, 'exact'), { measure: 'injured', source: 'b' }),
      claimOf(fig(30, 'more_than'), { measure: 'injured', source: 'c' }),
      claimOf(fig(32, 'exact'), { measure: 'injured', source: 'd' }),
      claimOf(fig(27, 'exact'), { measure: 'injured', source: 'e' }),
    ];
    const [c] = compare(claims);
    if (!c) throw new Error('no comparison');
    expect(amounts(c)).toEqual(['27', 'more than 30', '32', '34']);
    const [g27, gMore, g32, g34] = c.groups;
    expect(g34?.sources).toEqual(['a', 'b']);
    // "more than 30" fits both 32 and 34, which conflict with each other.
    expect(consistentGroups(c, gMore as never).map((g) => g.amount)).toEqual(['32', '34']);
    expect(conflictingGroups(c, g32 as never).map((g) => g.amount)).toEqual(['27', '34']);
    expect(conflictingGroups(c, g27 as never).map((g) => g.amount)).toEqual(['more than 30', '32', '34']);
    expect(c.highest?.amount).toBe('34');
    expect(c.verdict).toBe('differ');
  });

  it('counts one statement relayed by several reports as one origin', () => {
    const claims = ['a', 'b', 'c'].map((source) =>
      claimOf(fig(23, 'at_least'), { source, origin: 'ispr-2023-12-12' }),
    );
    const [c] = compare(claims);
    expect(c?.sources).toEqual(['a', 'b', 'c']);
    expect(c?.origins).toEqual(['statement:ispr-2023-12-12']);
    expect(c?.verdict).toBe('single_origin');
    const [agreed] = compare([...claims, claimOf(fig(23, 'exact'), { source: 'd' })]);
    expect(agreed?.verdict).toBe('agree');
  });

  it('keeps a probable error out of the groups, the range and the verdict, and shows it apart', () => {
    const [c] = compare([
      claimOf(fig(23, 'exact'), { source: 'a' }),
      claimOf(fig(230, 'exact'), { source: 'b', likelyError: 'a digit too many' }),
    ]);
    expect(amounts(c as MeasureComparison)).toEqual(['23']);
    expect(c?.likelyErrors.map((r) => r.figure.value)).toEqual([230]);
    expect(c?.verdict).toBe('single_origin');
  });
});

describe('totals and their parts', () => {
  it('a total that says who it includes leaves the rest for the other parts', () => {
    // 24 killed, one attacker among them: consistent with 23 security forces, not with 24.
    const total = claimOf(including(fig(24, 'exact'), { value: 1 }), { measure: 'killed', source: 'a' });
    const soldiers = claimOf(fig(23, 'exact'), { measure: 'killed.security_forces', source: 'b' });
    const officers = claimOf(fig(24, 'at_least'), { measure: 'killed.security_forces', source: 'c' });
    const killed = measure(compare([total, soldiers, officers]), 'killed');
    expect(killed.partChecks.map((p) => [p.part.amount, p.allowed.hi, p.consistent])).toEqual([
      ['23', 23, true],
      ['at least 24', 23, false],
    ]);
    expect(killed.verdict).toBe('differ');
  });

  it('never turns the count a total includes into a figure of its own measure', () => {
    const total = claimOf(including(fig(24, 'exact'), { value: 1 }), { measure: 'killed', source: 'a' });
    const attackers = claimOf(fig(6, 'exact'), { measure: 'attackers.killed', source: 'b' });
    const comparisons = compare([total, attackers]);
    expect(amounts(measure(comparisons, 'attackers.killed'))).toEqual(['6']);
    expect(measure(comparisons, 'attackers.killed').conservative).toBe(6);
    // Nor is it checked against the attackers' own figure: the two count different things.
    expect(
      measure(comparisons, 'killed').partChecks.filter((p) => p.partMeasure === 'attackers.killed'),
    ).toEqual([]);
  });

  it('with the number it includes not given, still bounds each part by the whole', () => {
    const total = claimOf(including(fig(23, 'exact'), {}), { measure: 'killed', source: 'a' });
    const officers = claimOf(fig(24, 'at_least'), { measure: 'killed.security_forces', source: 'b' });
    const soldiers = claimOf(fig(23, 'exact'), { measure: 'killed.security_forces', source: 'c' });
    const checks = measure(compare([total, officers, soldiers]), 'killed').partChecks;
    expect(checks.map((p) => [p.part.amount, p.allowed.hi, p.consistent])).toEqual([
      ['23', 23, true],
      ['at least 24', 23, false],
    ]);
  });

  it('a group of one amount says it includes only what each of its figures says', () => {
    const plain = claimOf(fig(23, 'exact'), { measure: 'killed', source: 'a' });
    const withAttackers = claimOf(including(fig(23, 'exact'), {}), { measure: 'killed', source: 'b' });
    for (const order of [
      [plain, withAttackers],
      [withAttackers, plain],
    ]) {
      const [group] = measure(compare(order), 'killed').groups;
      expect(group?.reports).toHaveLength(2);
      expect(group?.figure.includes).toEqual([]);
    }
    const alone = measure(compare([withAttackers]), 'killed').groups[0];
    expect(alone?.figure.includes).toEqual([{ measure: 'attackers.killed', qualifier: 'exact' }]);
  });

  it('a figure that never says who died belongs to the total, and is checked against every part below it', () => {
    const total = claimOf(fig(23, 'exact'), { measure: 'killed', source: 'a' });
    const bombers = claimOf(fig(30, 'exact'), { measure: 'attackers.suicide_bombers', source: 'b' });
    const checks = measure(compare([total, bombers]), 'killed').partChecks;
    expect(checks.map((p) => [p.partMeasure, p.consistent])).toEqual([['attackers.suicide_bombers', false]]);
  });
});

describe('figures that span more than the incident', () => {
  const SPAN = [INCIDENT_ID, 'kulachi-operation-2023-12-12'];

  it('are compared only with figures of the same span, and reconciled with the figures of its parts', () => {
    const comparisons = compare([
      claimOf(fig(23, 'exact'), { measure: 'killed.security_forces', source: 'a' }),
      claimOf(fig(2, 'exact'), {
        measure: 'killed.security_forces',
        source: 'b',
        about: ['kulachi-operation-2023-12-12'],
      }),
      claimOf(fig(25, 'exact'), { measure: 'killed.security_forces', source: 'c', covers: SPAN }),
      claimOf(fig(30, 'exact'), { measure: 'killed.security_forces', source: 'd', covers: SPAN }),
    ]);
    expect(amounts(measure(comparisons, 'killed.security_forces'))).toEqual(['23']);
    const span = comparisons.find((c) => c.covers !== undefined);
    expect(span?.covers).toEqual([INCIDENT_ID, 'kulachi-operation-2023-12-12'].sort());
    expect(span?.reconciliation?.sum).toEqual({ lo: 25, hi: 25 });
    expect(span?.reconciliation?.parts.map((p) => [p.subject, p.interval])).toEqual([
      [INCIDENT_ID, { lo: 23, hi: 23 }],
      ['kulachi-operation-2023-12-12', { lo: 2, hi: 2 }],
    ]);
    // Its own figures still conflict with each other, as any two figures of one subject.
    expect(span && conflictPairs(span)).toEqual([['25', '30']]);
  });

  it('lets a part with no figure allow any count', () => {
    const [span] = compare([claimOf(fig(25, 'exact'), { measure: 'killed.security_forces', covers: SPAN })]);
    expect(span?.reconciliation?.parts.map((p) => p.interval)).toEqual([null, null]);
    expect(span?.reconciliation?.sum).toEqual({ lo: 0, hi: INF });
  });
});

describe('properties over generated figures', () => {
  const reportsArb = fc.array(figureArb, { minLength: 1, maxLength: 9 });

  it('groups, conflicts, range and conservative figure obey their definitions, whatever the data', () => {
    fc.assert(
      fc.property(reportsArb, fc.array(figureArb, { maxLength: 2 }), (reported, claimed) => {
        const claims = [
          ...reported.map((f, i) => claimOf(f, { source: `s${i % 4}` })),
          ...claimed.map((f) => claimOf(f, { status: 'perpetrator_claim' })),
        ];
        const [c, ...rest] = compare(claims);
        expect(rest).toEqual([]);
        if (!c) throw new Error('no comparison');
        // Every counted report is in exactly one group, of reports giving the same amount.
        expect(c.groups.flatMap((g) => g.reports).length).toBe(reported.length);
        expect(new Set(c.groups.map((g) => g.amount)).size).toBe(c.groups.length);
        for (const g of c.groups)
          for (const r of g.reports) expect(figureInterval(r.figure)).toEqual(g.interval);
        // Exactly the pairs of groups whose intervals do not meet are conflicts.
        for (const a of c.groups)
          for (const b of c.groups) {
            if (a === b) continue;
            expect(conflictingGroups(c, a).includes(b)).toBe(!intervalsOverlap(a.interval, b.interval));
          }
        expect(c.common === null).toBe(c.conflictCount > 0);
        // The range's ends and the conservative figure come from precise figures while any exist.
        const precise = reported.filter(isPrecise);
        const ends = precise.length > 0 ? precise : reported;
        const counts = ends.map(reportedCount);
        expect(c.lowest && reportedCount(c.lowest.figure)).toBe(Math.min(...counts));
        expect(c.highest && reportedCount(c.highest.figure)).toBe(Math.max(...counts));
        expect(c.conservative).toBe(Math.min(...counts));
        if (precise.length > 0) expect(c.lowest?.precise && c.highest?.precise).toBe(true);
        expect(c.perpetratorClaims).toHaveLength(claimed.length);
        const origins = new Set(reported.map((_, i) => `s${i % 4}`)).size;
        expect(c.verdict).toBe(c.conflictCount > 0 ? 'differ' : origins > 1 ? 'agree' : 'single_origin');
      }),
    );
  });

  it('a part conflicts with a total exactly when it cannot fit in what the total leaves', () => {
    fc.assert(
      fc.property(figureArb, fc.nat({ max: 50 }), figureArb, (total, included, part) => {
        const withAttackers = total.words ? total : including(total, { value: included });
        const comparisons = compare([
          claimOf(withAttackers, { measure: 'killed', source: 'a' }),
          claimOf(part, { measure: 'killed.security_forces', source: 'b' }),
        ]);
        const [check] = measure(comparisons, 'killed').partChecks;
        const left = figureInterval(withAttackers).hi - (total.words ? 0 : included);
        expect(check?.consistent).toBe(figureInterval(part).lo <= Math.max(left, 0));
        expect(measure(comparisons, 'killed').verdict === 'differ').toBe(check?.consistent === false);
      }),
    );
  });
});
