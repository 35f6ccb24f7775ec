/** Finding incidents and groups by what a user types: id, name, short name or alias, folded. */
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
