/**
 * From text to search terms, the same way for the dataset and for a question:
 *
 * 1. `tokenize`: fold case and accents, join dotted abbreviations ("T.J.P." → "tjp"), turn the
 *    table's phrases ("suicide bomber", "security forces") into their concept token, and split on
 *    anything that is not a letter or a digit.
 * 2. `processTerm`: drop stop words and single letters; a word of the synonym table becomes its
 *    concept token; any other word is stemmed lightly (plural s, -ies, -ing, -ed).
 * 3. Names also get a sound key (`soundKey`): the consonant skeleton of the word, so the
 *    transliterations of one name meet ("Tehrik-e-Jehad" and "Tehreek-e-Jihad" both give "~thrk"
 *    and "~jhd"). Keys are made for capitalised words of the names a document carries, and for
 *    every long word of a question (people type names in lower case).
 * 4. At query time only, a word that is not in the index and is one typo away from a word of the
 *    synonym table is read as that word ("woundd" → INJURED, "wher" → LOCATION). Typos in other
 *    words are left to MiniSearch's fuzzy match.
 */
import { CONCEPTS, type Concept, QUESTION_ONLY_WORDS, STOP_PHRASES, STOP_WORDS } from './synonyms.js';

/** word → concept, for every single word of the table. */
const WORD_CONCEPT = new Map<string, Concept>();
/** Phrases of two words or more (words joined by one space) → concept. */
const PHRASE_CONCEPT = new Map<string, Concept>();

for (const [concept, words] of Object.entries(CONCEPTS) as [Concept, readonly string[]][]) {
  for (const word of words) {
    const key = fold(word);
    if (key.includes(' ')) PHRASE_CONCEPT.set(key, concept);
    else WORD_CONCEPT.set(key, concept);
  }
}

/** One pattern for every phrase, longest first, so "suicide bombers" wins over "suicide bomber". */
const PHRASE = phrasePattern([...PHRASE_CONCEPT.keys()]);
const STOP_PHRASE = phrasePattern(STOP_PHRASES);

function phrasePattern(phrases: readonly string[]): RegExp {
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  return new RegExp(`\\b(?:${sorted.map((p) => p.split(' ').join('\\s+')).join('|')})\\b`, 'g');
}

/** The synonym table's single words, by first letter: the candidates for typo correction. */
const TYPO_CANDIDATES = new Map<string, string[]>();
for (const word of [...WORD_CONCEPT.keys()]) {
  const list = TYPO_CANDIDATES.get(word[0] ?? '');
  if (list) list.push(word);
  else TYPO_CANDIDATES.set(word[0] ?? '', [word]);
}

const CONCEPT_TOKEN = /^[A-Z]+$/;
const SOUND_MARK = '~';

export function isConcept(term: string): boolean {
  return CONCEPT_TOKEN.test(term);
}

/** Concept tokens, sound keys and numbers are matched exactly: no prefix, no fuzzy match. */
export function isExactOnly(term: string): boolean {
  return isConcept(term) || term.startsWith(SOUND_MARK) || /\d/.test(term);
}

/**
 * A name's consonant skeleton: the first letter, then the consonants, with c/q/k, s/z and v/w
 * merged and doubled letters single. "Tehreek" and "Tehrik" → "~thrk"; "Jihad", "Jehad" → "~jhd".
 * Null for short words, whose skeletons would meet too many others.
 */
export function soundKey(word: string): string | null {
  const w = fold(word).replace(/[^a-z]/g, '');
  if (w.length < 5) return null;
  const key = `${w[0]}${w.slice(1).replace(/[aeiouy]/g, '')}`
    .replace(/ph/g, 'f')
    .replace(/[cq]/g, 'k')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/(.)\1+/g, '$1');
  return key.length >= 3 ? `${SOUND_MARK}${key}` : null;
}

/** The sound keys of the capitalised words of a text of names: "Tehreek-e-Jihad Pakistan". */
export function nameSoundKeys(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => /^\p{Lu}/u.test(word))
    .map(soundKey)
    .filter((key): key is string => key !== null);
}

