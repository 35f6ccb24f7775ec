/**
 * A report as the curator checks it: its text as published, every claim's quote marked in it and
 * linked to the claim, and under it the claims, each linked back to its words. Reports of the
 * dataset and drafts waiting for review are shown the same way, drafts marked as such.
 */

import type { Dataset, SourceRecord } from '../dataset/dataset.js';
import { sourceLabel } from '../dataset/labels.js';
import { formatProblem } from '../dataset/problems.js';
import { anchorId, attribute, text } from './html.js';
import { quoteLocator, type Span, segmentsOf } from './quotes.js';
import type { DraftState } from './state.js';

/** A claim as shown: what identifies it, what it says, its other fields, and any problem of its own. */
export interface ClaimView {
  id: string;
  statement: string;
  quote: string;
  details: [string, string][];
  problems: string[];
}

/** One report or draft on the page. */
export interface ReportView {
  /** The prefix of its anchors: claims of two drafts may share ids. */
  anchor: string;
  heading: string;
  facts: string[];
  text: string | null;
  claims: ClaimView[];
  /** For a draft: what is left to review. */
  draft?: { file: string; reviewLines: number[]; problems: string[] };
}

/** The fields shown under a claim's statement, in this order; the rest are its identity and words. */
const DETAIL_FIELDS = [
  'topic',
  'measure',
  'figure',
  'covers',
  'point',
  'position',
  'speaker',
  'origin',
  'status',
  'about',
  'relation',
  'incident',
  'date',
  'time',
  'likely_error',
] as const;

export function reportViews(dataset: Dataset): ReportView[] {
  return dataset.sources.map((source) => ({
    anchor: anchorId('report', source.id),
    heading: `${sourceLabel(source)}${source.headline ? ` · ${source.headline}` : ''}`,
    facts: sourceFacts(source),
    text: source.text,
    claims: (dataset.claimsBySource.get(source.id) ?? []).map((claim) => claimView(claim, [])),
  }));
}

function sourceFacts(source: SourceRecord): string[] {
  return [
    `id ${source.id}`,
    source.kind.replace(/_/g, ' '),
    source.published ? `published ${source.published}` : 'undated',
    ...(source.url ? [source.url] : []),
    ...(source.excerpt ? ['excerpt'] : []),
    ...(source.restated ? ['restated'] : []),
  ];
}

