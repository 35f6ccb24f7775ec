/** Naming sources so a reader can follow them: a number, the outlet or headline, the date, the link. */
import type { Dataset, SourceRecord } from '../dataset/dataset.js';
import { oncePerDataset } from '../dataset/memo.js';
import { formatPartialDate } from './dates.js';
import { escapeText, linkText } from './markdown.js';

const sourceNumbers = oncePerDataset((dataset) => {
  const numbers = new Map<string, number>();
  // The first of two sources with one id keeps the number, as a search from the start would give.
  for (const [i, source] of dataset.sources.entries())
    if (!numbers.has(source.id)) numbers.set(source.id, i + 1);
  return numbers;
});

/** Sources are numbered by their order in the dataset, so [1] means the same report throughout a reply. */
export function sourceNumber(dataset: Dataset, sourceId: string): number {
  return sourceNumbers(dataset).get(sourceId) ?? 0;
}

export function sourceTag(dataset: Dataset, sourceId: string): string {
  return `[${sourceNumber(dataset, sourceId)}]`;
}

/** `[1] indileak.com, “24 killed in …”, 12 December 2023 (New Delhi): <link>` */
export function sourceLine(dataset: Dataset, source: SourceRecord): string {
  const parts = [
    source.outlet === null
      ? `outlet unknown, “${escapeText(source.headline)}”`
      : `${escapeText(source.outlet)}, “${escapeText(source.headline)}”`,
    source.published ? formatPartialDate(source.published) : 'date not stated',
  ];
  if (source.dateline) parts.push(escapeText(source.dateline));
  const link = source.url
    ? `: ${linkText(source.url)}${source.url_note ? ` (${escapeText(source.url_note)})` : ''}`
    : '';
  return `${sourceTag(dataset, source.id)} ${parts.join(', ')}${link}`;
}

/** The source lines for every source among the ids, in dataset order. */
export function sourceLines(dataset: Dataset, sourceIds: Iterable<string>): string[] {
  const wanted = new Set(sourceIds);
  return dataset.sources.filter((s) => wanted.has(s.id)).map((s) => sourceLine(dataset, s));
}

/** "[1] [2]": the tags of several sources, in dataset order, each once. */
export function sourceTags(dataset: Dataset, sourceIds: Iterable<string>): string {
  const wanted = new Set(sourceIds);
  return dataset.sources
    .filter((s) => wanted.has(s.id))
    .map((s) => sourceTag(dataset, s.id))
    .join(' ');
}
