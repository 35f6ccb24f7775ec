import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ComparisonSummary,
  compareFigures,
  compareStatements,
  type MeasureComparison,
  type PointComparison,
  summariseComparison,
} from '../../src/compare/compare.js';
import {
  describeFigure,
  describeInterval,
  figureInterval,
  type Interval,
  intersect,
  intervalsOverlap,
  reportedCount,
} from '../../src/compare/intervals.js';
import type { ClaimRecord, Dataset } from '../../src/dataset/dataset.js';
import { loadDataset } from '../../src/dataset/load.js';
import type { Figure, Qualifier } from '../../src/dataset/schema.js';
import { DATA_DIR, type DatasetCopy, withDatasetCopy } from '../helpers/dataset-fixture.js';

const INCIDENT_ID = 'daraban-2023-12-12';
const INDILEAK = 'indileak-2023-12-12';
const ATLEAST23 = 'at-least-23-soldiers';
const INF = Number.POSITIVE_INFINITY;

function figures(comparisons: readonly MeasureComparison[], measure: string, subject = INCIDENT_ID) {
  const found = comparisons.filter((c) => c.measure === measure && c.subject === subject);
  expect(found, `${subject} / ${measure}`).toHaveLength(1);
  return found[0] as MeasureComparison;
}

function point(comparisons: readonly PointComparison[], id: string): PointComparison {
  const found = comparisons.find((c) => c.point === id);
  if (!found) throw new Error(`no comparison of point ${id}`);
  return found;
}

const ids = (reports: readonly { claim: ClaimRecord }[]) => reports.map((r) => r.claim.id);
/** `figures:injured` for the incident, `figures:<event>/injured` for a related event. */
const names = (list: readonly (MeasureComparison | PointComparison)[]) =>
  list.map((c) =>
    c.kind === 'statements'
      ? `statements:${c.point}`
      : `figures:${c.subject === INCIDENT_ID ? '' : `${c.subject}/`}${c.measure}`,
  );

function incidentClaims(dataset: Dataset): readonly ClaimRecord[] {
  return dataset.claimsByIncident.get(INCIDENT_ID) ?? [];
}

