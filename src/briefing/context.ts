/**
 * The /context briefing: the regional context, by topic, with dates.
 *
 * The topics are derived from the data, never from this incident's names. The pool is every claim
 * of topic `context`, every `location` claim that names two or more places (geography: "D.I. Khan
 * is in Khyber Pakhtunkhwa", "the province borders Afghanistan"), and every claim that names a
 * dated event. A claim falls under each topic that fits it, by the kinds of entity it is about:
 *
 * - `places`: it names a place below country level (province, district, city, border...);
 *   one section per place, the first such place it names;
 * - `relations`: it states a relation, or names two or more actors (groups and countries);
 * - `groups`: it names a group, or a person who belongs to one; one section per group;
 * - `related-events`: it names an event; one section per event, in date order;
 * - `other`: none of these (offered only when some claim falls there);
 * - `all`: every claim once, under the first topic of: related events, relations, groups,
 *   places, other; shown in the order places, relations, groups, related events, other.
 */

import { disputedClaims } from '../compare/views.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { memoPerDataset } from '../dataset/memo.js';
import { nameKey } from '../dataset/names.js';
import { framingBottomLine } from './bottom-line.js';
import { REPLY_BUDGET } from './budget.js';
import { formatDateWindow, formatPartialDate } from './dates.js';
import { entityName, relationText } from './entities.js';
import { claimBrief, sameSaying, sharedSaying } from './lines.js';
import { escapeText } from './markdown.js';
import type { Briefing, Section } from './model.js';
import { citedSources, sourceTags } from './sources.js';

export const CONTEXT_TOPICS = ['places', 'relations', 'groups', 'related-events', 'other', 'all'] as const;
export type ContextTopic = (typeof CONTEXT_TOPICS)[number];

export const TOPIC_INFO: Record<ContextTopic, { label: string; about: string; aliases: string[] }> = {
  places: {
    label: 'Places',
    about: 'provinces, districts, cities and borders',
    aliases: ['place', 'region', 'geography'],
  },
  relations: {
    label: 'Relations',
    about: 'relations between countries and groups',
    aliases: ['relation', 'countries', 'tensions'],
  },
  groups: { label: 'Groups', about: 'groups and their people', aliases: ['group', 'militants'] },
  'related-events': {
    label: 'Related events',
    about: 'earlier attacks, operations and policies',
    aliases: ['events', 'event', 'attacks', 'history'],
  },
  other: { label: 'Other', about: 'things that name no place, group or event', aliases: [] },
  all: { label: 'All', about: 'everything, each item once', aliases: ['everything'] },
};

/** Display order for `all`, and the precedence that decides where a claim goes in it. */
const DISPLAY: readonly ContextTopic[] = ['places', 'relations', 'groups', 'related-events', 'other'];
const PRECEDENCE: readonly ContextTopic[] = ['related-events', 'relations', 'groups', 'places', 'other'];

/** What a topic may be typed as: its value, its label and its aliases. */
export function topicNames(topic: ContextTopic): string[] {
  return [topic, TOPIC_INFO[topic].label, ...TOPIC_INFO[topic].aliases];
}

export function findContextTopic(typed: string): ContextTopic | undefined {
  const key = nameKey(typed);
  if (key === '') return undefined;
  const keys = (t: ContextTopic) => topicNames(t).map(nameKey);
  const exact = CONTEXT_TOPICS.find((t) => keys(t).includes(key));
  if (exact) return exact;
  const started = CONTEXT_TOPICS.filter((t) => keys(t).some((k) => k.startsWith(key)));
  return started.length === 1 ? started[0] : undefined;
}

/** The claims of an incident's reports that the context draws on. */
export function contextPool(dataset: Dataset, incidentId: string): ClaimRecord[] {
  const kinds = (c: ClaimRecord, kind: string) =>
    c.about.filter((id) => dataset.entityById.get(id)?.kind === kind);
  return (dataset.claimsByIncident.get(incidentId) ?? []).filter(
    (c) =>
      c.topic === 'context' ||
      (c.topic === 'location' && kinds(c, 'place').length >= 2) ||
      kinds(c, 'event').length > 0,
  );
}

