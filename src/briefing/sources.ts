/** Naming sources so a reader can follow them: a label, the date, the link. */
import type { Dataset, SourceRecord } from '../dataset/dataset.js';
import { labelList, labelOf } from '../dataset/labels.js';
import { memoPerObject, oncePerDataset } from '../dataset/memo.js';
import { sourcesInOrder } from '../dataset/order.js';
import type { SourceKind } from '../dataset/schema.js';
import { formatShortDate } from './dates.js';
import { escapeText, linkText } from './markdown.js';

const sourceNumbers = oncePerDataset((dataset) => {
  const numbers = new Map<string, number>();
  for (const [i, source] of sourcesInOrder(dataset).entries())
    if (!numbers.has(source.id)) numbers.set(source.id, i + 1);
  return numbers;
});

/**
 * A report's place in publication order. Replies once named reports by it ("[5]"), so a reader may
 * still type one; it moves when a report is added, which is why replies now show labels.
 */
export function sourceNumber(dataset: Dataset, sourceId: string): number {
  return sourceNumbers(dataset).get(sourceId) ?? 0;
}

const tags = oncePerDataset(
  (dataset) => new Map(dataset.sources.map((s) => [s.id, escapeText(labelOf(dataset, s.id))])),
);

/** A report's label, escaped for display. Anything kept for later names ids, never labels. */
export function sourceTag(dataset: Dataset, sourceId: string): string {
  return tags(dataset).get(sourceId) ?? escapeText(labelOf(dataset, sourceId));
}

const KIND_WORDS: Record<SourceKind, string> = {
  news_report: '',
  wire_copy: 'wire copy',
  official_statement: 'official statement',
  republished_copy: 'republished copy',
  compilation: 'later compilation',
  social_media_post: 'social-media post',
};

/**
 * "wire copy of PTI", "republished copy of Pajhwok", "excerpt", "restated, not the published text":
 * what kind of text a source is, when not a plain report.
 */
export function sourceKindText(source: SourceRecord): string {
  const kind =
    source.kind === 'wire_copy' && source.agency
      ? `wire copy of ${source.agency}`
      : source.kind === 'republished_copy' && source.copy_of
        ? `republished copy of ${source.copy_of.outlet ?? 'an unknown outlet'}`
        : KIND_WORDS[source.kind];
  return [kind, source.excerpt ? 'excerpt' : '', source.restated ? 'restated, not the published text' : '']
    .filter(Boolean)
    .join(', ');
}

/** `ARY News, 12 Dec 2023: <link>`: a source in the short form replies list them in, worked out once. */
export const shortSourceLine = memoPerObject((dataset, source: SourceRecord): string => {
  const date = source.published ? formatShortDate(source.published) : 'undated';
  const unknown = source.outlet === null && source.label === undefined ? ' (outlet unknown)' : '';
  return `${sourceTag(dataset, source.id)}${unknown}, ${date}${source.url ? `: ${linkText(source.url)}` : ''}`;
});

/** "ARY News, Dawn": sources by label alone, in publication order, every one of them. */
export function sourceNames(dataset: Dataset, sourceIds: Iterable<string>): string {
  return sourcesAmong(dataset, sourceIds)
    .map((s) => sourceTag(dataset, s.id))
    .join(', ');
}

/** The short lines for every source among the ids, in publication order: what a reply cites. */
export function citedSources(dataset: Dataset, sourceIds: Iterable<string>): string[] {
  return sourcesAmong(dataset, sourceIds).map((s) => shortSourceLine(dataset, s));
}

/** "Dawn, ARY News +4": several reports by label, in publication order, each once, a long list cut short. */
export function sourceTags(dataset: Dataset, sourceIds: Iterable<string>): string {
  return labelList(sourcesAmong(dataset, sourceIds).map((s) => sourceTag(dataset, s.id)));
}

function sourcesAmong(dataset: Dataset, sourceIds: Iterable<string>): SourceRecord[] {
  const wanted = new Set(sourceIds);
  return sourcesInOrder(dataset).filter((s) => wanted.has(s.id));
}
