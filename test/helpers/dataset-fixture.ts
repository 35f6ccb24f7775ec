/**
 * Datasets for tests, each in a fresh directory under the OS temp dir (`data/` itself is never
 * written):
 *
 * - the seeds: the two seed reports of `data/`, taken by name, with `data/context/` and their
 *   incident, so that a test of them holds however many reports a curator adds to `data/`;
 * - the developing story: the seeds plus the reports of `test/fixtures/developing-story/`;
 * - two incidents: the developing story plus `test/fixtures/second-incident/`, another attack;
 * - a copy of the whole of `data/`, for the tests that must hold for whatever it contains.
 *
 *     const problems = await withDatasetCopy(async (copy) => {
 *       await copy.replace('sources/000_1b6b5cd637d6ab71.yaml', 'value: 34', 'value: -34');
 *       return copy.problems();
 *     });
 */
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadDataset } from '../../src/dataset/load.js';
import { DatasetError, type Problem } from '../../src/dataset/problems.js';

/** The repository's `data/` folder. */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
/**
 * The developing-story fixture: further reports of the seeds' attack, with the context only they
 * use (what they share with the seeds is declared in `data/context/`).
 */
export const STORY_DIR = fileURLToPath(new URL('../fixtures/developing-story/', import.meta.url));
/** A second incident, with its own incident file, context and reports. */
export const SECOND_INCIDENT_DIR = fileURLToPath(new URL('../fixtures/second-incident/', import.meta.url));
/** The folders of a dataset a fixture may add files to. */
const DATASET_FOLDERS = ['sources', 'incidents', 'context'] as const;

/** The two seed reports' files, relative to the dataset's root. */
export const SOURCE_000 = 'sources/000_1b6b5cd637d6ab71.yaml';
export const SOURCE_002 = 'sources/002_9503681d963856fc.yaml';
export const TEXT_000 = 'sources/000_1b6b5cd637d6ab71.txt';
export const TEXT_002 = 'sources/002_9503681d963856fc.txt';
export const INCIDENT = 'incidents/daraban-2023-12-12.yaml';
const SEED_FILES = [SOURCE_000, TEXT_000, SOURCE_002, TEXT_002, INCIDENT];

export class DatasetCopy {
  private constructor(readonly dir: string) {}