interface Placed {
  claim: ClaimRecord;
  /** The entity the section is about: a place, group or event id; '' for the one-section topics. */
  key: string;
}

/** Every topic's claims (each with its section key); `all` holds each claim once. Built once per incident. */
export const sortContext = memoPerDataset(sortContextOnce);

function sortContextOnce(dataset: Dataset, incidentId: string): Map<ContextTopic, Placed[]> {
  const result = new Map<ContextTopic, Placed[]>(CONTEXT_TOPICS.map((t) => [t, []]));
  for (const claim of contextPool(dataset, incidentId)) {
    const fits = new Map<ContextTopic, string>();
    const entities = claim.about.map((id) => ({ id, entity: dataset.entityById.get(id) }));
    const place = entities.find((e) => e.entity?.kind === 'place' && e.entity.value.kind !== 'country');
    if (place) fits.set('places', place.id);
    const actors = new Set(
      entities
        .filter(
          (e) =>
            e.entity?.kind === 'group' || (e.entity?.kind === 'place' && e.entity.value.kind === 'country'),
        )
        .map((e) => e.id),
    );
    if (claim.relation || actors.size >= 2) fits.set('relations', '');
    const group =
      entities.find((e) => e.entity?.kind === 'group')?.id ??
      entities
        .map((e) => (e.entity?.kind === 'person' ? e.entity.value.group : undefined))
        .find((g): g is string => g !== undefined && dataset.entityById.get(g)?.kind === 'group');
    if (group) fits.set('groups', group);
    const event = entities.find((e) => e.entity?.kind === 'event');
    if (event) fits.set('related-events', event.id);
    if (fits.size === 0) fits.set('other', '');

    for (const [topic, key] of fits) result.get(topic)?.push({ claim, key });
    const first = PRECEDENCE.find((t) => fits.has(t));
    if (first) result.get('all')?.push({ claim, key: `${first}\u0000${fits.get(first) ?? ''}` });
  }
  return result;
}

/** A claim's date, or the date of the event it is filed under. */
function dateOf(dataset: Dataset, claim: ClaimRecord): string | undefined {
  if (claim.date) return claim.date;
  const event = claim.about.map((id) => dataset.entityById.get(id)).find((e) => e?.kind === 'event');
  return event?.kind === 'event' ? event.value.date : undefined;
}

/** Each incident's context briefing per topic is built once, then reused. */
const briefingOnce = memoPerDataset((dataset: Dataset, key: `${string}|${ContextTopic}`) => {
  const [incidentId = '', topic] = key.split('|') as [string, ContextTopic];
  return buildContextBriefing(dataset, incidentId, topic);
});

export function contextBriefing(
  dataset: Dataset,
  { incident, topic }: { incident: string; topic: ContextTopic },
): Briefing {
  return briefingOnce(dataset, `${incident}|${topic}`);
}

function buildContextBriefing(dataset: Dataset, incidentId: string, topic: ContextTopic): Briefing {
  const sorted = sortContext(dataset, incidentId);
  const placed = sorted.get(topic) ?? [];
  const disputed = disputedClaims(dataset, incidentId);
  const cited = new Set<string>();
  // ⚠️ flags a line whose point or figure the sources dispute, as every reply does; agreement is
  // not marked per line (/compare does).
  const mark = (c: ClaimRecord) => (disputed.has(c.id) ? '⚠️' : '•');
  // The same words from several reports are one line naming them all.
  const line = (same: readonly ClaimRecord[], sectionDate?: string) => {
    const [c] = same as [ClaimRecord];
    for (const s of same) cited.add(s.source);
    const date = c.date && c.date !== sectionDate ? `**${formatPartialDate(c.date)}** · ` : '';
    const sources = new Set(same.map((s) => s.source));
    const said =
      sources.size > 1
        ? `${sharedSaying(dataset, c)} — ${sourceTags(dataset, sources)}`
        : claimBrief(dataset, c);
    const body = c.relation ? `${relationText(dataset, c.relation)}: ${said}` : said;
    const lead = c.status === 'perpetrator_claim' ? '🏴' : same.some((s) => mark(s) === '⚠️') ? '⚠️' : '•';
    return `${lead} ${date}${body}`;
  };

  const sections: Section[] = [];
  const topics = topic === 'all' ? DISPLAY : [topic];
  for (const t of topics) {
    const items =
      topic === 'all'
        ? placed
            .filter((p) => p.key.startsWith(`${t}\u0000`))
            .map((p) => ({ ...p, key: p.key.slice(t.length + 1) }))
        : placed;
    sections.push(...topicSections(dataset, t, items, line, topic === 'all'));
  }

  const claims = placed.map((p) => p.claim);
  const differ = claims.some((c) => disputed.has(c.id));
  return {
    title: topic === 'all' ? 'Context' : `Context: ${TOPIC_INFO[topic].label.toLowerCase()}`,
    description:
      claims.length === 0
        ? 'The dataset has no context on this topic yet.'
        : framingBottomLine(dataset, claims, claims.filter((c) => disputed.has(c.id)).length),
    sections,
    sources: citedSources(dataset, cited),
    footer: `Each item once, dated where the reports date it, named by its reports; ⚠️ a point or figure they differ on, 🏴 a perpetrators’ claim. Topics: ${CONTEXT_TOPICS.filter((t) => sorted.get(t)?.length).join(', ')}`,
    tone: differ ? 'conflict' : 'neutral',
    partBudget: REPLY_BUDGET,
  };
}

