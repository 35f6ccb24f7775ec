/** The loaded dataset: plain data plus the indexes the commands use. Built once, never mutated. */
import { createHash } from 'node:crypto';
import type {
  Claim,
  Event,
  Group,
  Incident,
  Measure,
  OriginalStatement,
  Person,
  Place,
  Point,
  PointExtension,
  Position,
  Source,
  ContextFile as SourceContext,
  Speaker,
  SpeakerDeclaration,
} from './schema.js';

/**
 * A claim with the report it comes from, the incident it concerns and its speaker made explicit
 * (a claim that relays an original statement speaks with that statement's speaker unless it says).
 */
export type ClaimRecord = Omit<Claim, 'speaker'> & { source: string; incident: string; speaker: Speaker };

/** A report's metadata and text, without its claims (they live in `Dataset.claims`). */
export type SourceRecord = Omit<Source, 'claims'> & { text: string };

export type Entity =
  | { kind: 'group'; value: Group }
  | { kind: 'person'; value: Person }
  | { kind: 'place'; value: Place }
  | { kind: 'event'; value: Event }
  | { kind: 'speaker'; value: SpeakerDeclaration };

export interface Dataset {
  readonly sources: readonly SourceRecord[];
  readonly incidents: readonly Incident[];
  readonly claims: readonly ClaimRecord[];
  readonly groups: readonly Group[];
  readonly people: readonly Person[];
  readonly places: readonly Place[];
  readonly events: readonly Event[];
  readonly measures: readonly Measure[];
  readonly speakers: readonly SpeakerDeclaration[];
  readonly statements: readonly OriginalStatement[];
  readonly points: readonly Point[];
  /** A short hash of every file the dataset was loaded from: what caches and later messages key on. */
  readonly version: string;
  readonly sourceById: ReadonlyMap<string, SourceRecord>;
  readonly incidentById: ReadonlyMap<string, Incident>;
  readonly measureById: ReadonlyMap<string, Measure>;
  readonly statementById: ReadonlyMap<string, OriginalStatement>;
  readonly pointById: ReadonlyMap<string, Point>;
  /** A point's positions by id, keyed `point\u0000position`: see `positionOf`. */
  readonly positionByKey: ReadonlyMap<string, Position>;
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
  version: string;
}

/**
 * The parts are taken over, not copied: each claim object becomes its record, with its source and
 * incident made explicit (the same keys in the same order as a copy would have). A copy of 100,000
 * claims would briefly double the memory the dataset needs while it is built. The loader hands over
 * objects nothing else holds.
 */
export function buildDataset({ sources, incidents, context, version }: DatasetParts): Dataset {
  const assembly = new DatasetAssembly(context, incidents);
  for (const { claims, ...source } of sources) assembly.addClaims(assembly.addSource(source), claims);
  return assembly.finish(version);
}

/**
 * A dataset put together a piece at a time, in the order of `buildDataset`: its context and
 * incidents first, then each source followed by its claims, in as many pieces as wanted. Each
 * piece costs time in proportion to its size, so a dataset received from a worker thread is built
 * without holding the event loop for long (see src/reload/). Pieces are taken over, not copied.
 */
export class DatasetAssembly {
  private readonly sources: SourceRecord[] = [];
  private readonly claims: ClaimRecord[] = [];
  private readonly statements: OriginalStatement[];
  private readonly statementById: Map<string, OriginalStatement>;
  private readonly claimsByIncident = new Map<string, ClaimRecord[]>();
  private readonly claimsBySource = new Map<string, ClaimRecord[]>();
  private readonly claimsByEntity = new Map<string, ClaimRecord[]>();

  constructor(
    private readonly context: readonly SourceContext[],
    private readonly incidents: readonly Incident[],
  ) {
    this.statements = context.flatMap((c) => c.statements);
    this.statementById = indexBy(this.statements, (s) => s.id);
  }

  /** A report's metadata and text; its claims follow with `addClaims`. */
  addSource(source: SourceRecord): SourceRecord {
    this.sources.push(source);
    return source;
  }

  /** Claims of a source added before, in the order they come in its file. */
  addClaims(source: SourceRecord, claims: readonly Claim[]): void {
    for (const claim of claims) {
      const record = claim as ClaimRecord;
      record.source = source.id;
      record.incident = claim.incident ?? source.incident;
      record.speaker = claim.speaker ?? originSpeaker(this.statementById, claim.origin);
      this.claims.push(record);
      addTo(this.claimsByIncident, record.incident, record);
      addTo(this.claimsBySource, record.source, record);
      for (const entity of entitiesNamedBy(record)) addTo(this.claimsByEntity, entity, record);
    }
  }

  finish(version: string): Dataset {
    const { context, sources, statementById } = this;
    const groups = context.flatMap((c) => c.groups);
    const people = context.flatMap((c) => c.people);
    const places = context.flatMap((c) => c.places);
    const events = context.flatMap((c) => c.events);
    const measures = context.flatMap((c) => c.measures);
    const speakers = context.flatMap((c) => c.speakers);
    const points = withExtensions(context.flatMap((c) => c.points));

    const entityById = new Map<string, Entity>([
      ...groups.map((value) => [value.id, { kind: 'group', value }] as const),
      ...people.map((value) => [value.id, { kind: 'person', value }] as const),
      ...places.map((value) => [value.id, { kind: 'place', value }] as const),
      ...events.map((value) => [value.id, { kind: 'event', value }] as const),
      ...speakers.map((value) => [value.id, { kind: 'speaker', value }] as const),
    ]);

    return {
      sources,
      incidents: this.incidents,
      claims: this.claims,
      groups,
      people,
      places,
      events,
      measures,
      speakers,
      statements: this.statements,
      points,
      version,
      sourceById: indexBy(sources, (s) => s.id),
      incidentById: indexBy(this.incidents, (i) => i.id),
      measureById: indexBy(measures, (m) => m.id),
      statementById,
      pointById: indexBy(points, (p) => p.id),
      positionByKey: new Map(
        points.flatMap((p) =>
          p.positions.map((position) => [positionKey(p.id, position.id), position] as const),
        ),
      ),
      entityById,
      claimsByIncident: this.claimsByIncident,
      claimsBySource: this.claimsBySource,
      claimsByEntity: this.claimsByEntity,
    };
  }
}

/** The speaker of a claim that names only the statement it relays (the loader checks the statement exists). */
function originSpeaker(
  statements: ReadonlyMap<string, OriginalStatement>,
  origin: string | undefined,
): Speaker {
  const statement = origin === undefined ? undefined : statements.get(origin);
  return { id: statement?.speaker ?? 'report', verb: 'said' };
}

/** Each point with the positions other files add to it (`extends`), in the order of the files. */
function withExtensions(entries: readonly (Point | PointExtension)[]): Point[] {
  const points = new Map<string, Point>();
  for (const entry of entries) if (!('extends' in entry)) points.set(entry.id, entry);
  for (const entry of entries) {
    const point = 'extends' in entry ? points.get(entry.extends) : undefined;
    if (point && 'extends' in entry)
      points.set(point.id, { ...point, positions: [...point.positions, ...entry.positions] });
  }
  return [...points.values()];
}

export function positionKey(point: string, position: string): string {
  return `${point}\u0000${position}`;
}

/** A point's declared position. */
export function positionOf(dataset: Dataset, point: string, position: string): Position | undefined {
  return dataset.positionByKey.get(positionKey(point, position));
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

function addTo<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const list = groups.get(key);
  if (list) list.push(item);
  else groups.set(key, [item]);
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
