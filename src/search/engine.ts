/**
 * A compact full-text index with MiniSearch's scoring, for datasets of 100,000 documents and more.
 *
 * It scores exactly as MiniSearch 7 does with `combineWith: 'OR'` (BM25 per field with its default
 * parameters, field boosts, prefix and fuzzy weights, a document boost, and the score multiplied by
 * the number of query terms a document matches), and orders equal scores as MiniSearch does (the
 * order in which documents were first matched), so swapping it in changes no answer. What differs
 * is the cost:
 *
 * - postings are flat typed arrays, not maps of maps: a question that matches 100,000 documents
 *   adds up numbers in arrays instead of creating 100,000 result objects and sorting them all;
 * - only the best `limit` results are kept and ordered;
 * - documents are grouped by scope (an incident): a question about one incident reads only the
 *   postings of that incident's documents and of the shared ones (groups, people, places, events),
 *   found by binary search in each posting list.
 *
 * The term dictionary is MiniSearch's own radix tree (`SearchableMap`), filled in the same order, so
 * prefix and typo (fuzzy) matches are found, and met, in the same order.
 */
import SearchableMap from 'minisearch/SearchableMap';

/** Query terms whose matches are kept as bits; a question with more keeps the rest in a list. */
const MASK_TERMS = 31;

/** MiniSearch's defaults. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;

export interface EngineDocument {
  /** Each field's text, in the order of `fields`; undefined for a field the document lacks. */
  fields: readonly (string | undefined)[];
  /** The scope the document belongs to (an incident's index), or -1 for documents in every scope. */
  scope: number;
}

export interface EngineOptions {
  fieldCount: number;
  /** Fields whose texts repeat across documents (names, labels): each distinct text is read once. */
  repeating?: readonly boolean[];
  tokenize(text: string, field: number): string[];
  processTerm(token: string): string | null;
}

export interface QueryTerm {
  term: string;
  /** Allowed typos as a share of the term's length (MiniSearch's `fuzzy`), or false. */
  fuzzy: number | false;
  prefix: boolean;
}

export interface EngineQuery {
  terms: readonly QueryTerm[];
  /** Per field, in the order of the fields. */
  fieldBoosts: readonly number[];
  maxFuzzy: number;
  /** A document's boost (by its number in the order added); 0 leaves it out. */
  booster: DocumentBooster;
  /** Only documents of this scope and the shared ones; undefined for all, -1 for the shared only. */
  scope?: number | undefined;
  /** After scoring, a document that matched one of these fields (a bit per field) is raised by `rescoreFactor`. */
  rescoreFields?: number | undefined;
  rescoreFactor?: number | undefined;
  limit: number;
}

/**
 * Gives each document its boost for one query. An object with a method rather than a closure: the
 * scoring loop calls it up to once per document, and one call target keeps that loop optimised.
 */
export interface DocumentBooster {
  boost(doc: number): number;
}

export interface EngineHit {
  /** The document's number in the order added. */
  doc: number;
  score: number;
  /** The query terms it matched, in query order. */
  queryTerms: string[];
}

export class CompactIndex {
  readonly documentCount: number;
  /** Every indexed term. */
  readonly vocabulary: ReadonlySet<string>;
  private readonly termIds: Map<string, number>;
  private readonly dictionary: SearchableMap<number>;
  private readonly fieldCount: number;
  /** Internal number (documents grouped by scope) → number in the order added, and back. */
  private readonly ordinalOf: Int32Array;
  private readonly internalOf: Int32Array;
  /** Per scope, its first internal number and one past its last; shared documents come last. */
  private readonly scopeRanges: Map<number, [number, number]>;
  private readonly sharedStart: number;
  private readonly fieldLengths: Uint16Array[];
  private readonly avgFieldLength: number[];
  /** Posting list `termId * fieldCount + field` is postDocs[listStart[list] .. listStart[list + 1]). */
  private readonly listStart: Int32Array;
  private readonly postDocs: Int32Array;
  private readonly postFreqs: Uint16Array;
  private readonly work: Workspace;

