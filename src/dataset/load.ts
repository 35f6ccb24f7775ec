/**
 * Loading: read every data file, validate each against the schema, check every quote against its
 * source text and every reference across files, and report all problems at once.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { buildDataset, type Dataset } from './dataset.js';
import { type ParsedFile, parseDataFile } from './files.js';
import { DatasetError, formatFieldPath, type Problem } from './problems.js';
import { quoteFinder } from './quotes.js';
import { ContextFile, Incident, Source } from './schema.js';

const FOLDERS = { sources: Source, incidents: Incident, context: ContextFile } as const;
type Folder = keyof typeof FOLDERS;
const DATA_FILE = /\.(ya?ml|json)$/;

interface ParsedFiles {
  sources: ParsedFile<Source>[];
  incidents: ParsedFile<Incident>[];
  context: ParsedFile<ContextFile>[];
}

/** Loads and checks the dataset in `dir`; throws a DatasetError listing every problem. */
export async function loadDataset(dir: string): Promise<Dataset> {
  const problems: Problem[] = [];
  const parsed: ParsedFiles = { sources: [], incidents: [], context: [] };
  const texts = new Map<string, string>();
  /** Folders with a file that could not be read: the ids it defines are unknown. */
  const incomplete = new Set<Folder>();

  for (const folder of Object.keys(FOLDERS) as Folder[]) {
    const files = await listDataFiles(dir, folder, problems);
    const results = await Promise.all(files.map((file) => readAndParse(dir, folder, file)));
    for (const result of results) {
      if (result.ok) (parsed[folder] as ParsedFile<unknown>[]).push(result.parsed);
      else {
        problems.push(...result.problems);
        incomplete.add(folder);
      }
    }
  }
  for (const folder of ['sources', 'incidents'] as const) {
    if (parsed[folder].length === 0 && !problems.some((p) => p.file.startsWith(folder))) {
      problems.push({
        file: `${folder}/`,
        line: null,
        field: '',
        message: `expected at least one file in ${folder}/`,
      });
    }
  }

  await Promise.all(
    parsed.sources.map(async ({ file, value, locate }) => {
      const textPath = path.join(path.dirname(path.join(dir, file)), value.text_file);
      try {
        texts.set(value.id, await readFile(textPath, 'utf8'));
      } catch {
        problems.push({
          file,
          line: locate(['text_file']),
          field: 'text_file',
          message: `expected the report's text in ${path.join(path.dirname(file), value.text_file)}, but it cannot be read`,
        });
      }
    }),
  );

  problems.push(...checkQuotes(parsed.sources, texts));
  problems.push(...checkIdsAndReferences(parsed, incomplete));
  if (problems.length > 0) throw new DatasetError(problems.sort(byPlace));

  return buildDataset({
    sources: parsed.sources.map(({ value }) => ({ ...value, text: texts.get(value.id) ?? '' })),
    incidents: parsed.incidents.map(({ value }) => value),
    context: parsed.context.map(({ value }) => value),
  });
}