/** Lower case, no accents, curly quotes straightened. */
export function fold(text: string): string {
  // Plain ASCII has no accents to strip: the common case, skipped cheaply.
  const bare = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKD').replace(/\p{M}/gu, '');
  return bare.toLowerCase().replace(/[’‘`´]/g, "'");
}

/** Text → raw tokens: lower-case words and digits, and concept tokens for the table's phrases. */
export function tokenize(text: string): string[] {
  let folded = fold(text)
    // "t.j.p." → "tjp", "u.s." → "us": abbreviations written with dots are one word.
    .replace(/\b(?:\p{L}\.){2,}/gu, (abbreviation) => abbreviation.replace(/\./g, ''))
    // "35,000" → "35000": the thousands separator is not a word break.
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  folded = folded
    .replace(STOP_PHRASE, ' ')
    .replace(PHRASE, (phrase) => ` ${PHRASE_CONCEPT.get(phrase.replace(/\s+/g, ' ')) ?? ''} `);
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** A light English stemmer: enough to meet "rammed" and "ramming", "bombs" and "bomb". */
export function stem(word: string): string {
  if (/\d/.test(word) || word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length - 3 >= 3) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length - 2 >= 3) w = undouble(w.slice(0, -2));
  else if (/(ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // "collapse" and "collapsed" both end as "collaps".
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** "ramm" → "ram", "bigg" → "big"; but "kill", "pass", "buzz" keep their pair. */
function undouble(w: string): string {
  return /([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

/**
 * One raw token → its index term: a concept token, a stemmed word, or null for a stop word.
 * Used for the dataset and for questions alike; only `question` words such as "when" differ.
 */
export function processTerm(token: string, { question = false } = {}): string | null {
  if (isConcept(token) || token.startsWith(SOUND_MARK)) return token;
  // Tokens from `tokenize` are folded already; MiniSearch may pass others.
  const word = /^[a-z0-9]+$/.test(token) ? token : fold(token);
  if (STOP_WORDS.has(word) || (!question && QUESTION_ONLY_WORDS.has(word))) return null;
  if (word.length < 2 && !/\d/.test(word)) return null;
  const concept = WORD_CONCEPT.get(word);
  if (concept) return concept;
  const stemmed = stem(word);
  return WORD_CONCEPT.get(stemmed) ?? stemmed;
}

/**
 * The query-time reading of a token: as `processTerm`, and a word the index does not know that is
 * one typo away from a word of the synonym table (two for long words) is read as that word.
 * The first letter must match: typos rarely change it, and it keeps "tied" from meaning "died".
 */
export function processQueryTerm(token: string, known: (term: string) => boolean): string | null {
  const term = processTerm(token, { question: true });
  if (term === null || isConcept(term) || known(term) || /\d/.test(term)) return term;
  const word = fold(token);
  if (word.length < 4) return term;
  const limit = word.length >= 8 ? 2 : 1;
  // The nearest word wins; between equally near ones, the one sharing the longer start ("wher" is
  // "where" missing its end, not "when" mistyped).
  let best: { word: string; distance: number; shared: number } | undefined;
  for (const candidate of TYPO_CANDIDATES.get(word[0] ?? '') ?? []) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(word, candidate, limit);
    if (distance > limit) continue;
    const shared = sharedStart(word, candidate);
    if (!best || distance < best.distance || (distance === best.distance && shared > best.shared)) {
      best = { word: candidate, distance, shared };
    }
  }
  return best ? (WORD_CONCEPT.get(best.word) ?? term) : term;
}

function sharedStart(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Optimal string alignment distance (Levenshtein plus the swap of two neighbours, "attakcers"),
 * stopping early once every path exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const prev = rows[i - 1] as number[];
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return rowMin;
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] ?? 0;
}

/** The words of a text that carry meaning: no stop words, no repeats, in their order. */
export function informativeWords(text: string): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const word of text.split(/\s+/)) {
    const term = tokenize(word)
      .map((token) => processTerm(token, { question: true }))
      .find(Boolean);
    if (!term || seen.has(term)) continue;
    seen.add(term);
    words.push(word);
  }
  return words;
}
