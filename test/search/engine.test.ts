/**
 * The compact index says it answers exactly as MiniSearch 7 does with `combineWith: 'OR'`, so that
 * swapping it in changes no answer. Checked against MiniSearch itself: random documents (words from
 * a small vocabulary, so terms repeat and prefix and typo matches abound; fields missing; a field
 * with its own tokenizer; documents in scopes) and random questions (prefix, fuzzy, field boosts, a
 * document boost, a scope, a limit, a raise after the search by matched field) must give the same
 * best hits, in the same order, with the same scores and matched question terms.
 */
import fc from 'fast-check';
import MiniSearch, { type SearchResult } from 'minisearch';
import { describe, expect, it } from 'vitest';
import {
  CompactIndex,
  type EngineDocument,
  type EngineHit,
  type EngineQuery,
  type QueryTerm,
} from '../../src/search/engine.js';

/** Stems with endings, near-misses one edit apart, a stop word, numbers, a name spelt two ways. */
const WORDS = [
  'attack',
  'attacks',
  'attacker',
  'Attackers',
  'attacked',
  'police',
  'policeman',
  'polite',
  'station',
  'nation',
  'kill',
  'killed',
  'filled',
  'wounded',
  'founded',
  'soldier',
  'soldiers',
  'sold',
  'bomb',
  'tomb',
  'Daraban',
  'Darban',
  'the',
  '24',
  '23',
];
/** Texts that recur whole, as names and labels do (for the engine's `repeating` fields). */
const RECURRING = ['Daraban police station', 'the attackers', 'soldiers', 'killed · wounded', ''];
const MAX_DOCUMENTS = 40;
/** The last field of four is indexed by sound keys, as the production `sound` field is. */
const SOUND_FIELD = 3;

function tokenize(text: string, field: number): string[] {
  // Splits on spaces and punctuation, leaving empty tokens where text starts or ends with them.
  const tokens = text.split(/[\s,.;·]+/u);
  return field === SOUND_FIELD
    ? tokens.map((t) => (t ? `~${t.toLowerCase().replace(/[aeiou]/g, '')}` : t))
    : tokens;
}

/** Lower case, a stop word dropped, a crude plural stem, and a concept token. */
function processTerm(token: string): string | null {
  const word = token.toLowerCase();
  if (word === 'the') return null;
  if (word === 'attacker' || word === 'attackers') return 'ATTACKER';
  return word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word;
}

/** The same text in other letters (ROT13): the same lengths, prefixes and edit distances. */
function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const a = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - a + 13) % 26) + a);
  });
}

const separator = fc.constantFrom(' ', ' ', ' ', ', ', ' · ', '. ');
const freeText = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), separator), { maxLength: 8 })
  .map((parts) => parts.map(([word, sep]) => word + sep).join(''));
const fieldText = fc.option(fc.oneof(freeText, fc.constantFrom(...RECURRING), fc.constantFrom(...WORDS)), {
  nil: undefined,
  freq: 3,
});
/**
 * Or every field one word: all lengths and averages equal, so that equal scores are reached through
 * different terms and fields, whose order is MiniSearch's order of first match.
 */
const oneWord = fc.constantFrom(...WORDS);
const scope = fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 2 }));

/** What a question may hold: whole terms, prefixes of them, typos, sound keys, concepts. */
const indexedTerm = fc.constantFrom(...WORDS, ...WORDS.map(rot13)).map((w) => processTerm(w) ?? w);
const queryWord = fc
  .oneof(
    indexedTerm,
    fc.tuple(indexedTerm, fc.nat()).map(([t, n]) => t.slice(0, 1 + (n % t.length))),
    fc
      .tuple(indexedTerm, fc.nat(), fc.constantFrom('', 'a', 'e', 'x', 'l'))
      .map(([t, n, c]) => t.slice(0, n % t.length) + c + t.slice((n % t.length) + 1)),
    fc.constantFrom('~ttck', '~plc', '~drbn', 'ATTACKER', 'zzz'),
  )
  .filter((t) => t.length > 0);
const queryTerm: fc.Arbitrary<QueryTerm> = fc.record({
  term: queryWord,
  prefix: fc.boolean(),
  fuzzy: fc.oneof(fc.constant(false as const), fc.constantFrom(0, 0.1, 0.2, 0.34, 0.5, 1, 2)),
});

const fieldBoost = fc.constantFrom(0.5, 1, 1.5, 2, 3);

