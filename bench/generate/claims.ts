/**
 * The kinds of claim a generated incident's reports make, one small writer each, in the order
 * `KINDS` gives: ten claims already give the relayed statement, two answers on responsibility,
 * figures of every form, a relation and a perpetrators' claim; a hundred give every kind five
 * times:
 * - the military's statement is relayed by several reports (`origin`), each in its own words;
 *   some reports attribute to the military a figure that differs from its statement;
 * - the reports' own figures come in every form (exact, at least, more than, about, nearly, up
 *   to, vague words), some agreeing and some not; figures that include another count, figures
 *   that span the incident and a separate operation, and a few likely errors;
 * - points with labelled positions (some broader than or compatible with others, facets that
 *   contradict only where declared), responsibility by group or "a group affiliated with" the
 *   group it split from, with the relation claims that make the two compatible;
 * - reactions, analysts, perpetrators' claims, unverified accounts, and context.
 */
import { affiliatePosition, type Context, characterisationPoint, SPEAKER } from './context.js';
import { nth, type Random } from './random.js';
import type {
  ClaimOut,
  EventOut,
  FigureOut,
  GroupDraft,
  PersonOut,
  PlaceOut,
  SpeakerOut,
  StatementOut,
} from './records.js';
import { capitalise, lowerFirst } from './text.js';
import {
  BOMBING,
  type CHANNELS,
  CHARACTERISATIONS,
  type Choice,
  countedFor,
  FORMS,
  type Form,
  MEASURES,
  METHODS,
  type MeasureSpec,
  type Method,
  MORNING,
  MOTIVES,
  measureSpec,
  numberAmount,
  predicateFor,
  SECURITY_INSTALLATION,
  SEQUENCES,
  TARGETS,
  TIMES,
  vagueAmount,
  vagueWordFor,
} from './vocabulary.js';

/** The order claims of an incident are made in. */
export const KINDS = [
  'relay',
  'responsibility',
  'figure',
  'relay',
  'responsibility',
  'perpetrator-figure',
  'relay',
  'figure-official',
  'relation',
  'composite',
  'location',
  'time',
  'reaction',
  'target',
  'profile',
  'spokesman',
  'analyst',
  'context-event',
  'context-figure',
  'sequence',
] as const;
type Kind = (typeof KINDS)[number];

/** What the military's statement says, relayed in turn by the reports that carry it. */
export const RELAYED = [
  'killed.security_forces',
  'attackers.killed',
  'method',
  'injured',
  'attackers.total',
] as const;
type RelayedFigure = Exclude<(typeof RELAYED)[number], 'method'>;

/** What is true of one incident, and what its reports draw on. */
export interface Scene {
  r: Random;
  ctx: Context;
  n: number;
  id: string;
  date: string;
  town: PlaceOut;
  district: PlaceOut;
  province: PlaceOut;
  country: PlaceOut;
  wing: { name: string; short: string };
  target: Choice;
  method: Method;
  when: Choice;
  group: GroupDraft | undefined;
  /** The group that the responsible group split from, if any. */
  parent: GroupDraft | undefined;
  spokesman: PersonOut | undefined;
  /** The province's interior minister, police chief and government spokesman. */
  officials: PersonOut[];
  channel: (typeof CHANNELS)[number];
  /** The true counts, by measure: reports give them, or figures near them. */
  truth: Record<string, number>;
  operation: { event: EventOut; soldiers: number; militants: number } | undefined;
  military: StatementOut;
  officialFigures: Record<RelayedFigure, FigureOut>;
  perpetrators: StatementOut | undefined;
  /** The security forces the perpetrators claim to have killed. */
  claimedKilled: number;
  /** Earlier events in the district that reports mention. */
  related: EventOut[];
}

export type ClaimFields = Omit<ClaimOut, 'id' | 'quote' | 'incident'>;

