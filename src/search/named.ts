/**
 * The measures and points a question names, through the words the data declares for them (their
 * labels, a point's question, their synonyms): "how many were wounded" names the injured, "who
 * claimed it" the point of who claimed responsibility. An answer that names one leads with it.
 *
 * A phrase names its measure or point when every informative word of it is in the question (read
 * as search reads it: synonyms as their concept, typos of known words corrected); the strongest
 * such phrase wins, so "soldiers killed" names security forces killed over "killed" alone.
 *
 * Two kinds of word count for less. The words of the incident's own title ("attack") name nothing:
 * nearly every question is about the attack, so "where did the attack happen" asks where, not what
 * was attacked. Question words the data declares ("who", "how") name, but less than a word of
 * substance: "how many were wounded" asks about the wounded, not how the attack began.
 */
import type { Dataset } from '../dataset/dataset.js';
import { memoPerDataset, oncePerDataset } from '../dataset/memo.js';
import { recentPerDataset } from './recent.js';
import { processQueryTerm, processTerm, tokenize } from './terms.js';

export interface Named {
  kind: 'measure' | 'point';
  id: string;
  /** How much of the question the phrase that named it covers: more is more specific. */
  strength: number;
  /** The question's terms that phrase covers. */
  terms: readonly string[];
}

interface Phrase {
  kind: Named['kind'];
  id: string;
  terms: string[];
}

/** Question words search leaves out, kept here when the data declares them for a measure or point. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(['who', 'how', 'why', 'whom']);
const QUESTION_WORD_WEIGHT = 0.5;

const phrasesOf = oncePerDataset((dataset): Phrase[] => {
  const phrase = (kind: Named['kind'], id: string, text: string): Phrase => ({
    kind,
    id,
    terms: termsOf(text),
  });
  const names = nameTerms(dataset);
  return [
    ...dataset.measures.flatMap((m) => [m.label, ...m.synonyms].map((t) => phrase('measure', m.id, t))),
    ...dataset.points.flatMap((p) =>
      [p.label, p.question, ...p.synonyms].map((t) => phrase('point', p.id, t)),
    ),
  ].filter((p) => p.terms.some((t) => !names.has(t)));
});

/**
 * The words of groups', people's and places' names: a phrase of nothing else ("what is TJP") names
 * the group, whose card answers the question, not one point about it.
 */
function nameTerms(dataset: Dataset): Set<string> {
  return new Set(
    [
      ...dataset.groups.flatMap((g) => [g.name, g.short ?? '', ...g.aliases]),
      ...dataset.people.flatMap((p) => [p.name, ...p.aliases]),
      ...dataset.places.flatMap((p) => [p.name, ...p.aliases]),
    ].flatMap(termsOf),
  );
}

/** A declared phrase's terms (or a claim's), read as a question is. */
export function termsOf(text: string): string[] {
  return [...new Set(tokenize(text).flatMap((t) => processTerm(t, { question: true }) ?? questionWord(t)))];
}

function questionWord(token: string): string[] {
  return QUESTION_WORDS.has(token) ? [token] : [];
}

function weightOf(term: string): number {
  return QUESTION_WORDS.has(term) ? QUESTION_WORD_WEIGHT : 1;
}

/** The terms of the incident's own title: what nearly every question is about. */
export function subjectTerms(dataset: Dataset, incident: string | undefined): ReadonlySet<string> {
  return titleTerms(dataset, incident ?? '');
}

const titleTerms = memoPerDataset(
  (dataset, incident: string): ReadonlySet<string> =>
    new Set(termsOf(dataset.incidentById.get(incident)?.title ?? '')),
);

/** The terms of a question as it names measures and points: typos of their words corrected. */
export function askedTerms(dataset: Dataset, question: string): Set<string> {
  const known = knownTerms(dataset);
  return new Set(
    tokenize(question).flatMap((t) => processQueryTerm(t, (term) => known.has(term)) ?? questionWord(t)),
  );
}

const knownTerms = oncePerDataset((dataset) => new Set(phrasesOf(dataset).flatMap((p) => p.terms)));

/** Every measure and point the question names, the most specific first. */
export function namedInQuestion(dataset: Dataset, question: string, incident?: string): Named[] {
  return recentNamed(dataset, JSON.stringify([question, incident ?? null]));
}

const recentNamed = recentPerDataset((dataset, key) => {
  const [question, incident] = JSON.parse(key) as [string, string | null];
  return findNamed(dataset, question, incident ?? undefined);
});

function findNamed(dataset: Dataset, question: string, incident: string | undefined): Named[] {
  const asked = askedTerms(dataset, question);
  const { phrases, byFirstTerm } = phrasesAbout(dataset, incident ?? '');
  // Only a phrase whose first term is asked can be in the question; read in their declared order.
  const candidates = [...asked].flatMap((term) => byFirstTerm.get(term) ?? []).sort((a, b) => a - b);
  const best = new Map<string, Named>();
  for (const at of candidates) {
    const phrase = phrases[at] as AboutPhrase;
    if (!allIn(phrase.terms, asked)) continue;
    if ((best.get(phrase.key)?.strength ?? 0) < phrase.strength)
      best.set(phrase.key, {
        kind: phrase.kind,
        id: phrase.id,
        strength: phrase.strength,
        terms: phrase.terms,
      });
  }
  return [...best.values()].sort((a, b) => b.strength - a.strength);
}

function allIn(terms: readonly string[], asked: ReadonlySet<string>): boolean {
  for (const term of terms) if (!asked.has(term)) return false;
  return true;
}

interface AboutPhrase extends Phrase {
  strength: number;
  key: string;
}

/**
 * The phrases that can name something in a question about the incident: each with the words of
 * its title left out, and its strength; and, by its first term, where each is. The same for every
 * question, so worked out once.
 */
const phrasesAbout = memoPerDataset((dataset, incident: string) => {
  const subject = subjectTerms(dataset, incident);
  const phrases = phrasesOf(dataset).flatMap((phrase): AboutPhrase[] => {
    const terms = phrase.terms.filter((t) => !subject.has(t));
    if (terms.length === 0) return [];
    const strength = terms.reduce((sum, t) => sum + weightOf(t), 0);
    return [{ ...phrase, terms, strength, key: `${phrase.kind}:${phrase.id}` }];
  });
  const byFirstTerm = new Map<string, number[]>();
  for (const [at, phrase] of phrases.entries()) {
    const first = phrase.terms[0] as string;
    const list = byFirstTerm.get(first);
    if (list) list.push(at);
    else byFirstTerm.set(first, [at]);
  }
  return { phrases, byFirstTerm };
});
