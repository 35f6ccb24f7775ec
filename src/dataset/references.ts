/**
 * The checks across files: every id defined once, every reference to a known id of the right
 * kind, with a suggestion for a likely misspelling. They read each file's data as parsed, valid or
 * not, so that one run lists a file's schema problems and its broken references together.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { ParsedFile } from './files.js';
import { nameKey } from './names.js';
import { addProblems, formatFieldPath, type Problem } from './problems.js';
import { ID_PATTERN } from './schema.js';

export type Folder = 'sources' | 'incidents' | 'context';
type EntityKind = 'group' | 'person' | 'place' | 'event' | 'speaker';
type IdKind = 'source' | 'incident' | 'claim' | 'entity' | 'measure' | 'statement' | 'point' | 'position';
/** What a reference may point to: a kind of id, or a narrower set of them. */
type RefKind = Exclude<IdKind, 'position'> | 'group' | 'place' | 'speaker' | 'span';

export interface DataFiles {
  sources: readonly ParsedFile<unknown>[];
  incidents: readonly ParsedFile<unknown>[];
  context: readonly ParsedFile<unknown>[];
}

type Path = PropertyKey[];

/** What walking the files reports: the ids they define, and the ids they refer to. */
interface Visitor {
  define(kind: IdKind, id: unknown, file: ParsedFile<unknown>, path: Path, entity?: EntityKind): void;
  refer(kind: RefKind, id: unknown, file: ParsedFile<unknown>, path: Path): void;
  /** A position of a point: positions are named within their point. */
  referPosition(point: unknown, position: unknown, file: ParsedFile<unknown>, path: Path): void;
}

interface Definition {
  file: ParsedFile<unknown>;
  path: Path;
}

/** Records a problem at a field of a file. */
type Report = (file: ParsedFile<unknown>, path: Path, message: string) => void;

/**
 * References into a folder with a file that could not be parsed are not checked: the ids that file
 * defines are unknown, and one bad file would otherwise make every reference to it a problem.
 */
export function checkIdsAndReferences(files: DataFiles, unparsed: ReadonlySet<Folder>): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (file, path, message) =>
    problems.push({ file: file.file, line: file.locate(path), field: formatFieldPath(path), message });
  // Two passes over the files in the same order: every id is defined first, then every reference
  // is checked, so nothing but the definitions is kept (a list of the references of 100,000 claims
  // would be half a million objects).
  const ids = defineIds(files, report);
  checkReferences(files, ids, namesOf(files), unparsed, report);
  addProblems(problems, measureCycles(files));
  return problems;
}

/** The ids the files define, each reported where it is defined a second time. */
function defineIds(files: DataFiles, report: Report): DefinedIds {
  const ids = new DefinedIds();
  walk(files, {
    define(kind, id, file, path, entity) {
      if (typeof id !== 'string') return;
      const first = ids.define(kind, id, { file, path }, entity);
      if (!first) return;
      const at = `${first.file.file}:${first.file.locate(first.path)} (${formatFieldPath(first.path)})`;
      const shown = kind === 'position' ? id.split('\u0000')[1] : id;
      report(file, path, `expected a unique id, but "${shown}" is already defined at ${at}`);
    },
    refer() {},
    referPosition() {},
  });
  return ids;
}

function checkReferences(
  files: DataFiles,
  ids: DefinedIds,
  names: ReadonlyMap<string, NamedEntity>,
  unparsed: ReadonlySet<Folder>,
  report: Report,
): void {
  walk(files, {
    define() {},
    refer(kind, id, file, path) {
      const problem = referenceProblem(ids, names, unparsed, kind, id);
      if (problem) report(file, path, problem);
    },
    referPosition(point, position, file, path) {
      const problem = positionProblem(ids, unparsed, point, position);
      if (problem) report(file, path, problem);
    },
  });
}

function referenceProblem(
  ids: DefinedIds,
  names: ReadonlyMap<string, NamedEntity>,
  unparsed: ReadonlySet<Folder>,
  kind: RefKind,
  id: unknown,
): string | undefined {
  // An id that is not even written as one has its problem from the schema already.
  if (
    typeof id !== 'string' ||
    !ID_PATTERN.test(id) ||
    ids.known(kind, id) ||
    FOLDERS_OF[kind].some((f) => unparsed.has(f))
  )
    return undefined;
  const actually = kind === 'entity' ? undefined : ids.entityKind(id);
  const what = actually
    ? `is a ${actually}`
    : `is not defined${nameSuggestion(id, kind, names) ?? suggestion(id, ids.candidates(kind))}`;
  return `expected the id of a known ${KIND_WORDS[kind]}, but "${id}" ${what}`;
}