/** One claim being written: its place in the incident's sequence, and how it goes into its report. */
export interface Turn {
  j: number;
  /** How many times the whole of `KINDS` has been gone through. */
  round: number;
  /** For a relay: how many relays of the incident came before. */
  relay: number;
  /** Writes the sentence into the report's text, and the claim (quoting it) into its data. */
  emit: (sentence: string, quote: string, claim: ClaimFields) => void;
}

function real(s: Scene, measure: string): number {
  return s.truth[measure] ?? 1;
}

// ---- Shared by the kinds of claim ----------------------------------------------------------------

interface MadeFigure {
  figure: FigureOut;
  /** "at least 24 soldiers", "dozens of people" */
  amount: string;
}

/** A figure near `base`, in the given form, in `counted` (one of the measure's words by default). */
function makeFigure(
  r: Random,
  m: MeasureSpec,
  base: number,
  form: Form,
  counted = r.pick(m.counted),
): MadeFigure {
  if (form === 'vague' && m.vague) {
    const words = vagueWordFor(r, base);
    if (words) return { figure: { words, counted }, amount: vagueAmount(words, counted) };
  }
  // No "at least 0" or "more than 0": a figure that low is given exactly.
  const qualifier = form === 'vague' || base < 2 ? 'exact' : form;
  const value =
    qualifier === 'at_least'
      ? Math.max(1, base - r.int(0, 2))
      : qualifier === 'more_than'
        ? Math.max(1, base - r.int(1, 3))
        : qualifier === 'nearly'
          ? base + r.int(1, 3)
          : qualifier === 'up_to'
            ? base + r.int(0, 3)
            : base;
  const withRange = qualifier === 'about' && r.chance(0.3);
  const figure: FigureOut = {
    value,
    qualifier,
    counted: countedFor(value, counted),
    ...(withRange ? { range: aroundValue(value) } : {}),
  };
  return { figure, amount: numberAmount(value, qualifier, figure.counted) };
}

/** The range a curator declares for "about n" when the report's own words suggest one. */
function aroundValue(value: number): [number, number] {
  return [Math.max(0, value - 3), value + 3];
}

/** "24 soldiers were killed": the amount and what happened to them. */
function figureCore(m: MeasureSpec, made: MadeFigure): string {
  return `${made.amount} ${predicateFor(made.figure.value, m.predicate)}`;
}

interface Voice {
  /** Introduces the speaker in the text ("The police said that"); none when the report speaks. */
  lead?: string;
  speaker?: SpeakerOut;
  origin?: string;
  status: ClaimOut['status'];
}

const REPORT: Voice = { speaker: 'report', status: 'reported' };

function figureClaim(
  s: Scene,
  t: Turn,
  m: MeasureSpec,
  made: MadeFigure,
  voice: Voice,
  extra: Partial<ClaimFields> = {},
) {
  const core = figureCore(m, made);
  const sentence = voice.lead
    ? `${voice.lead} ${core} in ${s.town.name}.`
    : `In the attack on ${s.target.text} in ${s.town.name}, ${core}.`;
  t.emit(sentence, core, {
    topic: m.topic,
    measure: m.id,
    figure: made.figure,
    statement: `${capitalise(core)} in the attack in ${s.town.name}.`,
    ...(voice.speaker === undefined ? {} : { speaker: voice.speaker }),
    ...(voice.origin === undefined ? {} : { origin: voice.origin }),
    status: voice.status,
    about: [s.town.id],
    ...extra,
  });
}

/** A claim answering a point, in the report's voice or the officials'. */
function pointClaim(
  s: Scene,
  t: Turn,
  point: string,
  choice: Choice,
  topic: ClaimOut['topic'],
  sentence: (text: string) => string,
  statement: (label: string) => string,
) {
  const text = sentence(choice.text);
  const officials = s.r.chance(0.3);
  t.emit(text, text.replace(/\.$/, ''), {
    topic,
    statement: statement(choice.label),
    point,
    position: choice.id,
    speaker: officials ? SPEAKER.officials : 'report',
    status: officials ? 'official' : 'reported',
    about: [s.town.id],
  });
}