  /** Builds the index at once; `CompactIndex.building` builds the same a slice at a time (and hands in `built`). */
  constructor(
    documents: readonly EngineDocument[],
    options: EngineOptions,
    built: BuiltParts = finishNow(buildParts(documents, options)),
  ) {
    this.documentCount = documents.length;
    this.fieldCount = options.fieldCount;
    this.termIds = built.termIds;
    this.dictionary = built.dictionary;
    this.ordinalOf = built.order.ordinalOf;
    this.internalOf = built.order.internalOf;
    this.scopeRanges = built.order.scopeRanges;
    this.sharedStart = built.order.sharedStart;
    this.fieldLengths = built.fields.fieldLengths;
    this.avgFieldLength = built.fields.avgFieldLength;
    this.vocabulary = new Set(this.termIds.keys());
    this.listStart = built.postings.listStart;
    this.postDocs = built.postings.postDocs;
    this.postFreqs = built.postings.postFreqs;
    this.work = new Workspace(documents.length);
  }

  /**
   * The index built a step at a time: the generator yields after every `DOCUMENTS_PER_STEP`
   * documents, where `finishInSlices` may let other work run; its value is the index.
   */
  static *building(documents: readonly EngineDocument[], options: EngineOptions): Steps<CompactIndex> {
    const parts = yield* buildParts(documents, options);
    yield;
    return new CompactIndex(documents, options, parts);
  }

  /** The best `limit` documents for the query, best first, ordered as MiniSearch orders them. */
  search(query: EngineQuery): EngineHit[] {
    const w = this.work;
    const ranges = this.rangesFor(query.scope);
    const terms = query.terms;
    let seq = 0;
    try {
      for (let t = 0; t < terms.length; t++) {
        w.termTouched.length = 0;
        seq = this.scoreQueryTerm(terms[t] as QueryTerm, query, ranges, seq);
        w.addTermScores(t);
      }
      return this.best(query, terms);
    } finally {
      w.reset();
    }
  }

  /**
   * Scores one query term's matches: the term itself, then its prefix matches, then its fuzzy ones
   * (MiniSearch's order). Each matched term takes `fieldCount` sequence numbers from `seq`, which
   * order equal scores; returns the next one free.
   */
  private scoreQueryTerm(
    spec: QueryTerm,
    query: EngineQuery,
    ranges: readonly [number, number][],
    seq: number,
  ): number {
    const exact = this.termIds.get(spec.term);
    if (exact !== undefined) this.scoreTerm(exact, 1, query, ranges, seq);
    let next = seq + this.fieldCount;
    const fuzzy = this.fuzzyMatches(spec, query.maxFuzzy);
    if (spec.prefix) {
      for (const [term, termId] of this.dictionary.atPrefix(spec.term)) {
        const distance = term.length - spec.term.length;
        if (!distance) continue;
        fuzzy?.delete(term);
        this.scoreTerm(
          termId,
          (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance),
          query,
          ranges,
          next,
        );
        next += this.fieldCount;
      }
    }
    if (fuzzy) {
      for (const [term, [termId, distance]] of fuzzy) {
        if (!distance) continue;
        this.scoreTerm(termId, (FUZZY_WEIGHT * term.length) / (term.length + distance), query, ranges, next);
        next += this.fieldCount;
      }
    }
    return next;
  }

  /** Whether any document holds the term, as it is, as a longer word's start, or within its typos. */
  knows(spec: QueryTerm, maxFuzzy: number): boolean {
    if (this.termIds.has(spec.term)) return true;
    if (spec.prefix && this.dictionary.atPrefix(spec.term).size > 0) return true;
    return (this.fuzzyMatches(spec, maxFuzzy)?.size ?? 0) > 0;
  }

  /** The terms within a query term's allowed typos, each with its id and distance; undefined for none. */
  private fuzzyMatches(spec: QueryTerm, maxFuzzy: number): Map<string, [number, number]> | undefined {
    if (spec.fuzzy === false) return undefined;
    const maxDistance =
      spec.fuzzy < 1 ? Math.min(maxFuzzy, Math.round(spec.term.length * spec.fuzzy)) : spec.fuzzy;
    return maxDistance ? this.dictionary.fuzzyGet(spec.term, maxDistance) : undefined;
  }

