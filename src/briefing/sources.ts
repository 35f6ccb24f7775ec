/** Naming sources so a reader can follow them: a number, the outlet or headline, the date, the link. */
import type { Dataset, SourceRecord } from '../dataset/dataset.js';
import { oncePerDataset } from '../dataset/memo.js';
import type { SourceKind } from '../dataset/schema.js';
import { formatShortDate } from './dates.js';
import { escapeText, linkText } from './markdown.js';

/**
 * Sources in the order readers number them: by publication date (a date known only to the month
 * or year after the days of that month or year), undated last, then by id.
 */
export const sourcesInOrder = oncePerDataset((dataset): readonly SourceRecord[] =>
  [...dataset.sources].sort((a, b) => compareText(dateKey(a), dateKey(b)) || compareText(a.id, b.id)),
);

/** "2023-12-12" as is; "2023-12" as "2023-12-99", "2023" as "2023-99": after the days they contain. */
function dateKey(source: SourceRecord): string {
  if (source.published === null) return '\uffff';
  const parts = source.published.split('-');
  return [...parts, ...Array(3 - parts.length).fill('99')].join('-');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const sourceNumbers = oncePerDataset((dataset) => {
  const numbers = new Map<string, number>();
  for (const [i, source] of sourcesInOrder(dataset).entries())
    if (!numbers.has(source.id)) numbers.set(source.id, i + 1);
  return numbers;
});

/**
 * Sources are numbered by publication date, so [1] means the same report throughout a reply and
 * in every reply on one dataset. Only replies show numbers: anything kept for later names ids.
 */
export function sourceNumber(dataset: Dataset, sourceId: string): number {
  return sourceNumbers(dataset).get(sourceId) ?? 0;
}

export function sourceTag(dataset: Dataset, sourceId: string): string {
  return `[${sourceNumber(dataset, sourceId)}]`;
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

/** `[1] ARY News, 12 Dec 2023: <link>`: a source in the short form replies list them in. */
export function shortSourceLine(dataset: Dataset, source: SourceRecord): string {
  const date = source.published ? formatShortDate(source.published) : 'undated';
  return `${sourceTag(dataset, source.id)} ${outletName(source)}, ${date}${source.url ? `: ${linkText(source.url)}` : ''}`;
}

/** "ARY News", else the headline: what a source is known by. */
function outletName(source: SourceRecord): string {
  if (source.outlet !== null) return escapeText(source.outlet);
  return source.headline !== undefined
    ? `“${escapeText(source.headline)}” (outlet unknown)`
    : 'outlet unknown';
}

/** "[1] ARY News · [2] Dawn": sources by tag and name alone, in their numbered order. */
export function sourceNames(dataset: Dataset, sourceIds: Iterable<string>): string {
  const wanted = new Set(sourceIds);
  return sourcesInOrder(dataset)
    .filter((s) => wanted.has(s.id))
    .map((s) => `${sourceTag(dataset, s.id)} ${outletName(s)}`)
    .join(' · ');
}

/** The short lines for every source among the ids, in their numbered order: what a reply cites. */
export function citedSources(dataset: Dataset, sourceIds: Iterable<string>): string[] {
  const wanted = new Set(sourceIds);
  return sourcesInOrder(dataset)
    .filter((s) => wanted.has(s.id))
    .map((s) => shortSourceLine(dataset, s));
}

/** "[1] [2]": the tags of several sources, in their numbered order, each once. */
export function sourceTags(dataset: Dataset, sourceIds: Iterable<string>): string {
  const wanted = new Set(sourceIds);
  return sourcesInOrder(dataset)
    .filter((s) => wanted.has(s.id))
    .map((s) => sourceTag(dataset, s.id))
    .join(' ');
}
