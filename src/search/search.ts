/**
 * Full-text search over a dataset: claims, groups, people, places and events, with MiniSearch.
 *
 * The index is built once per Dataset and kept in a WeakMap, so handlers stay pure (same dataset,
 * same question, same answer) and a question costs a lookup, not a rebuild.
 *
 * Scoring, in order of effect:
 * - BM25 per field (MiniSearch's default), times the field's boost (`FIELD_BOOSTS`): what a claim
 *   says in the project's words and an entity's names weigh most; the verbatim quote, the measure's
 *   label and the topic a middle amount; who speaks and what the claim is about least.
 * - MiniSearch multiplies a document's score by the number of question terms it matches, so a
 *   claim that matches "attackers" and "killed" beats one that matches only "killed".
 * - Typos: fuzzy matching within 20% of a word's length (at most 2 edits), and prefix matching for
 *   words of 4 letters or more, both weighted below an exact match (MiniSearch's weights). Concept
 *   tokens, sound keys and numbers (terms.ts) are matched exactly only. A misspelt synonym-table
 *   word ("woundd") is corrected before the search; a transliterated name ("Tehrik-e-Jehad") also
 *   matches by its sound key, in the `sound` field (boost 1), which counts as one more matched term.
 * - Document boosts (`documentBoost`): a claim about the incident itself counts fully; a claim of
 *   the regional context or about a related event counts 0.6; a figure of a sub-measure (critical
 *   among the injured) 0.9; a perpetrators' claim 0.8 (it stays visible in its comparison); a
 *   claim about the attackers 0.7 unless the question names them ("how many died" asks about the
 *   victims). Groups, people, places and events count 1.5: a question that names one is about it,
 *   and its answer carries its claims; twice that when the question is nothing but its name or an
 *   alias ("TJP", "who is Sarfraz Bugti").
 * - Intents read from the question (synonyms.ts) raise, by 1.5, the documents that answer that
 *   kind of question: figures for "how many", time claims and events for "when", location claims
 *   and places for "where", responsibility claims, groups and people for "who", and so on; for
 *   "what did X say", hits whose speaker matched are raised by 1.5 after the search (`SPEAKER_FIELD`).
 * - A question of common words only is no question ("how many?"), unless its intent can stand
 *   alone ("what happened", "who?"): then the documents answering that intent, by weight.
 * - Hits below 15% of the best hit's score are dropped as noise.
 */

import { figureSubject } from '../compare/figures.js';
import { type ClaimRecord, type Dataset, positionOf } from '../dataset/dataset.js';
import { groupNames, nameKey } from '../dataset/names.js';
import type { Event, Group, Person, Place } from '../dataset/schema.js';
import {
  CompactIndex,
  DOCUMENTS_PER_STEP,
  type DocumentBooster,
  type EngineDocument,
  finishInSlices,
  finishNow,
  type Steps,
} from './engine.js';
import { recentPerDataset } from './recent.js';
import { INTENT_CUES, type Intent, STANDALONE_INTENTS } from './synonyms.js';
import {
  fold,
  informativeWords,
  isConcept,
  isExactOnly,
  nameSoundKeys,
  processQueryTerm,
  processTerm,
  soundKey,
  tokenize,
} from './terms.js';

export type SearchItem =
  | { kind: 'claim'; item: ClaimRecord }
  | { kind: 'group'; item: Group }
  | { kind: 'person'; item: Person }
  | { kind: 'place'; item: Place }
  | { kind: 'event'; item: Event };

export type SearchHit = SearchItem & {
  score: number;
  /** The question's terms (after synonyms and stemming) that this document matched. */
  terms: string[];
};

export interface SearchOptions {
  /** At most this many hits (default 10). */
  limit?: number;
  /** Only claims of this incident (entities are shared by all incidents). */
  incident?: string;
}

export interface SearchResults {
  hits: SearchHit[];
  /** The question's search terms, after stop words, synonyms, typo correction and stemming. */
  terms: string[];
  intents: Intent[];
}

type Field =
  | 'name'
  | 'statement'
  | 'label'
  | 'figure'
  | 'quote'
  | 'topic'
  | 'speaker'
  | 'about'
  | 'details'
  | 'sound';

const FIELDS: readonly Field[] = [
  'name',
  'sound',
  'statement',
  'label',
  'figure',
  'quote',
  'topic',
  'speaker',
  'about',
  'details',
];

