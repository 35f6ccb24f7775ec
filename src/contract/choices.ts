/**
 * Autocomplete: the choices whose names match what was typed, best first. The adapter keeps the
 * first 25, within Discord's limits (src/render/render.ts, fitChoices).
 */
import { TOPIC_LABELS, topicCounts } from '../briefing/topics.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { groupNames, nameKey } from '../dataset/names.js';
import { plural } from '../plural.js';
import type { Choice } from './types.js';

/** Choices whose names contain what was typed (all of them when nothing was typed), best first. */
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
  return scored.map((s) => choice(s.item));
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
  const key = nameKey(typed);
  return topicCounts(claims)
    .filter(
      ({ topic }) =>
        key === '' || [nameKey(topic), nameKey(TOPIC_LABELS[topic])].some((k) => k.includes(key)),
    )
    .map(({ topic, count }) => ({
      name: `${TOPIC_LABELS[topic]} (${plural(count, 'claim')})`,
      value: topic,
    }));
}
