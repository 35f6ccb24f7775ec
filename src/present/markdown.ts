/** Text from users and from reports is shown as written, never read as Discord markdown. */
import { escapeMarkdown } from '@discordjs/formatters';

/** The characters the escaping below acts on: text without any is returned as it is. */
const MARKDOWN = /[\\`*_~|]/;

export function escapeText(text: string): string {
  // escapeMarkdown runs a dozen regular expressions over every text; most texts need none of them.
  if (!MARKDOWN.test(text)) return text;
  return escapeMarkdown(text, { codeBlockContent: false, inlineCodeContent: false });
}

/** A verbatim quote, in curly quotes. */
export function quoteText(text: string): string {
  return `“${escapeText(text.replace(/\s+/g, ' ').trim())}”`;
}
