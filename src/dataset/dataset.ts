/** The loaded dataset: plain data plus the indexes the commands use. Built once, never mutated. */
import { createHash } from 'node:crypto';
import type {
  Claim,
  Event,
  Group,
  Incident,
  Measure,
  Person,
  Place,
  Source,
  ContextFile as SourceContext,
} from './schema.js';

/** A claim with the report it comes from and the incident it concerns made explicit. */
export type ClaimRecord = Claim & { source: string; incident: string };

/** A report's metadata and text, without its claims (they live in `Dataset.claims`). */
export type SourceRecord = Omit<Source, 'claims'> & { text: string };

export type Entity =
  | { kind: 'group'; value: Group }
  | { kind: 'person'; value: Person }
  | { kind: 'place'; value: Place }
  | { kind: 'event'; value: Event };

export interface Dataset {
  readonly sources: readonly SourceRecord[];
  readonly incidents: readonly Incident[];
  readonly claims: readonly ClaimRecord[];
  readonly groups: readonly Group[];
  readonly people: readonly Person[];
  readonly places: readonly Place[];
  readonly events: readonly Event[];
  readonly measures: readonly Measure[];
  readonly sourceById: ReadonlyMap<string, SourceRecord>;
  readonly incidentById: ReadonlyMap<string, Incident>;
  readonly measureById: ReadonlyMap<string, Measure>;
  readonly entityById: ReadonlyMap<string, Entity>;
  readonly claimsByIncident: ReadonlyMap<string, readonly ClaimRecord[]>;
  readonly claimsBySource: ReadonlyMap<string, readonly ClaimRecord[]>;
  /** Claims that name an entity in `about` or in a relation, by entity id. */
  readonly claimsByEntity: ReadonlyMap<string, readonly ClaimRecord[]>;
}

export interface DatasetParts {
  sources: readonly (Source & { text: string })[];
  incidents: readonly Incident[];
  context: readonly SourceContext[];
}

/**
 * The parts are taken over, not copied: each claim object becomes its record, with its source and
 * incident made explicit (the same keys in the same order as a copy would have). A copy of 100,000
 * claims would briefly double the memory the dataset needs while it is built. The loader, the only
 * caller, hands over objects nothing else holds.
 */
export function buildDataset({ sources, incidents, context }: DatasetParts): Dataset {
  const claims: ClaimRecord[] = [];
  for (const source of sources) {
    for (const claim of source.claims) {
      const record = claim as ClaimRecord;
      record.source = source.id;
      record.incident = claim.incident ?? source.incident;
      claims.push(record);
    }
  }
  const sourceRecords: SourceRecord[] = sources.map(({ claims: _claims, ...source }) => source);
  const groups = context.flatMap((c) => c.groups);
  const people = context.flatMap((c) => c.people);
  const places = context.flatMap((c) => c.places);
  const events = context.flatMap((c) => c.events);
  const measures = context.flatMap((c) => c.measures);

  const entityById = new Map<string, Entity>([
    ...groups.map((value) => [value.id, { kind: 'group', value }] as const),
    ...people.map((value) => [value.id, { kind: 'person', value }] as const),
    ...places.map((value) => [value.id, { kind: 'place', value }] as const),
    ...events.map((value) => [value.id, { kind: 'event', value }] as const),
  ]);

  return {
    sources: sourceRecords,
    incidents,
    claims,
    groups,
    people,
    places,
    events,
    measures,
    sourceById: indexBy(sourceRecords, (s) => s.id),
    incidentById: indexBy(incidents, (i) => i.id),
    measureById: indexBy(measures, (m) => m.id),
    entityById,
    claimsByIncident: groupBy(claims, (c) => [c.incident]),
    claimsBySource: groupBy(claims, (c) => [c.source]),
    claimsByEntity: groupBy(claims, entitiesNamedBy),
  };
}

export function entitiesNamedBy(claim: Claim): string[] {
  const named = new Set(claim.about);
  if (claim.relation) {
    named.add(claim.relation.subject);
    named.add(claim.relation.object);
  }
  return [...named];
}

function indexBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function groupBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

/** A short stable hash of a claim's content: what the digest compares to tell "changed". */
export function claimFingerprint(claim: ClaimRecord): string {
  return createHash('sha256').update(JSON.stringify(claim)).digest('base64url').slice(0, 16);
}

/** The default incident: the only one, or the latest by date. */
export function defaultIncident(dataset: Dataset): Incident | undefined {
  return dataset.incidents.reduce<Incident | undefined>(
    (latest, incident) => (latest === undefined || incident.date > latest.date ? incident : latest),
    undefined,
  );
}