describe('comparing the two seed reports', () => {
  let dataset: Dataset;
  let measures: MeasureComparison[];
  let points: PointComparison[];
  let summary: ComparisonSummary;

  beforeAll(async () => {
    dataset = await loadDataset(DATA_DIR);
    measures = compareFigures(incidentClaims(dataset), dataset);
    points = compareStatements(incidentClaims(dataset));
    summary = summariseComparison(incidentClaims(dataset), dataset);
  });

  it('finds the security forces death toll in conflict: at least 24 officers against 23 soldiers', () => {
    const killed = figures(measures, 'killed.security_forces');
    expect(killed.verdict).toBe('differ');
    expect(ids(killed.reports)).toEqual([
      'atleast23.killed.officials',
      'atleast23.killed.headline',
      'indileak.killed',
    ]);
    expect(killed.reports.map((r) => r.interval)).toEqual([
      { lo: 23, hi: 23 },
      { lo: 23, hi: INF },
      { lo: 24, hi: INF },
    ]);
    expect(killed.conflicts.map(([a, b]) => [a.claim.id, b.claim.id])).toEqual([
      ['atleast23.killed.officials', 'indileak.killed'],
    ]);
    expect(killed.common).toBeNull();
    expect(killed.conservative).toBe(23);
    expect(killed.lowest?.claim.id).toBe('atleast23.killed.officials');
    expect(killed.highest?.claim.id).toBe('indileak.killed');
    expect([...killed.countedWords].sort()).toEqual(['officers', 'soldiers']);
    expect([...killed.sources].sort()).toEqual([ATLEAST23, INDILEAK]);
    expect(killed.topic).toBe('casualties');
  });

  it("keeps TJP's claim of 20 killed apart from the reports", () => {
    const killed = figures(measures, 'killed.security_forces');
    expect(ids(killed.perpetratorClaims)).toEqual(['indileak.killed.tjp-claim']);
    expect(killed.perpetratorClaims[0]?.figure).toEqual({
      value: 20,
      qualifier: 'exact',
      counted: 'officers',
    });
    expect(ids(killed.reports)).not.toContain('indileak.killed.tjp-claim');
    // 20 would otherwise be the conservative figure.
    expect(killed.conservative).toBe(23);
    expect(summary.perpetratorClaims.map((c) => c.id)).toContain('indileak.killed.tjp-claim');
    expect(summary.uncompared.map((c) => c.id)).not.toContain('indileak.killed.tjp-claim');
  });

  it('finds the attackers killed in conflict: 5 against all 6', () => {
    const attackers = figures(measures, 'attackers.killed');
    expect(attackers.verdict).toBe('differ');
    expect(attackers.reports.map((r) => [r.claim.source, r.figure.value])).toEqual([
      [INDILEAK, 5],
      [ATLEAST23, 6],
    ]);
    expect(attackers.conflicts).toHaveLength(1);
    expect(attackers.conservative).toBe(5);
    expect(attackers.common).toBeNull();
    expect(attackers.countedWords).toEqual(['attackers']);
  });

  it('reports the injured from one source only: 34, of them 5 critical', () => {
    const injured = figures(measures, 'injured');
    expect(injured.verdict).toBe('single_source');
    expect(injured.sources).toEqual([INDILEAK]);
    expect(injured.reports.map((r) => r.figure)).toEqual([
      { value: 34, qualifier: 'exact', counted: 'injured' },
    ]);
    expect(injured.conservative).toBe(34);
    expect(injured.common).toEqual({ lo: 34, hi: 34 });

    const critical = figures(measures, 'injured.critical');
    expect(critical.verdict).toBe('single_source');
    expect(critical.sources).toEqual([INDILEAK]);
    expect(critical.reports.map((r) => r.figure.value)).toEqual([5]);

    const suicide = figures(measures, 'attackers.suicide_bombers');
    expect(suicide.verdict).toBe('single_source');
    expect(suicide.reports.map((r) => r.figure.value)).toEqual([2]);
  });

  it('finds the target differing: a police station against a security post', () => {
    const target = point(points, 'attack.target');
    expect(target.verdict).toBe('differ');
    expect(target.positions.map((p) => [p.position, p.sources])).toEqual([
      ['police-station', [INDILEAK]],
      ['security-post', [ATLEAST23]],
    ]);
    expect(point(points, 'attack.point-of-impact').verdict).toBe('differ');
  });

  it('finds the two reports agreeing that TJP claimed responsibility', () => {
    const claimed = point(points, 'responsibility.claimed-by');
    expect(claimed.verdict).toBe('agree');
    expect(claimed.positions).toHaveLength(1);
    expect(claimed.positions[0]?.position).toBe('tjp');
    expect([...(claimed.positions[0]?.sources ?? [])].sort()).toEqual([ATLEAST23, INDILEAK]);
    expect(claimed.topic).toBe('responsibility');
  });

  it("keeps TJP's own account of the sequence out of the agreement on it", () => {
    const sequence = point(points, 'attack.sequence');
    expect(sequence.verdict).toBe('agree');
    expect(sequence.positions.map((p) => p.position)).toEqual(['vehicle-bomb-then-gun-battle']);
    expect(sequence.perpetratorClaims.map((c) => c.id)).toEqual(['atleast23.sequence.tjp']);
  });

  it('finds the characterisations of TJP differing, with 002 holding three of them', () => {
    const tjp = point(points, 'tjp.characterisation');
    expect(tjp.verdict).toBe('differ');
    expect(tjp.positions.map((p) => p.position).sort()).toEqual([
      'cover-for-other-groups',
      'front-for-ttp',
      'relatively-unknown',
      'splinter-of-ttp',
    ]);
  });

  it('compares context figures within their own event, never with the incident', () => {
    const peshawar = figures(measures, 'killed', 'peshawar-mosque-bombing-2023');
    expect(peshawar.verdict).toBe('single_source');
    expect(peshawar.reports.map((r) => r.figure)).toEqual([
      { value: 101, qualifier: 'at_least', counted: 'people' },
    ]);
    expect(peshawar.conservative).toBe(101);

    // Two soldiers killed in a separate operation do not count against the 23 or 24.
    const operation = figures(measures, 'killed.security_forces', 'di-khan-hideout-operation-2023');
    expect(operation.reports.map((r) => r.figure.value)).toEqual([2]);
    expect(ids(figures(measures, 'killed.security_forces').reports)).not.toContain(
      'atleast23.operation.soldiers',
    );

    // More than 20 injured on 3 November is not a second report of the 34 injured.
    const nov3 = figures(measures, 'injured', 'di-khan-police-bombing-2023-11-03');
    expect(nov3.reports.map((r) => r.interval)).toEqual([{ lo: 21, hi: INF }]);
    expect(figures(measures, 'injured').reports).toHaveLength(1);

    // No incident-level comparison of everyone killed: every figure of it is about an event.
    expect(measures.filter((c) => c.subject === INCIDENT_ID && c.measure === 'killed')).toEqual([]);
  });

  it('sorts the whole comparison into agree, differ, one source and perpetrator claims', () => {
    expect(names(summary.differ).sort()).toEqual([
      'figures:attackers.killed',
      'figures:killed.security_forces',
      'statements:attack.point-of-impact',
      'statements:attack.target',
      'statements:tjp.characterisation',
    ]);
    expect(names(summary.agree)).toContain('statements:responsibility.claimed-by');
    expect(names(summary.agree)).not.toContain('figures:injured');
    expect(names(summary.singleSource)).toEqual(
      expect.arrayContaining([
        'figures:injured',
        'figures:injured.critical',
        'figures:di-khan-police-bombing-2023-11-03/injured',
        'statements:location.area',
      ]),
    );
    for (const claim of summary.uncompared) {
      expect(claim.point).toBeUndefined();
      expect(claim.figure).toBeUndefined();
      expect(claim.status).not.toBe('perpetrator_claim');
    }
    expect(summary.perpetratorClaims.every((c) => c.status === 'perpetrator_claim')).toBe(true);
    expect(summary.perpetratorClaims.map((c) => c.id).sort()).toEqual([
      'atleast23.sequence.tjp',
      'indileak.killed.tjp-claim',
      'indileak.tjp.targeted-officers',
    ]);
    // Every claim ends up somewhere: in a comparison, uncompared, or among perpetrator claims.
    const compared = new Set(
      [...summary.agree, ...summary.differ, ...summary.singleSource].flatMap((c) =>
        c.kind === 'figures' ? ids(c.reports) : c.positions.flatMap((p) => p.claims.map((x) => x.id)),
      ),
    );
    const placed = new Set([
      ...compared,
      ...summary.uncompared.map((c) => c.id),
      ...summary.perpetratorClaims.map((c) => c.id),
    ]);
    expect(incidentClaims(dataset).filter((c) => !placed.has(c.id))).toEqual([]);
  });
});