export function draftViews(drafts: readonly DraftState[]): ReportView[] {
  return drafts.map((draft, n) => {
    const data = (draft.parsed?.data ?? {}) as Record<string, unknown>;
    const problems = draft.parsed?.problems ?? [];
    const claims = Array.isArray(data.claims) ? (data.claims as unknown[]) : [];
    const own = (i: number) => problems.filter((p) => p.field.startsWith(`claims[${i}]`));
    return {
      anchor: anchorId('draft', String(n)),
      heading: `${draft.file}${typeof data.headline === 'string' ? ` · ${data.headline}` : ''}`,
      facts: typeof data.id === 'string' ? [`id ${data.id}`] : [],
      text: draft.text,
      claims: claims.map((claim, i) => claimView(asRecord(claim), own(i).map(formatProblem))),
      draft: {
        file: draft.file,
        reviewLines: draft.reviewLines,
        problems: [
          ...(draft.parsed === null ? [`${draft.file}: cannot be read`] : []),
          ...(draft.text === null ? [`${draft.file}: its text_file cannot be read`] : []),
          ...problems.filter((p) => !p.field.startsWith('claims[')).map(formatProblem),
        ],
      },
    };
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function claimView(claim: Record<string, unknown> | object, problems: string[]): ClaimView {
  const fields = claim as Record<string, unknown>;
  return {
    id: typeof fields.id === 'string' ? fields.id : '(no id)',
    statement: typeof fields.statement === 'string' ? fields.statement : '',
    quote: typeof fields.quote === 'string' ? fields.quote : '',
    details: DETAIL_FIELDS.flatMap((name) => {
      const value = fields[name];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) return [];
      return [[name, valueText(value)] as [string, string]];
    }),
    problems,
  };
}

/** A field's value in a line: `{value: 23, qualifier: at_least}`, `tjp, ttp`. */
function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
    );
    return `{${entries.map(([k, v]) => `${k}: ${valueText(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** The anchor of a claim, and of its words in the text. */
export function claimAnchor(report: ReportView, claim: string): string {
  return anchorId(`${report.anchor}-claim`, claim);
}
export function quoteAnchor(report: ReportView, claim: string): string {
  return anchorId(`${report.anchor}-quote`, claim);
}

export function reportHtml(report: ReportView): string {
  const spans = quoteSpans(report);
  const review = report.draft && draftNoticeHtml(report.draft);
  return [
    `<article class="report${report.draft ? ' draft' : ''}" id="${attribute(report.anchor)}">`,
    `<h3>${report.draft ? '<span class="badge">Draft: for review</span> ' : ''}${text(report.heading)}</h3>`,
    `<p class="facts">${report.facts.map(text).join(' · ')}</p>`,
    review ?? '',
    report.text === null ? '' : `<div class="report-text">${markedText(report, report.text, spans)}</div>`,
    `<ol class="claims">${report.claims.map((c) => claimHtml(report, c, spans.has(c.id))).join('')}</ol>`,
    '</article>',
  ].join('');
}

function draftNoticeHtml(draft: NonNullable<ReportView['draft']>): string {
  const { reviewLines, problems } = draft;
  const notes =
    reviewLines.length === 0
      ? 'No review notes left: rename it to end in .yaml to load it.'
      : `${reviewLines.length} review ${reviewLines.length === 1 ? 'note' : 'notes'} left, at lines ${reviewLines.join(', ')}. Not loaded until reviewed and renamed to end in .yaml.`;
  const listed = problems.map((p) => `<li class="problem">${text(p)}</li>`).join('');
  return `<p class="review">${text(notes)}</p>${listed ? `<ul class="problems">${listed}</ul>` : ''}`;
}

/** Each claim's quote located in the text (the claims whose quote is not there are left out). */
function quoteSpans(report: ReportView): Map<string, Span> {
  const spans = new Map<string, Span>();
  if (report.text === null) return spans;
  const locate = quoteLocator(report.text);
  for (const claim of report.claims) {
    const span = claim.quote ? locate(claim.quote) : null;
    if (span && !spans.has(claim.id)) spans.set(claim.id, span);
  }
  return spans;
}

/** The text with every quote marked: a marked piece links to the first claim over it, and names them all. */
function markedText(report: ReportView, body: string, spans: ReadonlyMap<string, Span>): string {
  return segmentsOf(body.length, spans)
    .map(({ start, end, claims }) => {
      const starting = [...spans].filter(([, s]) => s.start === start).map(([id]) => id);
      const anchors = starting.map(
        (id) => `<span class="anchor" id="${attribute(quoteAnchor(report, id))}"></span>`,
      );
      const piece = text(body.slice(start, end));
      const [first] = claims;
      if (first === undefined) return anchors.join('') + piece;
      const title = `claim${claims.length > 1 ? 's' : ''} ${claims.join(', ')}`;
      return `${anchors.join('')}<a class="quote${claims.length > 1 ? ' several' : ''}" href="#${attribute(claimAnchor(report, first))}" title="${attribute(title)}" data-claims="${attribute(claims.join(' '))}">${piece}</a>`;
    })
    .join('');
}

function claimHtml(report: ReportView, claim: ClaimView, found: boolean): string {
  const details = claim.details
    .map(
      ([name, value]) => `<span class="detail"><span class="name">${text(name)}</span> ${text(value)}</span>`,
    )
    .join(' ');
  const words = found
    ? `<a class="back" href="#${attribute(quoteAnchor(report, claim.id))}">“${text(claim.quote)}”</a>`
    : `<span class="not-found">“${text(claim.quote)}” (not found in the text)</span>`;
  const problems = claim.problems.map((p) => `<li class="problem">${text(p)}</li>`).join('');
  return [
    `<li class="claim" id="${attribute(claimAnchor(report, claim.id))}">`,
    `<div><code class="claim-id">${text(claim.id)}</code> ${text(claim.statement)}</div>`,
    `<div class="details">${details}</div>`,
    `<div class="words">${words}</div>`,
    problems ? `<ul class="problems">${problems}</ul>` : '',
    '</li>',
  ].join('');
}
