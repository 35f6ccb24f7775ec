/**
 * The preview page, written whole on the server from what the state and the replies hold: the
 * problems first (where they are), then the drafts waiting for review, the reports with their
 * quotes marked, and the replies of every command as Discord shows them.
 */
import type { Problem } from '../dataset/problems.js';
import { plural } from '../plural.js';
import { attribute, text } from './html.js';
import { altTextsHtml, messageHtml, type PictureUrl, PRESSED_ANCHOR } from './message.js';
import type { ShownReply, UncalledCommand } from './replies.js';
import { draftViews, reportHtml, reportViews } from './reports.js';
import { lineKey, type PreviewSnapshot } from './state.js';

/** What replies on Discord are signed with on the page. */
const BOT_NAME = 'Briefing';
/** The parameter of the page that runs a command typed as in the console. */
export const RUN_PARAMETER = 'run';

/** The reply to what the curator asked for (a typed command, a press), or why there is none. */
export type Asked = { line: string; reply: ShownReply } | { line: string; problem: string };

export interface PageInput {
  snapshot: PreviewSnapshot;
  /** What the page shows, as counted by the server's events: the page fetches itself again when it changes. */
  view: number;
  replies: readonly { line: string; reply: ShownReply }[];
  uncalled: readonly UncalledCommand[];
  asked: Asked | null;
  /** What the curator typed in the command box, shown there again. */
  typed: string;
  pictureUrl: PictureUrl;
}

export function pageHtml(input: PageInput): string {
  const { snapshot } = input;
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${snapshot.problemCount > 0 ? `(${snapshot.problemCount}) ` : ''}Briefing preview</title>`,
    '<link rel="stylesheet" href="/preview.css"><script src="/preview.js" defer></script></head>',
    `<body data-view="${input.view}">`,
    headerHtml(snapshot),
    '<main>',
    problemsHtml(snapshot),
    draftsHtml(snapshot),
    reportsHtml(snapshot),
    repliesHtml(input),
    '</main></body></html>',
  ].join('');
}

function headerHtml(snapshot: PreviewSnapshot): string {
  const { dataset } = snapshot;
  const what = dataset
    ? `${plural(dataset.sources.length, 'report')}, ${plural(dataset.claims.length, 'claim')} · version <code>${text(dataset.version)}</code>`
    : 'no dataset loaded';
  const state =
    snapshot.problemCount > 0
      ? `<span class="state refused">${text(plural(snapshot.problemCount, 'problem'))}</span>`
      : snapshot.failure
        ? '<span class="state refused">not loaded</span>'
        : '<span class="state sound">valid</span>';
  return [
    '<header><h1>Briefing preview</h1>',
    `<p class="status">${state} ${what} · loaded at <time>${text(snapshot.loadedAt.toISOString().slice(11, 19))}</time> UTC · updates on every save</p>`,
    '<nav><a href="#problems">Problems</a> <a href="#drafts">Drafts</a> <a href="#reports">Reports</a> <a href="#replies">Replies</a></nav>',
    '</header>',
  ].join('');
}

function problemsHtml(snapshot: PreviewSnapshot): string {
  const { problems, problemCount, failure } = snapshot;
  const heading = '<h2>Problems</h2>';
  if (failure) return `<section id="problems">${heading}<p class="problem">${text(failure)}</p></section>`;
  if (problemCount === 0)
    return `<section id="problems">${heading}<p class="none">None: the dataset is valid, as <code>npm run validate</code> says.</p></section>`;
  const shown = snapshot.dataset
    ? 'The reports and replies below are of the last valid version, until these are fixed.'
    : 'Nothing below until these are fixed.';
  const more = problemCount - problems.length;
  return [
    `<section id="problems" class="has-problems">${heading}`,
    `<p>${text(`${plural(problemCount, 'problem')}, each where it is. ${shown}`)}</p>`,
    `<ol class="problems">${problems.map((p) => problemHtml(p, snapshot.problemLines)).join('')}</ol>`,
    more > 0
      ? `<p>${text(`… and ${plural(more, 'more problem')}: npm run validate lists them all.`)}</p>`
      : '',
    '</section>',
  ].join('');
}

function problemHtml(problem: Problem, lines: ReadonlyMap<string, string>): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  const line = problem.line === null ? undefined : lines.get(lineKey(problem));
  return [
    '<li class="problem">',
    `<div><span class="where">${text(where)}</span>${problem.field ? ` <code>${text(problem.field)}</code>` : ''}</div>`,
    `<div class="message">${text(problem.message)}</div>`,
    line === undefined
      ? ''
      : `<pre class="source-line"><span class="number">${problem.line}</span> ${text(line)}</pre>`,
    '</li>',
  ].join('');
}

function draftsHtml(snapshot: PreviewSnapshot): string {
  const drafts = draftViews(snapshot.drafts);
  const body =
    drafts.length === 0
      ? '<p class="none">No drafts: <code>npm run draft -- data/sources/&lt;name&gt;.txt</code> writes one.</p>'
      : drafts.map(reportHtml).join('');
  return `<section id="drafts"><h2>Drafts</h2>${body}</section>`;
}

function reportsHtml(snapshot: PreviewSnapshot): string {
  const reports = snapshot.dataset ? reportViews(snapshot.dataset) : [];
  return `<section id="reports"><h2>Reports</h2>${reports.map(reportHtml).join('')}</section>`;
}

function repliesHtml(input: PageInput): string {
  const { replies, uncalled, asked, typed, pictureUrl } = input;
  return [
    '<section id="replies"><h2>Replies</h2>',
    '<p>Each command as a reader first calls it, answered by its handler and rendered as the bot sends it to Discord. Buttons and menus run their call here.</p>',
    `<form class="run" method="get" action="/#${PRESSED_ANCHOR}"><label>Run a command as in the console <input name="${RUN_PARAMETER}" value="${attribute(typed)}" placeholder="/ask question: how many were wounded" size="60"></label> <button type="submit">Run</button></form>`,
    uncalled.length
      ? `<p class="uncalled">Type these with your own words: ${uncalled.map((u) => `<code>${text(u.line)}</code>`).join(', ')}.</p>`
      : '',
    asked ? askedHtml(asked, pictureUrl) : '',
    ...replies.map(({ line, reply }, i) => replyHtml(`reply-${i + 1}`, line, reply, pictureUrl)),
    '</section>',
  ].join('');
}

function askedHtml(asked: Asked, pictureUrl: PictureUrl): string {
  if ('problem' in asked)
    return `<article class="reply asked" id="${PRESSED_ANCHOR}"><h3>${text(asked.line)}</h3><p class="problem">${text(asked.problem)}</p></article>`;
  return replyHtml(PRESSED_ANCHOR, asked.line, asked.reply, pictureUrl, 'asked');
}

function replyHtml(id: string, line: string, reply: ShownReply, pictureUrl: PictureUrl, kind = ''): string {
  return [
    `<article class="reply ${kind}" id="${attribute(id)}"><h3><code>${text(line)}</code></h3>`,
    ...reply.messages.map((m) => messageHtml(m, pictureUrl, BOT_NAME) + altTextsHtml(m)),
    reply.drawing ? '<p class="drawing">Drawing the pictures: they show here in a moment.</p>' : '',
    '</article>',
  ].join('');
}
