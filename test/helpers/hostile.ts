/**
 * Hostile text, and what every reply must be whatever it is fed: sendable, with no markdown or
 * Discord tag but the bot's own, and nothing invisible or terminal-moving in a payload or a line
 * of the console.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { CommandReply } from '../../src/contract/types.js';
import type { Rendered } from '../../src/render/payload.js';
import { replyToText } from '../../src/render/text.js';
import { expectSendable, liveMarkup } from '../commands/support.js';

/** Markdown, mentions and Discord's tags of every kind, as anyone can type them. */
const MARKUP = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!1>',
  '<@&1>',
  '<#1>',
  '</ask:1>',
  '<:emoji:1>',
  '<a:dance:1>',
  '<id:guide>',
  '[click here](https://evil.example)',
  '[x](<https://evil.example>)',
  'https://evil.example/_x_',
  '**bold**',
  '__underline__',
  '*italic*',
  '_italic_',
  '~~strike~~',
  '||spoiler||',
  '`code`',
  '```\ncode\n```',
  '# heading',
  '-# small',
  '> quote',
  '>>> quote',
  '- item',
  '1. item',
  '\\',
  'T.J.P.',
  'how many were wounded',
];

/** A Discord timestamp of any size and style, most beyond any date. */
const timestamp = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 10n ** 40n }),
    fc.constantFrom('', ':t', ':T', ':d', ':D', ':f', ':F', ':R'),
  )
  .map(([seconds, style]) => `<t:${seconds}${style}>`);

/** Control characters (C0, DEL, C1) and the bidirectional controls. */
const invisible = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'),
  fc.constantFrom('\u200b', '\u200d', '\u200e', '\u200f', '\u061c', '\ufeff', '\u2060', '\u00ad', '\u180e'),
);

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 2, arbitrary: timestamp },
  { weight: 2, arbitrary: invisible },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\n', '🏴‍☠️', 'العربية', '中文') },
);

/** Text made of hostile pieces, or huge, or of any code units at all. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 2000, maxLength: 7000 }) },
  { weight: 1, arbitrary: fc.array(piece, { minLength: 300, maxLength: 600 }).map((p) => p.join(' ')) },
);

/**
 * What no payload and no console line may hold: controls (but tab and newline), format characters
 * (but the joiners): bidirectional controls, zero-width and invisible characters.
 */
const INVISIBLE = /(?![\t\n])\p{Cc}|(?![\u200c\u200d])\p{Cf}/u;

/** The bot's own timestamps are of real dates; any other live tag or link came from outside. */
function isOwnTag(tag: string): boolean {
  const seconds = /^<t:(\d+)(?::[tTdDfFR])?>$/.exec(tag)?.[1];
  return seconds !== undefined && !Number.isNaN(new Date(Number(seconds) * 1000).getTime());
}

/** Every piece of text in a reply's payloads: content, titles, descriptions, fields, footers. */
function payloadTexts(reply: Rendered): string[] {
  return reply.messages.flatMap((m) => [
    m.content ?? '',
    ...(m.embeds ?? []).flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ]);
}

/** Sendable, with no live markup but the bot's own, and nothing invisible in a payload or a line. */
export function expectSafe(reply: CommandReply): void {
  for (const text of payloadTexts(expectSendable(reply))) {
    expect(liveMarkup(text).filter((tag) => !isOwnTag(tag))).toEqual([]);
    expect(text).not.toMatch(INVISIBLE);
  }
  for (const line of replyToText(reply).split('\n')) expect(line).not.toMatch(INVISIBLE);
}
