/**
 * /ask: a free-text question, answered from the dataset only. Tolerant of typos and synonyms
 * ("wounded" finds "injured"), it returns the best few answers, each with its quotes and sources,
 * and never hides a disagreement: a figure comes with every source's figure for its measure and the
 * perpetrators' claim apart; a claim on a point comes with every position taken on it.
 *
 * `askBriefing` is shared with the "Look up in briefing" message menu (lookup.ts).
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { type AnswerValue, answerQuestion } from '../src/answer/answer.js';
import { incidentNamedIn } from '../src/answer/kinds.js';
import { joinOr } from '../src/answer/names.js';
import { answerSentence } from '../src/answer/sentence.js';
import { comparisonHeading } from '../src/briefing/comparisons.js';
import { formatDateWindow, formatPartialDate } from '../src/briefing/dates.js';
import { entityName, groupTitle, plainEntityName } from '../src/briefing/entities.js';
import { measureGlance, pointGlance } from '../src/briefing/glance.js';
import { claimBrief } from '../src/briefing/lines.js';
import { escapeText } from '../src/briefing/markdown.js';
import type { Briefing, Section } from '../src/briefing/model.js';
import { citedSources } from '../src/briefing/sources.js';
import { topicLabel } from '../src/briefing/topics.js';
import { truncate } from '../src/briefing/truncate.js';
import { type Comparison, comparisonClaims } from '../src/compare/compare.js';
import { compareFigures } from '../src/compare/figures.js';
import { compareStatements } from '../src/compare/statements.js';
import { allSourcesButton, comparisonChoice, quotesMenu } from '../src/contract/actions.js';
import { incidentChoices } from '../src/contract/choices.js';
import { type Answer as CommandAnswer, INCIDENT_OPTION, unknownIncident } from '../src/contract/common.js';
import { defineCommand } from '../src/contract/define.js';
import { stringOption } from '../src/contract/options.js';
import { respond } from '../src/contract/respond.js';
import type { Action, Choice } from '../src/contract/types.js';
import type { ClaimRecord, Dataset, Entity } from '../src/dataset/dataset.js';
import { findIncident, groupNames, nameKey } from '../src/dataset/names.js';
import type { Person, Topic } from '../src/dataset/schema.js';
import { type Answer, type AnswerSet, findAnswers, MAX_QUESTION } from '../src/search/answers.js';

/** How many blocks of evidence a reply gives under its answer; the rest are a click away. */
export const ASK_ANSWERS = 2;
/**
 * The characters of a reply's answer and evidence, a story of many reports included: read in
 * under a minute. Its sources and the rest of the evidence are a click away.
 */
export const ASK_BUDGET = 1500;
/** Up to this many sources are listed under the answer; more are behind *All sources*. */
const SOURCES_LISTED = 4;
/** How much of the question a reply repeats. */
const ECHO_LENGTH = 200;

const definition = {
  name: 'ask',
  description: 'Ask a question: answered from the reports, with quote and source',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'e.g. “how many were wounded”, “who claimed it”, “where did it happen”',
      required: true,
      max_length: MAX_QUESTION,
    },
    INCIDENT_OPTION,
  ],
} as const;

export const ask = defineCommand(definition, {
  reply: { visibility: 'asked', reuse: 'same-minute' },
  handle(input, { dataset }) {
    const typedIncident = stringOption(input, 'incident');
    // The incident chosen, else the one the question names, else the latest: answers never mix incidents.
    const question = stringOption(input, 'question') ?? '';
    const incident = findIncident(dataset, typedIncident ?? incidentNamedIn(dataset, question));
    if (!incident) return respond(input, unknownIncident(input, dataset));
    const answer = askAnswer(dataset, question, { incident: incident.id });
    return respond(input, answer.briefing, answer.actions);
  },

  autocomplete: (focused, _input, { dataset }) =>
    focused.name === 'incident' ? incidentChoices(dataset, focused.value) : [],
});

export interface AskOptions {
  /** Only claims of this incident. */
  incident?: string;
  limit?: number;
}

