/**
 * Discord's markdown as HTML, for the part of it the replies use: escapes, bold, italics,
 * underline, strikethrough, code, links, timestamps, and the line marks (headings, small text,
 * quotes, lists). Every piece of text is escaped as HTML first; only the markup made here is raw.
 */
import { attribute, text as escaped } from './html.js';

/**
 * One inline mark per alternative, in the order Discord reads them: a backslash before ASCII
 * punctuation, code, bold, underline, strikethrough, italics (two ways), a link in angle brackets
 * (no preview), a masked link, a timestamp tag, a bare web address.
 */
const INLINE =
  /\\([!-/:-@[-`{-~])|`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|~~(.+?)~~|\*(?!\s)(.+?)(?<!\s)\*|\b_(?!\s)(.+?)(?<!\s)_\b|<(https?:\/\/[^\s>]+)>|\[([^\]]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)|<t:(-?\d{1,13})(?::[tTdDfFR])?>|(https?:\/\/[^\s<]+[^\s<.,:;"')\]])/g;

/** A timestamp as Discord shows it to a reader in UTC: "12 December 2023 02:30". */
const TIMESTAMP = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function inlineHtml(markdown: string): string {
  let html = '';
  let last = 0;
  for (const m of markdown.matchAll(INLINE)) {
    html += escaped(markdown.slice(last, m.index));
    html += markHtml(m);
    last = m.index + m[0].length;
  }
  return html + escaped(markdown.slice(last));
}

function markHtml(m: RegExpMatchArray): string {
  const [
    ,
    escapedChar,
    code,
    bold,
    underline,
    strike,
    star,
    underscore,
    bracketed,
    label,
    masked,
    unix,
    bare,
  ] = m;
  if (escapedChar !== undefined) return escaped(escapedChar);
  if (code !== undefined) return `<code>${escaped(code)}</code>`;
  if (bold !== undefined) return `<strong>${inlineHtml(bold)}</strong>`;
  if (underline !== undefined) return `<u>${inlineHtml(underline)}</u>`;
  if (strike !== undefined) return `<s>${inlineHtml(strike)}</s>`;
  if (star !== undefined) return `<em>${inlineHtml(star)}</em>`;
  if (underscore !== undefined) return `<em>${inlineHtml(underscore)}</em>`;
  if (bracketed !== undefined) return link(bracketed, escaped(bracketed));
  if (label !== undefined && masked !== undefined) return link(masked, inlineHtml(label));
  if (unix !== undefined) return timestamp(Number(unix));
  if (bare !== undefined) return link(bare, escaped(bare));
  return escaped(m[0]);
}

/** A link that leaves the preview: opened apart, telling the other site nothing. */
function link(url: string, inner: string): string {
  return `<a href="${attribute(url)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
}

function timestamp(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return escaped(`<t:${seconds}>`);
  return `<time class="timestamp" datetime="${date.toISOString()}">${escaped(TIMESTAMP.format(date))} UTC</time>`;
}

/** The marks Discord reads at a line's start, each with the class its line is shown with. */
const LINE_MARKS: readonly [RegExp, string][] = [
  [/^-# /, 'subtext'],
  [/^### /, 'h3'],
  [/^## /, 'h2'],
  [/^# /, 'h1'],
  [/^> /, 'quote'],
  [/^\s*[-*] /, 'item'],
];

/** A block of Discord markdown (a description, a field's value): one element per line. */
export function markdownHtml(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      const mark = LINE_MARKS.find(([pattern]) => pattern.test(line));
      if (!mark)
        return line.trim() === ''
          ? '<div class="line blank"></div>'
          : `<div class="line">${inlineHtml(line)}</div>`;
      const [pattern, kind] = mark;
      return `<div class="line ${kind}">${inlineHtml(line.replace(pattern, ''))}</div>`;
    })
    .join('');
}
