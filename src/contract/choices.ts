/**
 * Autocomplete: the choices whose names match what was typed, best first. The adapter keeps the
 * first 25, within Discord's limits (src/render/render.ts, fitChoices).
 */
import { distance } from 'fastest-levenshtein';
import { escapeText } from '../briefing/markdown.js';
import { TOPIC_LABELS, topicCounts } from '../briefing/topics.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { groupNames, nameKey } from '../dataset/names.js';
import { plural } from '../plural.js';
import type { Choice } from './types.js';

/**
 * Choices whose names contain what was typed (all of them when nothing was typed), best first;
 * when none does, the nearest ones, so that a typo still finds what was meant.
 */
export function matchChoices<T>(
  items: readonly T[],
  names: (item: T) => string[],
  choice: (item: T) => Choice,
  typed: string,
): Choice[] {
  const key = nameKey(typed);
  if (key === '') return items.map(choice);
  const scored = items
    .map((item) => ({ item, rank: Math.min(...names(item).map((n) => rankMatch(nameKey(n), key))) }))
    .filter((s) => s.rank < 3)
    .sort((a, b) => a.rank - b.rank);
  return (scored.length > 0 ? scored.map((s) => s.item) : nearest(items, names, typed)).map(choice);
}

/**
 * What a user most likely meant, for "did you mean": the items with a name near what was typed,
 * nearest first, at most `limit`. A name is near when all of it is a few edits from all that was
 * typed (`casualtys`, `casualties`), or when each word typed is one of its words, or starts one,
 * within a few edits (`distance`, "Distance from Dera Ismail Khan city"). Words shorter than three
 * letters ("of", "in") are left out of the second test: nearly every name would hold them.
 */
export function nearest<T>(
  items: readonly T[],
  names: (item: T) => readonly string[],
  typed: string,
  limit = 3,
): T[] {
  const key = nameKey(typed);
  if (key === '') return [];
  const words = nameWords(typed).filter((w) => w.length >= 3);
  return items
    .map((item) => ({ item, cost: Math.min(...names(item).map((name) => nameCost(name, key, words))) }))
    .filter((s) => Number.isFinite(s.cost))
    .sort((a, b) => a.cost - b.cost)
    .slice(0, limit)
    .map((s) => s.item);
}

/** Edits from what was typed to a name, all of it or word by word (ranked after a whole match); Infinity when too far. */
function nameCost(name: string, typedKey: string, typedWords: readonly string[]): number {
  const whole = distance(nameKey(name), typedKey);
  if (whole <= editsAllowed(typedKey)) return whole;
  if (typedWords.length === 0) return Number.POSITIVE_INFINITY;
  const words = nameWords(name);
  let cost = 0.5;
  for (const typedWord of typedWords) {
    const best = Math.min(...words.map((word) => wordEdits(word, typedWord)));
    if (!(best <= editsAllowed(typedWord))) return Number.POSITIVE_INFINITY;
    cost += best;
  }
  return cost;
}

/** Edits from a typed word to a name's word, or to its start: `dist` is no edit from `distance`. */
function wordEdits(word: string, typedWord: string): number {
  return Math.min(distance(word, typedWord), distance(word.slice(0, typedWord.length), typedWord));
}

/**
 * Typos allowed in a word: none in a short one, where one edit makes another word; two from six
 * letters, since two letters swapped (`tagret`) are two edits.
 */
function editsAllowed(text: string): number {
  if (text.length < 4) return 0;
  return text.length < 6 ? 1 : 2;
}

/** A name's words, folded as `nameKey` folds them. */
function nameWords(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .map(nameKey)
    .filter(Boolean);
}

/** " Did you mean `casualties`?", or with two or three: " Did you mean `a`, `b` or `c`?"; "" for none. */
export function didYouMean(names: readonly string[]): string {
  if (names.length === 0) return '';
  const quoted = names.map((n) => `“${escapeText(n)}”`);
  const last = quoted.pop();
  return ` Did you mean ${quoted.length > 0 ? `${quoted.join(', ')} or ${last}` : last}?`;
}

function rankMatch(name: string, key: string): number {
  if (name === key) return 0;
  if (name.startsWith(key)) return 1;
  return name.includes(key) ? 2 : 3;
}

export function incidentChoices(dataset: Dataset, typed: string): Choice[] {
  return matchChoices(
    dataset.incidents,
    (i) => [i.id, i.title],
    (i) => ({ name: `${i.title} (${i.date})`, value: i.id }),
    typed,
  );
}

export function groupChoices(dataset: Dataset, typed: string): Choice[] {
  return matchChoices(
    dataset.groups,
    groupNames,
    (g) => ({ name: g.short ? `${g.name} (${g.short})` : g.name, value: g.id }),
    typed,
  );
}

/** Autocomplete choices for the topics that have claims, matching what was typed. */
export function topicChoices(claims: readonly ClaimRecord[], typed: string): Choice[] {
  return matchChoices(
    topicCounts(claims),
    ({ topic }) => [topic, TOPIC_LABELS[topic]],
    ({ topic, count }) => ({ name: `${TOPIC_LABELS[topic]} (${plural(count, 'claim')})`, value: topic }),
    typed,
  );
}