/** The incident's own answer mostly; else a broader one that holds, or any other. */
function ownOr(r: Random, own: Choice, broader: Choice | undefined, all: readonly Choice[]): Choice {
  const x = r.float();
  if (x < 0.7) return own;
  if (broader && x < 0.85 && broader.broader_than?.includes(own.id)) return broader;
  return r.pick(all);
}

// ---- The kinds of claim --------------------------------------------------------------------------

export const WRITERS: Record<Kind, (s: Scene, t: Turn) => void> = {
  relay: writeRelay,
  responsibility: writeResponsibility,
  figure: writeFigure,
  'perpetrator-figure': writePerpetratorFigure,
  'figure-official': writeOfficialFigure,
  relation: writeRelation,
  composite: writeComposite,
  location: writeLocation,
  time: (s, t) =>
    pointClaim(
      s,
      t,
      'attack.time',
      ownOr(s.r, s.when, MORNING, TIMES),
      'time',
      (text) => `The attack in ${s.town.name} began ${text}.`,
      (label) => `The attack began ${label}.`,
    ),
  reaction: writeReaction,
  target: writeTargetOrMethod,
  profile: writeProfile,
  spokesman: writeSpokesman,
  analyst: writeAnalyst,
  'context-event': writeContextEvent,
  'context-figure': writeContextFigure,
  sequence: (s, t) =>
    pointClaim(
      s,
      t,
      'attack.sequence',
      ownOr(s.r, nth(SEQUENCES, s.n), undefined, SEQUENCES),
      'sequence',
      (text) => `After the first blast in ${s.town.name}, ${text}.`,
      (label) => capitalise(`${label}.`),
    ),
};

/** A part of the military's statement, as one report carries it, in its own words. */
function writeRelay(s: Scene, t: Turn) {
  const facet = nth(RELAYED, t.relay);
  const lead = s.r.pick([
    (core: string) => `${s.wing.short} said in a statement that ${core}.`,
    (core: string) => `According to a statement by ${s.wing.short}, ${core}.`,
    (core: string) => `The military's media wing said ${core} in the attack in ${s.town.name}.`,
  ]);
  // Most relays name only the statement; some name its speaker too.
  const voice = {
    origin: s.military.id,
    status: 'official' as const,
    ...(s.r.chance(0.2) ? { speaker: s.military.speaker } : {}),
  };
  if (facet === 'method') {
    const core = `the attackers ${s.method.text} ${s.target.text}`;
    t.emit(lead(core), core, {
      topic: 'sequence',
      statement: `The attackers ${s.method.text} the target, the military said.`,
      point: 'attack.method',
      position: s.method.id,
      ...voice,
      about: [s.town.id],
    });
    return;
  }
  const m = measureSpec(facet);
  const figure = s.officialFigures[facet];
  const value = figure.value ?? 0;
  const core =
    facet !== 'attackers.killed'
      ? figureCore(m, {
          figure,
          amount: numberAmount(value, figure.qualifier ?? 'exact', figure.counted),
        })
      : value === 1
        ? 'the only attacker was killed'
        : value === 2
          ? 'both attackers were killed'
          : `all ${value} attackers were killed`;
  t.emit(lead(core), core, {
    topic: m.topic,
    measure: m.id,
    figure,
    statement: `${capitalise(core)}, the military said.`,
    ...voice,
    about: [s.town.id],
  });
}

