/**
 * The dataset's one schema. Every TypeScript type of the data is inferred from here.
 *
 * Files in `data/`:
 * - `sources/*.yaml`: one report each (metadata, the name of its text file, and its claims);
 * - `incidents/*.yaml`: one incident each;
 * - `context/*.yaml`: groups, people, places, events and measures, in any split across files.
 */
import { z } from 'zod';
import { VAGUE_WORDS } from './quantities.js';

/** Lower-case ids, readable in commands and stable across edits; 100 characters fit a Discord choice. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const Id = z
  .string()
  .max(100, { abort: true })
  .regex(ID_PATTERN, 'an id of lower-case letters, digits, ".", "_" or "-"');

/**
 * Texts are bounded, so that no one value can swamp a reply, the search index or memory (a name of
 * millions of characters once did). A name, a statement or a quote fits in 1,000 characters.
 */
function boundedText(max: number) {
  return z.string().trim().min(1, 'a non-empty text').max(max);
}
const NonEmpty = boundedText(1000);
/** The curator's own prose, notes and descriptions: a few paragraphs. */
const LongText = boundedText(4000);

/**
 * A report's web address: http(s), written only with the characters a URL may hold (RFC 3986), so
 * that it can neither end its link early nor carry markdown into a reply.
 */
export const URL_CHARACTERS = /^[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+$/;
const WebUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .regex(
    URL_CHARACTERS,
    'a URL such as "https://example.com/report", with spaces, quotes, brackets, < > and letters beyond ASCII percent-encoded (a space is %20)',
  );

/** A calendar date at year, month or day precision: "2023", "2023-05", "2023-12-12". */
export const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
export const PartialDate = z
  .string()
  .regex(PARTIAL_DATE, 'a date written YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealCalendarDate, 'a date that exists on the calendar');

function isRealCalendarDate(text: string): boolean {
  const [year, month = 1, day = 1] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 0, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * How a number is given: exact n; at least n; more than n ("over n"); about n ("around",
 * "roughly"); nearly n ("almost"); up to n. A vague quantity with no number ("dozens") is given
 * by its word instead (see quantities.ts).
 */
export const Qualifier = z.enum(['exact', 'at_least', 'more_than', 'about', 'nearly', 'up_to']);

/** A count of another measure inside a figure: "24 killed, including one attacker". */
export const IncludedCount = z
  .object({
    measure: Id,
    /** Absent when the report gives no number ("the assailants among them"). */
    value: z.number().int('a whole number').nonnegative('a count of zero or more').optional(),
    qualifier: Qualifier.default('exact'),
  })
  .strict();

/** A reported number, or a vague quantity, with the source's own wording of what was counted. */
export const Figure = z
  .object({
    value: z.number().int('a whole number').nonnegative('a count of zero or more').optional(),
    qualifier: Qualifier.default('exact'),
    /** A vague or approximate quantity given in words, in place of a number: "dozens", "two dozen". */
    words: z.enum(VAGUE_WORDS).optional(),
    /** The source's word for who or what was counted: "officers", "soldiers", "people". */
    counted: NonEmpty,
    /** For "about" and "nearly": the range the source's figure stands for, when the default rule does not fit. */
    range: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).optional(),
    /** Counts of other measures this figure includes ("24, including one attacker"). */
    includes: z.array(IncludedCount).default([]),
  })
  .strict()
  .refine((f) => (f.value === undefined) !== (f.words === undefined), {
    message: 'a value, or the words of a vague quantity such as "dozens", but not both',
    path: ['value'],
  })
  .refine((f) => f.words === undefined || f.qualifier === 'exact', {
    message: 'no qualifier with a vague quantity: its words say how vague it is',
    path: ['qualifier'],
  })
  .refine((f) => f.range === undefined || f.qualifier === 'about' || f.qualifier === 'nearly', {
    message: 'a range only with the qualifier "about" or "nearly"',
    path: ['range'],
  })
  .refine(
    (f) => f.range === undefined || f.value === undefined || (f.range[0] <= f.value && f.value <= f.range[1]),
    { message: 'a range that contains the value', path: ['range'] },
  );

/**
 * The time of day a report gives, in the incident's time zone, 24-hour: `{at: '02:30'}`, or
 * `{at: '02:30', about: true}` for "about 2:30 a.m.".
 */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const ClockTime = z
  .object({
    at: z.string().regex(CLOCK_TIME, 'a time of day written HH:MM, 24-hour, such as "02:30"'),
    about: z.boolean().default(false),
  })
  .strict();

export const Verb = z.enum(['reported', 'said', 'claimed', 'believe', 'described', 'according_to']);

/**
 * Who, inside a report, says a thing: `report` for the report in its own voice, or the id of a
 * declared speaker, person or group (who then "said" it), or that id with another verb and a note.
 * Read into one form, `{ id, verb, note? }`, with id `report` for the report's own voice.
 */
export const Speaker = z
  .union([
    z.literal('report'),
    Id,
    z.object({ id: Id, verb: Verb.default('said'), note: NonEmpty.optional() }).strict(),
  ])
  .transform((s): { id: string; verb: z.output<typeof Verb>; note?: string } =>
    typeof s === 'string' ? { id: s, verb: s === 'report' ? 'reported' : 'said' } : s,
  );

export const Topic = z.enum([
  'casualties',
  'attackers',
  'target',
  'location',
  'time',
  'sequence',
  'responsibility',
  'group_profile',
  'reactions',
  'context',
]);

export const Status = z.enum(['reported', 'official', 'perpetrator_claim', 'unverified', 'analyst_view']);

export const RelationType = z.enum([
  'splinter_of',
  'affiliate_of',
  'front_for',
  'cover_for',
  'takes_direction_from',
  'harboured_by',
  'same_as',
  'rival_of',
  'allied_with',
]);

/** One source saying one thing. */
export const Claim = z
  .object({
    id: Id,
    topic: Topic,
    /** For figures: a declared measure such as `killed.security_forces`. */
    measure: Id.optional(),
    figure: Figure.optional(),
    /**
     * For a figure that spans more than the incident (the attack and a separate operation that
     * day): the incident and the events it covers. It is compared only with figures of the same
     * span, and reconciled with the figures of its parts.
     */
    covers: z.array(Id).min(2, 'at least two: the incident or events the figure spans').optional(),
    /** What the claim says, in the project's words. */
    statement: NonEmpty,
    /** A declared point (a question sources answer): claims on one point are compared. */
    point: Id.optional(),
    /** The claim's answer to its point: one of the point's declared positions. */
    position: Id.optional(),
    /** Who says it; may be left out when `origin` names the statement it relays. */
    speaker: Speaker.optional(),
    /** The original statement (declared in context) that this claim relays. */
    origin: Id.optional(),
    status: Status,
    /** A verbatim excerpt of the source text. */
    quote: NonEmpty,
    /** Ids of the groups, people, places or events the claim is about. */
    about: z.array(Id).default([]),
    relation: z.object({ type: RelationType, subject: Id, object: Id }).strict().optional(),
    /** Defaults to the source's incident. */
    incident: Id.optional(),
    /** When the thing the claim reports happened, if it is not the incident itself. */
    date: PartialDate.optional(),
    /** The time of day the report gives for it. */
    time: ClockTime.optional(),
    /**
     * The curator's reason to think the report got this wrong (a wrong city, a figure its own text
     * contradicts). The claim is shown apart and never counted; it is not dropped.
     */
    likely_error: LongText.optional(),
  })
  .strict()
  .refine((c) => (c.measure === undefined) === (c.figure === undefined), {
    message: 'a measure and a figure together, or neither',
    path: ['figure'],
  })
  .refine((c) => (c.point === undefined) === (c.position === undefined), {
    message: 'a point and a position together, or neither',
    path: ['position'],
  })
  .refine((c) => c.speaker !== undefined || c.origin !== undefined, {
    message: 'a speaker ("report", or the id of a speaker), or the origin the claim relays',
    path: ['speaker'],
  })
  .refine((c) => c.covers === undefined || c.figure !== undefined, {
    message: 'a span only for a figure',
    path: ['covers'],
  });

export const SourceKind = z.enum([
  'news_report',
  'wire_copy',
  'official_statement',
  'republished_copy',
  'compilation',
  'social_media_post',
]);

export const Source = z
  .object({
    id: Id,
    /** A news report unless said: a wire copy, an official statement, a republished copy, a compilation… */
    kind: SourceKind.default('news_report'),
    /** null when the report does not name its outlet: unknown stays unknown. */
    outlet: NonEmpty.nullable(),
    /**
     * What replies call the report ("Dawn"); by default its outlet (see src/dataset/labels.ts).
     * Set when two reports would otherwise share one: labels are unique in a dataset.
     */
    label: boundedText(40).optional(),
    /** Left out when the report has none: never invented. */
    headline: NonEmpty.optional(),
    /** For a wire copy: the agency whose copy it carries ("PTI"). */
    agency: NonEmpty.optional(),
    /** For a republished copy: the original's outlet, and its id when the original is in the dataset too. */
    copy_of: z.object({ outlet: NonEmpty.nullable(), source: Id.optional() }).strict().optional(),
    url: WebUrl.nullable().describe('`null` when the report has no address known'),
    url_note: NonEmpty.optional().describe('Why the address is missing or unusual'),
    published: PartialDate.nullable(),
    dateline: NonEmpty.nullable(),
    /** The report's text, stored byte for byte beside this file. */
    text_file: z.string().regex(/^[^/\\]+\.txt$/, 'the name of a .txt file beside this one'),
    excerpt: z
      .boolean()
      .default(false)
      .describe('The stored text is an excerpt of the report, not the whole of it'),
    restated: z
      .boolean()
      .default(false)
      .describe(
        'The stored text restates the report (a summary, a translation, a retelling from notes) rather than giving its published words: its quotes are of the restatement',
      ),
    incident: Id,
    notes: LongText.optional().describe("The curator's notes on the report, for readers of the file"),
    claims: z.array(Claim).min(1, 'at least one claim'),
  })
  .strict()
  .refine((s) => s.kind !== 'republished_copy' || s.copy_of !== undefined, {
    message: 'copy_of: {outlet: …} for a republished copy, naming the original',
    path: ['kind'],
  })
  .refine((s) => s.kind === 'republished_copy' || s.copy_of === undefined, {
    message: 'copy_of only with kind: republished_copy',
    path: ['copy_of'],
  })
  .refine((s) => s.kind !== 'wire_copy' || s.agency !== undefined, {
    message: 'the agency whose copy a wire copy carries',
    path: ['agency'],
  });

const Coordinates = z
  .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
  .strict();

export const Incident = z
  .object({
    id: Id,
    title: NonEmpty,
    date: PartialDate,
    /** How exactly the time is known: "pre-dawn", "early morning". */
    time_of_day: NonEmpty.optional(),
    timezone: z.string().refine(isKnownTimeZone, 'an IANA time zone such as "Asia/Karachi"'),
    place: z
      .object({
        country: NonEmpty,
        province: NonEmpty.optional(),
        district: NonEmpty.optional(),
        town: NonEmpty.optional(),
        area: NonEmpty.optional(),
        coordinates: Coordinates.optional(),
        precision: z.enum(['exact', 'area', 'town', 'district', 'province', 'country']),
        place_ids: z.array(Id).default([]),
      })
      .strict(),
    attack_type: NonEmpty,
    target: NonEmpty,
    weapons: z.array(NonEmpty).default([]),
    responsible_group: Id.nullable(),
    /** The curator's own summary, for readers of the data file: replies show only sourced claims. */
    summary: LongText.optional(),
  })
  .strict();

/** Answers are kept: building a formatter to test a zone costs about 0.1 ms, and datasets repeat zones. */
const knownTimeZones = new Map<string, boolean>();

export function isKnownTimeZone(zone: string): boolean {
  let known = knownTimeZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = zone.length > 0;
    } catch {
      known = false;
    }
    if (knownTimeZones.size < 1000) knownTimeZones.set(zone, known);
  }
  return known;
}

