/**
 * Loading: read every data file, validate each against the schema, check every quote against its
 * source text and every reference across files, and report all problems at once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { buildDataset, type Dataset, type DatasetParts } from './dataset.js';
import { type ParsedFile, parseDataFile } from './files.js';
import { checkLabels } from './labels.js';
import { addProblems, DatasetError, type Problem } from './problems.js';
import { nearestPassage, quoteFinder } from './quotes.js';
import { listFiles, MAX_BYTES, readRegularFile } from './read.js';
import { checkIdsAndReferences, type DataFiles, type Folder } from './references.js';
import { ContextFile, Incident, Source } from './schema.js';

const FOLDERS = { sources: Source, incidents: Incident, context: ContextFile } as const;
const DATA_FILE = /\.(ya?ml|json)$/;
/** A report's draft (`npm run draft`), which the curator renames once reviewed: never loaded. */
export const DRAFT_FILE = /\.draft\.(ya?ml|json)$/;

interface ParsedFiles {
  sources: ParsedFile<Source>[];
  incidents: ParsedFile<Incident>[];
  context: ParsedFile<ContextFile>[];
}

/**
 * Loads and checks the dataset in `dir`; throws a DatasetError listing every problem: each file's
 * schema problems, and the quotes and references of every file, valid or not, in one run.
 */
export async function loadDataset(dir: string): Promise<Dataset> {
  return buildDataset(await readDatasetParts(dir));
}

/** What `loadDataset` builds the dataset from, every check passed; or a DatasetError. */
export async function readDatasetParts(dir: string): Promise<DatasetParts> {
  const problems: Problem[] = [];
  const parsed: ParsedFiles = { sources: [], incidents: [], context: [] };
  const texts = new Map<string, string>();
  /** Folders with a file whose ids cannot all be read (see `ParsedFile.complete`). */
  const unparsed = new Set<Folder>();
  /** Each file's content hash, by its path: the dataset's version is their hash. */
  const hashes = new Map<string, string>();
  /** Problems found in files past the ones listed. */
  let unlisted = 0;

  for (const folder of Object.keys(FOLDERS) as Folder[]) {
    const files = await listDataFiles(dir, folder, problems);
    const results = await mapLimit(files, READ_AT_ONCE, (file) => readAndParse(dir, folder, file, hashes));
    for (const result of results) {
      (parsed[folder] as ParsedFile<unknown>[]).push(result);
      addProblems(problems, result.problems);
      unlisted += result.unlisted;
      if (!result.complete) unparsed.add(folder);
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

  await mapLimit(parsed.sources, READ_AT_ONCE, async ({ file, data, locate }) => {
    const textFile = fieldOf(data, 'text_file');
    if (typeof textFile !== 'string' || !/^[^/\\]+\.txt$/.test(textFile)) return;
    const textPath = path.join(path.dirname(path.join(dir, file)), textFile);
    const read = await readRegularFile(textPath, MAX_BYTES.reportText);
    if (read.ok) {
      texts.set(file, read.text);
      hashes.set(path.relative(dir, textPath), hashOf(read.text));
    } else {
      problems.push({
        file,
        line: locate(['text_file']),
        field: 'text_file',
        message: `expected the report's text in ${path.join(path.dirname(file), textFile)}, but it cannot be read: ${read.reason}`,
      });
    }
  });

  addProblems(problems, checkQuotes(parsed.sources, texts));
  addProblems(problems, checkIdsAndReferences(parsed as DataFiles, unparsed));
  addProblems(problems, checkLabels(parsed.sources));
  if (problems.length > 0) throw new DatasetError(problems.sort(byPlace), problems.length + unlisted);

  return {
    sources: parsed.sources.map(({ file, value }) => ({ ...(value as Source), text: texts.get(file) ?? '' })),
    incidents: parsed.incidents.map(({ value }) => value as Incident),
    context: parsed.context.map(({ value }) => value as ContextFile),
    version: versionOf(hashes),
  };
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Ten hex digits of a hash over every file's path and content: short to show, and enough to tell versions apart. */
function versionOf(hashes: ReadonlyMap<string, string>): string {
  const all = createHash('sha256');
  for (const [file, hash] of [...hashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    all.update(`${file.split(path.sep).join('/')}\u0000${hash}\n`);
  return all.digest('hex').slice(0, 10);
}

function fieldOf(data: unknown, key: string): unknown {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
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
    return (await listFiles(dir, folder, DATA_FILE)).filter((file) => !DRAFT_FILE.test(file));
  } catch {
    problems.push({
      file: `${folder}/`,
      line: null,
      field: '',
      message: `expected a folder ${folder}/ in "${dir}"`,
    });
    return [];
  }
}

async function readAndParse(
  dir: string,
  folder: Folder,
  file: string,
  hashes: Map<string, string>,
): Promise<ParsedFile<unknown>> {
  const read = await readRegularFile(path.join(dir, file), MAX_BYTES.dataFile);
  if (!read.ok) {
    const problems = [{ file, line: null, field: '', message: `cannot be read: ${read.reason}` }];
    return {
      file,
      value: undefined,
      data: undefined,
      complete: false,
      locate: () => null,
      problems,
      unlisted: 0,
    };
  }
  hashes.set(file, hashOf(read.text));
  return parseDataFile(file, read.text, FOLDERS[folder] as z.ZodType<unknown>, () =>
    readFileSync(path.join(dir, file), 'utf8'),
  );
}

function checkQuotes(sources: readonly ParsedFile<Source>[], texts: ReadonlyMap<string, string>): Problem[] {
  const problems: Problem[] = [];
  for (const { file, data, locate } of sources) {
    const text = texts.get(file);
    const claims = fieldOf(data, 'claims');
    if (text === undefined || !Array.isArray(claims)) continue;
    const appears = quoteFinder(text);
    claims.forEach((claim, i) => {
      const quote = fieldOf(claim, 'quote');
      if (typeof quote === 'string' && quote.trim() !== '' && !appears(quote)) {
        const nearest = nearestPassage(text, quote);
        problems.push({
          file,
          line: locate(['claims', i, 'quote']),
          field: `claims[${i}].quote`,
          message: `expected a verbatim excerpt of ${String(fieldOf(data, 'text_file'))}, but this quote is not in it: "${shorten(quote)}"${nearest ? `; the nearest text is "${shorten(nearest)}"` : ''}`,
        });
      }
    });
  }
  return problems;
}

function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function byPlace(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0);
}