/** The group that claimed it, "a group affiliated with" the group it split from, or another group blamed. */
function writeResponsibility(s: Scene, t: Turn) {
  const { group, parent, town } = s;
  if (!group) {
    const sentence = `No group has claimed responsibility for the attack in ${town.name} so far.`;
    t.emit(sentence, sentence.replace(/\.$/, ''), {
      topic: 'responsibility',
      statement: 'No group claimed responsibility.',
      speaker: 'report',
      status: 'reported',
      about: [town.id],
    });
    return;
  }
  const x = s.r.float();
  if (x < 0.05) {
    // Officials blame another group: a true disagreement.
    const other = nth(s.ctx.groups, s.ctx.groups.indexOf(group) + 1 + s.r.int(0, 30));
    t.emit(
      `Security officials blamed ${other.name} (${other.short}) for the attack in ${town.name}.`,
      `blamed ${other.name} (${other.short}) for the attack`,
      {
        topic: 'responsibility',
        statement: `Security officials blamed ${other.short} for the attack.`,
        point: 'attack.responsibility',
        position: other.id,
        speaker: SPEAKER.securityOfficials,
        status: 'official',
        about: [other.id],
      },
    );
  } else if (parent && x < 0.35) {
    const quote = `A group affiliated with ${parent.name} claimed responsibility`;
    t.emit(`${quote} for the attack in ${town.name}.`, quote, {
      topic: 'responsibility',
      statement: `A group affiliated with ${parent.short} claimed responsibility for the attack.`,
      point: 'attack.responsibility',
      position: affiliatePosition(parent.id),
      speaker: 'report',
      status: 'reported',
      about: [parent.id],
    });
  } else {
    const quote = `${group.name} (${group.short}) claimed responsibility for the attack`;
    t.emit(`${quote} in ${town.name} ${s.channel.phrase}.`, quote, {
      topic: 'responsibility',
      statement: `${group.short} claimed responsibility for the attack.`,
      point: 'attack.responsibility',
      position: group.id,
      speaker: 'report',
      status: 'reported',
      about: s.spokesman && t.round % 2 === 1 ? [group.id, s.spokesman.id] : [group.id],
    });
  }
}

/** The report's own figure, in any form; now and then with transposed digits, marked a likely error. */
function writeFigure(s: Scene, t: Turn) {
  const { r } = s;
  const m = nth(MEASURES, t.round * 4 + s.n);
  const base = r.chance(0.3) ? Math.max(0, real(s, m.id) + r.int(-4, 6)) : real(s, m.id);
  const made = makeFigure(r, m, base, r.pick(FORMS));
  const value = made.figure.value;
  const transposed =
    value !== undefined &&
    value >= 12 &&
    value < 100 &&
    value % 11 !== 0 &&
    value % 10 !== 0 &&
    r.chance(0.02);
  if (transposed) {
    const swapped = (value % 10) * 10 + Math.floor(value / 10);
    made.figure.value = swapped;
    if (made.figure.range) made.figure.range = aroundValue(swapped);
    made.amount = made.amount.replace(String(value), String(swapped));
  }
  const hospital = m.id.startsWith('injured') && r.chance(0.5);
  figureClaim(
    s,
    t,
    m,
    made,
    hospital
      ? { lead: 'Hospital officials said that', speaker: SPEAKER.hospitalOfficials, status: 'official' }
      : REPORT,
    transposed
      ? {
          likely_error: `Transposed digits: the report gives ${made.figure.value} where the other accounts of the attack give figures near ${value}.`,
        }
      : {},
  );
}

/** The perpetrators' claimed toll, relayed from their statement; without one, residents' unverified count. */
function writePerpetratorFigure(s: Scene, t: Turn) {
  const { group, perpetrators } = s;
  if (group && perpetrators) {
    const counted = countedFor(s.claimedKilled, s.r.pick(['officers', 'soldiers']));
    const core = `killed ${s.claimedKilled} ${counted}`;
    t.emit(
      `${group.short} said ${s.channel.phrase} that its fighters had ${core}, a claim that could not be independently verified.`,
      core,
      {
        topic: 'casualties',
        measure: 'killed.security_forces',
        figure: { value: s.claimedKilled, qualifier: 'exact', counted },
        statement: `${group.short} claimed it killed ${s.claimedKilled} ${counted}.`,
        origin: perpetrators.id,
        status: 'perpetrator_claim',
        about: [group.id],
      },
    );
    return;
  }
  const m = measureSpec('injured');
  figureClaim(s, t, m, makeFigure(s.r, m, real(s, m.id), 'vague'), {
    lead: 'Residents, who were not named, said that',
    speaker: { id: SPEAKER.residents, verb: 'said' },
    status: 'unverified',
  });
}