export const Group = z
  .object({
    id: Id,
    name: NonEmpty,
    short: NonEmpty.optional(),
    aliases: z.array(NonEmpty).default([]),
    kind: NonEmpty,
    description: LongText.optional(),
  })
  .strict();

export const Person = z
  .object({
    id: Id,
    name: NonEmpty,
    aliases: z.array(NonEmpty).default([]),
    role: NonEmpty,
    group: Id.optional(),
  })
  .strict();

export const Place = z
  .object({
    id: Id,
    name: NonEmpty,
    kind: z.enum(['country', 'province', 'district', 'city', 'town', 'area', 'border', 'site']),
    within: Id.optional(),
    aliases: z.array(NonEmpty).default([]),
    coordinates: Coordinates.optional(),
  })
  .strict();

export const Event = z
  .object({
    id: Id,
    title: NonEmpty,
    date: PartialDate,
    /**
     * For an event known only to fall between two days ("after the attack, by the 13th"): the last
     * day it can have happened; `date` is then the first.
     */
    date_until: PartialDate.optional(),
    date_note: NonEmpty.optional().describe('How exactly the date is known ("early October")'),
    place: Id.optional(),
    kind: z.enum(['attack', 'operation', 'policy', 'political', 'other']),
  })
  .strict()
  .refine((e) => e.date_until === undefined || e.date_until > e.date, {
    message: 'a last day after the first (date)',
    path: ['date_until'],
  });

