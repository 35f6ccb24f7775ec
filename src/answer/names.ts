/** How an answer names a report (by its label), a speaker and a list of reports. */
import type { Dataset } from '../dataset/dataset.js';
import { labelList, labelOf } from '../dataset/labels.js';
import { sourcesInOrder } from '../dataset/order.js';

/** A report by its label, the name every reply gives it: "Dawn", "MENAFN (copy of Pajhwok Afghan News)". */
export function reportName(dataset: Dataset, sourceId: string): string {
  return labelOf(dataset, sourceId);
}

/** "Dawn, ARY News and VOA", or "Dawn, ARY News +4": in publication order, as every reply lists reports. */
export function reportList(dataset: Dataset, sourceIds: readonly string[]): string {
  const wanted = new Set(sourceIds);
  return labelList(
    sourcesInOrder(dataset).flatMap((s) => (wanted.has(s.id) ? [labelOf(dataset, s.id)] : [])),
  );
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