function uniqueTerms(terms: readonly QueryTerm[]): QueryTerm[] {
  return [...new Map(terms.map((t) => [t.term, t])).values()];
}

interface Question {
  terms: QueryTerm[];
  fieldBoosts: number[];
  maxFuzzy: number;
  /** Per document, by its number; undefined for no document boost. */
  boosts: number[] | undefined;
  scope: number | undefined;
  rescore: { fields: number; factor: number } | undefined;
  limit: number;
}

function question(fieldCount: number): fc.Arbitrary<Question> {
  const rest = fc.record({
    // Now and then a long one: past the 31 terms the engine keeps as bits.
    terms: fc.oneof(
      {
        arbitrary: fc.uniqueArray(queryTerm, { minLength: 1, maxLength: 5, selector: (t) => t.term }),
        weight: 5,
      },
      // Terms with their twins in other letters (see `twinOf`).
      {
        arbitrary: fc
          .uniqueArray(queryTerm, { minLength: 1, maxLength: 3, selector: (t) => t.term })
          .map((terms) => uniqueTerms(terms.flatMap((t) => [t, { ...t, term: rot13(t.term) }]))),
        weight: 4,
      },
      {
        arbitrary: fc.uniqueArray(queryTerm, { minLength: 32, maxLength: 36, selector: (t) => t.term }),
        weight: 1,
      },
    ),
    maxFuzzy: fc.constantFrom(0, 1, 2, 3, 6),
    boosts: fc.option(
      fc.array(fc.constantFrom(0, 0.5, 0.6, 0.9, 1, 1, 1.5, 3), {
        minLength: MAX_DOCUMENTS,
        maxLength: MAX_DOCUMENTS,
      }),
      { nil: undefined },
    ),
    // 3 is a scope no document has: only the shared documents are read.
    scope: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined }),
    limit: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 40 })),
  });
  return fc.tuple(rest, weighting(fieldCount)).map(([r, w]) => ({ ...r, ...w }));
}

/**
 * Field boosts, and perhaps a raise after the search of the documents that matched some fields. Now
 * and then the raise makes those fields weigh exactly as the others (boost 1, raised by the others'
 * boost): raised and unraised scores tie, and are ordered by their scores before the raise.
 */
function weighting(fieldCount: number): fc.Arbitrary<Pick<Question, 'fieldBoosts' | 'rescore'>> {
  // Positive, as production's are: MiniSearch reads a boost of 0 as 1 (`boost[field] || 1`).
  const fieldBoosts = fc.oneof(
    fc.array(fieldBoost, { minLength: fieldCount, maxLength: fieldCount }),
    fieldBoost.map((boost) => Array.from({ length: fieldCount }, () => boost)),
  );
  const rescore = fc.record({
    fields: fc.integer({ min: 1, max: (1 << fieldCount) - 1 }),
    factor: fc.constantFrom(1.5, 2),
  });
  return fc.oneof(
    { arbitrary: fc.record({ fieldBoosts, rescore: fc.option(rescore, { nil: undefined }) }), weight: 3 },
    {
      arbitrary: rescore.map((r) => ({
        fieldBoosts: Array.from({ length: fieldCount }, (_, i) => ((r.fields >> i) & 1 ? 1 : r.factor)),
        rescore: r,
      })),
      weight: 1,
    },
  );
}

/**
 * A document's twin, which scores as it does through other terms (its words in other letters) or
 * other fields (its first two swapped), so that equal scores are met first through different terms
 * and fields, and a raise after the search can tie a raised score with an unraised one.
 */
function twinOf(doc: EngineDocument, kind: 'letters' | 'fields'): EngineDocument {
  if (kind === 'letters') return { ...doc, fields: doc.fields.map((text) => text && rot13(text)) };
  const [first, second, ...rest] = doc.fields;
  return { ...doc, fields: doc.fields.length < 2 ? doc.fields : [second, first, ...rest] };
}

