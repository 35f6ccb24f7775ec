/** Text from users and from reports is shown as written, never read as Discord markdown. */
import { escapeMarkdown } from '@discordjs/formatters';

export function escapeText(text: string): string {
  return escapeMarkdown(text, { codeBlockContent: false, inlineCodeContent: false });
}

/** A verbatim quote, in curly quotes. */
export function quoteText(text: string): string {
  return `“${escapeText(text.replace(/\s+/g, ' ').trim())}”`;
}