export const FIELD_BOOSTS: Record<Field, number> = {
  name: 3,
  statement: 3,
  label: 2,
  figure: 2,
  quote: 1.5,
  topic: 1.5,
  speaker: 1,
  about: 1,
  details: 1,
  sound: 1,
};

/** Below this share of the best hit's score, a hit is noise from a fuzzy or incidental match. */
export const RELATIVE_CUTOFF = 0.15;

type Document = { id: string } & Partial<Record<Field, string>>;

interface Index {
  engine: CompactIndex;
  /** Every document, by its number in the order added: claims first, then entities. */
  docs: SearchItem[];
  /** A document's id ("claim:x", "group:tjp") → its number. */
  numbers: Map<string, number>;
  /** Every term in the index, for the query-time typo correction of synonym words. */
  vocabulary: ReadonlySet<string>;
  /** By document number: a claim's weight before intents (see `documentBoost`); 0 for entities. */
  claimWeight: Float64Array;
  /** By document number: its flags (see `documentFlags`). */
  flags: Uint16Array;
  /** By document number: a claim's scope (its incident's), -1 for entities. */
  docScope: Int32Array;
  /** An incident's id → its scope in the engine (claims are grouped by incident). */
  scopes: Map<string, number>;
  /** An entity's names and aliases folded by `nameKey` → the ids of the documents so named. */
  names: Map<string, string[]>;
  /** Questions of common words only, answered by intent alone: the same few, asked again and again. */
  intentOnly: Map<string, SearchHit[]>;
}

const indexes = new WeakMap<Dataset, Index>();

/** The dataset's search index, built on first use (the bot builds it at start). */
export function searchIndex(dataset: Dataset): Index {
  let index = indexes.get(dataset);
  if (!index) {
    index = finishNow(buildIndex(dataset));
    indexes.set(dataset, index);
  }
  return index;
}

/**
 * Builds the dataset's index before it serves (a reloaded dataset), so that no question waits
 * for it: a slice at a time, with a turn of the event loop between slices, so that the bot goes
 * on answering meanwhile (1.3 s of work for 100,000 claims, in slices of a few milliseconds).
 */
export async function prepareSearchIndex(dataset: Dataset): Promise<void> {
  if (indexes.has(dataset)) return;
  const index = await finishInSlices(buildIndex(dataset));
  if (!indexes.has(dataset)) indexes.set(dataset, index);
}

/** Fields whose texts repeat across documents (names, labels, speakers): tokenized once per text. */
const REPEATING_FIELDS = new Set<Field>(['name', 'sound', 'label', 'figure', 'topic', 'speaker', 'about']);

function* buildIndex(dataset: Dataset): Steps<Index> {
  const added = yield* addDocuments(dataset);
  // A dataset repeats its words and names endlessly: each word is read once, and so is each
  // distinct text of the fields that repeat (a few thousand even for 100,000 claims).
  const engine = yield* CompactIndex.building(added.documents, {
    fieldCount: FIELDS.length,
    repeating: FIELDS.map((field) => REPEATING_FIELDS.has(field)),
    tokenize: tokenizeField,
    processTerm: indexTermReader(),
  });
  yield;
  const flags = new Uint16Array(added.docs.length);
  for (const [i, doc] of added.docs.entries()) {
    if (i % DOCUMENTS_PER_STEP === 0) yield;
    flags[i] = documentFlags(doc);
  }
  return {
    engine,
    docs: added.docs,
    numbers: added.numbers,
    vocabulary: engine.vocabulary,
    claimWeight: Float64Array.from(added.weights),
    flags,
    docScope: Int32Array.from(added.documents, (d) => d.scope),
    scopes: added.scopes,
    names: added.names,
    intentOnly: new Map(),
  };
}

/** The `sound` field holds names; it is indexed by their sound keys only. */
function tokenizeField(text: string, field: number): string[] {
  return FIELDS[field] === 'sound' ? nameSoundKeys(text) : tokenize(text);
}

/** The index's `processTerm`, reading each distinct token once. */
function indexTermReader(): (token: string) => string | null {
  const termOf = new Map<string, string | null>();
  return (token) => {
    let term = termOf.get(token);
    if (term === undefined) {
      term = processTerm(token, { question: false });
      termOf.set(token, term);
    }
    return term;
  };
}

