/** Figures and claims made up for the comparison's tests, on top of a loaded dataset's context. */
import fc from 'fast-check';
import { conflictingGroups, type MeasureComparison } from '../../src/compare/figures.js';
import type { ClaimRecord } from '../../src/dataset/dataset.js';
import { VAGUE_WORDS, type VagueWord } from '../../src/dataset/quantities.js';
import type { Figure, IncludedCount, Qualifier } from '../../src/dataset/schema.js';

export const INCIDENT_ID = 'daraban-2023-12-12';
export const INF = Number.POSITIVE_INFINITY;

export function fig(value: number, qualifier: Qualifier, range?: [number, number]): Figure {
  return { value, qualifier, counted: 'people', includes: [], ...(range ? { range } : {}) };
}

export function vague(words: VagueWord): Figure {
  return { words, qualifier: 'exact', counted: 'people', includes: [] };
}

export function including(figure: Figure, ...counts: Partial<IncludedCount>[]): Figure {
  return {
    ...figure,
    includes: counts.map((c) => ({ measure: 'attackers.killed', qualifier: 'exact', ...c })),
  };
}

interface ClaimOptions {
  measure?: string;
  source?: string;
  status?: ClaimRecord['status'];
  origin?: string;
  likelyError?: string;
  covers?: string[];
  about?: string[];
}

let made = 0;

/** A claim of a figure, by default a report's own figure of all killed in the incident. */
export function claimOf(figure: Figure, options: ClaimOptions = {}): ClaimRecord {
  made += 1;
  return {
    id: `generated.${made}`,
    topic: 'casualties',
    measure: options.measure ?? 'killed',
    figure,
    statement: 'a generated figure',
    speaker: { id: 'report', verb: 'reported' },
    status: options.status ?? 'reported',
    quote: 'a generated figure',
    about: options.about ?? [],
    source: options.source ?? `source-${made % 4}`,
    incident: INCIDENT_ID,
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.likelyError ? { likely_error: options.likelyError } : {}),
    ...(options.covers ? { covers: options.covers } : {}),
  };
}

const qualifierArb = fc.constantFrom<Qualifier>('exact', 'at_least', 'more_than', 'about', 'nearly', 'up_to');

/** Any figure: numbers with every qualifier, and every vague word. */
export const figureArb: fc.Arbitrary<Figure> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ value: fc.nat({ max: 100_000 }), qualifier: qualifierArb })
      .map((f) => fig(f.value, f.qualifier)),
  },
  { weight: 1, arbitrary: fc.constantFrom(...VAGUE_WORDS).map(vague) },
);

/** The conflicting pairs of groups' amounts, each pair once, lower group first, in the groups' order. */
export function conflictPairs(c: MeasureComparison): [string, string][] {
  return c.groups.flatMap((g, i) =>
    conflictingGroups(c, g)
      .filter((other) => c.groups.indexOf(other) > i)
      .map((other): [string, string] => [g.amount, other.amount]),
  );
}
