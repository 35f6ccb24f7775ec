/**
 * What the pictures need to know of a TrueType font before drawing: which characters it has and
 * how wide each is. Read from the font's own tables (cmap, hmtx) in a few milliseconds, where a
 * general font library parses every table first (a tenth of a second or more for DejaVu Sans), so
 * a picture not drawn yet does not wait for it.
 */

/** A font's characters and their advances, in em (the font size is a multiple of them). */
export interface FontMetrics {
  /** Whether the font draws the character (one code point). */
  has(character: string): boolean;
  /** The text's width in pixels at `size`, each character by its advance (no kerning: a hair wider). */
  width(text: string, size: number): number;
}

export function fontMetrics(font: Uint8Array): FontMetrics {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = tableOffsets(view);
  const at = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`not a TrueType font this reader knows: no ${tag} table`);
    return offset;
  };
  const unitsPerEm = view.getUint16(at('head') + 18);
  const metrics = view.getUint16(at('hhea') + 34);
  const hmtx = at('hmtx');
  const glyphOf = characterMap(view, at('cmap'));
  const advance = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, metrics - 1));
  const widths = new Map<number, number>();
  const widthOf = (code: number) => {
    let w = widths.get(code);
    if (w === undefined) {
      w = advance(glyphOf(code)) / unitsPerEm;
      widths.set(code, w);
    }
    return w;
  };
  return {
    has: (character) => glyphOf(character.codePointAt(0) ?? 0) > 0,
    width: (text, size) => {
      let em = 0;
      for (const character of text) em += widthOf(character.codePointAt(0) ?? 0);
      return em * size;
    },
  };
}

function tableOffsets(view: DataView): Map<string, number> {
  const tables = new Map<string, number>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const entry = 12 + 16 * i;
    const tag = String.fromCharCode(...[0, 1, 2, 3].map((k) => view.getUint8(entry + k)));
    tables.set(tag, view.getUint32(entry + 8));
  }
  return tables;
}

/**
 * The glyph of a code point (0: none), from the font's Unicode character map: format 12 (every
 * plane) where the font has it, else format 4 (the basic plane).
 */
function characterMap(view: DataView, cmap: number): (code: number) => number {
  const subtables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const entry = cmap + 4 + 8 * i;
    subtables.set(`${view.getUint16(entry)}.${view.getUint16(entry + 2)}`, cmap + view.getUint32(entry + 4));
  }
  const full = subtables.get('3.10') ?? subtables.get('0.4');
  if (full !== undefined && view.getUint16(full) === 12) return format12(view, full);
  const basic = subtables.get('3.1') ?? subtables.get('0.3');
  if (basic !== undefined && view.getUint16(basic) === 4) return format4(view, basic);
  throw new Error('not a TrueType font this reader knows: no Unicode character map');
}

function format12(view: DataView, table: number): (code: number) => number {
  const groups = view.getUint32(table + 12);
  return (code) => {
    let [lo, hi] = [0, groups - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const group = table + 16 + 12 * mid;
      if (code < view.getUint32(group)) hi = mid - 1;
      else if (code > view.getUint32(group + 4)) lo = mid + 1;
      else return view.getUint32(group + 8) + code - view.getUint32(group);
    }
    return 0;
  };
}

function format4(view: DataView, table: number): (code: number) => number {
  const segments = view.getUint16(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const ranges = deltas + 2 * segments;
  return (code) => {
    if (code > 0xffff) return 0;
    for (let i = 0; i < segments; i++) {
      if (code > view.getUint16(ends + 2 * i)) continue;
      const start = view.getUint16(starts + 2 * i);
      if (code < start) return 0;
      const delta = view.getInt16(deltas + 2 * i);
      const range = view.getUint16(ranges + 2 * i);
      if (range === 0) return (code + delta) & 0xffff;
      const glyph = view.getUint16(ranges + 2 * i + range + 2 * (code - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