/** Every document of the dataset, in the order the index numbers them: claims first, then entities. */
function* addDocuments(dataset: Dataset): Steps<IndexDocuments> {
  const added = new IndexDocuments(dataset);
  const { claims } = dataset;
  for (let i = 0; i < claims.length; i++) {
    if (i % DOCUMENTS_PER_STEP === 0) yield;
    const claim = claims[i] as ClaimRecord;
    added.add({ kind: 'claim', item: claim }, claimDocument(dataset, claim));
  }
  yield;
  for (const group of dataset.groups) added.add({ kind: 'group', item: group }, groupDocument(group));
  for (const person of dataset.people) {
    added.add({ kind: 'person', item: person }, personDocument(dataset, person));
  }
  for (const [i, place] of dataset.places.entries()) {
    if (i % DOCUMENTS_PER_STEP === 0) yield;
    added.add({ kind: 'place', item: place }, placeDocument(dataset, place));
  }
  for (const [i, event] of dataset.events.entries()) {
    if (i % DOCUMENTS_PER_STEP === 0) yield;
    added.add({ kind: 'event', item: event }, eventDocument(dataset, event));
  }
  return added;
}

/** The documents as added, and what the index keeps of each beside the engine (see `Index`). */
class IndexDocuments {
  readonly docs: SearchItem[] = [];
  readonly documents: EngineDocument[] = [];
  readonly numbers = new Map<string, number>();
  readonly scopes = new Map<string, number>();
  readonly weights: number[] = [];
  readonly names = new Map<string, string[]>();

  constructor(private readonly dataset: Dataset) {}

  add(item: SearchItem, document: Document): void {
    this.numbers.set(document.id, this.docs.length);
    this.docs.push(item);
    const scope = item.kind === 'claim' ? this.scopeOf(item.item.incident) : -1;
    this.documents.push({ fields: FIELDS.map((field) => document[field]), scope });
    this.weights.push(item.kind === 'claim' ? claimBaseWeight(this.dataset, item.item) : 0);
    if (item.kind !== 'claim') this.addNames(item, document.id);
  }

  /** Claims are grouped by incident: an incident's scope is its number in order of first appearance. */
  private scopeOf(incident: string): number {
    const scope = this.scopes.get(incident) ?? this.scopes.size;
    this.scopes.set(incident, scope);
    return scope;
  }

  private addNames(item: EntityItem, id: string): void {
    const known = item.kind === 'group' ? groupNames(item.item) : [item.item.id, entityTitle(item)];
    const aliases = item.kind === 'person' || item.kind === 'place' ? item.item.aliases : [];
    for (const name of new Set([...known, ...aliases].map(nameKey))) {
      const list = this.names.get(name);
      if (list) list.push(id);
      else this.names.set(name, [id]);
    }
  }
}

type EntityItem = Exclude<SearchItem, { kind: 'claim' }>;

function entityTitle(item: EntityItem): string {
  return item.kind === 'event' ? item.item.title : item.item.name;
}

/** An entity's document: its names, matched by spelling and by sound, what it is, and details. */
function entityDocument(
  id: string,
  names: readonly string[],
  label: string,
  details: string | undefined,
): Document {
  const name = names.join(' · ');
  return { id, name, sound: name, label, details };
}

function groupDocument(group: Group): Document {
  return entityDocument(`group:${group.id}`, groupNames(group), group.kind, group.description);
}

function personDocument(dataset: Dataset, person: Person): Document {
  const group = person.group ? entityNames(dataset, person.group) : undefined;
  return entityDocument(`person:${person.id}`, [person.name, ...person.aliases], person.role, group);
}

function placeDocument(dataset: Dataset, place: Place): Document {
  const within = place.within ? entityNames(dataset, place.within) : undefined;
  return entityDocument(`place:${place.id}`, [place.name, ...place.aliases], place.kind, within);
}

function eventDocument(dataset: Dataset, event: Event): Document {
  const details = [event.date, event.date_note, event.place ? entityNames(dataset, event.place) : '']
    .filter(Boolean)
    .join(' · ');
  return entityDocument(`event:${event.id}`, [event.title], event.kind, details);
}

