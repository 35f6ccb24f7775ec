/**
 * The one renderer of an answer value: the reply's first sentence, in plain words a reader can
 * repeat in chat. Reports are named through names.ts; figures keep their qualifiers; no figure is
 * called "the" figure.
 */
import { format, parseISO } from 'date-fns';
import type { Dataset } from '../dataset/dataset.js';
import type { AnswerValue, Cited, Reason } from './answer.js';
import { wordsOf } from './kinds.js';
import {
  actorName,
  fullName,
  joinAnd,
  joinOr,
  REPORT_VOICE,
  reportList,
  reportName,
  statementSpeaker,
} from './names.js';

/** The characters of cited claims an answer's sentence runs to, beyond the first claim. */
const CLAIMS_LENGTH = 400;

/** How many other figures the sentence lists before "and N more". */
const OTHERS = 6;

export function answerSentence(dataset: Dataset, answer: AnswerValue): string {
  return daySentence(dataset, answer) + kindSentence(dataset, answer);
}

/** The day a question names, before its answer: when nothing happened that day, says so first. */
function daySentence(dataset: Dataset, answer: AnswerValue): string {
  if (!answer.day) return '';
  if (answer.day.held) return `On ${day(answer.day.date)}: `;
  const date = dataset.incidentById.get(answer.incident)?.date ?? '';
  const on = onDate(date);
  return `No report gives a figure for ${day(answer.day.date)}; the incident was ${on}: `;
}

function kindSentence(dataset: Dataset, answer: AnswerValue): string {
  if (answer.about?.kind === 'report') return reportSentence(dataset, answer, answer.about.id);
  if (answer.missing.length > 0) return missingSentence(dataset, answer);
  if (answer.uncounted) {
    const none = `No report gives a number of ${answer.uncounted}`;
    return answer.claims.length > 0
      ? `${none}; the nearest: ${claimsSentence(dataset, answer)}.`
      : `${none}.`;
  }
  if (answer.unheldPoint) {
    const asked = dataset.pointById.get(answer.unheldPoint)?.question ?? answer.unheldPoint;
    const none = `No report of it answers “${asked}”`;
    return answer.claims.length > 0
      ? `${none}; the nearest: ${claimsSentence(dataset, answer)}.`
      : `${none}.`;
  }
  if (answer.recordedDate) {
    const recorded = answer.recordedDate;
    const on = capital(onDate(recorded));
    return `${on}, as the dataset dates the incident.`;
  }
  if (answer.unanswered && answer.unquoted) return `No report quotes ${actorName(dataset, answer.unquoted)}.`;
  if (answer.unanswered && answer.unheard)
    return `No report in the dataset answers that: none mentions ${joinOr(answer.unheard.map((w) => `“${w}”`))}.`;
  if (answer.unanswered) return 'No report in the dataset answers that.';
  if (answer.identity) return identitySentence(dataset, answer, answer.identity);

  switch (answer.kind) {
    case 'why':
      // Why it happened: the reports' own words (analysts' views, claims), as for any other claims.
      if (answer.figures.length === 0 && answer.claims.length > 0)
        return `${claimsSentence(dataset, answer)}.`;
      return whySentence(dataset, answer);
    case 'latest':
      return latestSentence(dataset, answer);
    case 'check':
      return checkSentence(dataset, answer);
    default:
      if (answer.figures.length > 0)
        return `${figuresSentence(dataset, answer)}${newestWords(dataset, answer)}.`;
      if (answer.positions.length > 0) return `${positionsSentence(dataset, answer)}.`;
      return `${claimsSentence(dataset, answer)}.`;
  }
}

