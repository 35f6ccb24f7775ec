/** The order reports are listed in, everywhere a reply lists them. */

import type { SourceRecord } from './dataset.js';
import { oncePerDataset } from './memo.js';

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
