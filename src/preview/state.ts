/**
 * What the preview shows, kept current: the dataset loaded with every check `npm run validate`
 * makes, its problems when it has some (with the last sound dataset still shown), and the drafts
 * waiting for review. The project's watcher (src/reload/watch.ts) says when data/ changed, with a
 * short quiet time so that a save shows within a second; those listening are told of each load.
 */
import path from 'node:path';
import type { Dataset } from '../dataset/dataset.js';
import { type ParsedFile, parseDataFile } from '../dataset/files.js';
import { loadDataset } from '../dataset/load.js';
import { DatasetError, type Problem } from '../dataset/problems.js';
import { MAX_BYTES, readRegularFile } from '../dataset/read.js';
import { Source } from '../dataset/schema.js';
import { findDrafts } from '../dataset/unfinished.js';
import type { Logger } from '../log.js';
import { type DataWatch, watchData } from '../reload/watch.js';

/** A draft as written by `npm run draft` and edited since: read as far as it can be, never loaded. */
export interface DraftState {
  file: string;
  /** The draft as read: checked against the schema when it can be, else as parsed (or nothing). */
  parsed: ParsedFile<Source> | null;
  /** Its report's text, when the draft names one that can be read. */
  text: string | null;
  reviewLines: number[];
}

export interface PreviewSnapshot {
  /** The last sound dataset (the current one, unless `problems` is not empty). */
  dataset: Dataset | null;
  /** The problems of the dataset on disk now: none when it loaded. */
  problems: readonly Problem[];
  /** How many there are, listed or not. */
  problemCount: number;
  /** The line each problem points at, as the file has it: keyed `file:line`. */
  problemLines: ReadonlyMap<string, string>;
  /** A load that failed other than on the data's problems (a folder gone): its message. */
  failure: string | null;
  drafts: readonly DraftState[];
  loadedAt: Date;
}

/** The watcher's quiet time here: a curator saving a file wants to see it at once. */
export const PREVIEW_WATCH_DELAY_MS = 100;
const PREVIEW_WATCH_MAX_WAIT_MS = 800;

export class PreviewState {
  private current: PreviewSnapshot = {
    dataset: null,
    problems: [],
    problemCount: 0,
    problemLines: new Map(),
    failure: null,
    drafts: [],
    loadedAt: new Date(0),
  };
  private readonly listeners = new Set<(snapshot: PreviewSnapshot) => void>();
  private watching: DataWatch | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    readonly dir: string,
    private readonly logger: Logger,
  ) {}

  snapshot(): PreviewSnapshot {
    return this.current;
  }

  /** Loads the folder, then loads it again whenever it changes. */
  async start(): Promise<void> {
    await this.refresh();
    this.watching = watchData(this.dir, () => void this.refresh(), {
      logger: this.logger,
      delayMs: PREVIEW_WATCH_DELAY_MS,
      maxWaitMs: PREVIEW_WATCH_MAX_WAIT_MS,
    });
  }

  /** Resolves once the folders watched are those on disk. */
  settled(): Promise<void> {
    return this.watching?.settled() ?? Promise.resolve();
  }

  /** Calls `listener` after each load; returns what stops it. */
  onChange(listener: (snapshot: PreviewSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.watching?.close();
    this.listeners.clear();
  }

  /** One load at a time; a change during a load loads once more after it (the files may have moved on). */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loadOnce().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  private async loadOnce(): Promise<void> {
    const drafts = await readDrafts(this.dir);
    let next: Pick<PreviewSnapshot, 'dataset' | 'problems' | 'problemCount' | 'failure'>;
    try {
      next = { dataset: await loadDataset(this.dir), problems: [], problemCount: 0, failure: null };
    } catch (error) {
      const dataset = this.current.dataset;
      if (error instanceof DatasetError) {
        next = { dataset, problems: error.problems, problemCount: error.total, failure: null };
      } else {
        this.logger.error({ err: error }, 'the preview could not load the dataset');
        const failure = error instanceof Error ? error.message : String(error);
        next = { dataset, problems: [], problemCount: 0, failure };
      }
    }
    const problemLines = await linesOf(this.dir, next.problems.slice(0, LINES_SHOWN));
    this.current = {
      ...next,
      problemLines,
      drafts,
      loadedAt: new Date(),
    };
    this.logger.info({ problems: next.problemCount, drafts: drafts.length }, 'preview loaded the dataset');
    for (const listener of this.listeners) listener(this.current);
  }
}

/** Problems shown with their line of the file: the first ones, enough for a screen. */
const LINES_SHOWN = 100;
/** The longest line shown: a minified JSON file is one line. */
const LINE_CHARS = 300;

export function lineKey(problem: Pick<Problem, 'file' | 'line'>): string {
  return `${problem.file}:${problem.line}`;
}

/** The lines the problems point at, each file read once. */
async function linesOf(dir: string, problems: readonly Problem[]): Promise<Map<string, string>> {
  const files = new Map<string, string[] | null>();
  const lines = new Map<string, string>();
  for (const problem of problems) {
    if (problem.line === null) continue;
    if (!files.has(problem.file)) {
      const read = await readRegularFile(path.join(dir, problem.file), MAX_BYTES.dataFile);
      files.set(problem.file, read.ok ? read.text.split('\n') : null);
    }
    const line = files.get(problem.file)?.[problem.line - 1];
    if (line !== undefined) lines.set(lineKey(problem), line.slice(0, LINE_CHARS));
  }
  return lines;
}

async function readDrafts(dir: string): Promise<DraftState[]> {
  const found = await findDrafts(dir);
  return Promise.all(
    found.map(async ({ file, reviewLines }) => {
      const read = await readRegularFile(path.join(dir, file), MAX_BYTES.dataFile);
      if (!read.ok) return { file, parsed: null, text: null, reviewLines };
      const parsed = parseDataFile(file, read.text, Source);
      return { file, parsed, text: await draftText(dir, file, parsed.data), reviewLines };
    }),
  );
}

/** The text a draft names, read beside it as the loader reads a report's. */
async function draftText(dir: string, file: string, data: unknown): Promise<string | null> {
  const name = (data as { text_file?: unknown } | undefined)?.text_file;
  if (typeof name !== 'string' || !/^[^/\\]+\.txt$/.test(name)) return null;
  const read = await readRegularFile(path.join(dir, path.dirname(file), name), MAX_BYTES.reportText);
  return read.ok ? read.text : null;
}
