/**
 * Where a claim's quote stands in its report's text, found as the loader finds it: after folding
 * white space and quote marks (the one rule, `normaliseForQuoteCheck`), so every quote the loader
 * accepts is found here, and marked over the text as published.
 */
import { normaliseForQuoteCheck } from '../dataset/quotes.js';

export interface Span {
  start: number;
  end: number;
}

/** The text folded, and for each folded character the position in the text it came from. */
interface FoldedText {
  folded: string;
  origin: number[];
}

/** Folds one character at a time with the loader's rule: a run of white space becomes one space. */
function fold(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    const into = normaliseForQuoteCheck(char);
    if (into === '') {
      if (folded !== '' && !folded.endsWith(' ')) {
        folded += ' ';
        origin.push(i);
      }
      continue;
    }
    folded += into;
    origin.push(i);
  }
  return { folded, origin };
}

/** Finds quotes in one text, folding the text once: the first place of each, or null where it is not. */
export function quoteLocator(text: string): (quote: string) => Span | null {
  const { folded, origin } = fold(text);
  return (quote) => {
    const needle = normaliseForQuoteCheck(quote);
    if (needle === '') return null;
    const at = folded.indexOf(needle);
    if (at < 0) return null;
    const last = origin[at + needle.length - 1] as number;
    return { start: origin[at] as number, end: last + 1 };
  };
}

/** A stretch of the text and the claims whose quotes cover it (none: plain text). */
export interface Segment {
  start: number;
  end: number;
  claims: string[];
}

/** The text cut where any quote starts or ends, each piece with the claims over it, in order. */
export function segmentsOf(length: number, spans: ReadonlyMap<string, Span>): Segment[] {
  const cuts = new Set([0, length]);
  for (const { start, end } of spans.values()) cuts.add(start).add(end);
  const points = [...cuts].filter((c) => c >= 0 && c <= length).sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const claims = [...spans].filter(([, s]) => s.start <= start && s.end >= end).map(([id]) => id);
    segments.push({ start, end, claims });
  }
  return segments;
}
