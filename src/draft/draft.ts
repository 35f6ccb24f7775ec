/**
 * A report drafted from its text: one claim per figure, per position on a declared point, and per
 * remaining sentence, each with its speaker, the statement it relays, what it names, and its quote,
 * an exact span of the text. Every choice the drafter made is listed for the curator to review: it
 * drafts, the curator decides.
 */
import { QUALIFIER_WORDS } from '../compare/intervals.js';
import { type Dataset, defaultIncident } from '../dataset/dataset.js';
import { ID_PATTERN, type Speaker, type Status, Topic } from '../dataset/schema.js';
import { type DraftFigure, figuresOf } from './figures.js';
import { type Attribution, type AttributionMemory, attributionOf, mentionsOf } from './speakers.js';
import { LINKING_WORDS, type Sentence, sentencesOf } from './text.js';
import { type PositionWords, type Vocabulary, vocabularyOf } from './vocabulary.js';

export interface DraftOptions {
  /** The name of the report's text file, which the draft sits beside. */
  textFile: string;
  /** The report's id; by default made from the text file's name. */
  id?: string;
  outlet?: string;
  url?: string;
  published?: string;
  incident?: string;
}

/** A claim as the draft writes it, and what the curator should check in it. */
export interface DraftClaim {
  claim: Record<string, unknown>;
  review: string[];
  /** Where its quote is in the text. */
  start: number;
  end: number;
}

export interface Draft {
  source: Record<string, unknown>;
  claims: DraftClaim[];
  /** What the curator should check about the report as a whole. */
  review: string[];
}

/** The longest quote and statement a claim may hold. */
const MAX_TEXT = 1000;

export function draftReport(text: string, dataset: Dataset, options: DraftOptions): Draft {
  const vocabulary = vocabularyOf(dataset);
  const sentences = sentencesOf(text);
  const id = options.id ?? idOf(options.textFile);
  const incident = options.incident ?? defaultIncident(dataset)?.id ?? 'unknown-incident';
  const memory: AttributionMemory = {};
  const claims: DraftClaim[] = [];
  for (const sentence of sentences) {
    const attribution = attributionOf(sentence, vocabulary, memory);
    const voice = voiceOf(attribution, vocabulary, dataset);
    const about = namedIn(sentence, vocabulary);
    const found = [
      ...figuresOf(sentence, vocabulary).map((figure) => figureClaim(figure, dataset)),
      ...positionsIn(sentence, vocabulary).map(positionClaim),
    ];
    const drafted = found.length > 0 ? found : [sentenceClaim(sentence, vocabulary)];
    for (const { claim, review } of drafted) {
      const quote = quoteOf(sentence);
      claims.push({
        claim: {
          id: `${id}.${claims.length + 1}`,
          ...claim,
          ...voice.fields,
          quote: quote.text,
          ...(about.length > 0 ? { about } : {}),
        },
        review: [...review, ...voice.review],
        start: sentence.start,
        end: sentence.start + quote.text.length,
      });
    }
  }
  const headline = headlineOf(sentences);
  return {
    source: {
      id,
      kind: 'news_report',
      outlet: options.outlet ?? null,
      ...(headline ? { headline } : {}),
      url: options.url ?? null,
      published: options.published ?? null,
      dateline: null,
      text_file: options.textFile,
      incident,
    },
    claims,
    review: [
      ...(options.outlet ? [] : ['outlet: not given (null): name it if the report does']),
      ...(options.published ? [] : ['published: not given (null): the date the report was published']),
      ...(headline ? [`headline: taken to be the text's first line, "${headline}"`] : []),
      `kind: news_report, and incident: ${incident}, assumed`,
    ],
  };
}

/** The report's id, from its file's name: lower case, and only the characters an id may hold. */
export function idOf(textFile: string): string {
  const id = textFile
    .replace(/\.txt$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 80);
  return ID_PATTERN.test(id) ? id : 'report';
}

interface Voice {
  fields: { speaker?: Speaker | string | { id: string; verb: string }; origin?: string; status: Status };
  review: string[];
}

function voiceOf(attribution: Attribution | undefined, vocabulary: Vocabulary, dataset: Dataset): Voice {
  if (!attribution) return { fields: { speaker: 'report', status: 'reported' }, review: [] };
  const { speaker, origin } = attribution;
  const statement = origin ? dataset.statementById.get(origin) : undefined;
  const status: Status = vocabulary.perpetrators.has(speaker.id) ? 'perpetrator_claim' : 'official';
  const relayedAsIs = statement?.speaker === speaker.id && speaker.verb === 'said';
  const written = speaker.verb === 'said' ? speaker.id : { id: speaker.id, verb: speaker.verb };
  return {
    fields: { ...(relayedAsIs ? {} : { speaker: written }), ...(origin ? { origin } : {}), status },
    review: [
      `speaker: ${speaker.id} (${speaker.verb}), from "${attribution.words}"${origin ? `; relays ${origin}` : ''}; status ${status}`,
    ],
  };
}

