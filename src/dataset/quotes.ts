/**
 * Quotes are checked against the source text after folding white space and quote marks, so that
 * a curator's straight quotes match a report's curly ones and line breaks do not matter.
 */
import { distance } from 'fastest-levenshtein';

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

/** Any of the marks above; derived from the table so the two never drift apart. */
const QUOTE_MARK = new RegExp(`[${Object.keys(QUOTE_MARKS).join('')}]`);
const QUOTE_MARKS_ALL = new RegExp(QUOTE_MARK.source, 'g');
/** White space other than single spaces between words: what the normalisation changes. */
const UNUSUAL_SPACE = /[^\S ]| {2}|^ | $/;

export function normaliseForQuoteCheck(text: string): string {
  // Most quotes are already normal: they are returned as they are, without a copy.
  if (!QUOTE_MARK.test(text) && !UNUSUAL_SPACE.test(text)) return text;
  return text
    .replace(QUOTE_MARKS_ALL, (m) => QUOTE_MARKS[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Texts shorter than this are searched directly: `includes` takes a few microseconds on them. */
const INDEXED_TEXT = 16_384;
/** A long text is indexed by its GRAM-character pieces starting every STRIDE characters. */
const GRAM = 8;
const STRIDE = 16;

/**
 * Checks quotes against one text, normalising the text only once. A long text checked against
 * many quotes (the benchmark's reports carry a thousand each) gets an index of sampled pieces, so a
 * quote is looked up rather than searched for from the start: the answer is the same, exactly.
 */
export function quoteFinder(text: string): (quote: string) => boolean {
  const haystack = normaliseForQuoteCheck(text);
  if (haystack.length < INDEXED_TEXT) return (quote) => haystack.includes(normaliseForQuoteCheck(quote));
  let grams: Map<number, number[]> | undefined;
  return (quote) => {
    const needle = normaliseForQuoteCheck(quote);
    if (needle.length < GRAM + STRIDE - 1) return haystack.includes(needle);
    grams ??= sampleGrams(haystack);
    return appearsIndexed(haystack, grams, needle);
  };
}

/** Sampled positions by a hash of the GRAM characters there (a hash shared by other pieces only adds candidates). */
function sampleGrams(haystack: string): Map<number, number[]> {
  const grams = new Map<number, number[]>();
  for (let at = 0; at + GRAM <= haystack.length; at += STRIDE) {
    const gram = gramHash(haystack, at);
    const list = grams.get(gram);
    if (list) list.push(at);
    else grams.set(gram, [at]);
  }
  return grams;
}

function gramHash(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + GRAM; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * An occurrence of the needle at position p covers the first sampled position s >= p, at offset
 * s - p < STRIDE inside the needle, and the needle is long enough to hold the whole piece there. So
 * trying every offset below STRIDE, each against the sampled positions of its piece (or of a rarer
 * piece STRIDE, 2 STRIDE... further on, which meets the same occurrences), finds every occurrence.
 */
function appearsIndexed(haystack: string, grams: ReadonlyMap<number, number[]>, needle: string): boolean {
  for (let offset = 0; offset < STRIDE; offset++) {
    let best: { at: number; list: number[] } | undefined;
    for (let at = offset; at + GRAM <= needle.length; at += STRIDE) {
      const list = grams.get(gramHash(needle, at));
      if (!list) {
        best = undefined;
        break;
      }
      if (!best || list.length < best.list.length) best = { at, list };
      if (list.length <= 4) break;
    }
    if (!best) continue;
    for (const sampled of best.list) {
      const start = sampled - best.at;
      if (start >= 0 && haystack.startsWith(needle, start)) return true;
    }
  }
  return false;
}

/** Texts longer than this are not searched for a near passage: the search costs a distance per word. */
const NEAREST_TEXT = 100_000;

/**
 * The passage of the text nearest to a quote that is not in it, as many words long, when it is
 * close enough to be what was meant (at most a third of its characters differ): what a curator
 * compares the quote with to see the word they changed.
 */
export function nearestPassage(text: string, quote: string): string | undefined {
  const haystack = normaliseForQuoteCheck(text);
  const needle = normaliseForQuoteCheck(quote);
  if (haystack.length > NEAREST_TEXT || needle.length === 0) return undefined;
  const length = needle.split(' ').length;
  const starts = [0, ...[...haystack.matchAll(/ /g)].map((m) => (m.index ?? 0) + 1)];
  let best: { passage: string; distance: number } | undefined;
  for (let i = 0; i < starts.length; i++) {
    const end = i + length < starts.length ? (starts[i + length] as number) - 1 : haystack.length;
    const passage = haystack.slice(starts[i], end);
    const d = distance(passage, needle);
    if (!best || d < best.distance) best = { passage, distance: d };
  }
  return best && best.distance <= Math.ceil(needle.length / 3) ? best.passage : undefined;
}
