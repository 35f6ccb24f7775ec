/**
 * Text from users and from reports is shown as written, never read as Discord markdown: the one
 * place where anything typed or curated is made safe to put in a message.
 */
import { escapeMarkdown } from '@discordjs/formatters';

/** Characters no one reads: control characters (but tab and newline) and bidirectional overrides. */
const INVISIBLE = /(?![\t\n])\p{Cc}|[\u202a-\u202e\u2066-\u2069]/gu;

/** What escapeMarkdown and the rules below act on; text with none of it is returned as it is. */
const MARKUP = /[\\`*_~|[\]#<>-]|^\s*\d+\./;
const NEEDS_ESCAPING = new RegExp(`${MARKUP.source}|${INVISIBLE.source}`, 'mu');

/** Discord's own tags: timestamps, mentions, channels, slash commands, custom emoji, server guides. */
const DISCORD_TAG = /<(?=[@#/:]|a:|t:|id:)/g;
/**
 * Stands for a tag's `<` while escapeMarkdown runs, which would otherwise take the tag for a live
 * emoji and leave the underscores after it alone. A control character: none is left in the text.
 */
const TAG_START = '\u0001';

/** What escapeMarkdown leaves: a block quote (`>`, `>>>`) or small text (`-#`) at a line's start. */
const LINE_START_MARK = /^(\s*)(>|-#)/gm;

export function escapeText(text: string): string {
  // escapeMarkdown runs a dozen regular expressions over every text; most texts need none of them.
  if (!NEEDS_ESCAPING.test(text)) return text;
  // Masked links, headings and lists too: typed text must not become a clickable link or a title.
  // What is between backticks is escaped as well, since the backticks themselves are.
  return escapeMarkdown(text.replace(INVISIBLE, '').replace(DISCORD_TAG, TAG_START), {
    maskedLink: true,
    heading: true,
    bulletedList: true,
    numberedList: true,
  })
    .replaceAll(TAG_START, '\\<')
    .replace(LINE_START_MARK, '$1\\$2');
}

/**
 * A link as Discord shows it without a preview: the URL as a browser sends it, with spaces, quotes
 * and angle brackets percent-encoded, so it cannot close its brackets. Not a URL: shown as text.
 */
export function linkText(url: string): string {
  return URL.canParse(url) ? `<${new URL(url).href}>` : escapeText(url);
}

/** A verbatim quote, in curly quotes. */
export function quoteText(text: string): string {
  return `“${escapeText(text.replace(/\s+/g, ' ').trim())}”`;
}
