/** Fitting text into Discord's limits without cutting mid-word unmarked. */

export const ELLIPSIS = '…';

/** Shortens to at most `max` characters, at a word boundary where one is near, marked with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const room = text.slice(0, max - ELLIPSIS.length);
  const lastSpace = room.search(/\s\S*$/);
  const cut = lastSpace > room.length * 0.6 ? room.slice(0, lastSpace) : room;
  return `${withoutBrokenEscape(withoutBrokenSurrogate(cut)).trimEnd()}${ELLIPSIS}`;
}

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
  for (const line of lines.flatMap((l) => splitLong(l, max))) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= max) current = joined;
    else {
      chunks.push(current);
      current = line;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/**
 * A cut between a markdown escape's backslash and the character it escapes would leave that
 * character live at the start of the next piece: the backslash goes along with it.
 */
function withoutBrokenEscape(text: string): string {
  const backslashes = /\\*$/.exec(text)?.[0].length ?? 0;
  return backslashes % 2 === 1 ? text.slice(0, -1) : text;
}

/** A cut between the two halves of a surrogate pair would leave an invalid character. */
function withoutBrokenSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}