function claimDocument(dataset: Dataset, claim: ClaimRecord): Document {
  const measure = claim.measure ? dataset.measureById.get(claim.measure) : undefined;
  const speaker = claim.speaker.id === 'report' ? undefined : entityNames(dataset, claim.speaker.id);
  const named = new Set([
    ...claim.about,
    ...(claim.relation ? [claim.relation.subject, claim.relation.object] : []),
  ]);
  const about = [...named].map((id) => entityNames(dataset, id)).join(' · ');
  return {
    id: `claim:${claim.id}`,
    statement: claim.statement,
    quote: claim.quote,
    label: [
      measure?.label ?? claim.measure,
      ...(measure?.synonyms ?? []),
      claim.figure?.counted,
      ...pointWords(dataset, claim),
    ]
      .filter(Boolean)
      .join(' · '),
    figure: claim.figure ? (claim.figure.words ?? String(claim.figure.value)) : undefined,
    topic: claim.topic.replace(/_/g, ' '),
    speaker,
    about,
    sound: [about, speaker ?? ''].join(' · '),
  };
}

/** What a point and the claim's position on it are called, and the words declared for them. */
function pointWords(dataset: Dataset, claim: ClaimRecord): string[] {
  if (!claim.point) return [];
  const point = dataset.pointById.get(claim.point);
  const position = claim.position ? positionOf(dataset, claim.point, claim.position) : undefined;
  return [point?.label, ...(point?.synonyms ?? []), position?.label, ...(position?.synonyms ?? [])].filter(
    (w): w is string => w !== undefined,
  );
}

/** Every name an entity goes by: a group's short name and aliases, a person's aliases. */
function entityNames(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  if (!entity) return '';
  switch (entity.kind) {
    case 'group':
      return groupNames(entity.value).join(' · ');
    case 'event':
      return entity.value.title;
    case 'speaker':
      return [entity.value.name, entity.value.role].filter(Boolean).join(' · ');
    default:
      return [entity.value.name, ...entity.value.aliases].join(' · ');
  }
}

/** A claim's weight before intents: the incident itself first, its context after. */
function claimBaseWeight(dataset: Dataset, claim: ClaimRecord): number {
  let weight = 1;
  const aboutEvent = figureSubject(claim, dataset) !== claim.incident;
  if (claim.topic === 'context' || aboutEvent) weight *= 0.6;
  if (claim.measure && dataset.measureById.get(claim.measure)?.part_of.length) weight *= 0.9;
  if (claim.status === 'perpetrator_claim') weight *= 0.8;
  return weight;
}

const INTENT_BOOST = 1.5;

/** An entity named by a question is usually what it is about: its card leads, with its claims. */
const ENTITY_BOOST = 1.5;
/** Casualty questions are about the victims unless they name the attackers. */
const ATTACKERS_UNASKED = 0.7;

/** A question that is an entity's name ("TJP", "who is Sarfraz Bugti") is about that entity. */
const NAMED_BOOST = 2;

interface Query {
  terms: readonly string[];
  intents: readonly Intent[];
  /** Numbers of the documents of the entities the question names outright. */
  named: ReadonlySet<number>;
  incident: string | undefined;
}

function documentBoost(index: Index, query: Query): QueryBoost {
  return new QueryBoost(index, query);
}

/** A document's weight for one question (see the file comment): one class, so one call target. */
class QueryBoost implements DocumentBooster {
  /** The bits (see `IntentBits`) of the question's intents, in order. */
  private readonly intentBits: number[];
  private readonly attackersAsked: boolean;
  private readonly scope: number | undefined;
  constructor(
    private readonly index: Index,
    private readonly query: Query,
  ) {
    this.attackersAsked = query.terms.includes('ATTACKER');
    this.intentBits = query.intents.map((intent) => INTENT_BITS[intent]);
    this.scope = scopeOf(index, query.incident);
  }

  /** As `answersIntent` and the rules in the file comment, read from per-document flags. */
  boost(doc: number): number {
    const { flags, claimWeight, docScope } = this.index;
    const docFlags = flags[doc] ?? 0;
    let boost = this.query.named.has(doc) ? ENTITY_BOOST * NAMED_BOOST : ENTITY_BOOST;
    if ((docFlags & IS_CLAIM) !== 0) {
      if (this.scope !== undefined && docScope[doc] !== this.scope) return 0;
      boost = claimWeight[doc] ?? 1;
      if ((docFlags & ATTACKERS_TOPIC) !== 0 && !this.attackersAsked) boost *= ATTACKERS_UNASKED;
    }
    for (const bit of this.intentBits) if ((docFlags & bit) !== 0) boost *= INTENT_BOOST;
    return boost;
  }
}