/**
 * A figure given by the police, the rescue service, an official or a resident; or one the report
 * attributes to the military that is not the one in its statement.
 */
function writeOfficialFigure(s: Scene, t: Turn) {
  const { r, province } = s;
  const turn = t.round + s.n;
  if (turn % 5 === 4) {
    const value = (s.officialFigures['killed.security_forces'].value ?? 1) + r.int(1, 3);
    const quote = `killed at least ${value} soldiers, according to the military`;
    t.emit(`The attack in ${s.town.name} ${quote}.`, quote, {
      topic: 'casualties',
      measure: 'killed.security_forces',
      figure: { value, qualifier: 'at_least', counted: 'soldiers' },
      statement: `At least ${value} soldiers were killed, according to the military.`,
      speaker: { id: s.military.speaker, verb: 'according_to' },
      status: 'official',
      about: [s.town.id],
    });
    return;
  }
  const official = nth(s.officials, 1);
  const voices: (Voice & { measures: string[] })[] = [
    {
      lead: `The ${province.name} police said that`,
      speaker: SPEAKER.police(province.id),
      measures: ['killed.security_forces', 'attackers.killed'],
      status: 'official',
    },
    {
      lead: `The ${province.name} rescue service said that`,
      speaker: { id: SPEAKER.rescue(province.id), verb: 'said', note: 'citing hospital records' },
      measures: ['injured', 'injured.critical', 'killed.civilians'],
      status: 'official',
    },
    {
      lead: `${official.name}, the ${official.role}, said that`,
      speaker: official.id,
      measures: ['killed', 'killed.security_forces'],
      status: 'official',
    },
    {
      lead: 'A resident, who was not named, said that',
      speaker: { id: SPEAKER.residents, verb: 'said' },
      measures: ['injured', 'killed.civilians'],
      status: 'unverified',
    },
  ];
  const voice = nth(voices, turn);
  const m = measureSpec(nth(voice.measures, turn));
  const base = r.chance(0.3) ? Math.max(0, real(s, m.id) + r.int(-3, 5)) : real(s, m.id);
  figureClaim(
    s,
    t,
    m,
    makeFigure(r, m, base, voice.status === 'unverified' ? 'vague' : r.pick(FORMS)),
    voice,
  );
}

/** How one group relates to another: what makes "a group affiliated with" compatible with the group. */
function writeRelation(s: Scene, t: Turn) {
  const { ctx } = s;
  const g = s.group ?? nth(ctx.groups, s.n);
  const other = g.parent
    ? (ctx.groups.find((x) => x.id === g.parent) as GroupDraft)
    : nth(ctx.groups, (ctx.groups.indexOf(g) + 1 + s.n) % 8);
  if (other.id === g.id) {
    const sentence = `${g.short} has mainly targeted the military since it emerged.`;
    t.emit(sentence, sentence.replace(/\.$/, ''), {
      topic: 'group_profile',
      statement: `${g.short} has mainly targeted the military.`,
      speaker: 'report',
      status: 'reported',
      about: [g.id],
    });
    return;
  }
  const type = g.parent ? (s.r.chance(0.7) ? 'splinter_of' : 'affiliate_of') : 'rival_of';
  const words = {
    splinter_of: 'a splinter group of',
    affiliate_of: 'an affiliate of',
    rival_of: 'a rival of',
  }[type];
  const analyst = nth(ctx.analysts, s.n + t.round);
  const byAnalyst = t.round % 2 === 0;
  const quote = `${g.short} is ${words} ${other.name}`;
  t.emit(
    byAnalyst ? `${quote}, said ${analyst.name}, an ${analyst.role}.` : `${quote}, analysts say.`,
    quote,
    {
      topic: 'group_profile',
      statement: `${g.short} is ${words} ${other.short}.`,
      speaker: byAnalyst ? analyst.id : { id: SPEAKER.analysts, verb: 'believe' },
      status: 'analyst_view',
      about: byAnalyst ? [g.id, other.id, analyst.id] : [g.id, other.id],
      relation: { type, subject: g.id, object: other.id },
    },
  );
}

