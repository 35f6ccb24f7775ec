/**
 * The console's view of a reply: the briefing itself as plain text, the same sections and lines
 * Discord shows, with Discord's markdown (bold marks, escapes, timestamps) read as a terminal needs.
 */
import { formatDistanceToNowStrict } from 'date-fns';
import { visibleText, WEB_ADDRESS } from '../briefing/markdown.js';
import type { Briefing } from '../briefing/model.js';

export function replyToText(reply: { briefing: Briefing; private: boolean }): string {
  const text = briefingToText(reply.briefing);
  return reply.private ? `(only you can see this)\n\n${text}` : text;
}

export function briefingToText(briefing: Briefing): string {
  const lines: string[] = [`== ${briefing.title.trim() || 'Briefing'} ==`];
  if (briefing.description?.trim()) lines.push(briefing.description);
  const sources = briefing.sources?.length ? [{ heading: 'Sources', lines: briefing.sources }] : [];
  for (const section of [...briefing.sections, ...sources, ...(briefing.more ?? [])])
    lines.push('', `-- ${section.heading} --`, ...section.lines);
  if (briefing.footer?.trim()) lines.push('', `(${briefing.footer})`);
  return plainText(lines.join('\n'));
}

/** Discord markdown a terminal cannot show: bold marks, italics, timestamps, escapes; not in links. */
export function plainText(text: string): string {
  return visibleText(text)
    .split(WEB_ADDRESS)
    .map((part, i) => (i % 2 === 1 ? part : plainPart(part)))
    .join('');
}

function plainPart(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(?<![\\\w])_(\S(?:.*?\S)?)_(?!\w)/g, '$1')
    .replace(/(?<!\\)<t:(\d+)(?::([tTdDfFR]))?>/g, (written: string, seconds: string, style?: string) =>
      formatTimestamp(Number(seconds), style, written),
    )
    .replace(/\\([\\*_~`|<>#[\]().+-])/g, '$1');
}

function formatTimestamp(seconds: number, style: string | undefined, written: string): string {
  const date = new Date(seconds * 1000);
  // A moment beyond any date (anyone can type one) stays as written, as Discord leaves it.
  if (Number.isNaN(date.getTime())) return written;
  // As Discord shows them: relative ("2 years ago"), a date, or a date and time (here in UTC).
  if (style === 'R') return formatDistanceToNowStrict(date, { addSuffix: true });
  // Years past 9999 are written "+010000-…", so the day ends where the time begins.
  const [day = '', clock = ''] = date.toISOString().split('T');
  return style === 'd' || style === 'D' ? day : `${day} ${clock.slice(0, 5)} UTC`;
}
