/** Naming the groups, people, places and events of the dataset the way a reader knows them. */
import type { Dataset } from '../dataset/dataset.js';
import type { Group } from '../dataset/schema.js';
import { escapeText } from './markdown.js';

/** "Tehreek-e-Jihad Pakistan (TJP)" */
export function groupTitle(group: Group): string {
  return escapeText(group.short ? `${group.name} (${group.short})` : group.name);
}

/** The short name of an entity ("TJP", "Afghan Taliban", "Peshawar"), or its id when unknown; escaped. */
export function entityName(dataset: Dataset, id: string): string {
  return escapeText(plainEntityName(dataset, id));
}

/** The same name as written in the data, for places that escape it themselves (autocomplete). */
export function plainEntityName(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  if (!entity) return id;
  if (entity.kind === 'group') return entity.value.short ?? entity.value.name;
  if (entity.kind === 'event') return entity.value.title;
  return entity.value.name;
}

/** `splinter_of` → "splinter of" */
export function relationLabel(type: string): string {
  return type.replace(/_/g, ' ');
}

/** "TJP — splinter of → TTP" */
export function relationText(
  dataset: Dataset,
  relation: { type: string; subject: string; object: string },
): string {
  return `${entityName(dataset, relation.subject)} — ${relationLabel(relation.type)} → ${entityName(dataset, relation.object)}`;
}