/**
 * The answer to a free-text question, or a plain "no answer" when nothing in the dataset matches:
 * a figure or point the question names first, at a glance, then what else matches; the quotes
 * behind each a click away.
 */
export function askAnswer(dataset: Dataset, question: string, options: AskOptions = {}): CommandAnswer {
  const found = findAnswers(dataset, question, {
    limit: options.limit ?? ASK_ANSWERS,
    incident: options.incident,
  });
  const value =
    options.incident === undefined ? undefined : answerQuestion(dataset, question, options.incident);
  const first = value
    ? escapeText(answerSentence(dataset, value) + incidentNote(dataset, value.incident))
    : undefined;
  // Words the search matched prove nothing when the question is about what no report mentions; an
  // answer the data holds ("what is the latest") stands without them, unless every word is a common
  // one ("how many were there": of what?).
  const unanswered = value === undefined || value.unanswered || found.terms.length === 0;
  if (value?.unheard || (found.answers.length === 0 && unanswered))
    return { briefing: noAnswerBriefing(found, question, value?.unheard) };
  const shown = value ? withOwnEvidence(dataset, value, found, options.limit ?? ASK_ANSWERS) : found;
  return {
    briefing: answersBriefing(dataset, question, shown, first),
    actions: [...answerActions(dataset, shown, options.incident), allSourcesButton()],
  };
}

/** The evidence under an answer: the comparison its first sentence states, then the best matches. */
function withOwnEvidence(dataset: Dataset, value: AnswerValue, found: AnswerSet, limit: number): AnswerSet {
  const own = statedComparison(dataset, value);
  if (!own) return found;
  const others = found.answers.filter((a) => a.kind !== 'comparison' || a.comparison !== own);
  const score = found.answers[0]?.score ?? 1;
  return {
    ...found,
    answers: [{ kind: 'comparison' as const, comparison: own, score }, ...others].slice(0, limit),
  };
}

/** The comparison of the measure or point an answer states, if it states one. */
function statedComparison(dataset: Dataset, value: AnswerValue): Comparison | undefined {
  const claims = dataset.claimsByIncident.get(value.incident) ?? [];
  const about = value.about;
  // One report's account: the comparison of its first figure shows the others' beside it.
  const measure =
    about?.kind === 'report' ? value.figures[0]?.measure : about?.kind === 'measure' ? about.id : undefined;
  if (measure !== undefined && value.figures.length > 0)
    return compareFigures(claims, dataset).find(
      (c) => c.measure === measure && c.subject === (value.subject ?? value.incident),
    );
  if (about?.kind === 'point' && value.positions.length > 0)
    return compareStatements(claims, dataset).find((c) => c.point === about.id);
  return undefined;
}

/** The quotes behind each figure, point or name an answer shows, a disagreement under a name included. */
function answerActions(dataset: Dataset, found: AnswerSet, incident: string | undefined): Action[] {
  if (incident === undefined) return [];
  const choices = found.answers.flatMap((a): Choice[] => [
    ...(a.kind === 'entity'
      ? [{ name: plainEntityName(dataset, a.entity.value.id), value: a.entity.value.id }]
      : []),
    ...answerComparisons(a).map((c) => comparisonChoice(dataset, c)),
  ]);
  return quotesMenu(incident, choices);
}

