/**
 * From search hits to answers a reader can trust: a figure is never shown alone, but with every
 * source's figure for its measure (and the perpetrators' claim apart); a claim on a disputed point
 * comes with every position taken on it; an entity comes with its claims.
 *
 * Plain data in, plain data out: the /ask command and the "Look up in briefing" menu render these.
 */
import { isPerpetratorClaim } from '../compare/claims.js';
import { type Comparison, comparisonClaims } from '../compare/compare.js';
import { compareFigures } from '../compare/figures.js';
import { compareStatements } from '../compare/statements.js';
import type { ClaimRecord, Dataset, Entity } from '../dataset/dataset.js';
import { memoPerDataset } from '../dataset/memo.js';
import { namedInQuestion, subjectTerms } from './named.js';
import { type SearchHit, searchDataset } from './search.js';
import type { Intent } from './synonyms.js';
import { informativeWords } from './terms.js';

export type Answer =
  /** A figure's measure comparison, or a point's statement comparison, that a hit belongs to. */
  | { kind: 'comparison'; comparison: Comparison; score: number }
  /** A claim that makes no comparable point: one source, in its own words. */
  | { kind: 'claim'; claim: ClaimRecord; score: number }
  /** A group, person, place or event, with its most relevant claims. */
  | { kind: 'entity'; entity: Entity; claims: ClaimRecord[]; score: number; disputed: Comparison[] };

export interface AnswerSet {
  /** The question as searched (condensed when it was long). */
  question: string;
  /** The question's search terms; empty when it had only common words. */
  terms: string[];
  intents: Intent[];
  answers: Answer[];
}

export interface AnswerOptions {
  /** At most this many answers (default 5). */
  limit?: number;
  incident?: string;
}

/** The longest question searched as written; longer text is reduced to its informative words. */
export const MAX_QUESTION = 300;
/** Hits looked at to fill the answers: several hits often make one comparison. */
const HITS_PER_ANSWER = 6;
/** An answer scoring below this share of the best one is left out: a few sharp answers read better. */
const ANSWER_CUTOFF = 0.25;
/** An entity's answer shows at most this many of its claims. */
const ENTITY_CLAIMS = 3;

/** A long text → at most `max` characters: its first words when short enough, else its informative words. */
export function condenseQuestion(text: string, max = MAX_QUESTION): string {
  // Reading a whole novel pasted in a message is pointless: its opening carries the question.
  const head = text
    .slice(0, max * 20)
    .replace(/\s+/g, ' ')
    .trim();
  if (head.length <= max) return head;
  let condensed = '';
  for (const word of informativeWords(head)) {
    const next = condensed ? `${condensed} ${word}` : word;
    if (next.length > max) break;
    condensed = next;
  }
  return condensed || head.slice(0, max);
}

/** For each incident, the comparison each of its claims belongs to. */
const comparisonsByClaim = memoPerDataset((dataset: Dataset, incidentId: string) => {
  const byClaim = new Map<string, Comparison>();
  const claims = dataset.claimsByIncident.get(incidentId) ?? [];
  for (const comparison of [...compareFigures(claims, dataset), ...compareStatements(claims, dataset)]) {
    for (const member of comparisonClaims(comparison)) byClaim.set(member.id, comparison);
  }
  return byClaim;
});

/** The comparison a claim belongs to, if any: its measure's, or its point's, within its incident. */
export function comparisonOf(dataset: Dataset, claim: ClaimRecord): Comparison | undefined {
  return comparisonsByClaim(dataset, claim.incident).get(claim.id);
}

/** The best answers to a question, best first, each comparison at most once. */
export function findAnswers(dataset: Dataset, question: string, options: AnswerOptions = {}): AnswerSet {
  const limit = options.limit ?? 5;
  const searched = condenseQuestion(question);
  const { hits, terms, intents } = searchDataset(dataset, searched, {
    limit: limit * HITS_PER_ANSWER,
    incident: options.incident,
  });
  const scoreOf = new Map(hits.flatMap((h) => (h.kind === 'claim' ? [[h.item.id, h.score] as const] : [])));
  const answers: Answer[] = [];
  const seen = onScreen(dataset);

  const best = hits[0]?.score ?? 0;
  // A measure or point the question names leads: the answer, then what supports it.
  // A question of common words only ("how many were there?") names nothing either.
  const named = terms.length > 0 ? namedComparisons(dataset, searched, options.incident, hits[0]) : [];
  for (const comparison of named) {
    if (answers.length < limit && seen.showComparison(comparison))
      answers.push({ kind: 'comparison', comparison, score: best });
  }
  for (const hit of hits) {
    if (answers.length >= limit || hit.score < best * ANSWER_CUTOFF) break;
    const answer =
      hit.kind === 'claim'
        ? claimAnswer(dataset, hit.item, hit.score, seen)
        : entityAnswer(dataset, hit, scoreOf, options.incident, seen);
    if (answer) answers.push(answer);
  }
  return { question: searched, terms, intents, answers };
}

/** What an answer set already shows: comparisons, lone claims, entities, and every claim on screen. */
interface OnScreen {
  /** Marks a comparison shown; false if it already was. */
  showComparison(comparison: Comparison): boolean;
  /** Marks a claim's comparison (or the claim alone) shown; `fresh` is false if it already was. */
  showClaim(claim: ClaimRecord): { comparison?: Comparison; fresh: boolean };
  /** Marks an entity's card shown; false if it already was. */
  showEntity(key: string): boolean;
  /** Whether a claim is already on screen, e.g. on an entity's card. */
  hasClaim(id: string): boolean;
  /** Marks claims shown on a card. */
  addClaims(claims: readonly ClaimRecord[]): void;
}