/** A group, person or declared speaker as it is named: by name, short name or alias. */
interface NamedEntity {
  id: string;
  kind: EntityKind;
  name: string;
}

/** Every name, short name and alias of the groups, people and speakers, by its folded form. */
function namesOf(files: DataFiles): Map<string, NamedEntity> {
  const names = new Map<string, NamedEntity>();
  for (const file of files.context) {
    const context = file.data;
    if (!isRecord(context)) continue;
    for (const [field, kind] of [
      ['groups', 'group'],
      ['people', 'person'],
      ['speakers', 'speaker'],
    ] as const) {
      for (const entry of items(context[field])) {
        if (!isRecord(entry) || typeof entry.id !== 'string') continue;
        for (const name of [entry.name, entry.short, ...items(entry.aliases)])
          if (typeof name === 'string' && nameKey(name) !== '' && !names.has(nameKey(name)))
            names.set(nameKey(name), { id: entry.id, kind, name });
      }
    }
  }
  return names;
}

/** ` (did you mean "arif-alvi", whose alias is "Alvi"?)`: an id written as the entity's name or alias. */
function nameSuggestion(
  typed: string,
  kind: RefKind,
  names: ReadonlyMap<string, NamedEntity>,
): string | undefined {
  const named = names.get(nameKey(typed));
  if (
    !named ||
    !['speaker', 'entity', 'group'].includes(kind) ||
    (kind === 'group' && named.kind !== 'group')
  )
    return undefined;
  return ` (did you mean "${named.id}", the ${named.kind} named "${named.name}"?)`;
}

function positionProblem(
  ids: DefinedIds,
  unparsed: ReadonlySet<Folder>,
  point: unknown,
  position: unknown,
): string | undefined {
  if (typeof point !== 'string' || typeof position !== 'string' || !ids.has('point', point)) return undefined;
  if (ids.has('position', positionKey(point, position)) || unparsed.has('context')) return undefined;
  return `expected one of the positions declared for the point "${point}", but "${position}" is not one${suggestion(position, ids.positionsOf(point))}`;
}

/** Positions are named within their point: a position's id is defined under this key. */
function positionKey(point: string, position: string): string {
  return `${point}\u0000${position}`;
}

/** The ids the files define, by kind, where each is first defined, and what kind of entity each is. */
class DefinedIds {
  private readonly defined = new Map<IdKind, Map<string, Definition>>();
  private readonly entityKinds = new Map<string, EntityKind>();

  /** Records an id's definition; an id already defined keeps its first, which is returned. */
  define(kind: IdKind, id: string, at: Definition, entity?: EntityKind): Definition | undefined {
    const map = this.of(kind);
    const first = map.get(id);
    if (first) return first;
    map.set(id, at);
    if (entity && !this.entityKinds.has(id)) this.entityKinds.set(id, entity);
    return undefined;
  }

  has(kind: IdKind, id: string): boolean {
    return this.of(kind).has(id);
  }

  entityKind(id: string): EntityKind | undefined {
    return this.entityKinds.get(id);
  }

  /** Whether an id is defined as what a reference of this kind may point to. */
  known(kind: RefKind, id: string): boolean {
    switch (kind) {
      case 'group':
      case 'place':
        return this.entityKinds.get(id) === kind;
      case 'speaker':
        return ['person', 'group', 'speaker'].includes(this.entityKinds.get(id) ?? '');
      case 'span':
        return this.has('incident', id) || this.entityKinds.get(id) === 'event';
      default:
        return this.has(kind, id);
    }
  }

  /** The ids a reference of this kind may point to, for a suggestion. */
  candidates(kind: RefKind): string[] {
    switch (kind) {
      case 'group':
      case 'place':
        return this.entitiesWhere((k) => k === kind);
      case 'speaker':
        return this.entitiesWhere((k) => k !== 'place' && k !== 'event');
      case 'span':
        return [...this.of('incident').keys(), ...this.entitiesWhere((k) => k === 'event')];
      default:
        return [...this.of(kind).keys()];
    }
  }

  /** The positions declared for a point. */
  positionsOf(point: string): string[] {
    return [...this.of('position').keys()]
      .filter((key) => key.startsWith(positionKey(point, '')))
      .map((key) => key.slice(point.length + 1));
  }