function answersBriefing(dataset: Dataset, question: string, found: AnswerSet, first?: string): Briefing {
  const description = [first, echoLine(question)].filter(Boolean).join('\n');
  const title = 'Answer from the briefing';
  const footer = `Only the curated reports are searched. More: ${relatedCommand(found)}`;
  const cited = new Set<string>();
  const sections: Section[] = [];
  let differ = false;
  let used = title.length + description.length + footer.length;
  for (const [i, answer] of found.answers.entries()) {
    const shown = answerSections(dataset, answer).map((section, j) => ({
      ...section,
      heading: j === 0 ? `${i + 1}. ${section.heading}` : `↳ ${section.heading}`,
    }));
    // The first block always, cut to its first lines that fit; any other only within the budget:
    // the rest is in the quotes menu.
    const fitting = shown.filter((whole) => {
      const section = sections.length === 0 ? linesWithin(whole, ASK_BUDGET - used) : whole;
      const size = sectionSize(section);
      if (sections.length > 0 && used + size > ASK_BUDGET) return false;
      used += size;
      sections.push(section);
      return true;
    });
    if (fitting.length === 0) break;
    for (const claim of answerClaims(answer)) cited.add(claim.source);
    differ ||= answerComparisons(answer).some((c) => c.verdict === 'differ');
  }
  // A long list of sources, or one past the budget, is one click away (All sources), not in the answer.
  const listed = cited.size <= SOURCES_LISTED ? citedSources(dataset, cited) : [];
  const sources = listed.length > 0 && used + listed.join('\n').length <= ASK_BUDGET ? listed : undefined;
  return {
    title,
    description,
    sections,
    ...(sources ? { sources } : {}),
    footer,
    tone: differ ? 'conflict' : 'neutral',
  };
}

function sectionSize(section: Section): number {
  return section.heading.length + section.lines.join('\n').length;
}

/** A section's first lines within so many characters, the first line always. */
function linesWithin(section: Section, room: number): Section {
  const lines = section.lines.filter(
    (_, i) => i === 0 || sectionSize({ ...section, lines: section.lines.slice(0, i + 1) }) <= room,
  );
  return { ...section, lines };
}

/** With more than one incident, which one the answer is about. */
function incidentNote(dataset: Dataset, incident: string): string {
  if (dataset.incidents.length < 2) return '';
  return ` (On: ${dataset.incidentById.get(incident)?.title ?? incident}.)`;
}

function echoLine(question: string): string {
  const shown = truncate(question.replace(/\s+/g, ' ').trim(), ECHO_LENGTH);
  return `**Question:** “${escapeText(shown)}”`;
}

const SUGGESTIONS = [
  '• `/casualties`: every figure for the killed, the injured and the attackers, with its source',
  '• `/group`: the group that claimed the attack, how each source describes it',
  '• `/context`: the region, the border, related attacks',
  '• `/timeline`: the dated events around the incident',
  '• `/compare`: one topic side by side across the sources',
];

function noAnswerBriefing(found: AnswerSet, question: string, unheard?: readonly string[]): Briefing {
  const empty = question.trim() === '';
  const reason = empty
    ? 'Type a question, for example “how many were wounded” or “who claimed the attack”.'
    : unheard
      ? `No report mentions ${joinOr(unheard.map((w) => `“${escapeText(w)}”`))}: the bot answers only from its dataset, and does not guess.`
      : found.terms.length === 0
        ? 'Its words are all common ones (such as “how many”, “what”, “the”): add what you want to know, such as killed, injured, attackers, the group, the place.'
        : 'Nothing in the reports matches its words. The bot answers only from its dataset, and does not guess.';
  return {
    title: empty ? 'Ask a question' : 'No answer in the dataset',
    description: [empty ? undefined : `The dataset has no answer to “${echo(question)}”.`, reason]
      .filter(Boolean)
      .join('\n'),
    sections: [{ heading: 'Try instead', lines: SUGGESTIONS }],
    tone: 'notice',
  };
}

function echo(question: string): string {
  return escapeText(truncate(question.replace(/\s+/g, ' ').trim(), ECHO_LENGTH));
}

/** The command that shows the first answer's topic in full. */
function relatedCommand(found: AnswerSet): string {
  const first = found.answers[0];
  const topic: Topic | undefined =
    first?.kind === 'comparison'
      ? first.comparison.topic
      : first?.kind === 'claim'
        ? first.claim.topic
        : undefined;
  if (first?.kind === 'entity') {
    const { entity } = first;
    if (entity.kind === 'event') return '/timeline';
    return entity.kind === 'group' || (entity.kind === 'person' && entity.value.group)
      ? '/group'
      : '/context';
  }
  switch (topic) {
    case 'casualties':
    case 'attackers':
      return '/casualties';
    case 'responsibility':
    case 'group_profile':
      return '/group';
    case 'context':
      return '/context';
    case 'time':
    case 'sequence':
      return '/timeline';
    default:
      return '/compare';
  }
}

