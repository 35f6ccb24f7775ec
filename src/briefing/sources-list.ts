/**
 * The /sources list: every report in publication order, with what it supports and what only it
 * says ("only it" as the comparison counts it, per incident).
 */
import { claimsReportedAlone } from '../compare/views.js';
import type { ClaimRecord, Dataset, SourceRecord } from '../dataset/dataset.js';
import { oncePerDataset } from '../dataset/memo.js';
import { sourcesInOrder } from '../dataset/order.js';
import { plural } from '../plural.js';
import { sourcesBottomLine } from './bottom-line.js';
import { REPLY_BUDGET } from './budget.js';
import { formatPartialDate } from './dates.js';
import { escapeText, linkText } from './markdown.js';
import type { Briefing } from './model.js';
import { sourceKindText, sourceTag } from './sources.js';
import { truncate } from './truncate.js';

/** Built once per dataset: it covers every report and every incident. */
export const sourcesBriefing = oncePerDataset((dataset) => buildSourcesBriefing(dataset));

function buildSourcesBriefing(dataset: Dataset): Briefing {
  const alone = claimsReportedAlone(dataset);
  const sections = sourcesInOrder(dataset).map((source) => ({
    heading: sourceHeading(dataset, source),
    lines: sourceBrief(dataset, source, alone.get(source.id) ?? []),
  }));
  return {
    title: 'Sources',
    description: `${sourcesBottomLine(dataset)} Dataset version \`${dataset.version}\`.`,
    sections,
    footer:
      'By publication date (undated last), each under the label every reply names it by. “Only it”: no other report makes the same point or gives the same measure.',
    tone: 'neutral',
    partBudget: REPLY_BUDGET,
  };
}

/** A report in two or three lines: headline and date, kind and link, what it supports and what only it says. */
function sourceBrief(dataset: Dataset, source: SourceRecord, own: readonly ClaimRecord[]): string[] {
  const claims = dataset.claimsBySource.get(source.id) ?? [];
  const kind = sourceKindText(source);
  const headline = source.headline === undefined ? 'No headline' : `“${escapeText(source.headline)}”`;
  const date = source.published ? formatPartialDate(source.published) : 'date not stated';
  const about = [kind ? escapeText(kind) : '', source.url ? linkText(source.url) : 'no link'].filter(Boolean);
  const example = own[0] ? `, e.g. “${escapeText(truncate(own[0].statement, 90))}”` : '';
  return [
    `${headline}, ${date}${source.dateline ? `, ${escapeText(source.dateline)}` : ''}`,
    about.join(' · '),
    `${plural(claims.length, 'claim')}; only it: ${own.length}${example}`,
  ];
}

/** "Dawn", "countryroque.com (outlet unknown)": the label, saying so when the report names no outlet. */
export function sourceHeading(dataset: Dataset, source: SourceRecord): string {
  return `${sourceTag(dataset, source.id)}${source.outlet === null ? ' (outlet unknown)' : ''}`;
}
