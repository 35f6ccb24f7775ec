/**
 * The dataset's one schema. Every TypeScript type of the data is inferred from here.
 *
 * Files in `data/`:
 * - `sources/*.yaml`: one report each (metadata, the name of its text file, and its claims);
 * - `incidents/*.yaml`: one incident each;
 * - `context/*.yaml`: groups, people, places, events and measures, in any split across files.
 */
import { z } from 'zod';

/** Lower-case ids, readable in commands and stable across edits; 100 characters fit a Discord choice. */
export const Id = z
  .string()
  .max(100, { abort: true })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'an id of lower-case letters, digits, ".", "_" or "-"');

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
const WebUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .regex(
    /^[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+$/,
    'a URL such as "https://example.com/report", with spaces, quotes, brackets, < > and letters beyond ASCII percent-encoded (a space is %20)',
  );

/** A calendar date at year, month or day precision: "2023", "2023-05", "2023-12-12". */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date written YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealCalendarDate, 'a date that exists on the calendar');

function isRealCalendarDate(text: string): boolean {
  const [year, month = 1, day = 1] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 0, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const Qualifier = z.enum(['exact', 'at_least', 'more_than', 'about', 'up_to']);

/** A reported number, with the source's own wording of what was counted. */
export const Figure = z
  .object({
    value: z.number().int('a whole number').nonnegative('a count of zero or more'),
    qualifier: Qualifier,
    /** The source's word for who or what was counted: "officers", "soldiers", "people". */
    counted: NonEmpty,
    /** For "about": the range the source's figure stands for, when the default rule does not fit. */
    range: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).optional(),
  })
  .strict()
  .refine((f) => f.range === undefined || f.qualifier === 'about', {
    message: 'a range only with the qualifier "about"',
    path: ['range'],
  })
  .refine((f) => f.range === undefined || (f.range[0] <= f.value && f.value <= f.range[1]), {
    message: 'a range that contains the value',
    path: ['range'],
  });

export const Verb = z.enum(['reported', 'said', 'claimed', 'believe', 'described', 'according_to']);

/** Who, inside a report, says a thing. `report` is the report in its own voice. */
export const Speaker = z.union([
  z.literal('report'),
  z
    .object({
      name: NonEmpty,
      verb: Verb,
      role: NonEmpty.optional(),
      /** The text names the speaker without saying who they are. */
      incomplete: z.boolean().default(false),
      note: NonEmpty.optional(),
    })
    .strict(),
]);

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
    /** What the claim says, in the project's words. */
    statement: NonEmpty,
    /** The question the claim answers; claims sharing a point are compared with one another. */
    point: Id.optional(),
    /** The claim's answer to its point: claims on one point with the same position agree. */
    position: Id.optional(),
    speaker: Speaker,
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
  })
  .strict()
  .refine((c) => (c.measure === undefined) === (c.figure === undefined), {
    message: 'a measure and a figure together, or neither',
    path: ['figure'],
  })
  .refine((c) => (c.point === undefined) === (c.position === undefined), {
    message: 'a point and a position together, or neither',
    path: ['position'],
  });

export const Source = z
  .object({
    id: Id,
    /** null when the report does not name its outlet: unknown stays unknown. */
    outlet: NonEmpty.nullable(),
    headline: NonEmpty,
    url: WebUrl.nullable(),
    url_note: NonEmpty.optional(),
    published: PartialDate.nullable(),
    dateline: NonEmpty.nullable(),
    /** The report's text, stored byte for byte beside this file. */
    text_file: z.string().regex(/^[^/\\]+\.txt$/, 'the name of a .txt file beside this one'),
    incident: Id,
    notes: LongText.optional(),
    claims: z.array(Claim).min(1, 'at least one claim'),
  })
  .strict();

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
    /** Approximate dates ("early October") say so. */
    date_note: NonEmpty.optional(),
    place: Id.optional(),
    kind: z.enum(['attack', 'operation', 'policy', 'political', 'other']),
  })
  .strict();

export const Measure = z
  .object({
    id: Id,
    label: NonEmpty,
    /** A measure counted within another, e.g. critical injuries within injuries. */
    part_of: Id.optional(),
    unit: NonEmpty.default('people'),
  })
  .strict();

export const ContextFile = z
  .object({
    groups: z.array(Group).default([]),
    people: z.array(Person).default([]),
    places: z.array(Place).default([]),
    events: z.array(Event).default([]),
    measures: z.array(Measure).default([]),
  })
  .strict();

export type Qualifier = z.infer<typeof Qualifier>;
export type Figure = z.infer<typeof Figure>;
export type Speaker = z.infer<typeof Speaker>;
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