// ---- The interval rule ----------------------------------------------------------------------

const fig = (value: number, qualifier: Qualifier, range?: [number, number]): Figure => ({
  value,
  qualifier,
  counted: 'people',
  ...(range ? { range } : {}),
});

describe('the interval rule', () => {
  it('reads each qualifier as an interval', () => {
    expect(figureInterval(fig(23, 'exact'))).toEqual({ lo: 23, hi: 23 });
    expect(figureInterval(fig(24, 'at_least'))).toEqual({ lo: 24, hi: INF });
    expect(figureInterval(fig(20, 'more_than'))).toEqual({ lo: 21, hi: INF });
    expect(figureInterval(fig(10, 'up_to'))).toEqual({ lo: 0, hi: 10 });
  });

  it('reads "about n" as n ± 10%, rounded outwards', () => {
    expect(figureInterval(fig(35_000, 'about'))).toEqual({ lo: 31_500, hi: 38_500 });
    expect(figureInterval(fig(5, 'about'))).toEqual({ lo: 4, hi: 6 });
    expect(figureInterval(fig(0, 'about'))).toEqual({ lo: 0, hi: 0 });
    // Exact tenths stay exact: no floating-point 10 * 1.1 = 11.000000000000002 rounding up to 12.
    expect(figureInterval(fig(10, 'about'))).toEqual({ lo: 9, hi: 11 });
    expect(figureInterval(fig(100, 'about'))).toEqual({ lo: 90, hi: 110 });
    expect(figureInterval(fig(50, 'about'))).toEqual({ lo: 45, hi: 55 });
  });

  it('uses the range a curator declared for "about"', () => {
    expect(figureInterval(fig(35, 'about', [30, 40]))).toEqual({ lo: 30, hi: 40 });
    expect(figureInterval(fig(100, 'about', [100, 150]))).toEqual({ lo: 100, hi: 150 });
  });

  it('intersects intervals, touching ends included', () => {
    expect(
      intersect([
        { lo: 23, hi: 23 },
        { lo: 23, hi: INF },
      ]),
    ).toEqual({ lo: 23, hi: 23 });
    expect(
      intersect([
        { lo: 23, hi: 23 },
        { lo: 24, hi: INF },
      ]),
    ).toBeNull();
    expect(
      intersect([
        { lo: 0, hi: 30 },
        { lo: 24, hi: INF },
        { lo: 21, hi: INF },
      ]),
    ).toEqual({ lo: 24, hi: 30 });
    expect(intervalsOverlap({ lo: 21, hi: INF }, { lo: 34, hi: 34 })).toBe(true);
    expect(intervalsOverlap({ lo: 5, hi: 5 }, { lo: 6, hi: 6 })).toBe(false);
  });

  it('puts the floor where the figure does, with none for "up to"', () => {
    expect(reportedCount(fig(23, 'exact'))).toBe(23);
    expect(reportedCount(fig(24, 'at_least'))).toBe(24);
    expect(reportedCount(fig(20, 'more_than'))).toBe(21);
    expect(reportedCount(fig(35, 'about'))).toBe(35);
    expect(reportedCount(fig(35, 'about', [30, 40]))).toBe(35);
    expect(reportedCount(fig(10, 'up_to'))).toBe(10);
  });

  it('describes figures and ranges in words', () => {
    expect(describeFigure({ value: 24, qualifier: 'at_least', counted: 'officers' })).toBe(
      'at least 24 officers',
    );
    expect(describeFigure({ value: 35_000, qualifier: 'about', counted: 'US dollars' })).toBe(
      'about 35,000 US dollars',
    );
    expect(describeFigure(fig(23, 'exact'))).toBe('23 people');
    expect(describeInterval({ lo: 23, hi: INF })).toBe('23 or more');
    expect(describeInterval({ lo: 23, hi: 26 })).toBe('23–26');
    expect(describeInterval({ lo: 5, hi: 5 })).toBe('5');
  });
});

