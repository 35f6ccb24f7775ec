/**
 * Loading: read every data file, validate each against the schema, check every quote against its
 * source text and every reference across files, and report all problems at once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { buildDataset, type Dataset } from './dataset.js';
import { type ParsedFile, parseDataFile, type ReadResult } from './files.js';
import { DatasetError, formatFieldPath, type Problem } from './problems.js';
import { quoteFinder } from './quotes.js';
import { listFiles, MAX_BYTES, readRegularFile } from './read.js';
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
    const results = await mapLimit(files, READ_AT_ONCE, (file) => readAndParse(dir, folder, file));
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

  await mapLimit(parsed.sources, READ_AT_ONCE, async ({ file, value, locate }) => {
    const textPath = path.join(path.dirname(path.join(dir, file)), value.text_file);
    const read = await readRegularFile(textPath, MAX_BYTES.reportText);
    if (read.ok) texts.set(value.id, read.text);
    else {
      problems.push({
        file,
        line: locate(['text_file']),
        field: 'text_file',
        message: `expected the report's text in ${path.join(path.dirname(file), value.text_file)}, but it cannot be read: ${read.reason}`,
      });
    }
  });

  problems.push(...checkQuotes(parsed.sources, texts));
  problems.push(...checkIdsAndReferences(parsed, incomplete));
  if (problems.length > 0) throw new DatasetError(problems.sort(byPlace));

  return buildDataset({
    sources: parsed.sources.map(({ value }) => ({ ...value, text: texts.get(value.id) ?? '' })),
    incidents: parsed.incidents.map(({ value }) => value),
    context: parsed.context.map(({ value }) => value),
  });
}

/**
 * Files read and parsed at a time. Reading them all at once would hold every file's text and its
 * parsed form in memory together: for the benchmark's 100,000 claims, some 200 MB more at the peak.
 */
const READ_AT_ONCE = 8;

/** Like `Promise.all(items.map(fn))`, with at most `limit` calls under way at once; results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function listDataFiles(dir: string, folder: Folder, problems: Problem[]): Promise<string[]> {
  try {
    return await listFiles(dir, folder, DATA_FILE);
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

async function readAndParse(dir: string, folder: Folder, file: string): Promise<ReadResult<unknown>> {
  const read = await readRegularFile(path.join(dir, file), MAX_BYTES.dataFile);
  if (!read.ok)
    return {
      ok: false,
      problems: [{ file, line: null, field: '', message: `cannot be read: ${read.reason}` }],
    };
  return parseDataFile(file, read.text, FOLDERS[folder] as z.ZodType<unknown>, () =>
    readFileSync(path.join(dir, file), 'utf8'),
  );
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

/**
 * Where each id is defined, so duplicates and dangling references can name the place. The line
 * is looked up only for a problem: most ids have none, and a lookup is not free.
 */
interface Definition {
  file: ParsedFile<unknown>;
  path: PropertyKey[];
}

function place({ file, path: fieldPath }: Definition): Omit<Problem, 'message'> {
  return { file: file.file, line: file.locate(fieldPath), field: formatFieldPath(fieldPath) };
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
  /** What each context id is, to say so when it is referred to as something else. */
  const entityKinds = new Map<string, 'group' | 'person' | 'place' | 'event'>();

  const define = (kind: Kind, id: string, file: ParsedFile<unknown>, fieldPath: PropertyKey[]) => {
    const first = defined[kind].get(id);
    if (first) {
      const earlier = place(first);
      problems.push({
        ...place({ file, path: fieldPath }),
        message: `expected a unique id, but "${id}" is already defined at ${earlier.file}:${earlier.line} (${earlier.field})`,
      });
    } else defined[kind].set(id, { file, path: fieldPath });
  };
  const known = (kind: Kind | 'group' | 'place', id: string) =>
    kind === 'group' || kind === 'place' ? entityKinds.get(id) === kind : defined[kind].has(id);
  const definedIn = (kind: Kind | 'group' | 'place'): Folder =>
    kind === 'source' || kind === 'claim' ? 'sources' : kind === 'incident' ? 'incidents' : 'context';
  const refer = (
    kind: Kind | 'group' | 'place',
    id: string,
    file: ParsedFile<unknown>,
    fieldPath: PropertyKey[],
  ) => {
    if (incomplete.has(definedIn(kind)) || known(kind, id)) return;
    const actually = kind === 'entity' ? undefined : entityKinds.get(id);
    problems.push({
      ...place({ file, path: fieldPath }),
      message: `expected the id of a known ${describeKind(kind)}, but "${id}" ${actually ? `is a ${actually}` : 'is not defined'}`,
    });
  };

  // Two passes over the files in the same order: every id is defined first, then every reference
  // is checked, so that nothing but the definitions is kept (with 100,000 claims, a list of the
  // references would be a quarter of a million objects). Paths are built only for ids that are
  // there: most optional references are absent.
  for (const pass of ['define', 'refer'] as const) {
    const defining = pass === 'define';
    for (const f of sources) {
      if (defining) define('source', f.value.id, f, ['id']);
      else refer('incident', f.value.incident, f, ['incident']);
      f.value.claims.forEach((c, i) => {
        if (defining) {
          define('claim', c.id, f, ['claims', i, 'id']);
          return;
        }
        if (c.incident !== undefined) refer('incident', c.incident, f, ['claims', i, 'incident']);
        if (c.measure !== undefined) refer('measure', c.measure, f, ['claims', i, 'measure']);
        c.about.forEach((id, j) => {
          refer('entity', id, f, ['claims', i, 'about', j]);
        });
        if (c.relation) {
          refer('group', c.relation.subject, f, ['claims', i, 'relation', 'subject']);
          refer('group', c.relation.object, f, ['claims', i, 'relation', 'object']);
        }
      });
    }
    for (const f of incidents) {
      if (defining) {
        define('incident', f.value.id, f, ['id']);
        continue;
      }
      if (f.value.responsible_group !== null) {
        refer('group', f.value.responsible_group, f, ['responsible_group']);
      }
      f.value.place.place_ids.forEach((id, j) => {
        refer('place', id, f, ['place', 'place_ids', j]);
      });
    }
    for (const f of context) {
      const { groups, people, places, events, measures } = f.value;
      if (defining) {
        const entities = [
          ['groups', 'group', groups],
          ['people', 'person', people],
          ['places', 'place', places],
          ['events', 'event', events],
        ] as const;
        for (const [field, kind, list] of entities) {
          list.forEach((entity, i) => {
            define('entity', entity.id, f, [field, i, 'id']);
            // The first definition wins, as the duplicate's problem says.
            if (!entityKinds.has(entity.id)) entityKinds.set(entity.id, kind);
          });
        }
        measures.forEach((m, i) => {
          define('measure', m.id, f, ['measures', i, 'id']);
        });
        continue;
      }
      people.forEach((p, i) => {
        if (p.group !== undefined) refer('group', p.group, f, ['people', i, 'group']);
      });
      places.forEach((p, i) => {
        if (p.within !== undefined) refer('place', p.within, f, ['places', i, 'within']);
      });
      events.forEach((e, i) => {
        if (e.place !== undefined) refer('place', e.place, f, ['events', i, 'place']);
      });
      measures.forEach((m, i) => {
        if (m.part_of !== undefined) refer('measure', m.part_of, f, ['measures', i, 'part_of']);
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