const world = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.boolean()).chain(([fieldCount, oneWordFields]) =>
  fc.record({
    fieldCount: fc.constant(fieldCount),
    documents: fc
      .record({
        drafts: fc.array(
          fc.record({
            fields: fc.array(oneWordFields ? oneWord : fieldText, {
              minLength: fieldCount,
              maxLength: fieldCount,
            }),
            scope,
            // Some documents repeat an earlier one's texts: equal scores, in MiniSearch's order.
            copy: fc.option(fc.nat(), { freq: 2 }),
            twinFirst: fc.boolean(),
          }),
          { minLength: 2, maxLength: MAX_DOCUMENTS / 2 },
        ),
        twins: fc.constantFrom('none', 'letters', 'fields'),
      })
      .map(({ drafts, twins }) =>
        drafts.flatMap(({ fields, scope, copy, twinFirst }, i): EngineDocument[] => {
          const original = copy === null || i === 0 ? undefined : drafts[copy % i];
          const doc = { fields: original?.fields ?? fields, scope };
          if (twins === 'none') return [doc];
          return twinFirst ? [twinOf(doc, twins), doc] : [doc, twinOf(doc, twins)];
        }),
      ),
    repeating: fc.array(fc.boolean(), { minLength: fieldCount, maxLength: fieldCount }),
    // Several questions to one index: each must leave the engine's scratch space clean.
    questions: fc.array(question(fieldCount), { minLength: 1, maxLength: 4 }),
  }),
);

type MiniDocument = { id: number; scope: number; [field: string]: string | number | undefined };

function miniSearchOf(
  documents: readonly EngineDocument[],
  fields: readonly string[],
): MiniSearch<MiniDocument> {
  const index = new MiniSearch<MiniDocument>({
    fields: [...fields],
    storeFields: ['scope'],
    tokenize: (text, field) => tokenize(text, fields.indexOf(field ?? '')),
    processTerm: (token) => processTerm(token),
  });
  index.addAll(
    documents.map((doc, id) => ({
      id,
      scope: doc.scope,
      ...Object.fromEntries(fields.map((name, i) => [name, doc.fields[i]])),
    })),
  );
  return index;
}

/** The question as MiniSearch is asked it, and its raise after the search as production made it. */
function askMiniSearch(
  index: MiniSearch<MiniDocument>,
  fields: readonly string[],
  q: Question,
): SearchResult[] {
  const spec = new Map(q.terms.map((t) => [t.term, t]));
  const { boosts, scope, rescore } = q;
  const results = index.search(q.terms.map((t) => t.term).join(' '), {
    combineWith: 'OR',
    // The terms are processed already: split on spaces only and keep them as they are.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term,
    prefix: (term) => spec.get(term)?.prefix ?? false,
    fuzzy: (term) => spec.get(term)?.fuzzy ?? false,
    maxFuzzy: q.maxFuzzy,
    boost: Object.fromEntries(fields.map((name, i) => [name, q.fieldBoosts[i] ?? 1])),
    ...(boosts && { boostDocument: (id: number) => boosts[id] ?? 1 }),
    ...(scope !== undefined && { filter: (r: SearchResult) => r.scope === scope || r.scope === -1 }),
  });
  if (!rescore) return results;
  const raised = fields.filter((_, i) => (rescore.fields & (1 << i)) !== 0);
  return results
    .map((r) =>
      Object.values(r.match).some((matched) => matched.some((f) => raised.includes(f)))
        ? { ...r, score: r.score * rescore.factor }
        : r,
    )
    .sort((a, b) => b.score - a.score);
}

function askEngine(engine: CompactIndex, q: Question): EngineHit[] {
  const { boosts } = q;
  const query: EngineQuery = {
    terms: q.terms,
    fieldBoosts: q.fieldBoosts,
    maxFuzzy: q.maxFuzzy,
    booster: { boost: (doc) => (boosts ? (boosts[doc] ?? 1) : 1) },
    scope: q.scope,
    rescoreFields: q.rescore?.fields,
    rescoreFactor: q.rescore?.factor,
    limit: q.limit,
  };
  return engine.search(query);
}

/** How often the generated cases reached what this test is about, so that it cannot pass idly. */
const reached = {
  questions: 0,
  hits: 0,
  prefix: 0,
  fuzzy: 0,
  scoped: 0,
  ties: 0,
  tiesAcrossTerms: 0,
  cut: 0,
  long: 0,
};

function tally(q: Question, expected: readonly SearchResult[]): void {
  reached.questions++;
  if (expected.length === 0) return;
  reached.hits++;
  const asked = new Set(q.terms.map((t) => t.term));
  const derived = expected.flatMap((r) => Object.keys(r.match)).filter((term) => !asked.has(term));
  if (derived.some((term) => q.terms.some((t) => t.prefix && term.startsWith(t.term)))) reached.prefix++;
  if (derived.some((term) => !q.terms.some((t) => t.prefix && term.startsWith(t.term)))) reached.fuzzy++;
  if (q.scope !== undefined) reached.scoped++;
  const shown = expected.slice(0, q.limit);
  const tied = shown.flatMap((r, i) => {
    const before = shown[i - 1];
    return before && r.score === before.score ? [[before, r] as const] : [];
  });
  if (tied.length > 0) reached.ties++;
  // Equal scores met first through different terms or fields: not in the order added.
  if (tied.some(([a, b]) => a.id > b.id)) reached.tiesAcrossTerms++;
  if (expected.length > q.limit && q.limit > 0) reached.cut++;
  if (q.terms.length > 31 && shown.some((r) => r.queryTerms.length > 1)) reached.long++;
}