// ---- Properties -----------------------------------------------------------------------------

const qualifierArb = fc.constantFrom<Qualifier>('exact', 'at_least', 'more_than', 'about', 'up_to');

const figureArb: fc.Arbitrary<Figure> = fc
  .record({
    value: fc.nat({ max: 10_000_000 }),
    qualifier: qualifierArb,
    declared: fc.option(fc.tuple(fc.nat({ max: 1000 }), fc.nat({ max: 1000 })), { nil: undefined }),
  })
  .map(({ value, qualifier, declared }) =>
    qualifier === 'about' && declared
      ? fig(value, qualifier, [Math.max(0, value - declared[0]), value + declared[1]])
      : fig(value, qualifier),
  );

const intervalArb: fc.Arbitrary<Interval> = fc
  .tuple(fc.nat({ max: 1000 }), fc.option(fc.nat({ max: 1000 }), { nil: undefined }))
  .map(([lo, width]) => ({ lo, hi: width === undefined ? INF : lo + width }));

describe('properties of the interval rule', () => {
  it('every interval is well formed and holds the figure (more than n: n + 1)', () => {
    fc.assert(
      fc.property(figureArb, (f) => {
        const { lo, hi } = figureInterval(f);
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(lo).toBeLessThanOrEqual(hi);
        const held = f.qualifier === 'more_than' ? f.value + 1 : f.value;
        expect(lo <= held && held <= hi).toBe(true);
        if (f.qualifier === 'more_than') expect(lo).toBeGreaterThan(f.value);
      }),
    );
  });

  it('the default "about" range is exactly [floor(0.9 n), ceil(1.1 n)]', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000_000 }), (n) => {
        const { lo, hi } = figureInterval(fig(n, 'about'));
        // Integer arithmetic only: 10 lo <= 9 n < 10 (lo + 1) and 10 (hi - 1) < 11 n <= 10 hi.
        expect(10 * lo <= 9 * n && 9 * n < 10 * (lo + 1)).toBe(true);
        expect(10 * (hi - 1) < 11 * n && 11 * n <= 10 * hi).toBe(true);
      }),
    );
  });

  it('the reported count lies in the interval: its lower end, or its upper end for “up to”', () => {
    fc.assert(
      fc.property(figureArb, (f) => {
        const count = reportedCount(f);
        const { lo, hi } = figureInterval(f);
        expect(count >= lo && count <= hi).toBe(true);
        if (f.qualifier === 'up_to') expect(count).toBe(hi);
        else if (f.qualifier !== 'about') expect(count).toBe(lo);
      }),
    );
  });

  it('intersect is commutative and an interval always overlaps itself', () => {
    fc.assert(
      fc.property(intervalArb, intervalArb, (a, b) => {
        expect(intersect([a, b])).toEqual(intersect([b, a]));
        expect(intervalsOverlap(a, b)).toBe(intervalsOverlap(b, a));
        expect(intersect([a, a])).toEqual(a);
        expect(intervalsOverlap(a, a)).toBe(true);
      }),
    );
  });

  it('two intervals overlap exactly when neither ends before the other begins', () => {
    fc.assert(
      fc.property(intervalArb, intervalArb, (a, b) => {
        expect(intervalsOverlap(a, b)).toBe(!(a.hi < b.lo || b.hi < a.lo));
      }),
    );
  });

  it('the intersection lies in every interval and does not depend on their order', () => {
    fc.assert(
      fc.property(fc.array(intervalArb, { minLength: 1, maxLength: 6 }), (intervals) => {
        const common = intersect(intervals);
        expect(intersect([...intervals].reverse())).toEqual(common);
        if (common === null) return;
        for (const i of intervals) expect(i.lo <= common.lo && common.hi <= i.hi).toBe(true);
      }),
    );
  });
});