  /** Adds one (derived) term's BM25 scores, field by field, to the documents in range. */
  private scoreTerm(
    termId: number,
    weight: number,
    query: EngineQuery,
    ranges: readonly [number, number][],
    seq: number,
  ): void {
    const w = this.work;
    const n = this.documentCount;
    const { postDocs, postFreqs, ordinalOf } = this;
    const { boost, termScore, inTerm, firstSeq, fieldMask, termTouched, boosted } = w;
    const { k, b, d } = BM25;
    const booster = query.booster;
    for (let field = 0; field < this.fieldCount; field++) {
      const list = termId * this.fieldCount + field;
      const start = this.listStart[list] ?? 0;
      const end = this.listStart[list + 1] ?? 0;
      if (start === end) continue;
      const matching = end - start;
      const fieldBoost = query.fieldBoosts[field] ?? 1;
      const avgFieldLength = this.avgFieldLength[field] ?? 0;
      const lengths = this.fieldLengths[field] as Uint16Array;
      const invDocFreq = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
      const bit = 1 << field;
      const fieldSeq = seq + field;
      for (const [lo, hi] of ranges) {
        const from = lo === 0 ? start : lowerBound(postDocs, start, end, lo);
        for (let p = from; p < end; p++) {
          const doc = postDocs[p] as number;
          if (doc >= hi) break;
          let docBoost = boost[doc] as number;
          if (docBoost < 0) {
            docBoost = booster.boost(ordinalOf[doc] as number);
            boost[doc] = docBoost;
            boosted.push(doc);
          }
          if (!docBoost) continue;
          const termFreq = postFreqs[p] as number;
          const fieldLength = lengths[doc] as number;
          // MiniSearch's calcBM25Score and weighting, operation for operation.
          const rawScore =
            invDocFreq *
            (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
          const weighted = weight * fieldBoost * docBoost * rawScore;
          if (inTerm[doc] === 0) {
            inTerm[doc] = 1;
            termScore[doc] = weighted;
            termTouched.push(doc);
          } else termScore[doc] = (termScore[doc] as number) + weighted;
          if ((firstSeq[doc] as number) < 0) firstSeq[doc] = fieldSeq;
          fieldMask[doc] = (fieldMask[doc] as number) | bit;
        }
      }
    }
  }

  /** The best `limit` results: score (after the rescoring) first, then MiniSearch's order. */
  private best(query: EngineQuery, terms: readonly QueryTerm[]): EngineHit[] {
    const w = this.work;
    const limit = query.limit;
    if (limit <= 0) return [];
    // The kept documents, best first, with their scores before and after the rescoring.
    const kept: Kept = { docs: [], bases: [], scores: [] };
    const rescoreFields = query.rescoreFields ?? 0;
    const rescoreFactor = query.rescoreFactor ?? 1;
    const { total, quality, fieldMask, touched } = w;
    for (let i = 0; i < touched.length; i++) {
      const doc = touched.get(i);
      const base = (total[doc] as number) * ((quality[doc] as number) || 1);
      const score = ((fieldMask[doc] as number) & rescoreFields) !== 0 ? base * rescoreFactor : base;
      const count = kept.docs.length;
      if (count >= limit && !this.before(score, base, doc, kept, count - 1)) continue;
      let at = count;
      while (at > 0 && this.before(score, base, doc, kept, at - 1)) at--;
      kept.docs.splice(at, 0, doc);
      kept.bases.splice(at, 0, base);
      kept.scores.splice(at, 0, score);
      if (kept.docs.length > limit) {
        kept.docs.pop();
        kept.bases.pop();
        kept.scores.pop();
      }
    }
    return kept.docs.map((doc, i) => ({
      doc: this.ordinalOf[doc] ?? 0,
      score: kept.scores[i] ?? 0,
      queryTerms: w.matchedTerms(doc, terms.length).map((t) => terms[t]?.term ?? ''),
    }));
  }

  /** Whether a document with these scores comes before the kept entry at `i`. */
  private before(score: number, base: number, doc: number, kept: Kept, i: number): boolean {
    const s = kept.scores[i] ?? 0;
    if (score !== s) return score > s;
    const b = kept.bases[i] ?? 0;
    if (base !== b) return base > b;
    const other = kept.docs[i] ?? 0;
    const firstSeq = this.work.firstSeq;
    const sa = firstSeq[doc] ?? 0;
    const sb = firstSeq[other] ?? 0;
    if (sa !== sb) return sa < sb;
    return (this.ordinalOf[doc] ?? 0) < (this.ordinalOf[other] ?? 0);
  }

  /** The ranges of internal numbers a query reads. */
  private rangesFor(scope: number | undefined): [number, number][] {
    const n = this.documentCount;
    if (scope === undefined) return [[0, n]];
    const own = this.scopeRanges.get(scope);
    return own ? [own, [this.sharedStart, n]] : [[this.sharedStart, n]];
  }

  /** Documents (by number in the order added) of one scope and the shared ones, in the order added. */
  documentsIn(scope: number | undefined): number[] {
    const docs: number[] = [];
    for (const [lo, hi] of this.rangesFor(scope)) {
      for (let internal = lo; internal < hi; internal++) docs.push(this.ordinalOf[internal] ?? 0);
    }
    return docs.sort((a, b) => a - b);
  }
}

/** Work done a step at a time: it yields between steps, where it may pause, and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Documents read between two steps: well under a millisecond of work. */
export const DOCUMENTS_PER_STEP = 50;

/** How long work in slices runs before it lets the event loop turn. */
export const SLICE_MS = 4;

/** Runs work given in steps at once. */
export function finishNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs work given in steps, a slice of about `SLICE_MS` at a time, with a turn of the event loop
 * between slices: slices by time rather than by count, since the first documents of an index cost
 * more than the later ones (every word is new).
 */
export async function finishInSlices<T>(steps: Steps<T>): Promise<T> {
  let sliceStarted = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStarted >= SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
}

/** What the constructor keeps, worked out in three passes with a pause after each slice. */
interface BuiltParts {
  termIds: Map<string, number>;
  dictionary: SearchableMap<number>;
  order: InternalOrder;
  fields: FieldsRead;
  postings: Postings;
}

function* buildParts(documents: readonly EngineDocument[], options: EngineOptions): Steps<BuiltParts> {
  yield;
  const order = internalOrder(documents);
  yield;
  const termIds = new Map<string, number>();
  const dictionary = new SearchableMap<number>();
  const analyser = new TermAnalyser(options, termIds, dictionary);
  const fields = yield* readFields(documents, order.internalOf, options, analyser);
  const postings = yield* postingLists(fields, order.ordinalOf, termIds.size * options.fieldCount);
  return { termIds, dictionary, order, fields, postings };
}

/** Documents grouped by scope, as the index numbers them internally. */
interface InternalOrder {
  ordinalOf: Int32Array;
  internalOf: Int32Array;
  scopeRanges: Map<number, [number, number]>;
  sharedStart: number;
}

/**
 * Internal order: documents grouped by scope (scopes in order of first appearance, documents in
 * the order added within each), shared documents last.
 */
function internalOrder(documents: readonly EngineDocument[]): InternalOrder {
  const { scopeRanges, sharedStart } = scopeRangesOf(documents);
  const n = documents.length;
  const ordinalOf = new Int32Array(n);
  const internalOf = new Int32Array(n);
  const cursor = new Map<number, number>();
  for (const [scope, [start]] of scopeRanges) cursor.set(scope, start);
  let sharedCursor = sharedStart;
  documents.forEach((doc, ordinal) => {
    let internal: number;
    if (doc.scope < 0) internal = sharedCursor++;
    else {
      internal = cursor.get(doc.scope) ?? 0;
      cursor.set(doc.scope, internal + 1);
    }
    ordinalOf[internal] = ordinal;
    internalOf[ordinal] = internal;
  });
  return { ordinalOf, internalOf, scopeRanges, sharedStart };
}

/** Each scope's range of internal numbers, in order of first appearance, and where the shared ones start. */
function scopeRangesOf(
  documents: readonly EngineDocument[],
): Pick<InternalOrder, 'scopeRanges' | 'sharedStart'> {
  const scopeOrder: number[] = [];
  const scopeCounts = new Map<number, number>();
  for (const doc of documents) {
    if (doc.scope < 0) continue;
    const count = scopeCounts.get(doc.scope);
    if (count === undefined) scopeOrder.push(doc.scope);
    scopeCounts.set(doc.scope, (count ?? 0) + 1);
  }
  const scopeRanges = new Map<number, [number, number]>();
  let next = 0;
  for (const scope of scopeOrder) {
    const count = scopeCounts.get(scope) ?? 0;
    scopeRanges.set(scope, [next, next + count]);
    next += count;
  }
  return { scopeRanges, sharedStart: next };
}

/** What pass 1 reads from the documents, in the order added. */
interface FieldsRead {
  /** Each document's posting lists (`termId * fieldCount + field`), one entry per (term, field) pair. */
  pairs: GrowableInt32;
  /** The pair's term frequency. */
  freqs: GrowableInt32;
  /** Where each document's pairs start (and, at `n`, where the last ends). */
  docStart: Int32Array;
  /** Each posting list's length. */
  counts: GrowableInt32;
  fieldLengths: Uint16Array[];
  avgFieldLength: number[];
}

/**
 * Pass 1, in the order added (the order MiniSearch meets terms in): each document's (term, field)
 * pairs with their frequencies, and the field lengths.
 */
function* readFields(
  documents: readonly EngineDocument[],
  internalOf: Int32Array,
  options: EngineOptions,
  analyser: TermAnalyser,
): Steps<FieldsRead> {
  const n = documents.length;
  const fieldCount = options.fieldCount;
  const read: FieldsRead = {
    pairs: new GrowableInt32(),
    freqs: new GrowableInt32(),
    docStart: new Int32Array(n + 1),
    counts: new GrowableInt32(),
    fieldLengths: Array.from({ length: fieldCount }, () => new Uint16Array(n)),
    avgFieldLength: Array.from({ length: fieldCount }, () => 0),
  };
  const analysed = Array.from({ length: fieldCount }, () => new Map<string, Analysed>());
  for (let ordinal = 0; ordinal < n; ordinal++) {
    if (ordinal % DOCUMENTS_PER_STEP === 0) yield;
    const doc = documents[ordinal] as EngineDocument;
    read.docStart[ordinal] = read.pairs.length;
    for (let field = 0; field < fieldCount; field++) {
      const text = doc.fields[field];
      if (text === undefined) continue;
      const cache = options.repeating?.[field] ? analysed[field] : undefined;
      let result = cache?.get(text);
      if (!result) {
        result = analyser.analyse(text, field);
        cache?.set(text, result);
      }
      addField(read, field, fieldCount, ordinal, internalOf[ordinal] ?? 0, result);
    }
  }
  read.docStart[n] = read.pairs.length;
  return read;
}

/** Records one field of one document: its length, and its (term, field) pairs. */
function addField(
  read: FieldsRead,
  field: number,
  fieldCount: number,
  ordinal: number,
  internal: number,
  result: Analysed,
): void {
  const length = result.length;
  (read.fieldLengths[field] as Uint16Array)[internal] = Math.min(length, 0xffff);
  // MiniSearch's running average: as if every earlier document had the field.
  read.avgFieldLength[field] = ((read.avgFieldLength[field] ?? 0) * ordinal + length) / (ordinal + 1);
  for (let i = 0; i < result.ids.length; i++) {
    const list = (result.ids[i] as number) * fieldCount + field;
    read.pairs.push(list);
    read.freqs.push(Math.min(result.freqs[i] as number, 0xffff));
    read.counts.set(list, read.counts.get(list) + 1);
  }
}

interface Postings {
  listStart: Int32Array;
  postDocs: Int32Array;
  postFreqs: Uint16Array;
}

/** Pass 2, in internal order: the posting lists, each sorted by internal number. */
function* postingLists(read: FieldsRead, ordinalOf: Int32Array, lists: number): Steps<Postings> {
  const { pairs, freqs, docStart, counts } = read;
  const listStart = new Int32Array(lists + 1);
  for (let list = 0; list < lists; list++) listStart[list + 1] = (listStart[list] ?? 0) + counts.get(list);
  const fill = listStart.slice(0, lists);
  const postDocs = new Int32Array(pairs.length);
  const postFreqs = new Uint16Array(pairs.length);
  for (let internal = 0; internal < ordinalOf.length; internal++) {
    if (internal % DOCUMENTS_PER_STEP === 0) yield;
    const ordinal = ordinalOf[internal] ?? 0;
    for (let p = docStart[ordinal] ?? 0; p < (docStart[ordinal + 1] ?? 0); p++) {
      const list = pairs.get(p);
      const at = fill[list] ?? 0;
      fill[list] = at + 1;
      postDocs[at] = internal;
      postFreqs[at] = freqs.get(p);
    }
  }
  return { listStart, postDocs, postFreqs };
}

/**
 * Reads fields' texts into terms. Every distinct token is processed once: its term's id (-1 for a
 * stop word) is kept by the token's number; a new term gets the next id and goes in the dictionary.
 */
class TermAnalyser {
  private readonly tokenIndex = new Map<string, number>();
  private readonly tokenTerm = new GrowableInt32();
  private readonly tokenStamp = new GrowableInt32();
  private readonly termCount = new GrowableInt32();
  private stamp = 0;

