/**
 * The budget of a reply's first message: what a team reads on a phone in the middle of a
 * discussion. It is met by choosing lines, never by cutting one: every line has a rank, and lines
 * are taken in this order until the message is full (docs/replies.md):
 *
 * 1. what frames the reply (what, when, where; the change a digest reports);
 * 2. a disagreement before an agreement;
 * 3. a figure before a statement;
 * 4. the first line of a section (its verdict, its range) before the detail of any;
 * 5. more independent origins before fewer;
 * 6. then the order the reply gives them.
 *
 * A line that does not fit is not cut: the lines after it may still fit. Each section says how many
 * of its lines are elsewhere and where (the next part of the reply, or a button or menu under it),
 * so nothing is dropped; the sources cited come last, every one of them behind *All sources*.
 */
import type { Comparison } from '../compare/compare.js';
import { plural } from '../plural.js';
import type { Briefing, Section } from './model.js';

/** The main embed of a reply: title, bottom line, fields and footer together. */
export const REPLY_BUDGET = 1500;
/** The digest's, which stands alone in a channel and says what changed as well. */
export const DIGEST_BUDGET = 2500;

/** Where a line stands in the choosing; see the order above. */
export interface Rank {
  frame: boolean;
  disagreement: boolean;
  figure: boolean;
  origins: number;
}

export interface RankedLine {
  text: string;
  rank: Rank;
}

export interface RankedSection {
  heading: string;
  lines: RankedLine[];
}

/** A briefing before the choosing: its lines ranked, its bottom line first. */
export interface Draft extends Omit<Briefing, 'sections' | 'more' | 'description'> {
  bottomLine: string;
  sections: RankedSection[];
}

/** Where the lines left out of the first message are: on the next parts, or behind a control named. */
export type Rest = { pages: true } | { pages: false; where: string };

/** Where the lines about figures and points left out are: every one is in /quotes, a choice in the menu. */
export const QUOTES_BELOW = 'The quotes behind…, below';

export const FRAME: Rank = { frame: true, disagreement: false, figure: false, origins: 0 };
export const PLAIN: Rank = { frame: false, disagreement: false, figure: false, origins: 0 };

/** A comparison's rank: its verdict, its kind, how many independent origins it has. */
export function comparisonRank(c: Comparison): Rank {
  return {
    frame: false,
    disagreement: c.verdict === 'differ',
    figure: c.kind === 'figures',
    origins: c.origins.length,
  };
}

export function ranked(rank: Rank, lines: readonly string[]): RankedLine[] {
  return lines.map((text) => ({ text, rank }));
}

/** Negative when line `a` (the `index`-th of its section) is chosen before line `b`. */
function compareLines(
  a: { line: RankedLine; index: number },
  b: { line: RankedLine; index: number },
): number {
  return (
    Number(b.line.rank.frame) - Number(a.line.rank.frame) ||
    Number(b.line.rank.disagreement) - Number(a.line.rank.disagreement) ||
    Number(b.line.rank.figure) - Number(a.line.rank.figure) ||
    Number(b.index === 0) - Number(a.index === 0) ||
    b.line.rank.origins - a.line.rank.origins
  );
}

/** Negative when `a` is chosen before `b`. */
export function compareRanks(a: Rank, b: Rank): number {
  return (
    Number(b.frame) - Number(a.frame) ||
    Number(b.disagreement) - Number(a.disagreement) ||
    Number(b.figure) - Number(a.figure) ||
    b.origins - a.origins
  );
}

/** Room kept for the mark the renderer adds to a reply of several parts (" · Part 1 of 2"). */
const PART_MARK_ROOM = 16;
const SOURCES_HEADING = 'Sources';
const SOURCES_WHERE = 'All sources';
/** The sources cited rank after every line of the reply. */
const SOURCE_RANK: Rank = { frame: false, disagreement: false, figure: false, origins: -1 };

/**
 * The briefing whose first message keeps to the budget: the bottom line, then the lines chosen in
 * rank order, each section in its own order; the rest on the next parts or behind the control named.
 */
export function withinBudget(draft: Draft, budget: number, rest: Rest): Briefing {
  const { bottomLine, sections, sources = [], ...fixed } = draft;
  const all = [...sections, { heading: SOURCES_HEADING, lines: ranked(SOURCE_RANK, sources) }];
  const lines: Lines = { fixed, bottomLine, sources, all, order: choosingOrder(all) };
  // The notes saying where the rest is take room too: chosen again with less room until it fits.
  let room = budget;
  let chosen = chooseLines(lines, room);
  let briefing = briefingOf(lines, chosen, rest);
  for (
    let overflow = sizeOf(briefing) - budget;
    overflow > 0 && room > 0;
    overflow = sizeOf(briefing) - budget
  ) {
    room -= overflow;
    const next = chooseLines(lines, room);
    // Less room often leaves the same lines, and so the same briefing.
    if (sameChoice(next, chosen)) continue;
    chosen = next;
    briefing = briefingOf(lines, chosen, rest);
  }
  return briefing;
}