describe('properties of the comparison', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = await loadDataset(DATA_DIR);
  });

  const claimOf = (f: Figure, i: number, perpetrator = false): ClaimRecord => ({
    id: `generated.${i}`,
    topic: 'casualties',
    measure: 'killed',
    figure: f,
    statement: describeFigure(f),
    speaker: 'report',
    status: perpetrator ? 'perpetrator_claim' : 'reported',
    quote: describeFigure(f),
    about: [],
    source: `source-${i % 4}`,
    incident: INCIDENT_ID,
  });

  it('never puts the conservative figure above what an “up to” report allows', () => {
    const reports = [fig(8, 'up_to'), fig(10, 'about'), fig(12, 'more_than')];
    const [comparison] = compareFigures(
      reports.map((f, i) => claimOf(f, i)),
      dataset,
    );
    expect(comparison?.conservative).toBe(8);
    expect(comparison?.conservativeFrom?.figure.qualifier).toBe('up_to');
  });

  it('reports conflict exactly when no value fits every report, and the lowest floor as conservative', () => {
    fc.assert(
      fc.property(
        fc.array(figureArb, { minLength: 1, maxLength: 8 }),
        fc.array(figureArb, { maxLength: 2 }),
        (reported, claimed) => {
          const claims = [
            ...reported.map((f, i) => claimOf(f, i)),
            ...claimed.map((f, i) => claimOf(f, 100 + i, true)),
          ];
          const [comparison, ...rest] = compareFigures(claims, dataset);
          expect(rest).toEqual([]);
          if (!comparison) throw new Error('no comparison');
          expect(comparison.reports).toHaveLength(reported.length);
          expect(comparison.perpetratorClaims).toHaveLength(claimed.length);
          // On a line, pairwise overlap means a common value (Helly): no conflicts ⇔ a common range.
          expect(comparison.common === null).toBe(comparison.conflicts.length > 0);
          const sources = new Set(reported.map((_, i) => `source-${i % 4}`));
          const expected =
            comparison.conflicts.length > 0 ? 'differ' : sources.size > 1 ? 'agree' : 'single_source';
          expect(comparison.verdict).toBe(expected);
          expect(comparison.conservative).toBe(Math.min(...reported.map(reportedCount)));
          const los = comparison.reports.map((r) => r.interval.lo);
          expect(los).toEqual([...los].sort((a, b) => a - b));
        },
      ),
    );
  });
});

// ---- A third source, added as data only -----------------------------------------------------