  constructor(
    private readonly options: EngineOptions,
    private readonly termIds: Map<string, number>,
    private readonly dictionary: SearchableMap<number>,
  ) {}

  /** A field's text → its length in distinct tokens and its terms' ids and frequencies. */
  analyse(text: string, field: number): Analysed {
    const { tokenStamp, tokenTerm, termCount } = this;
    const tokens = this.options.tokenize(text, field);
    const stamp = ++this.stamp;
    let length = 0;
    const ids: number[] = [];
    for (const token of tokens) {
      const index = this.tokenNumber(token);
      if (tokenStamp.get(index) !== stamp) {
        tokenStamp.set(index, stamp);
        length++;
      }
      const id = tokenTerm.get(index);
      if (id < 0) continue;
      const count = termCount.get(id);
      if (count === 0) ids.push(id);
      termCount.set(id, count + 1);
    }
    const freqs = ids.map((id) => termCount.get(id));
    for (const id of ids) termCount.set(id, 0);
    return { length, ids, freqs };
  }

  /** A token's number; a token met for the first time has its term found and kept by it. */
  private tokenNumber(token: string): number {
    let index = this.tokenIndex.get(token);
    if (index === undefined) {
      index = this.tokenIndex.size;
      this.tokenIndex.set(token, index);
      this.tokenTerm.set(index, this.termId(this.options.processTerm(token)));
    }
    return index;
  }

