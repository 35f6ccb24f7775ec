/**
 * Figures in a sentence: each quantity, the measure its words name, the noun it counts, and the
 * counts it says it includes ("24, including one attacker").
 *
 * A measure is known by phrases (its id, label and synonyms). A phrase is met when each of its words
 * is in the sentence within the number's reach (see `reachOf`), and scores the sum of how much each
 * counts: "killing at least 24 officers" is officers killed, while "terrorists" at the start of
 * that sentence, far off, does not make it militants killed. The best phrase wins; a tie goes to
 * the measure more of whose phrases are met.
 */

import type { VagueWord } from '../dataset/quantities.js';
import type { IncludedCount, Measure, Qualifier } from '../dataset/schema.js';
import { numberOf, type Quantity, quantitiesOf } from './quantities.js';
import { FUNCTION_WORDS, type Sentence, type Word } from './text.js';
import type { MeasureWords, Vocabulary } from './vocabulary.js';

export interface DraftFigure {
  measure: Measure;
  value?: number;
  words?: VagueWord;
  qualifier: Qualifier;
  counted: string;
  includes: IncludedCount[];
  /** The words of the sentence that named the measure, for the curator to check. */
  evidence: string[];
}

/** How far from its number a word still counts as said of it. */
const NEAR = 6;
/** The reach of a word at most three words from its number: a measure needs one such word. */
const ANCHOR = 0.97;

export function figuresOf(sentence: Sentence, vocabulary: Vocabulary): DraftFigure[] {
  const words = sentence.words;
  const quantities = quantitiesOf(words);
  const figures: { figure: DraftFigure; quantity: Quantity }[] = [];
  quantities.forEach((quantity, k) => {
    const reach = (i: number) => reachOf(words, quantities, k, i);
    // A phrase must hold a word right beside the number, unless the number carries its unit ("$35,000").
    const anchored = /^\p{Sc}/u.test(words[quantity.last]?.text ?? '') ? 0 : ANCHOR;
    // "five people", "23 individuals": a count that never says who was counted belongs to a total.
    const generic = FUNCTION_WORDS.has(words[quantity.last + 1]?.stem ?? '');
    const best = bestMeasure(words, reach, anchored, vocabulary, generic);
    if (!best) return;
    const figure: DraftFigure = {
      measure: best.measure,
      ...(quantity.value !== undefined ? { value: quantity.value } : {}),
      ...(quantity.words ? { words: quantity.words } : {}),
      qualifier: quantity.qualifier,
      counted: countedNoun(words, quantity, best.measure, best.evidence),
      includes: [],
      evidence: best.evidence,
    };
    const including = figures.at(-1);
    if (including && isIncludedIn(words, including.quantity, quantity)) {
      including.figure.includes.push({
        measure: figure.measure.id,
        ...(figure.value !== undefined ? { value: figure.value } : {}),
        qualifier: figure.qualifier,
      });
      return;
    }
    figures.push({ figure, quantity });
  });
  return figures.map((f) => f.figure);
}

/**
 * How much a word at index i counts towards the k-th quantity: fully when near it (less a little
 * per word between), half when further off in the sentence, not at all when another quantity stands
 * between them and the word is near that one ("34 of which five are critical": "critical" is said
 * of five, not of 34). Two quantities joined by "and" share their words ("two soldiers and 21
 * militants were killed"), and a part named "of which" shares its whole's ("34 of which five").
 */
function reachOf(words: readonly Word[], quantities: readonly Quantity[], k: number, i: number): number {
  const q = quantities[k] as Quantity;
  if (i >= q.first && i <= q.last) return 0;
  const after = i > q.last;
  // "more than 30 troops were wounded": the verb after the count is its own, and a word before
  // the count ("23 soldiers were killed and more than 30…") belongs to another clause; but not
  // for a part of a count named before it ("34 of which five are critical").
  if (!after && passiveAfter(words, q) && !/^(which|whom)$/i.test(words[q.first - 1]?.text ?? '')) return 0;
  // Of two words as near, the one after the count ("23 dead, 34 injured") is the count's.
  const distance = after ? i - q.last : q.first - i + 0.01;
  const between = quantities.filter((r) =>
    after ? r.first > q.last && r.last < i : r.last < q.first && r.first > i,
  );
  if (between.length === 0) return distance <= NEAR ? 1 - 0.01 * distance : 0.5 - 0.001 * distance;
  const nearest = (after ? between[between.length - 1] : between[0]) as Quantity;
  const neighbour = (after ? between[0] : between[between.length - 1]) as Quantity;
  const fromNearest = after ? i - nearest.last : nearest.first - i;
  const shared = joined(words, q, neighbour) || (!after && partOf(words, neighbour, q));
  return fromNearest <= NEAR && !shared ? 0 : 0.5 - 0.001 * distance;
}