  /** Copies a whole dataset folder into a fresh temporary directory. */
  static async create(from: string): Promise<DatasetCopy> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dataset-'));
    await cp(from, dir, { recursive: true });
    return new DatasetCopy(dir);
  }

  /** The two seed reports of `data/` (by name), its context, and their incident. */
  static async seeds(): Promise<DatasetCopy> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dataset-'));
    await cp(path.join(DATA_DIR, 'context'), path.join(dir, 'context'), { recursive: true });
    for (const file of SEED_FILES) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await cp(path.join(DATA_DIR, file), path.join(dir, file));
    }
    return new DatasetCopy(dir);
  }

  /** The seeds plus the developing-story reports. */
  static async story(): Promise<DatasetCopy> {
    const copy = await DatasetCopy.seeds();
    await copy.addStory();
    return copy;
  }

  /** The developing story plus the second incident: a dataset of two incidents. */
  static async twoIncidents(): Promise<DatasetCopy> {
    const copy = await DatasetCopy.story();
    await copy.addFixture(SECOND_INCIDENT_DIR);
    return copy;
  }

  /** Adds the developing-story reports to this copy, as a curator would add reports. */
  addStory(): Promise<void> {
    return this.addFixture(STORY_DIR);
  }

  /** Adds a fixture's files, folder by folder (its names never clash with those of `data/`). */
  async addFixture(fixture: string): Promise<void> {
    for (const folder of DATASET_FOLDERS) {
      const from = path.join(fixture, folder);
      if (existsSync(from)) await cp(from, this.path(folder), { recursive: true });
    }
  }

  /** How many reports the copy holds now: its sources' data files. */
  async reportCount(): Promise<number> {
    const files = await readdir(this.path('sources'), { recursive: true });
    return files.filter((file) => /\.(ya?ml|json)$/.test(file)).length;
  }

  /** The absolute path of a file given relative to the dataset's root, e.g. `sources/x.yaml`. */
  path(file: string): string {
    return path.join(this.dir, file);
  }

  read(file: string): Promise<string> {
    return readFile(this.path(file), 'utf8');
  }

  /** Writes (or overwrites) a file, creating its folder if needed. */
  async write(file: string, text: string): Promise<void> {
    await mkdir(path.dirname(this.path(file)), { recursive: true });
    await writeFile(this.path(file), text, 'utf8');
  }

  /**
   * Replaces the first occurrence of `search` (every one with `all`) and returns the new text.
   * Throws when `search` is not in the file, so a test never silently edits nothing.
   */
  async replace(file: string, search: string, replacement: string, { all = false } = {}): Promise<string> {
    const text = await this.read(file);
    if (!text.includes(search)) {
      throw new Error(`dataset fixture: ${JSON.stringify(search)} is not in ${file}`);
    }
    const edited = all ? text.split(search).join(replacement) : text.replace(search, () => replacement);
    await this.write(file, edited);
    return edited;
  }

  async remove(file: string): Promise<void> {
    await rm(this.path(file), { recursive: true, force: true });
  }

  /** Removes every entry of a folder, keeping the (now empty) folder. */
  async empty(folder: string): Promise<void> {
    for (const entry of await readdir(this.path(folder))) await this.remove(path.join(folder, entry));
  }

  /**
   * The 1-based line of the `occurrence`-th (from 1) appearance of `search` in the file as it is
   * now. Throws when it does not appear, so an expected line is never a guess.
   */
  async lineOf(file: string, search: string, occurrence = 1): Promise<number> {
    const text = await this.read(file);
    let at = -1;
    for (let i = 0; i < occurrence; i++) {
      at = text.indexOf(search, at + 1);
      if (at < 0) throw new Error(`dataset fixture: ${JSON.stringify(search)} is not in ${file}`);
    }
    return text.slice(0, at).split('\n').length;
  }

  /** The 0-based index of the claim with this id in a source file, as in `claims[3].quote`. */
  async claimIndex(file: string, id: string): Promise<number> {
    const source = parse(await this.read(file)) as { claims?: { id?: unknown }[] };
    const index = (source.claims ?? []).findIndex((claim) => claim.id === id);
    if (index < 0) throw new Error(`dataset fixture: no claim ${id} in ${file}`);
    return index;
  }

  /** Where a claim's block starts and ends in a source file (from its `- id:` line to the next). */
  private async claimBlock(file: string, id: string): Promise<{ text: string; start: number; end: number }> {
    const text = await this.read(file);
    const start = text.indexOf(`- id: ${id}\n`);
    if (start < 0) throw new Error(`dataset fixture: no claim ${id} in ${file}`);
    const next = text.indexOf('\n  - id: ', start);
    return { text, start, end: next < 0 ? text.length : next };
  }

  /** Like `replace`, but only inside the block of one claim. */
  async replaceInClaim(file: string, id: string, search: string, replacement: string): Promise<string> {
    const { text, start, end } = await this.claimBlock(file, id);
    const block = text.slice(start, end);
    if (!block.includes(search)) {
      throw new Error(`dataset fixture: ${JSON.stringify(search)} is not in claim ${id} of ${file}`);
    }
    const edited = text.slice(0, start) + block.replace(search, () => replacement) + text.slice(end);
    await this.write(file, edited);
    return edited;
  }

  /** The 1-based line of the `occurrence`-th `search` inside one claim's block. */
  async lineInClaim(file: string, id: string, search: string, occurrence = 1): Promise<number> {
    const { text, start, end } = await this.claimBlock(file, id);
    let at = start - 1;
    for (let i = 0; i < occurrence; i++) {
      at = text.indexOf(search, at + 1);
      if (at < 0 || at >= end) {
        throw new Error(`dataset fixture: ${JSON.stringify(search)} is not in claim ${id} of ${file}`);
      }
    }
    return text.slice(0, at).split('\n').length;
  }

  load(): Promise<Dataset> {
    return loadDataset(this.dir);
  }

  /** Loads the copy expecting it to be rejected; returns the DatasetError. */
  async error(): Promise<DatasetError> {
    try {
      await this.load();
    } catch (error) {
      if (error instanceof DatasetError) return error;
      throw error;
    }
    throw new Error('dataset fixture: expected the dataset to be rejected, but it loaded');
  }

  /** The problems the loader reports for the copy (it must reject it). */
  async problems(): Promise<readonly Problem[]> {
    return (await this.error()).problems;
  }

  cleanup(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

/** Runs `use` on a fresh copy of the seeds (or of `from`) and removes the copy afterwards, whatever happens. */
export async function withDatasetCopy<T>(use: (copy: DatasetCopy) => Promise<T>, from?: string): Promise<T> {
  const copy = from === undefined ? await DatasetCopy.seeds() : await DatasetCopy.create(from);
  try {
    return await use(copy);
  } finally {
    await copy.cleanup();
  }
}

/** Edits a fresh copy and loads it: the dataset a test gets after `edit`. */
export function loadEditedDataset(edit: (copy: DatasetCopy) => Promise<void>): Promise<Dataset> {
  return withDatasetCopy(async (copy) => {
    await edit(copy);
    return copy.load();
  });
}

/** Edits a fresh copy and returns the DatasetError its loading throws. */
export function datasetErrorAfter(edit: (copy: DatasetCopy) => Promise<void>): Promise<DatasetError> {
  return withDatasetCopy(async (copy) => {
    await edit(copy);
    return copy.error();
  });
}

/** A dataset folder made once per test file and kept for its life: the seeds, the developing story, or two incidents. */
function onceDir(make: () => Promise<DatasetCopy>): () => Promise<string> {
  let dir: Promise<string> | undefined;
  return () => {
    dir ??= make().then((copy) => {
      process.once('exit', () => rmSync(copy.dir, { recursive: true, force: true }));
      return copy.dir;
    });
    return dir;
  };
}

export const seedsDir = onceDir(() => DatasetCopy.seeds());
export const storyDir = onceDir(() => DatasetCopy.story());
export const twoIncidentsDir = onceDir(() => DatasetCopy.twoIncidents());

/** The seed reports as a dataset: what tests of the bundled reports' behaviour run on. */
export async function loadSeeds(): Promise<Dataset> {
  return loadDataset(await seedsDir());
}

/** The seeds and the developing-story reports as a dataset. */
export async function loadStory(): Promise<Dataset> {
  return loadDataset(await storyDir());
}

/** The developing story and the second incident as one dataset. */
export async function loadTwoIncidents(): Promise<Dataset> {
  return loadDataset(await twoIncidentsDir());
}
