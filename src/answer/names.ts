/** How an answer names a report (by its label), a speaker and a list of reports. */
import type { Dataset } from '../dataset/dataset.js';
import { sourceLabel } from '../dataset/labels.js';

/** A report by its label, the name every reply gives it: "Dawn", "MENAFN (copy of Pajhwok Afghan News)". */
export function reportName(dataset: Dataset, sourceId: string): string {
  const source = dataset.sourceById.get(sourceId);
  return source ? sourceLabel(source) : sourceId;
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
  return joinWith(items, 'and');
}

export function joinOr(items: readonly string[]): string {
  return joinWith(items, 'or');
}

function joinWith(items: readonly string[], word: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

/** The speaker id of a report's own voice. */
export const REPORT_VOICE = 'report';

/** A speaker, person, group or place as the reports name it. */
export function actorName(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  if (!entity) return id === REPORT_VOICE ? 'the report' : id;
  if (entity.kind === 'group') return entity.value.short ?? entity.value.name;
  if (entity.kind === 'event') return entity.value.title;
  return entity.value.name;
}

/** "the Pakistani military" for a relayed statement: who made it. */
export function statementSpeaker(dataset: Dataset, statementId: string): string {
  const statement = dataset.statementById.get(statementId);
  return statement ? actorName(dataset, statement.speaker) : statementId;
}

/** An actor's full name: a group's whole name, not its short one ("Tehreek-e-Jihad Pakistan"). */
export function fullName(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  return entity?.kind === 'group' ? entity.value.name : actorName(dataset, id);
}