  /** A term's id, a new one for a term not met before; -1 for no term (a stop word). */
  private termId(term: string | null): number {
    if (!term) return -1;
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      this.dictionary.set(term, id);
    }
    return id;
  }
}

interface Analysed {
  length: number;
  ids: number[];
  freqs: number[];
}

interface Kept {
  docs: number[];
  bases: number[];
  scores: number[];
}

/** The first position in sorted `array[from..to)` whose value is at least `value`. */
function lowerBound(array: Int32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((array[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An Int32Array that grows. */
class GrowableInt32 {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length * 2);
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i] ?? 0;
  }
  /** Sets position i (growing, zero-filled, as needed). */
  set(i: number, value: number): void {
    if (i >= this.data.length) this.grow(Math.max(i + 1, this.data.length * 2));
    if (i >= this.length) this.length = i + 1;
    this.data[i] = value;
  }
  private grow(capacity: number): void {
    const data = new Int32Array(capacity);
    data.set(this.data.subarray(0, this.length));
    this.data = data;
  }
}

/**
 * Per-document scratch space for one search, allocated once per index and cleaned after each
 * search by visiting only what it touched (searches run one at a time: they are synchronous).
 */
class Workspace {
  readonly total: Float64Array;
  readonly termScore: Float64Array;
  /** A document's boost in this search; -1 until computed. */
  readonly boost: Float64Array;
  readonly seen: Uint8Array;
  readonly inTerm: Uint8Array;
  readonly quality: Uint16Array;
  readonly firstSeq: Int32Array;
  readonly fieldMask: Int32Array;
  /** The query terms a document matched, a bit per term, for the first `MASK_TERMS` terms. */
  readonly termMask: Int32Array;
  readonly touched = new GrowableInt32();
  readonly termTouched = new GrowableInt32();
  readonly boosted = new GrowableInt32();
  /** Each document's matched query terms, as a linked list in term order. */
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly poolTerm = new GrowableInt32();
  private readonly poolNext = new GrowableInt32();

  constructor(n: number) {
    this.total = new Float64Array(n);
    this.termScore = new Float64Array(n);
    this.boost = new Float64Array(n).fill(-1);
    this.seen = new Uint8Array(n);
    this.inTerm = new Uint8Array(n);
    this.quality = new Uint16Array(n);
    this.firstSeq = new Int32Array(n).fill(-1);
    this.fieldMask = new Int32Array(n);
    this.termMask = new Int32Array(n);
    this.head = new Int32Array(n).fill(-1);
    this.tail = new Int32Array(n).fill(-1);
  }

  /** Adds the scores of query term `t` to the totals: MiniSearch sums a term's scores per document first. */
  addTermScores(t: number): void {
    for (let i = 0; i < this.termTouched.length; i++) {
      const doc = this.termTouched.get(i);
      if (this.seen[doc] === 0) {
        this.seen[doc] = 1;
        this.total[doc] = this.termScore[doc] ?? 0;
        this.touched.push(doc);
      } else this.total[doc] = (this.total[doc] ?? 0) + (this.termScore[doc] ?? 0);
      this.quality[doc] = (this.quality[doc] ?? 0) + 1;
      if (t < MASK_TERMS) this.termMask[doc] = (this.termMask[doc] ?? 0) | (1 << t);
      else this.addMatchedTerm(doc, t);
      this.inTerm[doc] = 0;
    }
  }

  addMatchedTerm(doc: number, term: number): void {
    const node = this.poolTerm.length;
    this.poolTerm.push(term);
    this.poolNext.push(-1);
    const last = this.tail[doc] ?? -1;
    if (last < 0) this.head[doc] = node;
    else this.poolNext.set(last, node);
    this.tail[doc] = node;
  }

  matchedTerms(doc: number, count: number): number[] {
    const terms: number[] = [];
    const mask = this.termMask[doc] ?? 0;
    for (let t = 0; t < Math.min(count, MASK_TERMS); t++) if ((mask & (1 << t)) !== 0) terms.push(t);
    for (let node = this.head[doc] ?? -1; node >= 0; node = this.poolNext.get(node)) {
      terms.push(this.poolTerm.get(node));
    }
    return terms;
  }

  reset(): void {
    for (let i = 0; i < this.touched.length; i++) {
      const doc = this.touched.get(i);
      this.total[doc] = 0;
      this.seen[doc] = 0;
      this.quality[doc] = 0;
      this.fieldMask[doc] = 0;
      this.termMask[doc] = 0;
      this.firstSeq[doc] = -1;
      this.head[doc] = -1;
      this.tail[doc] = -1;
    }
    // Touched in a term that threw before it was summed: cleaned too.
    for (let i = 0; i < this.termTouched.length; i++) {
      const doc = this.termTouched.get(i);
      this.inTerm[doc] = 0;
      this.firstSeq[doc] = -1;
      this.fieldMask[doc] = 0;
    }
    for (let i = 0; i < this.boosted.length; i++) this.boost[this.boosted.get(i)] = -1;
    this.touched.length = 0;
    this.termTouched.length = 0;
    this.boosted.length = 0;
    this.poolTerm.length = 0;
    this.poolNext.length = 0;
  }
}
