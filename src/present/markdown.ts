/** Text from users and from reports is shown as written, never read as Discord markdown. */
import { escapeMarkdown } from '@discordjs/formatters';

/** The characters the escaping below acts on: text without any is returned as it is. */
const MARKDOWN = /[\\`*_~|[\]#>-]|^\s*\d+\./m;

export function escapeText(text: string): string {
  // escapeMarkdown runs a dozen regular expressions over every text; most texts need none of them.
  if (!MARKDOWN.test(text)) return text;
  // Masked links, headings and lists too: typed text must not become a clickable link or a title.
  return escapeMarkdown(text, {
    codeBlockContent: false,
    inlineCodeContent: false,
    maskedLink: true,
    heading: true,
    bulletedList: true,
    numberedList: true,
  });
}

/** A verbatim quote, in curly quotes. */
export function quoteText(text: string): string {
  return `“${escapeText(text.replace(/\s+/g, ' ').trim())}”`;
}