/**
 * A figure made of others: a toll that includes the attackers (with or without their number), or
 * a day's total across the district that spans the attack and the separate operation.
 */
function writeComposite(s: Scene, t: Turn) {
  const variant = (s.n + t.round) % 4;
  if (s.operation && variant >= 2) {
    writeDayTotal(s, t, s.operation, variant === 2);
    return;
  }
  const voice: Voice = s.r.chance(0.5)
    ? REPORT
    : { lead: 'Hospital officials said that', speaker: SPEAKER.hospitalOfficials, status: 'official' };
  const say = (core: string) =>
    voice.lead ? `${voice.lead} ${core}.` : `In the attack on ${s.target.text} in ${s.town.name}, ${core}.`;
  const total = real(s, 'killed');
  const fields = {
    topic: 'casualties' as const,
    measure: 'killed',
    speaker: voice.speaker,
    status: voice.status,
  };
  if (variant === 1) {
    // The attackers are counted in the total, with no number given for them.
    const core = `${total} people died, the attackers among them`;
    t.emit(say(core), core, {
      ...fields,
      figure: {
        value: total,
        qualifier: 'exact',
        counted: 'people',
        includes: [{ measure: 'attackers.killed' }],
      },
      statement: `${capitalise(core)}.`,
      about: [s.town.id],
    });
    return;
  }
  const bombers = variant === 2;
  const part = real(s, bombers ? 'attackers.suicide_bombers' : 'attackers.killed');
  const made = makeFigure(s.r, measureSpec('killed'), total, bombers ? 'at_least' : 'exact', 'people');
  made.figure.includes = [
    bombers
      ? { measure: 'attackers.suicide_bombers', value: part, qualifier: 'at_least' }
      : { measure: 'attackers.killed', value: part },
  ];
  const partWords = `${bombers ? 'at least ' : ''}${part} ${countedFor(part, bombers ? 'suicide bombers' : 'attackers')}`;
  const core = `${made.amount} ${predicateFor(made.figure.value, 'were killed')}, including ${partWords}`;
  t.emit(say(core), core, {
    ...fields,
    figure: made.figure,
    statement: `${capitalise(core)}.`,
    about: [s.town.id],
  });
}

function writeDayTotal(s: Scene, t: Turn, operation: NonNullable<Scene['operation']>, soldiers: boolean) {
  const m = measureSpec(soldiers ? 'killed.security_forces' : 'killed.militants');
  const value = real(s, m.id) + (soldiers ? operation.soldiers : operation.militants);
  const form = s.r.chance(0.7) ? 'exact' : 'at_least';
  const made = makeFigure(s.r, m, value, form, soldiers ? 'soldiers' : 'militants');
  const core = `${made.amount} were killed in ${s.district.name} district that day`;
  t.emit(
    `In all, ${core}, in the attack on ${s.target.text} in ${s.town.name} and in the ${lowerFirst(operation.event.title)}.`,
    core,
    {
      topic: 'casualties',
      measure: m.id,
      figure: made.figure,
      covers: [s.id, operation.event.id],
      statement: `${capitalise(made.amount)} were killed in ${s.district.name} that day, in the attack and in a separate operation.`,
      speaker: 'report',
      status: 'reported',
      about: [s.district.id, operation.event.id],
    },
  );
}

