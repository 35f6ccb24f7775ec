/**
 * Text from users and from reports is shown as written, never read as Discord markdown: the one
 * place where anything typed or curated is made safe to put in a message.
 *
 * Every mark is escaped, rather than only those discord.js's escapeMarkdown guesses Discord would
 * format: its guesses left links nested in brackets, text after escaped backticks and underscores
 * before ":6>" live, as a property test over arbitrary text showed. Discord shows a backslash
 * followed by any ASCII punctuation as that character alone.
 */

/**
 * A web address as Discord links it: nothing in it is formatted. It is taken to end at a bracket
 * or a backslash too, which escaping may need to write.
 */
export const WEB_ADDRESS = /(https?:\/\/[^\s<[\\]*)/;

/**
 * Characters no one reads: control characters (but tab and newline), and format characters, which
 * are drawn as nothing (bidirectional controls that reorder what follows them, zero-width spaces,
 * word joiners, byte-order marks, invisible tags), and the Hangul fillers, letters drawn as
 * nothing. The zero-width joiner and non-joiner stay: Urdu, Persian and emoji need them.
 */
const INVISIBLE = /(?![\t\n])\p{Cc}|(?![\u200c\u200d])\p{Cf}|[\u115f\u1160\u3164\uffa0]/gu;

/**
 * Marks Discord reads anywhere: bold, italics, underline, strikethrough, spoilers, code, links, and
 * the `<` of its tags (timestamps, mentions, channels, commands, emoji). Every `<`, as a text ending
 * in one could start a tag with whatever follows it in the line.
 */
const INLINE_MARK = /[\\*_~|`[<]/g;

/** Marks Discord reads at a line's start: headings, small text, quotes, lists. */
const LINE_START_MARK = /^(\s*)(#|>|-|\+|\d+(?=\.))/gm;

/** What the rules above act on; text with none of it is returned as it is. */
const NEEDS_ESCAPING = new RegExp(`[\\\\*_~|\`[<#>+-]|^\\s*\\d|${INVISIBLE.source}`, 'mu');

/**
 * Text where it is shown as written (labels, placeholders, alt text, the console): only what no one
 * reads taken out. The one rule for it: escapeText applies it too.
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, '');
}

export function escapeText(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text
    .replace(INVISIBLE, '')
    .split(WEB_ADDRESS) // in a link, Discord formats nothing
    .map((part, i) => (i % 2 === 1 ? part : part.replace(INLINE_MARK, '\\$&')))
    .join('')
    .replace(LINE_START_MARK, (_, indent: string, mark: string) =>
      /^\d/.test(mark) ? `${indent}${mark}\\` : `${indent}\\${mark}`,
    );
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