/** Per-document flags: what kind of document it is, and which intents it answers. */
const IS_CLAIM = 1 << 0;
const ATTACKERS_TOPIC = 1 << 1;
const INTENT_BITS: Record<Intent, number> = {
  count: 1 << 2,
  time: 1 << 3,
  location: 1 << 4,
  who: 1 << 5,
  sequence: 1 << 6,
  why: 1 << 7,
  // Never answered by a document as such: raised after the search instead (see `SPEAKER_FIELD`).
  said: 1 << 8,
};

function documentFlags(item: SearchItem): number {
  let flags = item.kind === 'claim' ? IS_CLAIM : 0;
  if (item.kind === 'claim' && item.item.topic === 'attackers') flags |= ATTACKERS_TOPIC;
  for (const intent of Object.keys(INTENT_BITS) as Intent[]) {
    if (answersIntent(item, intent)) flags |= INTENT_BITS[intent];
  }
  return flags;
}

function answersIntent(found: SearchItem, intent: Intent): boolean {
  switch (intent) {
    case 'count':
      return found.kind === 'claim' && found.item.figure !== undefined;
    case 'time':
      return (found.kind === 'claim' && found.item.topic === 'time') || found.kind === 'event';
    case 'location':
      return (found.kind === 'claim' && found.item.topic === 'location') || found.kind === 'place';
    case 'who':
      return (
        (found.kind === 'claim' && found.item.topic === 'responsibility') ||
        found.kind === 'group' ||
        found.kind === 'person'
      );
    case 'sequence':
      return found.kind === 'claim' && found.item.topic === 'sequence';
    case 'why':
      return (
        found.kind === 'claim' &&
        (found.item.status === 'analyst_view' ||
          found.item.topic === 'responsibility' ||
          found.item.topic === 'reactions')
      );
    case 'said':
      // Raised after the search, by where the match is (the speaker field): see `SPEAKER_FIELD`.
      return false;
  }
}

/** For "what did X say": a document whose speaker the question names is what was asked for. */
const SPEAKER_FIELD = 1 << FIELDS.indexOf('speaker');

/** The question's search terms, as the index reads them (stop words gone, synonyms applied). */
export function questionTerms(dataset: Dataset, question: string): string[] {
  const index = searchIndex(dataset);
  const known = (term: string) => index.vocabulary.has(term);
  const terms = new Set<string>();
  for (const token of tokenize(question)) {
    const term = processQueryTerm(token, known);
    if (!term) continue;
    terms.add(term);
    // A word that may be a name is also looked up by its sound key ("jehad" → "~jhd").
    const key = isConcept(term) ? null : soundKey(token);
    if (key && known(key)) terms.add(key);
  }
  return [...terms];
}

/** What kind of answer the question asks for: its words ("how many") or its concepts (TIME). */
export function questionIntents(question: string, terms: readonly string[]): Intent[] {
  const text = fold(question);
  const intents = (Object.keys(INTENT_CUES) as Intent[]).filter((intent) =>
    INTENT_CUES[intent].some((cue) => cue.test(text)),
  );
  if (terms.includes('TIME') && !intents.includes('time')) intents.push('time');
  if (terms.includes('LOCATION') && !intents.includes('location')) intents.push('location');
  return intents;
}

/**
 * The dataset's documents that best match a question, best first. Empty when the question has no
 * searchable word (only stop words) or nothing matches.
 */
export function searchDataset(
  dataset: Dataset,
  question: string,
  options: SearchOptions = {},
): SearchResults {
  return recentSearch(dataset, JSON.stringify([question, options.limit ?? null, options.incident ?? null]));
}

const recentSearch = recentPerDataset((dataset, key) => {
  const [question, limit, incident] = JSON.parse(key) as [string, number | null, string | null];
  return search(dataset, question, {
    ...(limit === null ? {} : { limit }),
    ...(incident === null ? {} : { incident }),
  });
});