function onScreen(dataset: Dataset): OnScreen {
  const shown = new Set<Comparison | string>();
  const shownClaims = new Set<string>();
  const mark = (key: Comparison | string, members: readonly ClaimRecord[]): boolean => {
    if (shown.has(key)) return false;
    shown.add(key);
    for (const member of members) shownClaims.add(member.id);
    return true;
  };
  return {
    showComparison: (comparison) => mark(comparison, comparisonClaims(comparison)),
    showClaim: (claim) => {
      const comparison = comparisonOf(dataset, claim);
      const fresh = comparison
        ? mark(comparison, comparisonClaims(comparison))
        : mark(`claim:${claim.id}`, [claim]);
      return { comparison, fresh };
    },
    showEntity: (key) => mark(key, []),
    hasClaim: (id) => shownClaims.has(id),
    addClaims: (claims) => {
      for (const claim of claims) shownClaims.add(claim.id);
    },
  };
}

/** A claim that matched: its comparison, or the claim alone; none when already on screen. */
function claimAnswer(
  dataset: Dataset,
  claim: ClaimRecord,
  score: number,
  seen: OnScreen,
): Answer | undefined {
  // A lone claim already on an entity's card is not repeated.
  if (!comparisonOf(dataset, claim) && seen.hasClaim(claim.id)) return undefined;
  const { comparison, fresh } = seen.showClaim(claim);
  if (!fresh) return undefined;
  return comparison ? { kind: 'comparison', comparison, score } : { kind: 'claim', claim, score };
}

/** A group, person, place or event that matched: its card with its best claims not yet shown. */
function entityAnswer(
  dataset: Dataset,
  hit: Exclude<SearchHit, { kind: 'claim' }>,
  scoreOf: ReadonlyMap<string, number>,
  incident: string | undefined,
  seen: OnScreen,
): Answer | undefined {
  if (!seen.showEntity(`${hit.kind}:${hit.item.id}`)) return undefined;
  const cardClaims = entityClaims(dataset, hit, scoreOf, incident)
    .filter((c) => !seen.hasClaim(c.id))
    .slice(0, ENTITY_CLAIMS);
  seen.addClaims(cardClaims);
  // A claim shown with an entity on a point where the sources differ brings the whole point.
  const disputed: Comparison[] = [];
  for (const claim of cardClaims) {
    const comparison = comparisonOf(dataset, claim);
    if (comparison?.verdict === 'differ' && seen.showClaim(claim).fresh) disputed.push(comparison);
  }
  return { kind: 'entity', entity: asEntity(hit), claims: cardClaims, score: hit.score, disputed };
}

/**
 * The comparisons of the measures and points the question names (the most specific), in the
 * incident; none when the best hit is a group, person, place or event that matches more of the
 * question ("TJP spokesman" asks for the spokesman, not for what TJP is).
 */
function namedComparisons(
  dataset: Dataset,
  question: string,
  incident: string | undefined,
  bestHit: SearchHit | undefined,
): Comparison[] {
  if (incident === undefined) return [];
  const named = namedInQuestion(dataset, question, incident);
  const strongest = named[0]?.strength ?? 0;
  if (bestHit && bestHit.kind !== 'claim') {
    const subject = subjectTerms(dataset, incident);
    const matched = bestHit.terms.filter((t) => !subject.has(t));
    if (matched.length > (named[0]?.terms.length ?? 0)) return [];
  }
  const claims = dataset.claimsByIncident.get(incident) ?? [];
  const all = [...compareFigures(claims, dataset), ...compareStatements(claims, dataset)];
  return named
    .filter((n) => n.strength === strongest)
    .flatMap((n) =>
      all.filter((c) =>
        n.kind === 'measure'
          ? c.kind === 'figures' && c.measure === n.id && c.subject === incident
          : c.kind === 'statements' && c.point === n.id,
      ),
    )
    .slice(0, MAX_NAMED);
}

/** How many named measures or points lead an answer: a question rarely names more. */
const MAX_NAMED = 2;

function asEntity(hit: Exclude<SearchHit, { kind: 'claim' }>): Entity {
  switch (hit.kind) {
    case 'group':
      return { kind: 'group', value: hit.item };
    case 'person':
      return { kind: 'person', value: hit.item };
    case 'place':
      return { kind: 'place', value: hit.item };
    case 'event':
      return { kind: 'event', value: hit.item };
  }
}

/**
 * An entity's claims to show: those the question matched first (best score first), then the ones
 * a reader needs most (not the perpetrators', the incident's before its context), in dataset order.
 */
function entityClaims(
  dataset: Dataset,
  hit: Exclude<SearchHit, { kind: 'claim' }>,
  scoreOf: ReadonlyMap<string, number>,
  incident: string | undefined,
): ClaimRecord[] {
  const claims = (dataset.claimsByEntity.get(hit.item.id) ?? []).filter(
    (c) => incident === undefined || c.incident === incident,
  );
  const rank = (c: ClaimRecord) => [
    -(scoreOf.get(c.id) ?? 0),
    isPerpetratorClaim(c) ? 1 : 0,
    c.topic === 'context' ? 1 : 0,
  ];
  return claims
    .map((claim, order) => ({ claim, key: [...rank(claim), order] }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((r) => r.claim);
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