  private entitiesWhere(test: (kind: EntityKind) => boolean): string[] {
    return [...this.entityKinds].filter(([, k]) => test(k)).map(([id]) => id);
  }

  private of(kind: IdKind): Map<string, Definition> {
    const map = this.defined.get(kind) ?? new Map<string, Definition>();
    this.defined.set(kind, map);
    return map;
  }
}

/** A measure that is, through its totals, a part of itself: no count could satisfy it. */
function measureCycles(files: DataFiles): Problem[] {
  const parents = new Map<string, { totals: string[]; file: ParsedFile<unknown>; path: Path }>();
  for (const file of files.context) {
    items(isRecord(file.data) ? file.data.measures : undefined).forEach((m, i) => {
      if (!isRecord(m) || typeof m.id !== 'string') return;
      const totals = (Array.isArray(m.part_of) ? m.part_of : [m.part_of]).filter(
        (t): t is string => typeof t === 'string',
      );
      parents.set(m.id, { totals, file, path: ['measures', i, 'part_of'] });
    });
  }
  const problems: Problem[] = [];
  for (const [id, { file, path }] of parents) {
    const seen = new Set<string>();
    const open = [...(parents.get(id)?.totals ?? [])];
    for (let total = open.pop(); total !== undefined; total = open.pop()) {
      if (total === id) {
        problems.push({
          file: file.file,
          line: file.locate(path),
          field: formatFieldPath(path),
          message: `expected a measure that is not a part of itself, but "${id}" is, through its totals`,
        });
        break;
      }
      if (seen.has(total)) continue;
      seen.add(total);
      open.push(...(parents.get(total)?.totals ?? []));
    }
  }
  return problems;
}

const FOLDERS_OF: Record<RefKind, readonly Folder[]> = {
  source: ['sources'],
  claim: ['sources'],
  incident: ['incidents'],
  span: ['incidents', 'context'],
  entity: ['context'],
  group: ['context'],
  place: ['context'],
  speaker: ['context'],
  measure: ['context'],
  statement: ['context'],
  point: ['context'],
};

const KIND_WORDS: Record<RefKind, string> = {
  source: 'source',
  claim: 'claim',
  incident: 'incident',
  span: 'incident or event',
  entity: 'group, person, place or event',
  group: 'group',
  place: 'place',
  speaker: 'speaker, person or group (or "report")',
  measure: 'measure',
  statement: 'original statement',
  point: 'point',
};

/**
 * ` (did you mean "police-station"?)`, when a known id is close enough to be what was meant: a few
 * letters off, or the start of it written alone (`kulachi-operation` for `kulachi-operation-2023-12-12`).
 */
export function suggestion(typed: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const best = closest(typed, known as string[]);
  if (distance(typed, best) <= Math.max(2, Math.floor(best.length / 4))) return ` (did you mean "${best}"?)`;
  const started = typed.length >= 4 ? known.filter((id) => id.startsWith(typed)) : [];
  return started.length === 1 ? ` (did you mean "${started[0]}"?)` : '';
}

function walk(files: DataFiles, visit: Visitor): void {
  for (const file of files.sources) walkSource(file, visit);
  for (const file of files.incidents) walkIncident(file, visit);
  for (const file of files.context) walkContext(file, visit);
  // Points, then what other files add to them: a position written twice is reported where it is added.
  for (const extensions of [false, true])
    for (const file of files.context) {
      items(isRecord(file.data) ? file.data.points : undefined).forEach((point, i) => {
        if (isRecord(point) && 'extends' in point === extensions)
          walkPoint(file, point, ['points', i], visit);
      });
    }
}

function walkSource(file: ParsedFile<unknown>, visit: Visitor): void {
  const source = file.data;
  if (!isRecord(source)) return;
  visit.define('source', source.id, file, ['id']);
  visit.refer('incident', source.incident, file, ['incident']);
  if (isRecord(source.copy_of)) visit.refer('source', source.copy_of.source, file, ['copy_of', 'source']);
  items(source.claims).forEach((claim, i) => {
    if (isRecord(claim)) walkClaim(file, claim, ['claims', i], visit);
  });
}