const THIRD_TEXT = [
  'Militants attacked a police compound in Daraban before dawn on Tuesday.',
  'Twenty-six security personnel were killed and more than 30 people were injured, hospital officials said.',
  'The attackers first struck a checkpoint on the main road.',
  'A police official said the Pakistani Taliban were behind the attack.',
  '',
].join('\n');

const THIRD_YAML = `# A third report, written for the test only.
id: third-report
outlet: Example Wire
headline: 26 killed in Daraban attack
url: https://example.com/daraban
published: '2023-12-13'
dateline: Peshawar
text_file: 003_third.txt
incident: daraban-2023-12-12

claims:
  - id: third.killed
    topic: casualties
    statement: "Twenty-six security personnel were killed, hospital officials said."
    measure: killed.security_forces
    figure: {value: 26, qualifier: exact, counted: security personnel}
    speaker: {name: hospital officials, verb: said}
    status: official
    quote: 'Twenty-six security personnel were killed'

  - id: third.injured
    topic: casualties
    statement: "More than 30 people were injured, hospital officials said."
    measure: injured
    figure: {value: 30, qualifier: more_than, counted: people}
    speaker: {name: hospital officials, verb: said}
    status: official
    quote: 'more than 30 people were injured'

  - id: third.target
    topic: target
    statement: "The attackers first struck a checkpoint on the main road."
    point: attack.target
    position: checkpoint
    speaker: report
    status: reported
    quote: 'The attackers first struck a checkpoint on the main road.'

  - id: third.time
    topic: time
    statement: "The attack came before dawn on Tuesday."
    point: attack.time
    position: early-morning-tuesday
    speaker: report
    status: reported
    quote: 'in Daraban before dawn on Tuesday'

  - id: third.responsibility
    topic: responsibility
    statement: "A police official said the Pakistani Taliban were behind the attack."
    point: responsibility.claimed-by
    position: ttp
    speaker: {name: a police official, verb: said}
    status: official
    quote: 'A police official said the Pakistani Taliban were behind the attack.'
    about: [ttp]
`;

async function addThirdSource(copy: DatasetCopy): Promise<void> {
  await copy.write('sources/003_third.yaml', THIRD_YAML);
  await copy.write('sources/003_third.txt', THIRD_TEXT);
}