/** A draft's lines, the sources' last, and the order they are chosen in (the same whatever the room). */
interface Lines {
  fixed: Omit<Draft, 'bottomLine' | 'sections' | 'sources'>;
  bottomLine: string;
  sources: readonly string[];
  all: readonly RankedSection[];
  order: readonly LineAt[];
}

/** A line by where it is: its section's index and its own within the section. */
interface LineAt {
  section: number;
  index: number;
  line: RankedLine;
}

/** Every line of the sections, in the order they are chosen in. */
function choosingOrder(all: readonly RankedSection[]): LineAt[] {
  const lines: LineAt[] = [];
  for (const [section, s] of all.entries())
    for (const [index, line] of s.lines.entries()) lines.push({ section, index, line });
  return lines.sort((a, b) => compareLines(a, b) || a.section - b.section || a.index - b.index);
}

/** The lines chosen in each section, by their index in it. */
type Choice = Set<number>[];

/** The lines that fit in the room, taken in their order; one that does not fit leaves room for the next. */
function chooseLines({ fixed, bottomLine, all, order }: Lines, room: number): Choice {
  let used = fixed.title.length + bottomLine.length + (fixed.footer?.length ?? 0) + PART_MARK_ROOM;
  const chosen = all.map(() => new Set<number>());
  for (const { section, index, line } of order) {
    const picked = chosen[section] as Set<number>;
    const cost = line.text.length + 1 + (picked.size > 0 ? 0 : (all[section]?.heading.length ?? 0));
    if (used + cost > room) continue;
    picked.add(index);
    used += cost;
  }
  return chosen;
}

function sameChoice(a: Choice, b: Choice): boolean {
  return a.every((picked, i) => {
    const other = b[i] as Set<number>;
    return picked.size === other.size && [...picked].every((index) => other.has(index));
  });
}

/** The briefing of the lines chosen: the rest said to be on the next part, or where `rest` names. */
function briefingOf({ fixed, bottomLine, sources, all }: Lines, chosen: Choice, rest: Rest): Briefing {
  const where = rest.pages ? 'the next part' : rest.where;
  const shown: Section[] = [];
  const more: Section[] = [];
  const whole: string[] = [];
  let partlyShown = false;
  for (const [i, s] of all.entries()) {
    const picked = chosen[i] as Set<number>;
    const lines = s.lines.map((l) => l.text);
    const left = lines.filter((_, j) => !picked.has(j));
    if (picked.size > 0 && left.length > 0 && s.heading !== SOURCES_HEADING) partlyShown = true;
    if (picked.size > 0)
      shown.push({
        heading: s.heading,
        lines: [
          ...lines.filter((_, j) => picked.has(j)),
          ...(left.length > 0 ? [`+${left.length} more`] : []),
        ],
      });
    else if (left.length > 0 && s.heading !== SOURCES_HEADING) whole.push(s.heading);
    if (rest.pages && left.length > 0 && s.heading !== SOURCES_HEADING)
      more.push({ heading: s.heading, lines: left });
  }
  const shownSources = shown.find((s) => s.heading === SOURCES_HEADING);
  const also =
    whole.length > 0
      ? [`${whole.join(' · ')}: ${where}`]
      : partlyShown
        ? [`The lines not shown: ${where}`]
        : [];
  const unlisted =
    sources.length === 0 || chosen[all.length - 1]?.size === sources.length
      ? []
      : [`${plural(sources.length, 'report')} cited: ${SOURCES_WHERE}`];
  return {
    ...fixed,
    description: bottomLine,
    sections: [
      ...shown.filter((s) => s !== shownSources),
      ...(also.length + unlisted.length > 0 ? [{ heading: 'Also', lines: [...also, ...unlisted] }] : []),
    ],
    ...(shownSources ? { sources: shownSources.lines } : {}),
    ...(more.length > 0 ? { more } : {}),
  };
}

/** A value longer than a field holds is continued in another field, under its heading again. */
const FIELD_VALUE_ROOM = 1000;
const CONTINUED = ' (cont.)';

/** The characters the first message of a briefing takes, as Discord counts them. */
export function sizeOf(briefing: Briefing): number {
  const sections = [
    ...briefing.sections,
    ...(briefing.sources ? [{ heading: SOURCES_HEADING, lines: briefing.sources }] : []),
  ];
  const fields = sections.reduce((sum, s) => {
    const value = s.lines.join('\n').length;
    const fields = Math.max(1, Math.ceil(value / FIELD_VALUE_ROOM));
    return sum + value + s.heading.length * fields + CONTINUED.length * (fields - 1);
  }, 0);
  const marks = briefing.more ? PART_MARK_ROOM : 0;
  return (
    briefing.title.length +
    (briefing.description?.length ?? 0) +
    (briefing.footer?.length ?? 0) +
    fields +
    marks
  );
}
