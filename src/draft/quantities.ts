/**
 * The quantities a report gives: numbers in digits or words ("24", "$35,000", "Twenty-three"),
 * the vague words of the dataset's table ("dozens"), and the qualifier written before them ("at
 * least", "more than", "about", "nearly", "up to").
 */

import { VAGUE_WORDS, type VagueWord } from '../dataset/quantities.js';
import type { Qualifier } from '../dataset/schema.js';
import type { Word } from './text.js';

export interface Quantity {
  /** The index of the quantity's first word (its qualifier's, when it has one). */
  first: number;
  /** The index of its last word (the number). */
  last: number;
  value?: number;
  words?: VagueWord;
  qualifier: Qualifier;
}

const UNITS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** The qualifiers, as written before a number. */
const QUALIFIERS: readonly (readonly [string, Qualifier])[] = [
  ['at least', 'at_least'],
  ['no fewer than', 'at_least'],
  ['more than', 'more_than'],
  ['over', 'more_than'],
  ['upwards of', 'more_than'],
  ['about', 'about'],
  ['around', 'about'],
  ['roughly', 'about'],
  ['approximately', 'about'],
  ['some', 'about'],
  ['nearly', 'nearly'],
  ['almost', 'nearly'],
  ['up to', 'up_to'],
  ['as many as', 'up_to'],
];

const MONTHS =
  /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?$/i;

/** The number a word writes, if it writes one: "24", "35,000", "$35,000", "Twenty-three", "six-man". */
export function numberOf(word: string): number | undefined {
  const digits = /^\p{Sc}?(\d{1,3}(?:,\d{3})+|\d+)$/u.exec(word);
  if (digits?.[1]) return Number(digits[1].replaceAll(',', ''));
  const [head = '', tail] = word.toLowerCase().split('-');
  const tens = TENS[head];
  if (tens !== undefined && tail !== undefined && UNITS[tail] !== undefined && UNITS[tail] < 10)
    return tens + UNITS[tail];
  return tens ?? UNITS[head];
}

/**
 * Every quantity among the words. A year, a day of a month and the pronoun "one" ("one of the
 * deadliest") are not counts and are left out.
 */
export function quantitiesOf(words: readonly Word[]): Quantity[] {
  const found: Quantity[] = [];
  for (let i = 0; i < words.length; i++) {
    const vague = vagueAt(words, i);
    if (vague) {
      found.push({ first: i, last: i + vague.length - 1, words: vague.word, qualifier: 'exact' });
      i += vague.length - 1;
      continue;
    }
    const word = words[i] as Word;
    const value = numberOf(word.text);
    if (value === undefined || isNotACount(words, i, value)) continue;
    const qualifier = qualifierBefore(words, i);
    found.push({
      first: qualifier ? i - qualifier.length : i,
      last: i,
      value,
      qualifier: qualifier?.qualifier ?? 'exact',
    });
  }
  return found;
}

function isNotACount(words: readonly Word[], i: number, value: number): boolean {
  const word = words[i] as Word;
  const before = words[i - 1]?.text ?? '';
  const after = words[i + 1]?.text ?? '';
  const year = /^\d{4}$/.test(word.text) && value >= 1900 && value <= 2100;
  const dayOfMonth = /^\d{1,2}$/.test(word.text) && (MONTHS.test(before) || MONTHS.test(after));
  const pronoun = value === 1 && /^one$/i.test(word.text) && /^of$/i.test(after);
  return year || dayOfMonth || pronoun;
}

function qualifierBefore(
  words: readonly Word[],
  i: number,
): { qualifier: Qualifier; length: number } | undefined {
  for (const [phrase, qualifier] of QUALIFIERS) {
    const parts = phrase.split(' ');
    const start = i - parts.length;
    if (start < 0) continue;
    if (parts.every((part, k) => words[start + k]?.text.toLowerCase() === part))
      return { qualifier, length: parts.length };
  }
  return undefined;
}

/** The dataset's vague words, longest first so that "two dozen" is read before "dozen". */
const VAGUE = [...VAGUE_WORDS]
  .map((word) => ({ word, parts: word.split(' ') }))
  .sort((a, b) => b.parts.length - a.parts.length);

function vagueAt(words: readonly Word[], i: number): { word: VagueWord; length: number } | undefined {
  for (const { word, parts } of VAGUE) {
    const next = words[i + parts.length]?.text ?? '';
    if (parts.every((part, k) => words[i + k]?.text.toLowerCase() === part) && numberOf(next) === undefined)
      return { word, length: parts.length };
  }
  return undefined;
}