describe('a third source joins every comparison without any code change', () => {
  let dataset: Dataset;
  let measures: MeasureComparison[];
  let points: PointComparison[];
  let summary: ComparisonSummary;

  beforeAll(async () => {
    dataset = await withDatasetCopy(async (copy) => {
      await addThirdSource(copy);
      return copy.load();
    });
    measures = compareFigures(incidentClaims(dataset), dataset);
    points = compareStatements(incidentClaims(dataset));
    summary = summariseComparison(incidentClaims(dataset), dataset);
  });

  it('loads the third source and its claims', () => {
    expect(dataset.sources.map((s) => s.id)).toContain('third-report');
    expect(dataset.claimsBySource.get('third-report')?.map((c) => c.id)).toEqual([
      'third.killed',
      'third.injured',
      'third.target',
      'third.time',
      'third.responsibility',
    ]);
  });

  it('makes "more than 30 injured" agree with 34: injured now has two sources', () => {
    const injured = figures(measures, 'injured');
    expect(injured.verdict).toBe('agree');
    expect([...injured.sources].sort()).toEqual([INDILEAK, 'third-report']);
    expect(injured.reports.map((r) => [r.claim.id, r.interval])).toEqual([
      ['third.injured', { lo: 31, hi: INF }],
      ['indileak.injured', { lo: 34, hi: 34 }],
    ]);
    expect(injured.common).toEqual({ lo: 34, hi: 34 });
    expect(injured.conflicts).toEqual([]);
    // "More than 30" sets the lower floor: 31.
    expect(injured.conservative).toBe(31);
    expect(names(summary.agree)).toContain('figures:injured');
    expect(names(summary.singleSource)).not.toContain('figures:injured');
    expect(names(summary.singleSource)).toContain('figures:di-khan-police-bombing-2023-11-03/injured');
  });

  it('widens the death toll to 26, in conflict with the 23 of the officials only', () => {
    const killed = figures(measures, 'killed.security_forces');
    expect(killed.verdict).toBe('differ');
    expect(killed.sources).toHaveLength(3);
    expect(ids(killed.reports)).toEqual([
      'atleast23.killed.officials',
      'atleast23.killed.headline',
      'indileak.killed',
      'third.killed',
    ]);
    expect(killed.conflicts.map(([a, b]) => [a.claim.id, b.claim.id])).toEqual([
      ['atleast23.killed.officials', 'indileak.killed'],
      ['atleast23.killed.officials', 'third.killed'],
    ]);
    expect(killed.conservative).toBe(23);
    expect(killed.lowest?.claim.id).toBe('atleast23.killed.officials');
    // "At least 24" stays the highest report: it is open-ended, 26 is not.
    expect(killed.highest?.claim.id).toBe('indileak.killed');
    expect(Math.max(...killed.reports.map((r) => r.figure.value))).toBe(26);
    expect([...killed.countedWords].sort()).toEqual(['officers', 'security personnel', 'soldiers']);
    expect(ids(killed.perpetratorClaims)).toEqual(['indileak.killed.tjp-claim']);
  });

  it('adds a third position on the target', () => {
    const target = point(points, 'attack.target');
    expect(target.verdict).toBe('differ');
    expect(target.positions.map((p) => [p.position, p.sources])).toEqual([
      ['police-station', [INDILEAK]],
      ['security-post', [ATLEAST23]],
      ['checkpoint', ['third-report']],
    ]);
  });

  it('makes responsibility differ with a new position, and the time agree across three sources', () => {
    const claimed = point(points, 'responsibility.claimed-by');
    expect(claimed.verdict).toBe('differ');
    expect(claimed.positions.map((p) => p.position)).toEqual(['tjp', 'ttp']);
    expect(claimed.positions[1]?.sources).toEqual(['third-report']);
    expect(names(summary.differ)).toContain('statements:responsibility.claimed-by');
    expect(names(summary.agree)).not.toContain('statements:responsibility.claimed-by');

    const time = point(points, 'attack.time');
    expect(time.verdict).toBe('agree');
    expect(time.sources).toHaveLength(3);
  });

  it('leaves the comparisons it says nothing about as they were', async () => {
    const original = await loadDataset(DATA_DIR);
    const before = compareFigures(incidentClaims(original), original);
    for (const measure of ['attackers.killed', 'injured.critical']) {
      const a = figures(before, measure);
      const b = figures(measures, measure);
      expect([b.verdict, ids(b.reports), b.conservative]).toEqual([
        a.verdict,
        ids(a.reports),
        a.conservative,
      ]);
    }
    expect(figures(measures, 'killed', 'peshawar-mosque-bombing-2023').verdict).toBe('single_source');
  });
});

describe('ten sources', () => {
  it('compares ten reports of the death toll with the same code', async () => {
    const dataset = await withDatasetCopy(async (copy) => {
      for (let n = 3; n <= 10; n++) {
        const id = `extra-${n}`;
        await copy.write(`sources/${id}.txt`, `Officials said 23 soldiers were killed (report ${n}).\n`);
        await copy.write(
          `sources/${id}.yaml`,
          [
            `id: ${id}`,
            'outlet: null',
            `headline: Report ${n}`,
            'url: null',
            'published: null',
            'dateline: null',
            `text_file: ${id}.txt`,
            'incident: daraban-2023-12-12',
            'claims:',
            `  - id: ${id}.killed`,
            '    topic: casualties',
            '    statement: 23 soldiers were killed.',
            '    measure: killed.security_forces',
            '    figure: {value: 23, qualifier: exact, counted: soldiers}',
            '    speaker: {name: officials, verb: said}',
            '    status: official',
            "    quote: '23 soldiers were killed'",
            '',
          ].join('\n'),
        );
      }
      return copy.load();
    });
    const killed = figures(compareFigures(incidentClaims(dataset), dataset), 'killed.security_forces');
    expect(killed.sources).toHaveLength(10);
    expect(killed.reports).toHaveLength(11);
    // Each exact 23 conflicts with "at least 24", and with nothing else.
    expect(killed.conflicts).toHaveLength(9);
    for (const [a, b] of killed.conflicts) {
      expect(a.figure).toMatchObject({ value: 23, qualifier: 'exact' });
      expect(b.claim.id).toBe('indileak.killed');
    }
    expect(killed.conservative).toBe(23);
    expect(killed.verdict).toBe('differ');
  });
});
