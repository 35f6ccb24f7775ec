/**
 * Shortening a text, marked: the wording shortens a quoted example, the renderer fits Discord's
 * limits, and both cut the same way.
 */

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