export const Measure = z
  .object({
    id: Id,
    label: NonEmpty,
    /**
     * The total (or totals) this measure is a part of: security forces killed within all killed,
     * critical within injured; attackers killed within militants killed and within all attackers.
     * A part never exceeds its total, and the comparison checks that it does not.
     */
    part_of: z.union([Id.transform((id) => [id]), z.array(Id)]).default([]),
    unit: NonEmpty.default('people'),
    /** Words a question may use for it ("wounded", "hurt"): /ask finds the measure by them. */
    synonyms: z.array(NonEmpty).default([]),
  })
  .strict();

/** Who may speak in a report besides a named person or a group: officials, a military media wing, the police. */
export const SpeakerDeclaration = z
  .object({
    id: Id,
    /** As readers should see it: "the ISPR (the military's media wing)", "officials". */
    name: NonEmpty,
    /** Other names the reports use for it ("the army", "the ISPR"): the drafter finds it by them. */
    aliases: z.array(NonEmpty).default([]),
    role: NonEmpty.optional(),
    /** The group it speaks for, if any (a spokesman's group). */
    group: Id.optional(),
    /** The reports name the speaker without saying who they are. */
    incomplete: z.boolean().default(false),
    note: NonEmpty.optional(),
  })
  .strict();

/**
 * One original statement (a press release, a spokesman's post) that several reports may carry:
 * agreement counts it once, however many reports relay it.
 */