function topicSections(
  dataset: Dataset,
  topic: ContextTopic,
  items: Placed[],
  line: (same: readonly ClaimRecord[], sectionDate?: string) => string,
  prefixed: boolean,
): Section[] {
  if (items.length === 0) return [];
  const label = (heading: string) => (prefixed ? `${TOPIC_INFO[topic].label}: ${heading}` : heading);
  const byKey = new Map<string, ClaimRecord[]>();
  for (const { claim, key } of items) {
    const list = byKey.get(key);
    if (list) list.push(claim);
    else byKey.set(key, [claim]);
  }

  if (topic === 'related-events') {
    return dataset.events
      .filter((e) => byKey.has(e.id))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((event) => ({
        heading: label(`${formatDateWindow(event.date, event.date_until)}: ${escapeText(event.title)}`),
        lines: [
          ...(event.date_note ? [`_Date: ${escapeText(event.date_note)}_`] : []),
          ...sameSaying(inDateOrder(dataset, byKey.get(event.id) ?? [])).map((c) => line(c, event.date)),
        ],
      }));
  }
  if (topic === 'places' || topic === 'groups') {
    const keys = [...byKey.keys()];
    const order = (id: string) => {
      const list: readonly { id: string }[] = topic === 'places' ? dataset.places : dataset.groups;
      return list.findIndex((x) => x.id === id);
    };
    return keys
      .sort((a, b) => order(a) - order(b))
      .map((id) => ({
        heading: label(entityHeading(dataset, id)),
        lines: sameSaying(inDateOrder(dataset, byKey.get(id) ?? [])).map((c) => line(c)),
      }));
  }
  const heading = topic === 'relations' ? 'Between countries and groups' : 'Other context';
  return [
    {
      heading: label(heading),
      lines: sameSaying(
        inDateOrder(
          dataset,
          items.map((i) => i.claim),
        ),
      ).map((c) => line(c)),
    },
  ];
}

function entityHeading(dataset: Dataset, id: string): string {
  const entity = dataset.entityById.get(id);
  if (entity?.kind === 'place') return `${escapeText(entity.value.name)} (${entity.value.kind})`;
  if (entity?.kind === 'group' && entity.value.short)
    return `${escapeText(entity.value.name)} (${escapeText(entity.value.short)})`;
  return entityName(dataset, id);
}

/** Undated background first, in dataset order, then dated items oldest first. */
function inDateOrder(dataset: Dataset, claims: readonly ClaimRecord[]): ClaimRecord[] {
  const withDates = claims.map((claim) => ({ claim, date: dateOf(dataset, claim) }));
  const undated = withDates.filter((c) => c.date === undefined);
  const dated = withDates
    .filter((c) => c.date !== undefined)
    .sort((a, b) => {
      const x = a.date ?? '';
      const y = b.date ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
  return [...undated, ...dated].map((c) => c.claim);
}
