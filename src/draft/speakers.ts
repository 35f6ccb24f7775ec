/**
 * Who says a sentence, from the attribution around it: "…, officials said", "the Pakistani military
 * said in a statement", "according to the police", "Authorities say", "Jabbar Ali, a police officer
 * in the district, said", and "it said" or "the statement added" for the speaker named before. The
 * speaker is found among the declared speakers, people and groups by their names and aliases; a
 * statement is named as the claim's `origin` when the attribution speaks of a statement, or names it
 * by its title ("the ISPR said"), or carries on from one that did.
 */
import type { Speaker } from '../dataset/schema.js';
import type { Sentence, Word } from './text.js';
import type { Name, Vocabulary } from './vocabulary.js';

export interface Attribution {
  speaker: Speaker;
  origin?: string;
  /** The words of the attribution, for the curator to check. */
  words: string;
}

/** Verbs of saying, by the verb a claim records. "claimed" only when it introduces what was claimed. */
const VERBS: readonly (readonly [RegExp, Speaker['verb']])[] = [
  [/^(said|says|say|saying|added|adding|stated|told|condemned)$/i, 'said'],
  [/^(believe|believes|believed)$/i, 'believe'],
  [/^(described|describes)$/i, 'described'],
  [/^(accusing|accused|accuses)$/i, 'claimed'],
];
/** Words that stand for a speaker named before: "it said", "the statement added", "he said". */
const ANAPHORS = /^(it|he|she|they|statement|spokesman|agency)$/i;

/** What the last attribution named, for a sentence that refers back to it. */
export interface AttributionMemory {
  last?: Attribution;
  lastPerson?: Attribution;
}

export function attributionOf(
  sentence: Sentence,
  vocabulary: Vocabulary,
  memory: AttributionMemory,
): Attribution | undefined {
  const words = sentence.words;
  const mentions = speakerMentions(words, vocabulary);
  for (let i = words.length - 1; i >= 0; i--) {
    const found = attributionAt(sentence, words, i, mentions, vocabulary, memory);
    if (found) {
      memory.last = found;
      if (mentions.find((m) => m.name.id === found.speaker.id)?.name.kind === 'person')
        memory.lastPerson = found;
      return found;
    }
  }
  return undefined;
}

interface Mention {
  name: Name;
  first: number;
  last: number;
}

function attributionAt(
  sentence: Sentence,
  words: readonly Word[],
  i: number,
  mentions: readonly Mention[],
  vocabulary: Vocabulary,
  memory: AttributionMemory,
): Attribution | undefined {
  const word = words[i] as Word;
  if (word.quoted) return undefined;
  const according = /^according$/i.test(word.text) && /^to$/i.test(words[i + 1]?.text ?? '');
  const claimedThat = /^claimed$/i.test(word.text) && /^that$/i.test(words[i + 1]?.text ?? '');
  const verb = according
    ? 'according_to'
    : claimedThat
      ? 'claimed'
      : VERBS.find(([re]) => re.test(word.text))?.[1];
  if (!verb) return undefined;
  const who = according ? mentionAfter(words, i + 2, mentions) : subjectOf(sentence, words, i, mentions);
  const text = sentence.text;
  if (who === 'anaphor') {
    const earlier = /^(he|she)$/i.test(words[i - 1]?.text ?? '') ? memory.lastPerson : memory.last;
    return earlier && { ...earlier, words: phrase(text, sentence, words, i, according) };
  }
  if (!who) return undefined;
  const origin = originOf(who.name.id, words, vocabulary, who);
  return {
    speaker: { id: who.name.id, verb: verb === 'according_to' || verb === 'said' ? verb : verb },
    ...(origin ? { origin } : {}),
    words: phrase(text, sentence, words, i, according),
  };
}

