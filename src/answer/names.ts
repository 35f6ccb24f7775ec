/**
 * How an answer names a report, a speaker and a list of reports: the one place to point at a
 * report's label when reports carry one.
 */
import type { Dataset } from '../dataset/dataset.js';

/** A report by its outlet, else the agency it carries, else as unnamed; a copy names its original. */
export function reportName(dataset: Dataset, sourceId: string): string {
  const source = dataset.sourceById.get(sourceId);
  if (!source) return sourceId;
  const own = source.outlet ?? source.agency ?? 'an unnamed report';
  return source.copy_of?.outlet ? `${own} (copy of ${source.copy_of.outlet})` : own;
}

/** How many names a list shows before "+N". */
const LISTED = 3;

/** "Dawn, ARY News and VOA", or "Dawn, ARY News, VOA +4" for a longer list. */
export function reportList(dataset: Dataset, sourceIds: readonly string[]): string {
  const names = [...new Set(sourceIds.map((id) => reportName(dataset, id)))];
  if (names.length > LISTED + 1) return `${names.slice(0, LISTED).join(', ')} +${names.length - LISTED}`;
  return joinAnd(names);
}

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A speaker, person, group or place as the reports name it. */
export function actorName(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  if (!entity) return id === 'report' ? 'the report' : id;
  if (entity.kind === 'group') return entity.value.short ?? entity.value.name;
  if (entity.kind === 'event') return entity.value.title;
  return entity.value.name;
}

/** "the Pakistani military" for a relayed statement: who made it. */
export function statementSpeaker(dataset: Dataset, statementId: string): string {
  const statement = dataset.statementById.get(statementId);
  return statement ? actorName(dataset, statement.speaker) : statementId;
}
