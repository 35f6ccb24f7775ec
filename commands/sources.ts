/**
 * /sources: every report: outlet (or "outlet unknown"), headline, date, dateline, link, how many
 * claims it supports, and what it alone reports. "Alone" is what the comparison says: the claims
 * of single-source comparisons and the claims that make no comparable point, per incident (points
 * are compared within an incident). Perpetrator claims are counted apart, never as "alone".
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';

import { formatPartialDate } from '../src/briefing/dates.js';
import { escapeText, linkText } from '../src/briefing/markdown.js';
import type { Briefing } from '../src/briefing/model.js';
import { sourceKindText, sourceTag } from '../src/briefing/sources.js';
import { sourceHeading, sourcesBriefing } from '../src/briefing/sources-list.js';
import { truncate } from '../src/briefing/truncate.js';
import { claimsReportedAlone } from '../src/compare/views.js';
import { didYouMean, matchChoices, nearest } from '../src/contract/choices.js';
import { defineCommand } from '../src/contract/define.js';
import { stringOption } from '../src/contract/options.js';
import { respond } from '../src/contract/respond.js';
import type { Action, Choice } from '../src/contract/types.js';
import type { ClaimRecord, Dataset, SourceRecord } from '../src/dataset/dataset.js';
import { labelOf } from '../src/dataset/labels.js';
import { nameKey } from '../src/dataset/names.js';
import { sourcesInOrder } from '../src/dataset/order.js';
import { plural } from '../src/plural.js';

/** How many of a source's lone statements are listed before "and N more". */
export const ALONE_CAP = 20;

const definition = {
  name: 'sources',
  description:
    'The reports: outlet, headline, date, link, how many claims each supports, what each alone says',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'report',
      description: 'One report in full (default: all of them in brief)',
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const;

export const sources = defineCommand(definition, {
  reply: { visibility: 'asked', reuse: 'same-minute' },
  handle(input, { dataset }) {
    const typed = stringOption(input, 'report');
    if (typed === undefined) return respond(input, sourcesBriefing(dataset), sourcesActions(dataset));
    const byName = findSource(dataset, typed);
    if (byName) return respond(input, reportBriefing(dataset, byName));
    const byNumber = sourceByNumber(dataset, typed);
    return respond(
      input,
      byNumber ? numberedReportBriefing(dataset, byNumber, typed) : unknownReport(dataset, typed),
    );
  },

  autocomplete: (focused, _input, { dataset }) =>
    matchChoices(
      sourcesInOrder(dataset),
      (s) => sourceNames(dataset, s),
      sourceChoice(dataset),
      focused.value,
    ),
});

/** What a report is called by: its label, id, outlet and headline. */
function sourceNames(dataset: Dataset, source: SourceRecord): string[] {
  return [labelOf(dataset, source.id), source.id, source.outlet ?? '', source.headline ?? ''].filter(Boolean);
}

function sourceChoice(dataset: Dataset): (source: SourceRecord) => Choice {
  return (source) => {
    const name = [labelOf(dataset, source.id), source.headline, source.published].filter(Boolean).join(', ');
    return { name, value: source.id };
  };
}

function findSource(dataset: Dataset, typed: string): SourceRecord | undefined {
  const key = nameKey(typed);
  return sourcesInOrder(dataset).find((s) => sourceNames(dataset, s).some((n) => nameKey(n) === key));
}

/** "7", "[7]", "#7": a number an earlier reply showed, as the report now at that place in publication order. */
function sourceByNumber(dataset: Dataset, typed: string): SourceRecord | undefined {
  const number = /^\s*[[#]?\s*(\d{1,6})\s*\]?\s*$/.exec(typed)?.[1];
  return number === undefined ? undefined : sourcesInOrder(dataset)[Number(number) - 1];
}

/** A report found by number, saying that numbers move as reports are added, and its label, which does not. */
function numberedReportBriefing(dataset: Dataset, source: SourceRecord, typed: string): Briefing {
  const report = reportBriefing(dataset, source);
  const label = sourceTag(dataset, source.id);
  const note = `Report numbers are not stable: they follow publication order, and a report added later moves them. Number ${escapeText(typed.trim())} is now ${label}; its label, “${label}”, stays the same.`;
  return { ...report, description: note };
}

/** "A report in full…": a menu of the reports (the first 25 by number), running /sources report:. */
function sourcesActions(dataset: Dataset): Action[] {
  const reports = sourcesInOrder(dataset).map((s) => ({
    name: sourceChoice(dataset)(s).name,
    value: s.id,
  }));
  return [
    {
      kind: 'menu',
      placeholder: 'A report in full…',
      call: { command: 'sources', input: { options: {} } },
      option: 'report',
      choices: reports,
    },
  ];
}

/** One report in full: its details and notes, and everything only it says. */
function reportBriefing(dataset: Dataset, source: SourceRecord): Briefing {
  const claims = dataset.claimsBySource.get(source.id) ?? [];
  const own = claimsReportedAlone(dataset).get(source.id) ?? [];
  const shown = own.slice(0, ALONE_CAP).map((c) => `• ${escapeText(c.statement)}`);
  if (own.length > ALONE_CAP)
    shown.push(`…and ${own.length - ALONE_CAP} more: /compare lists them topic by topic.`);
  return {
    title: `Source: ${sourceHeading(dataset, source)}`,
    sections: [
      { heading: 'The report', lines: sourceDetails(dataset, source, claims) },
      {
        heading: `What only ${sourceTag(dataset, source.id)} reports (${own.length})`,
        lines: shown.length > 0 ? shown : ['Nothing: every point it makes, another report makes too.'],
      },
    ],
    tone: 'neutral',
  };
}

function unknownReport(dataset: Dataset, typed: string): Briefing {
  const near = nearest(sourcesInOrder(dataset), (s) => sourceNames(dataset, s), typed);
  return {
    title: 'Unknown report',
    description: `No report is called “${escapeText(truncate(typed, 100))}”.${didYouMean(near.map((s) => sourceTag(dataset, s.id)))} Name one by its label (as replies show it), its id, or pick one as you type; leave the option out for all of them.`,
    sections: [],
    tone: 'notice',
  };
}

function sourceDetails(dataset: Dataset, source: SourceRecord, claims: readonly ClaimRecord[]): string[] {
  const kind = sourceKindText(source);
  const lines = [
    source.headline === undefined ? '_No headline_' : `**“${escapeText(source.headline)}”**`,
    ...(kind ? [`Kind: ${escapeText(kind)}`] : []),
  ];
  const dated = source.published
    ? `Published ${formatPartialDate(source.published)}`
    : 'Publication date not stated';
  lines.push(`${dated} · ${source.dateline ? `dateline ${escapeText(source.dateline)}` : 'no dateline'}`);
  lines.push(
    source.url
      ? `Link: ${linkText(source.url)}${source.url_note ? ` (${escapeText(source.url_note)})` : ''}`
      : 'No link recorded',
  );
  const incident = dataset.incidentById.get(source.incident);
  if (incident) lines.push(`About: ${escapeText(incident.title)} (${formatPartialDate(incident.date)})`);
  const figures = claims.filter((c) => c.figure).length;
  const perpetrator = claims.filter((c) => c.status === 'perpetrator_claim').length;
  const details = [`${plural(figures, 'figure')}`];
  if (perpetrator > 0) details.push(`${plural(perpetrator, 'perpetrator claim')}`);
  lines.push(`**Supports ${plural(claims.length, 'claim')}** (${details.join(', ')})`);
  if (source.notes) lines.push(`_Note: ${escapeText(source.notes)}_`);
  return lines;
}
