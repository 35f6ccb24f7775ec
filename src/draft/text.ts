/**
 * A report's text cut into what the drafter reads: sentences, each an exact span of the text, and
 * their words, each with its place, so that every quote the draft gives is a slice of the text.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Word extends Span {
  text: string;
  /** The word folded for matching: lower case, possessive and common endings removed. */
  stem: string;
  /** Inside quotation marks: the words of someone quoted, not the report's attribution. */
  quoted: boolean;
}

export interface Sentence extends Span {
  text: string;
  /** The sentence begins a paragraph (or a line of its own, as a headline does). */
  opensParagraph: boolean;
  words: Word[];
}

/**
 * A sentence ends at . ! or ? (and any closing quotation mark) before a capital letter, a quotation
 * mark or a digit-free line start; a line break always ends one. A period after a short capitalised
 * word or inside a dotted abbreviation ("Nov.", "Gen.", "T.J.P.", "D.I.") does not.
 */
export function sentencesOf(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let start = lineStart;
    const ends = /[.!?]['"’”]*(?=\s+['"‘“]?\p{Lu})/gu;
    for (let match = ends.exec(line); match; match = ends.exec(line)) {
      const end = lineStart + match.index + match[0].length;
      if (isAbbreviation(line.slice(0, match.index + 1))) continue;
      push(sentences, text, start, end, start === lineStart);
      start = end;
    }
    push(sentences, text, start, lineStart + line.length, start === lineStart);
    lineStart += line.length + 1;
  }
  return sentences;
}

/** "Gen.", "Nov.", "Mr.", or a dotted abbreviation ("T.J.P.", "D.I."), ending the text before. */
function isAbbreviation(before: string): boolean {
  return /(?:^|[\s(])(?:\p{Lu}\p{Ll}{0,3}|(?:\p{L}\.)+\p{L})\.$/u.test(before);
}

function push(sentences: Sentence[], text: string, from: number, to: number, opensParagraph: boolean): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  if (end > start) {
    const slice = text.slice(start, end);
    sentences.push({ start, end, text: slice, opensParagraph, words: wordsOf(slice, start) });
  }
}

/** A word, a number (with its thousands separators and currency sign), or a dotted abbreviation. */
const WORD = /\p{Sc}?\d+(?:,\d{3})*(?:[.:/-]\d+)*|\p{L}(?:[\p{L}\p{N}'’.-]*[\p{L}\p{N}])?|["“”]/gu;

export function wordsOf(text: string, offset = 0): Word[] {
  const words: Word[] = [];
  let quoted = false;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    if (raw === '"' || raw === '“' || raw === '”') {
      quoted = raw === '"' ? !quoted : raw === '“';
      continue;
    }
    const start = offset + (match.index ?? 0);
    words.push({ text: raw, start, end: start + raw.length, stem: stem(raw), quoted });
  }
  return words;
}

/**
 * A light stemmer, enough to match "killing", "killed" and "kills", or "injuries" and "injured":
 * lower case, a possessive removed, then one common ending and a final e, i or y.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s?$/, '');
  for (const suffix of ['ing', 'ed', 'es', 'ly', 's']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.length > 3 ? w.replace(/[eiy]$/, '') : w;
}

/** The stems of a phrase of the vocabulary ("officers killed"), words that carry no meaning left out. */
export function stemsOf(phrase: string): string[] {
  return wordsOf(phrase)
    .map((w) => w.stem)
    .filter((s) => !FUNCTION_WORDS.has(s));
}

/** Articles, prepositions and conjunctions: the words that only link others. */
export const LINKING_WORDS = [
  'a',
  'an',
  'the',
  'of',
  'in',
  'on',
  'at',
  'to',
  'by',
  'for',
  'from',
  'with',
  'and',
  'or',
];

/**
 * Words that say nothing of what was counted or said: articles, prepositions, question words, and
 * the plain nouns for a count of people ("23 individuals died" says only who died).
 */
export const FUNCTION_WORDS = new Set(
  [
    ...LINKING_WORDS,
    'his',
    'her',
    'its',
    'their',
    'how',
    'many',
    'number',
    'what',
    'who',
    'all',
    'people',
    'person',
    'individual',
  ].map(stem),
);