/** The district, now and then a wrong one, which the curator marks as a likely error. */
function writeLocation(s: Scene, t: Turn) {
  const { town, district, province } = s;
  const others = s.ctx.districts.filter((d) => d.within === province.id && d.id !== district.id);
  const wrong = others.length > 0 && s.r.chance(0.02) ? s.r.pick(others) : undefined;
  const named = wrong ?? district;
  const quote = `${town.name} is a town in ${named.name} district of ${province.name} province`;
  t.emit(`${quote}, near ${nth(s.ctx.borders, 0).name}.`, quote, {
    topic: 'location',
    statement: `${town.name} is in ${named.name} district, ${province.name}.`,
    point: 'location.district',
    position: named.id,
    speaker: 'report',
    status: 'reported',
    about: [town.id, named.id, province.id],
    ...(wrong
      ? {
          likely_error: `${town.name} is in ${district.name} district, as the incident record and the other reports say; ${wrong.name} is another district of ${province.name}.`,
        }
      : {}),
  });
}

/** The interior minister's condemnation, or the foreign office's or a government spokesman's words. */
function writeReaction(s: Scene, t: Turn) {
  const { town, country } = s;
  const variant = (t.round + s.n) % 3;
  if (variant === 0) {
    const minister = nth(s.officials, 0);
    t.emit(
      `${minister.name}, the ${minister.role}, condemned the attack in ${town.name} and called it an act of terrorism.`,
      `condemned the attack in ${town.name} and called it an act of terrorism`,
      {
        topic: 'reactions',
        statement: `${minister.name} condemned the attack and called it terrorism.`,
        speaker: { id: minister.id, verb: 'said', note: 'in a statement' },
        status: 'official',
        about: [minister.id],
      },
    );
    return;
  }
  const office = variant === 1 ? SPEAKER.foreignOffice(country.id) : SPEAKER.governmentSpokesman(country.id);
  const who =
    variant === 1 ? `The ${country.name} foreign office` : `A spokesman for the ${country.name} government`;
  const quote = `the attack in ${town.name} would not weaken the resolve of the security forces`;
  t.emit(`${who} said ${quote}.`, quote, {
    topic: 'reactions',
    statement: `${who} said the attack would not weaken the security forces' resolve.`,
    speaker: office,
    status: 'official',
    about: [town.id],
  });
}

/** What was attacked, or (every other round) how, in the report's words. */
function writeTargetOrMethod(s: Scene, t: Turn) {
  if (t.round % 2 === 0) {
    pointClaim(
      s,
      t,
      'attack.target',
      ownOr(s.r, s.target, SECURITY_INSTALLATION, TARGETS),
      'target',
      (text) => `The target in ${s.town.name} was ${text}, residents said.`,
      (label) => `The target was ${label}.`,
    );
    return;
  }
  pointClaim(
    s,
    t,
    'attack.method',
    ownOr(s.r, s.method, BOMBING, METHODS),
    'sequence',
    (text) => `The attackers ${text} ${s.target.text} in ${s.town.name} ${s.when.text}.`,
    (label) => capitalise(`${label}.`),
  );
}

/** How security officials describe the group: one facet of its characterisation. */
function writeProfile(s: Scene, t: Turn) {
  const g = s.group ?? nth(s.ctx.groups, s.n);
  const c = nth(CHARACTERISATIONS, s.n + t.round);
  t.emit(
    `Security officials describe ${g.short} as ${c.text} operating in ${s.province.name}.`,
    `describe ${g.short} as ${c.text}`,
    {
      topic: 'group_profile',
      statement: `${g.short} is ${c.label}.`,
      point: characterisationPoint(g.id),
      position: c.id,
      speaker: { id: SPEAKER.securityOfficials, verb: 'described' },
      status: 'official',
      about: [g.id],
    },
  );
}

