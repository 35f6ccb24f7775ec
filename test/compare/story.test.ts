/**
 * The developing story: the two seed reports and further reports of the same attack (written for
 * the tests from the facts of real reports): early tolls and later ones, wire copies, a republished
 * copy, relayed statements, the perpetrators' account and a probable error. What a careful desk
 * expects of them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { comparisonClaims, summariseComparison } from '../../src/compare/compare.js';
import { compareFigures, fitsParts, type MeasureComparison } from '../../src/compare/figures.js';
import { compareStatements, type PointComparison } from '../../src/compare/statements.js';
import type { ClaimRecord, Dataset } from '../../src/dataset/dataset.js';
import { sourcesInOrder } from '../../src/dataset/order.js';
import { quoteFinder } from '../../src/dataset/quotes.js';
import { loadStory } from '../helpers/dataset-fixture.js';
import { conflictPairs, INCIDENT_ID } from './support.js';

let story: Dataset;
let claims: readonly ClaimRecord[];
let figures: MeasureComparison[];
let points: PointComparison[];
beforeAll(async () => {
  story = await loadStory();
  claims = story.claimsByIncident.get(INCIDENT_ID) ?? [];
  figures = compareFigures(claims, story);
  points = compareStatements(claims, story);
});

function measure(id: string, subject = INCIDENT_ID): MeasureComparison {
  const found = figures.find((c) => c.measure === id && c.subject === subject);
  if (!found) throw new Error(`no comparison of ${id} for ${subject}`);
  return found;
}

function point(id: string): PointComparison {
  const found = points.find((c) => c.point === id);
  if (!found) throw new Error(`no comparison of point ${id}`);
  return found;
}

describe('figures from the developing story', () => {
  it('security forces killed: from at least 3 to at least 25, conflicting, conservative 3', () => {
    const killed = measure('killed.security_forces');
    expect(killed.lowest?.amount).toBe('at least 3');
    expect(killed.highest?.amount).toBe('at least 25');
    expect(killed.verdict).toBe('differ');
    expect(killed.conservative).toBe(3);
    expect(conflictPairs(killed).map(([a, b]) => `${a} / ${b}`)).toEqual([
      '23 / at least 24',
      '23 / at least 25',
    ]);
    // The early tolls ("at least 3", "at least 4", "at least 12") allow the later ones: no conflict.
    expect(killed.groups.map((g) => g.amount).slice(0, 3)).toEqual([
      'at least 3',
      'at least 4',
      'at least 12',
    ]);
    // The wire's "at least 25, the army said" is the agency's attribution, not the army's statement.
    const wire = killed.groups.find((g) => g.amount === 'at least 25');
    expect(wire?.origins).toEqual(['source:fixture-business-recorder']);
  });

  it('counts independent accounts by report: voices quoted in one report never count twice', () => {
    for (const c of figures) {
      const ownAccounts = c.origins.filter((o) => !o.startsWith('statement:'));
      expect(ownAccounts.length, c.measure).toBeLessThanOrEqual(c.sources.length);
      expect(new Set(ownAccounts).size, c.measure).toBe(ownAccounts.length);
    }
  });

  it("sets the day's 25 soldiers apart and reconciles it: 23 here, 2 in the Kulachi operation", () => {
    expect(measure('killed.security_forces').reports.map((r) => r.claim.id)).not.toContain(
      'fixture-br.soldiers-that-day',
    );
    const span = figures.find(
      (c) => c.measure === 'killed.security_forces' && c.covers?.includes(INCIDENT_ID),
    );
    expect(span?.groups.map((g) => g.amount)).toEqual(['25']);
    expect(span?.reconciliation?.parts.map((p) => [p.subject, p.interval?.lo ?? null])).toEqual([
      [INCIDENT_ID, measure('killed.security_forces').conservative],
      ['darazinda-operation-2023-12-12', null],
      ['kulachi-operation-2023-12-12', 2],
    ]);
    expect(span && fitsParts(span.groups[0] as never, span.reconciliation as never)).toBe(true);
  });

  it('injured: 34 is consistent with “more than 30” and “dozens”; the early “several” and 24 are not', () => {
    const injured = measure('injured');
    expect(injured.verdict).toBe('differ');
    expect(conflictPairs(injured).map(([a, b]) => `${a} / ${b}`)).toEqual([
      'several / 24',
      'several / dozens',
      'several / more than 30',
      'several / 34',
      'several / at least 34',
      '24 / more than 30',
      '24 / 34',
      '24 / at least 34',
    ]);
    // Vague words take part in the check but make neither end of the range nor the conservative figure.
    expect(injured.lowest?.amount).toBe('more than 12');
    expect(injured.highest?.amount).toBe('at least 34');
    expect(injured.conservative).toBe(13);
  });

  it('“23 individuals” sits in the total: consistent with 23 soldiers, in conflict with at least 24 officers', () => {
    const killed = measure('killed');
    // "People", "lives", "a toll": counts that never say who died belong to the total.
    expect(killed.groups.map((g) => g.amount)).toEqual([
      'at least 20',
      '23',
      'at least 23',
      'at least 24',
      'at least 25',
    ]);
    const soldiers = killed.partChecks.filter(
      (p) => p.total.amount === '23' && p.partMeasure === 'killed.security_forces',
    );
    expect(soldiers.map((p) => [p.part.amount, p.consistent])).toEqual([
      ['at least 3', true],
      ['at least 4', true],
      ['at least 12', true],
      ['23', true],
      ['at least 23', true],
      ['at least 24', false],
      ['at least 25', false],
    ]);
    expect(killed.verdict).toBe('differ');
  });

  it('the distance from Dera Ismail Khan, 40 km against 60 km or about 60 km, is a conflict', () => {
    const distance = measure('distance.from-di-khan-city');
    expect(conflictPairs(distance)).toEqual([
      ['40 km', '60 km'],
      ['40 km', 'about 60 km'],
    ]);
  });

  it('the militants of the night: the military’s 27 fits what the attack and both operations report; 54 conflicts with it', () => {
    const span = figures.find((c) => c.measure === 'killed.militants' && c.covers?.includes(INCIDENT_ID));
    expect(span?.verdict).toBe('differ');
    expect(span && conflictPairs(span)).toEqual([['27', '54']]);
    expect(span?.reconciliation?.sum.lo).toBe(5 + 17 + 4);
    const ispr = span?.groups.find((g) => g.amount === '27');
    expect(span && fitsParts(ispr as never, span.reconciliation as never)).toBe(true);
  });

  it('every figure traces to a quote found in its report', () => {
    const finders = new Map(story.sources.map((s) => [s.id, quoteFinder(s.text)]));
    for (const c of figures)
      for (const claim of comparisonClaims(c))
        expect(finders.get(claim.source)?.(claim.quote), claim.id).toBe(true);
  });
});

describe('who said it, and what the reports disagree on', () => {
  it("counts the military's statement once, however many reports carry it", () => {
    const carried = claims.filter((c) => c.origin === 'ispr-2023-12-12');
    expect(new Set(carried.map((c) => c.source)).size).toBeGreaterThanOrEqual(4);
    const killed = measure('killed.security_forces');
    const ispr = killed.groups.filter((g) => g.origins.includes('statement:ispr-2023-12-12'));
    expect(ispr.flatMap((g) => g.sources).length).toBeGreaterThanOrEqual(3);
    expect(killed.origins.filter((o) => o === 'statement:ispr-2023-12-12')).toHaveLength(1);
  });

  it('counts a statement relayed by two reports once: the Foreign Office’s 23, carried by APP and WION', () => {
    const carried = claims.filter(
      (c) => c.origin === 'fo-2023-12-12' && c.measure === 'killed.security_forces',
    );
    expect(carried.map((c) => c.source).sort()).toEqual(['fixture-app', 'fixture-wion']);
    const group = measure('killed.security_forces').groups.find((g) => g.amount === '23');
    expect(group?.origins.filter((o) => o === 'statement:fo-2023-12-12')).toHaveLength(1);
    expect(group?.sources).toEqual(expect.arrayContaining(['fixture-app', 'fixture-wion']));
  });

  it('counts a republished copy as its original: The Kabul Times confirms nothing Al Jazeera does not', () => {
    const group = measure('injured').groups.find((g) => g.amount === 'at least 34');
    expect(group?.sources.slice().sort()).toEqual(['fixture-al-jazeera', 'fixture-kabul-times']);
    expect(group?.origins).toEqual(['source:fixture-al-jazeera']);
  });

  it('keeps the perpetrators’ account of the attack apart from the reports’', () => {
    const summary = summariseComparison(claims, story);
    expect(summary.perpetratorClaims.map((c) => c.id)).toEqual(
      expect.arrayContaining(['fixture-gm.qasim.sequence', 'fixture-gm.qasim.casualties']),
    );
    expect(point('attack.sequence').positions.map((p) => p.position)).not.toContain(
      'suicide-attack-then-storming',
    );
  });

  it('counts the attackers as agreed: six, from five reports and four independent origins', () => {
    const attackers = measure('attackers.total');
    expect(attackers.verdict).toBe('agree');
    expect(attackers.groups.map((g) => g.amount)).toEqual(['6']);
    expect(attackers.sources).toHaveLength(5);
    expect(attackers.origins.length).toBeLessThan(attackers.sources.length + 1);
  });

  it('reads TJP against “an offshoot or affiliate of the TTP” as compatible, not a dispute', () => {
    const claimed = point('responsibility.claimed-by');
    expect(claimed.verdict).toBe('agree');
    expect(claimed.conflicts).toEqual([]);
    expect(claimed.compatible.map((p) => [p.why, p.broader?.position])).toEqual([
      ['related_groups', 'ttp-affiliate'],
    ]);
  });

  it('shows no dispute between TJP’s characterisations, which describe it from different angles', () => {
    expect(point('tjp.characterisation').conflicts).toEqual([]);
  });

  it('keeps the real disagreements: the target, and where the troops were staying', () => {
    const target = point('attack.target').conflicts.map(([a, b]) =>
      [a.position, b.position].sort().join(' / '),
    );
    expect(target.sort()).toEqual([
      'military-camp / police-station',
      'military-compound / police-station',
      'police-station / security-post',
    ]);
    expect(point('attack.troops-quarters').verdict).toBe('differ');
  });

  it('shows a probable error apart and counts it nowhere', () => {
    const summary = summariseComparison(claims, story);
    expect(summary.likelyErrors.map((c) => c.id)).toEqual(['indileak.town', 'fixture-mint.headline.killed']);
    const town = point('location.town');
    expect(town.verdict).toBe('agree');
    expect(town.positions.map((p) => p.position)).toEqual(['daraban']);
    // A headline's 24 dead, where its own text gives 24 injured, is in no group of the toll.
    expect(measure('killed').reports.map((r) => r.claim.id)).not.toContain('fixture-mint.headline.killed');
  });

  it('places every claim: in a comparison, uncompared, among the perpetrators’ claims or the probable errors', () => {
    const summary = summariseComparison(claims, story);
    const placed = new Set(
      [
        ...[...summary.agree, ...summary.differ, ...summary.singleOrigin].flatMap(comparisonClaims),
        ...summary.uncompared,
        ...summary.perpetratorClaims,
        ...summary.likelyErrors,
      ].map((c) => c.id),
    );
    expect(claims.filter((c) => !placed.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});

describe('numbering', () => {
  it('numbers the reports by publication date, a month-only date after its days, undated last', () => {
    const order = sourcesInOrder(story).map((s) => `${s.published ?? 'undated'} ${s.id}`);
    expect(order).toEqual([...order].sort((a, b) => dateOrder(a) - dateOrder(b) || (a < b ? -1 : 1)));
    const undated = story.sources.filter((s) => s.published === null).map((s) => `undated ${s.id}`);
    expect(undated.length).toBeGreaterThan(1);
    expect(order.slice(-undated.length)).toEqual(undated.sort());
    expect(order.indexOf('2023-12 fixture-kabulnow')).toBe(order.length - undated.length - 1);
  });
});

function dateOrder(entry: string): number {
  const [date = ''] = entry.split(' ');
  if (date === 'undated') return 3;
  return date.length === 7 ? 2 : date === '2023-12-13' ? 1 : 0;
}