/** The speaker before a verb: in its own stretch after the last comma, or else the sentence's subject. */
function subjectOf(
  sentence: Sentence,
  words: readonly Word[],
  verb: number,
  mentions: readonly Mention[],
): Mention | 'anaphor' | undefined {
  const text = sentence.text;
  const previous = words[verb - 1];
  const gap = previous
    ? text.slice(previous.end - sentence.start, (words[verb] as Word).start - sentence.start)
    : '';
  if (previous && !gap.includes(',')) {
    // The stretch right before the verb, back to a comma or the start: "…, the Pakistani military said".
    let from = verb - 1;
    while (from > 0) {
      const between = text.slice(
        (words[from - 1] as Word).end - sentence.start,
        (words[from] as Word).start - sentence.start,
      );
      if (/[,;:]/.test(between)) break;
      from--;
    }
    const near = mentions.filter((m) => m.first >= from && m.last < verb).at(-1);
    if (near) return near;
    if (words.slice(from, verb).some((w) => ANAPHORS.test(w.text))) return 'anaphor';
    return undefined;
  }
  // ", said": the verb follows an apposition ("Jabbar Ali, a police officer in the district, said"):
  // the speaker is the last name set off by a comma or bracket before it, else the first name.
  const before = mentions.filter((m) => m.last < verb);
  const setOff = before.filter((m) => {
    const next = words[m.last + 1];
    return (
      next &&
      /^[\s]*[,)]/.test(text.slice((words[m.last] as Word).end - sentence.start, next.start - sentence.start))
    );
  });
  return setOff.at(-1) ?? before[0];
}

function mentionAfter(
  words: readonly Word[],
  from: number,
  mentions: readonly Mention[],
): Mention | 'anaphor' | undefined {
  const found = mentions.find((m) => m.first >= from && m.first <= from + 2);
  if (found) return found;
  return words.slice(from, from + 3).some((w) => ANAPHORS.test(w.text)) ? 'anaphor' : undefined;
}

/** Every name of a speaker in the sentence, outside quotation marks, longest first where they overlap. */
export function speakerMentions(words: readonly Word[], vocabulary: Vocabulary): Mention[] {
  const places = mentionsOf(words, vocabulary.places);
  // "Khan" of "Dera Ismail Khan" is a place's name, not a speaker's.
  const inPlace = (m: Mention) =>
    places.some((p) => p.first <= m.first && m.last <= p.last && p.last - p.first > m.last - m.first);
  return mentionsOf(words, vocabulary.speakers).filter((m) => !words[m.first]?.quoted && !inPlace(m));
}

export function mentionsOf(words: readonly Word[], names: readonly Name[]): Mention[] {
  const found: Mention[] = [];
  for (let i = 0; i < words.length; i++) {
    let best: Mention | undefined;
    for (const name of names) {
      if (!matchesAt(words, i, name)) continue;
      if (
        !best ||
        name.stems.length > best.name.stems.length ||
        (name.stems.length === best.name.stems.length && best.name.head && !name.head)
      )
        best = { name, first: i, last: i + name.stems.length - 1 };
    }
    if (best) {
      found.push(best);
      i = best.last;
    }
  }
  return found;
}

function matchesAt(words: readonly Word[], i: number, name: Name): boolean {
  if (name.exact) return words[i]?.text.replace(/\.$/, '') === name.exact.replace(/\.$/, '');
  return name.stems.every((s, k) => {
    const word = words[i + k];
    // A name is written with capitals: "the police" is a name, but so is "Police" at a sentence's start.
    return word !== undefined && word.stem === s;
  });
}

/**
 * The statement a claim relays: one of the speaker's declared statements, when the sentence speaks
 * of a statement or names the statement by its title. With several, the latest is taken.
 */
function originOf(
  speaker: string,
  words: readonly Word[],
  vocabulary: Vocabulary,
  mention: Mention,
): string | undefined {
  const issued = vocabulary.statements.filter((s) => s.speaker === speaker);
  if (issued.length === 0) return undefined;
  const mentioned = mention.name.stems;
  const byTitle = issued.find((s) => s.stems.length > 0 && s.stems.every((x) => mentioned.includes(x)));
  const speaksOfStatement = words.some((w) => /^statement$/i.test(w.text));
  const chosen = byTitle ?? (speaksOfStatement ? issued.at(-1) : undefined);
  return chosen?.id;
}

/** The attribution's words as written: from the speaker's side of the verb to the verb. */
function phrase(
  text: string,
  sentence: Sentence,
  words: readonly Word[],
  i: number,
  according: boolean,
): string {
  const verb = words[i] as Word;
  if (according) {
    const end = words[Math.min(words.length - 1, i + 4)] as Word;
    return text.slice(verb.start - sentence.start, end.end - sentence.start);
  }
  const start = words[Math.max(0, i - 4)] as Word;
  return text.slice(start.start - sentence.start, verb.end - sentence.start);
}
