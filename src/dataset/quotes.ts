/**
 * Quotes are checked against the source text after folding white space and quote marks, so that
 * a curator's straight quotes match a report's curly ones and line breaks do not matter.
 */
const QUOTE_MARKS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '`': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
};

export function normaliseForQuoteCheck(text: string): string {
  return text
    .replace(
      /[\u2018\u2019\u201A\u201B\u2032`\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g,
      (m) => QUOTE_MARKS[m] ?? m,
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Checks quotes against one text, normalising the text only once. */
export function quoteFinder(text: string): (quote: string) => boolean {
  const haystack = normaliseForQuoteCheck(text);
  return (quote) => haystack.includes(normaliseForQuoteCheck(quote));
}