export const OriginalStatement = z
  .object({
    id: Id,
    /** A declared speaker, person or group. */
    speaker: Id,
    /** As readers should see it: "ISPR statement". */
    title: NonEmpty,
    date: PartialDate.optional(),
    /** "press release", "Telegram post" */
    medium: NonEmpty.optional(),
  })
  .strict();

/** One answer to a point, with the words readers see. */
export const Position = z
  .object({
    id: Id,
    /** As readers should see it: "a police station". */
    label: NonEmpty,
    /** The position names a group ("TJP"). */
    group: Id.optional(),
    /**
     * The position names whichever group is affiliated with this one ("an affiliate of the TTP"):
     * it is compatible with a position naming a group that the reports relate to it (splinter,
     * affiliate, front, same).
     */
    affiliate_of: Id.optional(),
    /** Positions of the same point that this one includes: a broader answer, not a rival. */
    broader_than: z.array(Id).default([]),
    /** Positions of the same point that can be true together with this one. */
    compatible_with: z.array(Id).default([]),
    /** For a point whose positions are facets: positions that cannot be true together with this one. */
    contradicts: z.array(Id).default([]),
    /** Words a question may use for it. */
    synonyms: z.array(NonEmpty).default([]),
  })
  .strict();

/** A question the reports answer, so that their answers can be compared. */
export const Point = z
  .object({
    id: Id,
    /** A short heading: "Target", "How TJP is characterised". */
    label: NonEmpty,
    question: NonEmpty,
    topic: Topic,
    /**
     * true (the default): one answer is right, so different positions differ unless declared
     * compatible. false: the positions are facets (how a group is described, from different
     * angles), which differ only where declared to contradict one another.
     */
    exclusive: z.boolean().default(true),
    /** Words a question may use for it: /ask finds the point by them. */
    synonyms: z.array(NonEmpty).default([]),
    positions: z.array(Position).min(1, 'at least one position'),
  })
  .strict();

/**
 * More positions for a point declared in another file: `extends: <point>` and the positions. A
 * point's id written again without it is still an error, so no point is redefined by accident.
 */
export const PointExtension = z
  .object({
    extends: Id,
    positions: z.array(Position).min(1, 'at least one position'),
  })
  .strict();

export const ContextFile = z
  .object({
    groups: z.array(Group).default([]),
    people: z.array(Person).default([]),
    places: z.array(Place).default([]),
    events: z.array(Event).default([]),
    measures: z.array(Measure).default([]),
    speakers: z.array(SpeakerDeclaration).default([]),
    statements: z.array(OriginalStatement).default([]),
    points: z.array(z.union([Point, PointExtension])).default([]),
  })
  .strict();

export type Qualifier = z.infer<typeof Qualifier>;
export type ClockTime = z.infer<typeof ClockTime>;
export type Figure = z.infer<typeof Figure>;
export type Speaker = z.infer<typeof Speaker>;
export type SourceKind = z.infer<typeof SourceKind>;
export type IncludedCount = z.infer<typeof IncludedCount>;
export type SpeakerDeclaration = z.infer<typeof SpeakerDeclaration>;
export type OriginalStatement = z.infer<typeof OriginalStatement>;
export type Position = z.infer<typeof Position>;
export type Point = z.infer<typeof Point>;
export type PointExtension = z.infer<typeof PointExtension>;
export type Topic = z.infer<typeof Topic>;
export type Status = z.infer<typeof Status>;
export type Claim = z.infer<typeof Claim>;
export type Source = z.infer<typeof Source>;
export type Incident = z.infer<typeof Incident>;
export type Group = z.infer<typeof Group>;
export type Person = z.infer<typeof Person>;
export type Place = z.infer<typeof Place>;
export type Event = z.infer<typeof Event>;
export type Measure = z.infer<typeof Measure>;
export type ContextFile = z.infer<typeof ContextFile>;