function figureClaim(
  figure: DraftFigure,
  dataset: Dataset,
): { claim: Record<string, unknown>; review: string[] } {
  const { measure } = figure;
  const amount = figure.words ?? `${QUALIFIER_WORDS[figure.qualifier]}${figure.value}`;
  return {
    claim: {
      topic: topicOfMeasure(measure.id, dataset),
      statement: `${plainLabel(measure.label)}: ${amount} ${figure.counted}.`,
      measure: measure.id,
      figure: {
        ...(figure.value !== undefined ? { value: figure.value } : {}),
        ...(figure.words ? { words: figure.words } : {}),
        ...(figure.words ? {} : { qualifier: figure.qualifier }),
        counted: figure.counted,
        ...(figure.includes.length > 0 ? { includes: figure.includes } : {}),
      },
    },
    review: [
      `figure: ${measure.id}, named by "${figure.evidence.join(' … ')}"; is it the incident's figure (else about, date or covers)?`,
    ],
  };
}

/** The topic of a figure: a measure's own (attackers), or casualties for a count of people. */
function topicOfMeasure(id: string, dataset: Dataset): Topic {
  const root = rootOf(id, dataset);
  const named = Topic.safeParse(root.split(/[._-]/)[0]);
  if (named.success) return named.data;
  return dataset.measureById.get(root)?.unit === 'people' ? 'casualties' : 'context';
}

function rootOf(id: string, dataset: Dataset, seen = new Set<string>()): string {
  const parent = dataset.measureById.get(id)?.part_of[0];
  if (parent === undefined || seen.has(parent)) return id;
  seen.add(id);
  return rootOf(parent, dataset, seen);
}

function plainLabel(label: string): string {
  return label.replace(/\s*\([^)]*\)/g, '');
}

/** Declared positions a sentence takes, by their labels and synonyms. */
function positionsIn(sentence: Sentence, vocabulary: Vocabulary): PositionWords[] {
  const stems = sentence.words.filter((w) => !w.quoted).map((w) => w.stem);
  const present = new Set(stems);
  // A label shared by several points ("a police station") needs a word of its point besides its own.
  return vocabulary.positions.filter(
    (p) =>
      p.synonymPhrases.some((phrase) => containsRun(stems, phrase)) ||
      p.phrases.some(
        (phrase) =>
          containsRun(stems, phrase) && [...p.pointStems].some((s) => present.has(s) && !phrase.includes(s)),
      ),
  );
}

/** The phrase's words in a row. */
function containsRun(stems: readonly string[], phrase: readonly string[]): boolean {
  const content = stems.filter((s) => !FUNCTION_STEMS.has(s));
  for (let i = 0; i + phrase.length <= content.length; i++)
    if (phrase.every((s, k) => content[i + k] === s)) return true;
  return false;
}
const FUNCTION_STEMS = new Set(LINKING_WORDS);

function positionClaim({ point, position }: PositionWords): {
  claim: Record<string, unknown>;
  review: string[];
} {
  return {
    claim: {
      topic: point.topic,
      statement: `${point.label}: ${position.label}.`,
      point: point.id,
      position: position.id,
    },
    review: [`position: ${point.id} → ${position.id}, by its words; does the report take it?`],
  };
}

function sentenceClaim(
  sentence: Sentence,
  vocabulary: Vocabulary,
): { claim: Record<string, unknown>; review: string[] } {
  const stems = new Set(sentence.words.map((w) => w.stem));
  const point = vocabulary.positions.find((p) => [...p.pointStems].some((s) => stems.has(s)))?.point;
  return {
    claim: { topic: point?.topic ?? 'context', statement: shorten(sentence.text) },
    review: [
      `statement: the report's own sentence; say it in the project's words, or remove the claim; topic ${point?.topic ?? 'context'} guessed`,
    ],
  };
}

/** The groups, people and places a sentence names, by their names and aliases, each once. */
function namedIn(sentence: Sentence, vocabulary: Vocabulary): string[] {
  const names = [...vocabulary.speakers.filter((n) => n.kind !== 'speaker'), ...vocabulary.places];
  return [...new Set(mentionsOf(sentence.words, names).map((m) => m.name.id))];
}

/** The sentence as the quote, cut at a word's end if it is longer than a quote may be. */
function quoteOf(sentence: Sentence): { text: string } {
  return { text: shorten(sentence.text) };
}

function shorten(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  const cut = text.slice(0, MAX_TEXT);
  return cut.slice(0, cut.search(/\s\S*$/) > 0 ? cut.search(/\s\S*$/) : MAX_TEXT).trimEnd();
}

/** A first line of its own with no closing punctuation, before the body: the headline. */
function headlineOf(sentences: readonly Sentence[]): string | undefined {
  const [first, second] = sentences;
  if (!first || !second?.opensParagraph || /[.!?:"”]$/.test(first.text)) return undefined;
  return shorten(first.text);
}