function search(dataset: Dataset, question: string, options: SearchOptions): SearchResults {
  const index = searchIndex(dataset);
  const terms = questionTerms(dataset, question);
  const intents = questionIntents(question, terms);
  if (terms.length === 0) return { hits: intentOnlyHits(index, intents, options), terms, intents };
  const asked = nameKey(informativeWords(question).join(' '));
  const named = new Set(
    (asked === '' ? [] : (index.names.get(asked) ?? [])).flatMap((id) => index.numbers.get(id) ?? []),
  );

  const found = index.engine.search({
    terms: terms.map(queryTerm),
    fieldBoosts: FIELDS.map((field) => FIELD_BOOSTS[field]),
    maxFuzzy: MAX_FUZZY,
    booster: documentBoost(index, { terms, intents, named, incident: options.incident }),
    scope: scopeOf(index, options.incident),
    // "What did X say": raised after the search, by where the match is.
    rescoreFields: intents.includes('said') ? SPEAKER_FIELD : 0,
    rescoreFactor: INTENT_BOOST,
    limit: options.limit ?? 10,
  });
  const best = found[0]?.score ?? 0;
  const hits = found
    .filter((r) => r.score >= best * RELATIVE_CUTOFF)
    .flatMap((r) => toHit(index, r.doc, r.score, r.queryTerms));
  return { hits, terms, intents };
}

/** A question's term as the engine looks it up: typos within 20% of its length, longer words it starts. */
function queryTerm(term: string): { term: string; fuzzy: number | false; prefix: boolean } {
  return { term, fuzzy: isExactOnly(term) ? false : 0.2, prefix: !isExactOnly(term) && term.length >= 4 };
}

/** The shortest word read as a misspelling of another when deciding whether any report holds it. */
const TYPO_LENGTH = 6;

/** The most typos a looked-up term may have. */
const MAX_FUZZY = 2;

/**
 * The question's words that no report, name or label holds, even misspelt as search allows
 * ("cricket"): a question of such words only is about something the dataset does not cover.
 */
export function unheardWords(dataset: Dataset, question: string): string[] {
  const index = searchIndex(dataset);
  const known = (term: string) => index.vocabulary.has(term);
  return tokenize(question).filter((token) => {
    const term = processQueryTerm(token, known);
    if (term === null || isConcept(term) || /\d/.test(term)) return false;
    // A short word within a typo of another is too often that other word ("fund", "found").
    const spec = { ...queryTerm(term), ...(term.length < TYPO_LENGTH ? { fuzzy: false as const } : {}) };
    return !index.engine.knows(spec, MAX_FUZZY);
  });
}

/** The engine's scope for an incident: its claims (none for an unknown one) and the entities. */
function scopeOf(index: Index, incident: string | undefined): number | undefined {
  return incident === undefined ? undefined : (index.scopes.get(incident) ?? -1);
}

/** At most this many intent-only answers are kept per index. */
const INTENT_ONLY_CACHE = 256;

/**
 * A question of common words only ("what happened", "who?") with an intent that can stand alone:
 * the documents that answer that intent, ranked by their weights alone (claims before entities).
 */
function intentOnlyHits(index: Index, intents: readonly Intent[], options: SearchOptions): SearchHit[] {
  const standalone = intents.filter((i) => STANDALONE_INTENTS.includes(i));
  if (standalone.length === 0) return [];
  const key = JSON.stringify([standalone, options.incident ?? null, options.limit ?? 10]);
  const cached = index.intentOnly.get(key);
  if (cached) return cached;
  const boost = documentBoost(index, {
    terms: [],
    intents: standalone,
    named: new Set(),
    incident: options.incident,
  });
  // As a wildcard search would: every document scored by its boost, in the order added, sorted
  // (stably) by that score; then entities lowered below claims and sorted again.
  const results = index.engine
    .documentsIn(scopeOf(index, options.incident))
    .flatMap((doc) => {
      const found = index.docs[doc];
      if (!found || !standalone.some((intent) => answersIntent(found, intent))) return [];
      const weight = boost.boost(doc);
      return [{ doc, weight, score: found.kind === 'claim' ? weight : weight / ENTITY_BOOST }];
    })
    .sort((a, b) => b.score - a.score || b.weight - a.weight || a.doc - b.doc);
  const hits = results.slice(0, options.limit ?? 10).flatMap((r) => toHit(index, r.doc, r.score, []));
  if (index.intentOnly.size >= INTENT_ONLY_CACHE) index.intentOnly.clear();
  index.intentOnly.set(key, hits);
  return hits;
}

function toHit(index: Index, doc: number, score: number, terms: string[]): SearchHit[] {
  const found = index.docs[doc];
  // Built field by field: a spread of documents of five kinds is V8's slowest way to copy them.
  return found ? [{ kind: found.kind, item: found.item, score, terms } as SearchHit] : [];
}