/** One answer as sections: the first is the answer itself, any others the disputes it brings along. */
function answerSections(dataset: Dataset, answer: Answer): Section[] {
  switch (answer.kind) {
    case 'comparison':
      return [comparisonSection(dataset, answer.comparison)];
    case 'claim':
      return [{ heading: topicLabel(answer.claim.topic), lines: [`• ${claimBrief(dataset, answer.claim)}`] }];
    case 'entity': {
      const disputed = new Set(answer.disputed.flatMap(comparisonClaims).map((c) => c.id));
      const lines = [
        ...entityLines(dataset, answer.entity),
        ...answer.claims.map(
          (claim) =>
            `• ${claimBrief(dataset, claim)}${disputed.has(claim.id) ? ' ⚠️ _The sources differ on this: see below._' : ''}`,
        ),
      ];
      return [
        { heading: entityHeading(answer.entity), lines },
        ...answer.disputed.map((comparison) => comparisonSection(dataset, comparison)),
      ];
    }
  }
}

function comparisonSection(dataset: Dataset, comparison: Comparison): Section {
  return {
    heading: escapeText(comparisonHeading(dataset, comparison)),
    lines:
      comparison.kind === 'figures' ? measureGlance(dataset, comparison) : pointGlance(dataset, comparison),
  };
}

function entityHeading(entity: Entity): string {
  switch (entity.kind) {
    case 'group':
      return `Group: ${groupTitle(entity.value)}`;
    case 'person':
      return `Person: ${escapeText(entity.value.name)}`;
    case 'place':
      return `Place: ${escapeText(entity.value.name)}`;
    case 'event':
      return `Event: ${escapeText(entity.value.title)}`;
    case 'speaker':
      return `Speaker: ${escapeText(entity.value.name)}`;
  }
}

/** What the dataset records about the entity itself, before its claims. */
function entityLines(dataset: Dataset, entity: Entity): string[] {
  const lines: string[] = [];
  const aliases = (names: readonly string[]) =>
    names.length > 0 ? [`Also called: ${names.map((n) => escapeText(n)).join(', ')}`] : [];
  switch (entity.kind) {
    case 'group':
      lines.push(escapeText(entity.value.kind), ...aliases(entity.value.aliases));
      break;
    case 'person':
      lines.push(
        escapeText(entity.value.role) + personGroup(dataset, entity.value),
        ...aliases(entity.value.aliases),
      );
      break;
    case 'place':
      lines.push(
        `${escapeText(entity.value.kind)}${entity.value.within ? ` in ${entityName(dataset, entity.value.within)}` : ''}`,
        ...aliases(entity.value.aliases),
      );
      break;
    case 'event':
      lines.push(
        `${formatDateWindow(entity.value.date, entity.value.date_until, formatPartialDate)}${entity.value.date_note ? ` (${escapeText(entity.value.date_note)})` : ''}`,
      );
      break;
    case 'speaker':
      if (entity.value.role) lines.push(escapeText(entity.value.role));
      break;
  }
  return lines;
}

/** " (TJP)" after a person's role, unless the role names the group already. */
function personGroup(dataset: Dataset, person: Person): string {
  if (!person.group) return '';
  const entity = dataset.entityById.get(person.group);
  const names = entity?.kind === 'group' ? groupNames(entity.value) : [person.group];
  const role = nameKey(person.role);
  return names.some((name) => role.includes(nameKey(name))) ? '' : ` (${entityName(dataset, person.group)})`;
}

function answerComparisons(answer: Answer): Comparison[] {
  if (answer.kind === 'comparison') return [answer.comparison];
  return answer.kind === 'entity' ? answer.disputed : [];
}

function answerClaims(answer: Answer): ClaimRecord[] {
  switch (answer.kind) {
    case 'comparison':
      return comparisonClaims(answer.comparison);
    case 'claim':
      return [answer.claim];
    case 'entity':
      return [...answer.claims, ...answer.disputed.flatMap(comparisonClaims)];
  }
}