/** The perpetrators' account of the assault, relayed from their statement. */
function writeSpokesman(s: Scene, t: Turn) {
  const { group, spokesman, perpetrators } = s;
  if (!group || !spokesman || !perpetrators) {
    const who = nth(s.officials, 2);
    const sentence = `${who.name} said the authorities were still searching for those behind the attack.`;
    t.emit(sentence, sentence.replace(/\.$/, ''), {
      topic: 'reactions',
      statement: `${who.name} said the search for the attackers continued.`,
      speaker: who.id,
      status: 'official',
      about: [who.id],
    });
    return;
  }
  const stormed = nth(SEQUENCES, 2);
  t.emit(
    `${group.short} spokesman ${spokesman.name} said ${s.channel.phrase} that the assault began with a suicide attack and that ${stormed.text}.`,
    `the assault began with a suicide attack and that ${stormed.text}`,
    {
      topic: 'sequence',
      statement: `${group.short}'s spokesman said the assault began with a suicide attack and that ${stormed.label}.`,
      point: 'attack.sequence',
      position: stormed.id,
      origin: perpetrators.id,
      status: 'perpetrator_claim',
      about: [group.id, spokesman.id],
    },
  );
}

function writeAnalyst(s: Scene, t: Turn) {
  const motive = nth(MOTIVES, s.n + t.j);
  if (t.round % 2 === 0) {
    const analyst = nth(s.ctx.analysts, s.n + t.round);
    t.emit(`${analyst.name}, an ${analyst.role}, said ${motive}.`, motive, {
      topic: 'reactions',
      statement: `An analyst said ${motive}.`,
      speaker: analyst.id,
      status: 'analyst_view',
      about: [analyst.id],
    });
    return;
  }
  t.emit(`Analysts believe ${motive}.`, motive, {
    topic: 'reactions',
    statement: `Analysts believe ${motive}.`,
    speaker: { id: SPEAKER.analysts, verb: 'believe' },
    status: 'analyst_view',
  });
}

/** An earlier event in the district, or (every other round) the border the militants cross. */
function writeContextEvent(s: Scene, t: Turn) {
  if (t.round % 2 === 1) {
    const neighbour = nth(s.ctx.countries, 1);
    const border = nth(s.ctx.borders, 0);
    t.emit(
      `${s.province.name} borders ${neighbour.name}, and militants cross ${border.name} freely, officials say.`,
      `militants cross ${border.name} freely`,
      {
        topic: 'context',
        statement: `Militants cross the border from ${neighbour.name}.`,
        speaker: SPEAKER.officials,
        status: 'official',
        about: [s.province.id, neighbour.id, border.id],
      },
    );
    return;
  }
  const event = nth(s.related, t.round);
  t.emit(
    `The attack came after the ${lowerFirst(event.title)}, which the report dates to ${event.date}.`,
    `which the report dates to ${event.date}`,
    {
      topic: 'context',
      statement: `Earlier: ${event.title} (${event.date}).`,
      speaker: 'report',
      status: 'reported',
      about: [event.id, s.district.id],
      date: event.date,
    },
  );
}

/** The toll of an earlier event; or the separate operation's own, which a day's total is reconciled with. */
function writeContextFigure(s: Scene, t: Turn) {
  if (s.operation && t.round % 2 === 0) {
    const soldiers = t.round % 4 === 0;
    const value = soldiers ? s.operation.soldiers : s.operation.militants;
    const counted = countedFor(value, soldiers ? 'soldiers' : 'militants');
    const core = `${value} ${counted} ${predicateFor(value, 'were killed')}`;
    t.emit(`In the ${lowerFirst(s.operation.event.title)} the same day, ${core}.`, core, {
      topic: 'casualties',
      measure: soldiers ? 'killed.security_forces' : 'killed.militants',
      figure: { value, qualifier: 'exact', counted },
      statement: `${capitalise(core)} in the separate operation that day.`,
      origin: s.military.id,
      status: 'official',
      about: [s.operation.event.id, s.district.id],
    });
    return;
  }
  const event = nth(s.related, t.round + 1);
  const made = makeFigure(s.r, measureSpec('killed'), s.r.int(2, 60), s.r.pick(FORMS), 'people');
  const core = `${made.amount} were killed`;
  t.emit(`In the ${lowerFirst(event.title)}, ${core}.`, core, {
    topic: 'context',
    measure: 'killed',
    figure: made.figure,
    statement: `${capitalise(made.amount)} were killed in an earlier event.`,
    speaker: 'report',
    status: 'reported',
    about: [event.id],
  });
}