function expectSameHits(actual: readonly EngineHit[], expected: readonly SearchResult[]): void {
  expect(actual.map((h) => h.doc)).toEqual(expected.map((r) => r.id));
  expect(actual.map((h) => h.queryTerms)).toEqual(expected.map((r) => r.queryTerms));
  actual.forEach((hit, i) => {
    const score = expected[i]?.score ?? Number.NaN;
    expect(Math.abs(hit.score - score)).toBeLessThanOrEqual(1e-12 * Math.abs(score));
  });
}

describe('CompactIndex against MiniSearch', () => {
  it('gives the same best hits, order and scores for random documents and questions', () => {
    fc.assert(
      fc.property(world, ({ fieldCount, documents, repeating, questions }) => {
        const fields = Array.from({ length: fieldCount }, (_, i) => (i === SOUND_FIELD ? 'sound' : `f${i}`));
        const miniSearch = miniSearchOf(documents, fields);
        const engine = new CompactIndex(documents, { fieldCount, repeating, tokenize, processTerm });
        for (const q of questions) {
          const expected = askMiniSearch(miniSearch, fields, q);
          tally(q, expected);
          expectSameHits(askEngine(engine, q), expected.slice(0, q.limit));
          const inScope = documents.flatMap((d, i) =>
            q.scope === undefined || d.scope === q.scope || d.scope === -1 ? [i] : [],
          );
          expect(engine.documentsIn(q.scope)).toEqual(inScope);
        }
      }),
      { numRuns: 500 },
    );
    // Many questions find something, and many reach each case the engine must get right (each
    // bound is a fraction of what is usually reached, so that no seed falls short).
    expect(reached.hits).toBeGreaterThan(reached.questions / 3);
    for (const count of [
      reached.prefix,
      reached.fuzzy,
      reached.scoped,
      reached.ties,
      reached.cut,
      reached.long,
    ]) {
      expect(count).toBeGreaterThan(reached.questions / 50);
    }
    expect(reached.tiesAcrossTerms).toBeGreaterThan(reached.questions / 400);
  });

  it('orders equal scores as MiniSearch does: first matched first, then by the score before a raise', () => {
    const fields = ['f0', 'f1'];
    // One word a field: every length and average is 1, so one match scores as any other.
    const documents: EngineDocument[] = [
      { fields: ['sold', 'bomb'], scope: -1 },
      { fields: ['bomb', 'sold'], scope: -1 },
      { fields: ['tomb', 'police'], scope: -1 },
    ];
    const miniSearch = miniSearchOf(documents, fields);
    const engine = new CompactIndex(documents, { fieldCount: 2, tokenize, processTerm });
    const ask = (q: Partial<Question>) => {
      const full: Question = {
        terms: [],
        fieldBoosts: [1, 1],
        maxFuzzy: 2,
        boosts: undefined,
        scope: undefined,
        rescore: undefined,
        limit: 10,
        ...q,
      };
      const expected = askMiniSearch(miniSearch, fields, full);
      expectSameHits(askEngine(engine, full), expected);
      return expected;
    };
    const exact = (term: string): QueryTerm => ({ term, fuzzy: false, prefix: false });

    // "tomb" matches document 2 first, then "bomb" document 1 (in field 0) before 0 (in field 1).
    const firstMatched = ask({ terms: [exact('tomb'), exact('bomb')] });
    expect(firstMatched.map((r) => r.id)).toEqual([2, 1, 0]);
    expect(new Set(firstMatched.map((r) => r.score)).size).toBe(1);

    // Field 1 weighs twice field 0, and a match in field 0 is raised twice after the search: equal
    // scores, and the one that was higher before the raise stays first.
    const raised = ask({ terms: [exact('bomb')], fieldBoosts: [1, 2], rescore: { fields: 0b01, factor: 2 } });
    expect(raised.map((r) => r.id)).toEqual([0, 1]);
    expect(raised[0]?.score).toBe(raised[1]?.score);
  });
});