/** The count is followed by its noun (a word or two, or none) and "were", "was", "are" or "is": "30 troops were wounded". */
function passiveAfter(words: readonly Word[], q: Quantity): boolean {
  const next = words.slice(q.last + 1, q.last + 4).map((w) => w.text.toLowerCase());
  const verb = next.findIndex((w) => /^(were|was|are|is)$/.test(w));
  return verb >= 0 && next.slice(0, verb).every((w) => /^\p{L}+$/u.test(w));
}

/** "two soldiers and 21 militants": a few words between them, one of them "and" or "or". */
function joined(words: readonly Word[], a: Quantity, b: Quantity): boolean {
  const between = words.slice(Math.min(a.last, b.last) + 1, Math.max(a.first, b.first));
  return between.length <= 3 && between.some((w) => /^(and|or)$/i.test(w.text));
}

/** "34 of which five", "five attackers, of whom two": the later count is a part of the earlier. */
function partOf(words: readonly Word[], whole: Quantity, part: Quantity): boolean {
  return words.slice(whole.last + 1, part.first).some((w) => /^(which|whom|them)$/i.test(w.text));
}

/** "24 killed, including one attacker": the second count is part of the first, not a figure of its own. */
function isIncludedIn(words: readonly Word[], earlier: Quantity, later: Quantity): boolean {
  return words
    .slice(earlier.last + 1, later.first)
    .some((w) => /^(including|includ|among)$/i.test(w.text) || w.stem === 'includ');
}

interface Scored {
  measure: Measure;
  score: number;
  phrasesMet: number;
  evidence: string[];
}

function bestMeasure(
  words: readonly Word[],
  reach: (i: number) => number,
  anchor: number,
  vocabulary: Vocabulary,
  totalsOnly: boolean,
): Scored | undefined {
  let best: Scored | undefined;
  for (const candidate of vocabulary.measures) {
    if (totalsOnly && candidate.measure.part_of.length > 0) continue;
    const scored = scoreMeasure(words, reach, anchor, candidate, vocabulary.equivalents);
    if (
      scored &&
      (!best ||
        scored.score > best.score + 1e-9 ||
        (Math.abs(scored.score - best.score) <= 1e-9 && scored.phrasesMet > best.phrasesMet))
    )
      best = scored;
  }
  return best;
}

function scoreMeasure(
  words: readonly Word[],
  reach: (i: number) => number,
  anchor: number,
  { measure, phrases }: MeasureWords,
  equivalents: ReadonlyMap<string, ReadonlySet<string>>,
): Scored | undefined {
  let best: { score: number; evidence: string[] } | undefined;
  let phrasesMet = 0;
  for (const phrase of phrases) {
    let score = 0;
    let anchored = false;
    const evidence: string[] = [];
    for (const wanted of phrase) {
      const same = equivalents.get(wanted);
      let wordScore = 0;
      let found: Word | undefined;
      words.forEach((word, i) => {
        if (word.stem !== wanted && !same?.has(word.stem)) return;
        const s = reach(i);
        if (s > wordScore) {
          wordScore = s;
          found = word;
        }
      });
      if (!found) {
        score = 0;
        break;
      }
      score += wordScore;
      anchored ||= wordScore >= anchor;
      evidence.push(found.text);
    }
    if (score <= 0 || !anchored) continue;
    phrasesMet++;
    if (!best || score > best.score) best = { score, evidence };
  }
  return best && { measure, score: best.score, phrasesMet, evidence: best.evidence };
}

/**
 * The report's word for what was counted: the noun right after the number ("24 officers"), or the
 * measure's unit when it is not people ("60 km", "$35,000"), or else the word that named the measure
 * ("The blast injured 34").
 */
function countedNoun(
  words: readonly Word[],
  quantity: Quantity,
  measure: Measure,
  evidence: string[],
): string {
  if (measure.unit !== 'people') return measure.unit;
  const next = words[quantity.last + 1];
  const hyphened = /-(\p{L}+)$/u.exec(words[quantity.last]?.text ?? '')?.[1];
  if (hyphened && numberOf(hyphened) === undefined) return hyphened;
  if (next && /^\p{L}+$/u.test(next.text) && !NOT_NOUNS.has(next.text.toLowerCase()))
    return next.text.toLowerCase();
  return (evidence.at(-1) ?? measure.id).toLowerCase();
}

/** Words that follow a number without naming what it counts. */
const NOT_NOUNS = new Set(
  'a an the of in on at to by for from with and or were was are is have had has more which others other'.split(
    ' ',
  ),
);
