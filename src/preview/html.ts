/**
 * HTML written on the server, safe by construction: every text put in the page, from a report, a
 * reply or a file name, goes through `text` or `attribute`; only the page's own markup is raw.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as the browser shows it, whatever it holds: markup in it is shown, never run. */
export function text(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A value inside a double-quoted attribute (the same escaping: quotes included). */
export const attribute = text;

/**
 * An element's id from data (a report's id, a file name), usable as a link's #fragment as it is:
 * anything but a lower-case letter, digit, "." or "-" is written as its code between two "_", so
 * that two keys never share an id.
 */
export function anchorId(kind: string, key: string): string {
  return `${kind}-${key.replace(/[^a-z0-9.-]/g, (c) => `_${c.codePointAt(0)?.toString(16)}_`)}`;
}