async function listDataFiles(dir: string, folder: Folder, problems: Problem[]): Promise<string[]> {
  try {
    const entries = await readdir(path.join(dir, folder), { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && DATA_FILE.test(e.name))
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort();
  } catch {
    problems.push({
      file: `${folder}/`,
      line: null,
      field: '',
      message: `expected a folder ${folder}/ in ${dir}`,
    });
    return [];
  }
}

async function readAndParse(dir: string, folder: Folder, file: string) {
  const text = await readFile(path.join(dir, file), 'utf8');
  return parseDataFile(file, text, FOLDERS[folder] as z.ZodType<unknown>);
}

function checkQuotes(sources: readonly ParsedFile<Source>[], texts: ReadonlyMap<string, string>): Problem[] {
  const problems: Problem[] = [];
  for (const { file, value, locate } of sources) {
    const text = texts.get(value.id);
    if (text === undefined) continue;
    const appears = quoteFinder(text);
    value.claims.forEach((claim, i) => {
      if (!appears(claim.quote)) {
        problems.push({
          file,
          line: locate(['claims', i, 'quote']),
          field: `claims[${i}].quote`,
          message: `expected a verbatim excerpt of ${value.text_file}, but this quote is not in it: "${shorten(claim.quote)}"`,
        });
      }
    });
  }
  return problems;
}

function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Where each id is defined, so duplicates and dangling references can name the place. */
interface Definition {
  file: string;
  line: number | null;
  field: string;
}

type Kind = 'source' | 'incident' | 'claim' | 'entity' | 'measure';

/**
 * References into a folder with an unreadable file are not checked: the ids that file defines are
 * unknown, and one bad file would otherwise make every reference to it a problem of its own.
 */
function checkIdsAndReferences(
  { sources, incidents, context }: ParsedFiles,
  incomplete: ReadonlySet<Folder>,
): Problem[] {
  const problems: Problem[] = [];
  const defined: Record<Kind, Map<string, Definition>> = {
    source: new Map(),
    incident: new Map(),
    claim: new Map(),
    entity: new Map(),
    measure: new Map(),
  };
  const groupIds = new Set<string>();
  const placeIds = new Set<string>();
  /** What each context id is, to say so when it is referred to as something else. */
  const entityKinds = new Map<string, 'group' | 'person' | 'place' | 'event'>();
  const references: { kind: Kind | 'group' | 'place'; id: string; at: Definition }[] = [];

  const at = (f: ParsedFile<unknown>, fieldPath: PropertyKey[]): Definition => ({
    file: f.file,
    line: f.locate(fieldPath),
    field: formatFieldPath(fieldPath),
  });
  const define = (kind: Kind, id: string, where: Definition) => {
    const first = defined[kind].get(id);
    if (first) {
      problems.push({
        ...where,
        message: `expected a unique id, but "${id}" is already defined at ${first.file}:${first.line} (${first.field})`,
      });
    } else defined[kind].set(id, where);
  };
  const refer = (kind: Kind | 'group' | 'place', id: string | undefined | null, where: Definition) => {
    if (id !== undefined && id !== null) references.push({ kind, id, at: where });
  };

  for (const f of sources) {
    define('source', f.value.id, at(f, ['id']));
    refer('incident', f.value.incident, at(f, ['incident']));
    f.value.claims.forEach((c, i) => {
      const base = ['claims', i];
      define('claim', c.id, at(f, [...base, 'id']));
      refer('incident', c.incident, at(f, [...base, 'incident']));
      refer('measure', c.measure, at(f, [...base, 'measure']));
      for (const [j, id] of c.about.entries()) refer('entity', id, at(f, [...base, 'about', j]));
      if (c.relation) {
        refer('group', c.relation.subject, at(f, [...base, 'relation', 'subject']));
        refer('group', c.relation.object, at(f, [...base, 'relation', 'object']));
      }
    });
  }
  for (const f of incidents) {
    define('incident', f.value.id, at(f, ['id']));
    refer('group', f.value.responsible_group, at(f, ['responsible_group']));
    for (const [j, id] of f.value.place.place_ids.entries()) {
      refer('place', id, at(f, ['place', 'place_ids', j]));
    }
  }
  for (const f of context) {
    const { groups, people, places, events, measures } = f.value;
    groups.forEach((g, i) => {
      define('entity', g.id, at(f, ['groups', i, 'id']));
      groupIds.add(g.id);
      entityKinds.set(g.id, 'group');
    });
    people.forEach((p, i) => {
      define('entity', p.id, at(f, ['people', i, 'id']));
      entityKinds.set(p.id, 'person');
      refer('group', p.group, at(f, ['people', i, 'group']));
    });
    places.forEach((p, i) => {
      define('entity', p.id, at(f, ['places', i, 'id']));
      placeIds.add(p.id);
      entityKinds.set(p.id, 'place');
      refer('place', p.within, at(f, ['places', i, 'within']));
    });
    events.forEach((e, i) => {
      define('entity', e.id, at(f, ['events', i, 'id']));
      entityKinds.set(e.id, 'event');
      refer('place', e.place, at(f, ['events', i, 'place']));
    });
    measures.forEach((m, i) => {
      define('measure', m.id, at(f, ['measures', i, 'id']));
      refer('measure', m.part_of, at(f, ['measures', i, 'part_of']));
    });
  }

  const known = (kind: Kind | 'group' | 'place', id: string) =>
    kind === 'group' ? groupIds.has(id) : kind === 'place' ? placeIds.has(id) : defined[kind].has(id);
  const definedIn = (kind: Kind | 'group' | 'place'): Folder =>
    kind === 'source' || kind === 'claim' ? 'sources' : kind === 'incident' ? 'incidents' : 'context';
  for (const { kind, id, at: where } of references) {
    if (!incomplete.has(definedIn(kind)) && !known(kind, id)) {
      const actually = kind === 'entity' ? undefined : entityKinds.get(id);
      problems.push({
        ...where,
        message: `expected the id of a known ${describeKind(kind)}, but "${id}" ${actually ? `is a ${actually}` : 'is not defined'}`,
      });
    }
  }
  return problems;
}

function describeKind(kind: Kind | 'group' | 'place'): string {
  return kind === 'entity' ? 'group, person, place or event' : kind;
}

function byPlace(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0);
}
