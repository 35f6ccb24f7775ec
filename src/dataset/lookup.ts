/** Finding incidents, groups and other entities by what a user types: id, name, short name or alias. */
import type { Choice } from '../render/briefing.js';
import { type Dataset, defaultIncident } from './dataset.js';
import type { Group, Incident } from './schema.js';

/**
 * Keys already worked out. Autocomplete asks for the keys of every incident's names on every
 * keystroke (2,000 of them for 1,000 incidents, a millisecond): names repeat, so each is folded
 * once. Bounded, as typed text is folded here too.
 */
const nameKeys = new Map<string, string>();
const NAME_KEYS = 20_000;

/** Folds case, accents and punctuation: "T.J.P." and "tjp" are the same key. */
export function nameKey(text: string): string {
  let key = nameKeys.get(text);
  if (key === undefined) {
    key = text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
    if (nameKeys.size >= NAME_KEYS) nameKeys.clear();
    if (text.length <= 300) nameKeys.set(text, key);
  }
  return key;
}

export function groupNames(group: Group): string[] {
  return [group.id, group.name, ...(group.short ? [group.short] : []), ...group.aliases];
}

/** The incident named by the option, or the default one when the option is empty. */
export function findIncident(dataset: Dataset, typed: string | undefined): Incident | undefined {
  if (typed === undefined) return defaultIncident(dataset);
  const key = nameKey(typed);
  return dataset.incidents.find((i) => nameKey(i.id) === key || nameKey(i.title) === key);
}

export function findGroup(dataset: Dataset, typed: string): Group | undefined {
  const key = nameKey(typed);
  return dataset.groups.find((g) => groupNames(g).some((name) => nameKey(name) === key));
}

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