function label(dataset: Dataset, answer: AnswerValue): string {
  const id = answer.about?.id ?? '';
  const measure = dataset.measureById.get(id);
  const text = measure ? lower(measure.label) : (dataset.pointById.get(id)?.label ?? id);
  const event =
    answer.subject && answer.subject !== answer.incident ? dataset.entityById.get(answer.subject) : undefined;
  return event?.kind === 'event' ? `${text} in ${event.value.title}` : text;
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "23 or at least 23, the Pakistani military's figure (Dawn, ARY News +9)"; amounts carry their unit ("40 km"). */
function citedFigure(dataset: Dataset, cited: Cited): string {
  const amounts = cited.amounts.join(' or ');
  const speakers = [...new Set(cited.statements.map((s) => statementSpeaker(dataset, s)))];
  const whose = speakers.length > 0 ? `, ${joinAnd(speakers)}'s figure` : '';
  return `${amounts}${whose} (${reportList(dataset, cited.sources)})`;
}

/**
 * "23 or at least 23, the Pakistani military's figure (Dawn, ARY News +7), most often reported": the
 * figure most independent origins give, in the words every reply that leads with a figure uses.
 * When several are given as often, none leads: "23 (Dawn) or at least 24 (VOA), one report each".
 * `shown` is how many of the figures it names.
 */
export function leadFigure(
  dataset: Dataset,
  figures: readonly Cited[],
): { text: string; shown: number } | undefined {
  const [top, ...others] = figures;
  if (!top) return undefined;
  if (others.length === 0)
    return { text: `${citedFigure(dataset, top)}, the only figure reported`, shown: 1 };
  const tied = figures.filter((f) => f.origins.length === top.origins.length);
  if (tied.length === 1) return { text: `${citedFigure(dataset, top)}, most often reported`, shown: 1 };
  const listed = tied.slice(0, TIED_LISTED);
  const each = top.origins.length === 1 ? 'one report' : `${top.origins.length} independent reports`;
  // Those past the first few are listed with the others.
  return {
    text: `${listed.map((f) => citedFigure(dataset, f)).join(' or ')}, ${each} each`,
    shown: listed.length,
  };
}

/** How many equally reported figures a lead names. */
const TIED_LISTED = 3;

function figuresSentence(dataset: Dataset, answer: AnswerValue): string {
  const lead = leadFigure(dataset, answer.figures);
  if (!lead) return `No report gives a figure for ${label(dataset, answer)}`;
  const others = answer.figures.slice(lead.shown);
  const rest = others
    .slice(0, OTHERS)
    .map((o) => `${o.amounts.join(' or ')} (${reportList(dataset, o.sources)})`);
  const more = others.length > OTHERS ? ` and ${others.length - OTHERS} more` : '';
  const othersText = rest.length > 0 ? `; others: ${rest.join(', ')}${more}` : '';
  const claimed = answer.claimed
    .map((c) => `; ${joinAnd(c.speakers.map((s) => actorName(dataset, s)))} claimed ${c.amounts.join(', ')}`)
    .join('');
  return `${capital(label(dataset, answer))}: ${lead.text}${othersText}${verdictWords(answer)}${claimed}`;
}

/** "; the latest, of 30 September 2023: 59 (Geo News)", unless the latest reports give the figure that leads. */
function newestWords(dataset: Dataset, answer: AnswerValue): string {
  const newest = answer.newest;
  const lead = answer.figures[0]?.amounts ?? [];
  if (!newest || newest.amounts.length === 0 || newest.amounts.some((a) => lead.includes(a))) return '';
  return `; the latest, of ${day(newest.date)}: ${newest.amounts.join(' or ')} (${reportList(dataset, newest.sources)})`;
}

function verdictWords(answer: AnswerValue): string {
  switch (answer.verdict) {
    case 'differ':
      return answer.kind === 'latest' ? '; all the reports together differ' : '; the reports differ';
    case 'agree':
      return '; the reports agree';
    case 'single_origin':
      return '; from one origin only';
    default:
      return '';
  }
}

function missingSentence(dataset: Dataset, answer: AnswerValue): string {
  const missing = answer.missing.map((m) =>
    m.from
      ? `a distance from ${m.from}`
      : `a figure for ${lower(dataset.measureById.get(m.measure)?.label ?? m.measure)}`,
  );
  const none = `No report gives ${joinAnd(missing)}`;
  if (answer.figures.length === 0) return `${none}.`;
  return `${none}; what they give: ${figuresSentence(dataset, answer)}.`;
}

function checkSentence(dataset: Dataset, answer: AnswerValue): string {
  const word = answer.verdict === 'yes' ? 'Yes' : answer.verdict === 'no' ? 'No' : 'Reports differ';
  if (answer.checked !== undefined) {
    const given = answer.figures.filter((f) => f.amounts.includes(String(answer.checked)));
    const givers = [...new Set(given.flatMap((g) => g.sources))];
    const allow = (answer.fits ?? []).filter((f) => f !== String(answer.checked));
    const allowing = allow.length > 0 ? ` (${joinAnd(allow)} allow it)` : '';
    // "at least 25" does not give 25, but is what a reader checking 25 needs to hear first.
    const bounded = answer.figures.flatMap((f) =>
      f.amounts
        .filter((a) => a === `at least ${answer.checked}`)
        .map((a) => `${a} (${reportList(dataset, f.sources)})`),
    );
    const head =
      givers.length > 0
        ? `${word}: ${reportList(dataset, givers)} ${givers.length === 1 ? 'gives' : 'give'} ${answer.checked}`
        : bounded.length > 0
          ? `${word}: no report gives ${answer.checked} exactly; ${joinAnd(bounded)}`
          : `${word}: no report gives ${answer.checked}${allowing}`;
    return `${head}. ${figuresSentence(dataset, answer)}.`;
  }
  if (answer.positions.length > 0) return `${word}: ${positionsSentence(dataset, answer)}.`;
  if (answer.figures.length > 0) return `${word}: ${figuresSentence(dataset, answer)}.`;
  if (answer.verdict === 'not_in_data')
    return `No report says so in those words; the nearest: ${claimsSentence(dataset, answer)}.`;
  return `${word}: ${claimsSentence(dataset, answer)}.`;
}

function positionsSentence(dataset: Dataset, answer: AnswerValue): string {
  const byPoint = new Map<string, typeof answer.positions>();
  for (const p of answer.positions) {
    const point = p.position.split('\u0000')[0] ?? '';
    byPoint.set(point, [...(byPoint.get(point) ?? []), p]);
  }
  const parts = [...byPoint].map(([point, held]) => {
    const heading = dataset.pointById.get(point)?.label ?? point;
    const shown = held.map((h) => `${h.label} (${heldBy(dataset, h)})`);
    const differ = answer.pointVerdicts[point] === 'differ' ? '; reports differ' : '';
    // Facets (who condemned it) hold together; positions of any other point are alternatives.
    const joined = dataset.pointById.get(point)?.exclusive === false ? joinAnd(shown) : shown.join(' or ');
    return `${heading}: ${joined}${differ}`;
  });
  return parts.join('; ');
}

function heldBy(dataset: Dataset, cited: Cited): string {
  const speakers = [...new Set(cited.statements.map((s) => statementSpeaker(dataset, s)))];
  const via = speakers.length > 0 ? `${joinAnd(speakers)}, via ` : '';
  return `${via}${reportList(dataset, cited.sources)}`;
}

/** "Dawn (13 December 2023) gives: security forces killed 23, the Pakistani military's figure; target: …". */
function reportSentence(dataset: Dataset, answer: AnswerValue, source: string): string {
  const published = dataset.sourceById.get(source)?.published;
  const name = `${reportName(dataset, source)} (${published ? dateText(published) : 'undated'})`;
  if (answer.missing.length > 0) {
    const [missing] = answer.missing;
    return `${name} gives no figure for ${lower(dataset.measureById.get(missing?.measure ?? '')?.label ?? '')}.`;
  }
  if (answer.unanswered) return `${name}: nothing it says of this incident is in the dataset.`;
  const figures = answer.figures.map((f) => {
    const speakers = [...new Set(f.statements.map((s) => statementSpeaker(dataset, s)))];
    const whose = speakers.length > 0 ? `, ${joinAnd(speakers)}'s figure` : '';
    return `${lower(dataset.measureById.get(f.measure ?? '')?.label ?? '')} ${f.amounts.join(' or ')}${whose}`;
  });
  const positions = answer.positions.map(
    (p) => `${lower(dataset.pointById.get(p.position.split('\u0000')[0] ?? '')?.label ?? '')}: ${p.label}`,
  );
  const bound = `at least ${answer.checked}`;
  const check =
    answer.checked === undefined
      ? ''
      : answer.verdict === 'yes'
        ? 'Yes: '
        : answer.figures.some((f) => f.amounts.includes(bound))
          ? `No: ${reportName(dataset, source)} gives ${bound}, not ${answer.checked} exactly; `
          : `No: ${reportName(dataset, source)} does not give ${answer.checked}; `;
  return `${check}${name} gives: ${[...figures, ...positions].join('; ')}.`;
}

/** "Sarfraz Bugti, caretaker Interior Minister of Pakistan; in the reports: he condemned the attack (indileak.com)." */
function identitySentence(
  dataset: Dataset,
  answer: AnswerValue,
  identity: NonNullable<AnswerValue['identity']>,
): string {
  const name = actorName(dataset, identity.actor);
  const full = fullName(dataset, identity.actor);
  const head = `${capital(full)}${full === name ? '' : ` (${name})`}${identity.description ? `: ${identity.description}` : ''}`;
  if (answer.claims.length === 0) return `${head}; no report of this incident says more of it.`;
  return `${head}. In the reports: ${claimsSentence(dataset, answer, identity.actor)}.`;
}

/** The claims cited, each after its speaker unless that is the report itself or the actor asked about. */
function claimsSentence(dataset: Dataset, answer: AnswerValue, asked?: string): string {
  if (answer.claims.length === 0) return 'No report in the dataset answers that';
  const unquoted = answer.unquoted
    ? `No report quotes ${actorName(dataset, answer.unquoted)}; the reports say: `
    : '';
  const cited = answer.claims.map(
    (c) =>
      `${namesItsSpeaker(dataset, c.statement, c.speaker) || c.speaker === asked ? '' : `${capital(actorName(dataset, c.speaker))}: `}${trimStop(c.statement)} (${reportList(dataset, c.sources)})`,
  );
  // The first always; more while the answer still reads at a glance (the rest are the evidence below).
  const kept = cited.filter((_, i) => i === 0 || cited.slice(0, i + 1).join('; ').length <= CLAIMS_LENGTH);
  return unquoted + kept.join('; ');
}

/** A statement in a report's own voice, or one that names its speaker ("Bugti called …"), needs no "X:" before it. */
function namesItsSpeaker(dataset: Dataset, statement: string, speaker: string): boolean {
  if (speaker === REPORT_VOICE) return true;
  const surname = wordsOf(actorName(dataset, speaker)).at(-1) ?? '';
  return surname.length > 2 && wordsOf(statement).includes(surname);
}

function trimStop(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

/** How many of the words reports count by a reason names. */
const COUNTED_WORDS = 3;

function reasonText(dataset: Dataset, reason: Reason): string {
  switch (reason.kind) {
    case 'counted':
      return `reports count different people (${joinAnd(reason.words.slice(0, COUNTED_WORDS))}${reason.words.length > COUNTED_WORDS ? ' and others' : ''})`;
    case 'includes':
      return `${reason.amount} is a total that says whom it includes`;
    case 'span':
      return `a total of ${reason.amounts.join(' or ')} covers other operations too`;
    case 'relayed': {
      const speakers = [...new Set(reason.statements.map((s) => statementSpeaker(dataset, s)))];
      return `several reports relay ${speakers.length === 1 ? 'a statement' : 'statements'} by ${joinAnd(speakers)}, each counted once`;
    }
    case 'error':
      return `${reportName(dataset, reason.source)} gives a figure marked as a probable error`;
    case 'claimed':
      return `${actorName(dataset, reason.speaker)}'s own claim is kept apart`;
    case 'qualifiers':
      return 'some figures are lower bounds ("at least") or approximate';
    case 'rose':
      return `later reports give higher figures (${span(reason.first.amounts)} on ${day(reason.first.date)}; ${span(reason.last.amounts)} on ${day(reason.last.date)})`;
  }
}

/** "15", "15 or 34", "15 to 59": amounts in their order, lowest first. */
function span(amounts: readonly string[]): string {
  return amounts.length <= 2 ? joinOr(amounts) : `${amounts[0]} to ${amounts.at(-1)}`;
}

function whySentence(dataset: Dataset, answer: AnswerValue): string {
  const reasons = [...new Set(answer.reasons.map((r) => reasonText(dataset, r)))];
  const figures = figuresSentence(dataset, answer);
  if (reasons.length === 0) return `${figures}; the data records no reason for a difference.`;
  return `${capital(reasons.join('; '))}. ${figures}.`;
}

/** "on 12 December 2023"; a date known to the month or year only, "in 2023-12". */
function onDate(date: string): string {
  return `${date.length === 10 ? 'on' : 'in'} ${dateText(date)}`;
}

/** "12 December 2023"; a month or a year as the data gives it. */
function dateText(date: string): string {
  return date.length === 10 ? day(date) : date;
}

function day(date: string): string {
  return format(parseISO(date), 'd MMMM yyyy');
}

function latestSentence(dataset: Dataset, answer: AnswerValue): string {
  const dated = answer.dated;
  const undated = dated && dated.undated.length > 0 ? ` Undated: ${reportList(dataset, dated.undated)}.` : '';
  if (!dated?.latest) return `No dated report gives a figure for ${label(dataset, answer)}.${undated}`;
  const when = dated.since ? `Since ${day(dated.since)}` : `The latest dated reports (${day(dated.latest)})`;
  if (answer.figures.length === 0)
    return `${when}, no report gives a new figure for ${label(dataset, answer)}.${undated}`;
  const fresh = dated.fresh
    ? dated.fresh.length > 0
      ? `; new since then: ${joinAnd(dated.fresh)}`
      : '; no figure new since then'
    : '';
  // One figure of the latest reports is theirs alone, not "the only figure reported".
  const figures =
    answer.figures.length === 1 && answer.figures[0]
      ? `${capital(label(dataset, answer))}: ${citedFigure(dataset, answer.figures[0])}${verdictWords(answer)}`
      : figuresSentence(dataset, answer);
  return `${when}: ${figures}${fresh}.${undated}`;
}
