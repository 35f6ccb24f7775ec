/** Fitting text into Discord's limits without cutting mid-word unmarked. */
import { ELLIPSIS, truncate } from '../briefing/truncate.js';

/**
 * Splits one long text into pieces of at most `max`, each cut marked with "…" on both sides. Each
 * cut looks only at the next `max` characters, so the work is linear in the text's length.
 */
export function splitLong(text: string, max: number): string[] {
  if (max < 8) throw new RangeError('splitLong needs room for text between the marks');
  const pieces: string[] = [];
  let start = 0;
  let mark = '';
  while (mark.length + text.length - start > max) {
    const head = truncate(mark + text.slice(start, start + max + 1), max);
    pieces.push(head);
    start += head.length - ELLIPSIS.length - mark.length;
    while (/\s/.test(text.charAt(start))) start++;
    mark = ELLIPSIS;
  }
  pieces.push(mark + text.slice(start));
  return pieces;
}

/** Packs lines into chunks of at most `max` characters (joined by newlines), splitting any line too long. */
export function packLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  const pack = (line: string) => {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= max) current = joined;
    else {
      chunks.push(current);
      current = line;
    }
  };
  // Nearly every line fits as it is: only a longer one is split.
  for (const line of lines) {
    if (line.length <= max) pack(line);
    else for (const piece of splitLong(line, max)) pack(piece);
  }
  if (current) chunks.push(current);
  return chunks;
}