function walkClaim(
  file: ParsedFile<unknown>,
  claim: Record<string, unknown>,
  at: Path,
  visit: Visitor,
): void {
  visit.define('claim', claim.id, file, [...at, 'id']);
  visit.refer('incident', claim.incident, file, [...at, 'incident']);
  visit.refer('measure', claim.measure, file, [...at, 'measure']);
  visit.refer('statement', claim.origin, file, [...at, 'origin']);
  visit.refer('point', claim.point, file, [...at, 'point']);
  visit.referPosition(claim.point, claim.position, file, [...at, 'position']);
  // A speaker is written as an id or as `{ id, verb, note }` (the form a checked file holds).
  const speaker = claim.speaker;
  const speakerId = isRecord(speaker) ? speaker.id : speaker;
  if (speakerId !== 'report')
    visit.refer(
      'speaker',
      speakerId,
      file,
      isRecord(speaker) ? [...at, 'speaker', 'id'] : [...at, 'speaker'],
    );
  items(claim.about).forEach((id, j) => {
    visit.refer('entity', id, file, [...at, 'about', j]);
  });
  items(claim.covers).forEach((id, j) => {
    visit.refer('span', id, file, [...at, 'covers', j]);
  });
  if (isRecord(claim.relation)) {
    visit.refer('group', claim.relation.subject, file, [...at, 'relation', 'subject']);
    visit.refer('group', claim.relation.object, file, [...at, 'relation', 'object']);
  }
  if (isRecord(claim.figure)) {
    items(claim.figure.includes).forEach((count, k) => {
      if (isRecord(count))
        visit.refer('measure', count.measure, file, [...at, 'figure', 'includes', k, 'measure']);
    });
  }
}

function walkIncident(file: ParsedFile<unknown>, visit: Visitor): void {
  const incident = file.data;
  if (!isRecord(incident)) return;
  visit.define('incident', incident.id, file, ['id']);
  if (incident.responsible_group !== null)
    visit.refer('group', incident.responsible_group, file, ['responsible_group']);
  if (isRecord(incident.place)) {
    items(incident.place.place_ids).forEach((id, j) => {
      visit.refer('place', id, file, ['place', 'place_ids', j]);
    });
  }
}

/** The context lists that define entities, and the references each kind of entry makes. */
const ENTITY_LISTS = [
  ['groups', 'group', []],
  ['people', 'person', [['group', 'group']]],
  ['places', 'place', [['within', 'place']]],
  ['events', 'event', [['place', 'place']]],
  ['speakers', 'speaker', [['group', 'group']]],
] as const satisfies readonly (readonly [string, EntityKind, readonly (readonly [string, RefKind])[]])[];

function walkContext(file: ParsedFile<unknown>, visit: Visitor): void {
  const context = file.data;
  if (!isRecord(context)) return;
  for (const [field, kind, refs] of ENTITY_LISTS) {
    items(context[field]).forEach((entry, i) => {
      if (!isRecord(entry)) return;
      visit.define('entity', entry.id, file, [field, i, 'id'], kind);
      for (const [key, target] of refs) visit.refer(target, entry[key], file, [field, i, key]);
    });
  }
  items(context.measures).forEach((measure, i) => {
    if (!isRecord(measure)) return;
    visit.define('measure', measure.id, file, ['measures', i, 'id']);
    if (Array.isArray(measure.part_of))
      measure.part_of.forEach((id, j) => {
        visit.refer('measure', id, file, ['measures', i, 'part_of', j]);
      });
    else visit.refer('measure', measure.part_of, file, ['measures', i, 'part_of']);
  });
  items(context.statements).forEach((statement, i) => {
    if (!isRecord(statement)) return;
    visit.define('statement', statement.id, file, ['statements', i, 'id']);
    visit.refer('speaker', statement.speaker, file, ['statements', i, 'speaker']);
  });
}

const POSITION_LISTS = ['broader_than', 'compatible_with', 'contradicts'] as const;

function walkPoint(
  file: ParsedFile<unknown>,
  point: Record<string, unknown>,
  at: Path,
  visit: Visitor,
): void {
  // An extension adds positions to a point declared elsewhere: it names the point, not defines it.
  const extension = 'extends' in point;
  const id = extension ? point.extends : point.id;
  if (extension) visit.refer('point', id, file, [...at, 'extends']);
  else visit.define('point', id, file, [...at, 'id']);
  items(point.positions).forEach((position, j) => {
    if (!isRecord(position)) return;
    const here = [...at, 'positions', j];
    if (typeof id === 'string' && typeof position.id === 'string')
      visit.define('position', positionKey(id, position.id), file, [...here, 'id']);
    visit.refer('group', position.group, file, [...here, 'group']);
    visit.refer('group', position.affiliate_of, file, [...here, 'affiliate_of']);
    for (const list of POSITION_LISTS) {
      items(position[list]).forEach((other, k) => {
        visit.referPosition(id, other, file, [...here, list, k]);
      });
    }
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function items(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
