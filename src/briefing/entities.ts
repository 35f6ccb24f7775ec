/** Naming the groups, people, places and events of the dataset the way a reader knows them. */
import type { Dataset } from '../dataset/dataset.js';
import type { Group } from '../dataset/schema.js';
import { escapeText } from './markdown.js';

/** "Tehreek-e-Jihad Pakistan (TJP)" */
export function groupTitle(group: Group): string {
  return escapeText(group.short ? `${group.name} (${group.short})` : group.name);
}

/** The short name of an entity ("TJP", "Afghan Taliban", "Peshawar"), or its id when unknown. */
export function entityName(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  if (!entity) return escapeText(id);
  if (entity.kind === 'group') return escapeText(entity.value.short ?? entity.value.name);
  if (entity.kind === 'event') return escapeText(entity.value.title);
  return escapeText(entity.value.name);
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
