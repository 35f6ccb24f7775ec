/** The console's view of a reply: the same payloads as Discord gets, read as plain text. */
import { formatDistanceToNowStrict } from 'date-fns';
import type { APIEmbed } from 'discord-api-types/v10';
import type { MessagePayload, Reply } from './briefing.js';

export function replyToText(reply: Reply): string {
  const parts = reply.messages.map(messageToText);
  return (reply.ephemeral ? ['(only you can see this)', ...parts] : parts).join('\n\n');
}

export function messageToText(message: MessagePayload): string {
  return [message.content, ...(message.embeds ?? []).map(embedToText)]
    .filter((part): part is string => Boolean(part))
    .map(plainMarkdown)
    .join('\n\n');
}

function embedToText(embed: APIEmbed): string {
  const lines: string[] = [];
  if (embed.title) lines.push(`== ${embed.title} ==`);
  if (embed.description) lines.push(embed.description);
  for (const field of embed.fields ?? []) lines.push('', `-- ${field.name} --`, field.value);
  if (embed.footer?.text) lines.push('', `(${embed.footer.text})`);
  return lines.join('\n');
}

/**
 * A web address as Discord links it: nothing in it is formatted. It is taken to end at a bracket
 * or a backslash too, which escaping may need to write.
 */
export const WEB_ADDRESS = /(https?:\/\/[^\s<[\\]*)/;

/** Discord markdown a terminal cannot show: bold marks, italics, timestamps, escapes; not in links. */
function plainMarkdown(text: string): string {
  return text
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
