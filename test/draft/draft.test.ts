/**
 * `npm run draft` on every seed and developing-story text: each draft, renamed as a curator renames
 * it once reviewed, takes the place of the curated file in a copy of the dataset and validates; the CLI
 * writes beside the text, keeps a draft already there, and `validate` lists the drafts it skips.
 */
import { spawnSync } from 'node:child_process';
import { readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadDataset } from '../../src/dataset/load.js';
import { draftFile } from '../../src/draft/file.js';
import { DatasetCopy, STORY_DIR, TEXT_000, TEXT_002 } from '../helpers/dataset-fixture.js';

const PROJECT = path.resolve(import.meta.dirname, '../..');

const copies: DatasetCopy[] = [];
afterEach(async () => {
  await Promise.all(copies.splice(0).map((c) => c.cleanup()));
});

/** The seeds alone: reports a curator adds to data/ are drafted by the developing-story cases. */
async function copyOfData(): Promise<DatasetCopy> {
  const copy = await DatasetCopy.seeds();
  copies.push(copy);
  return copy;
}

const seedTexts = [TEXT_000, TEXT_002].map((f) => path.basename(f));
const storyTexts = (await readdir(path.join(STORY_DIR, 'sources'))).filter((f) => f.endsWith('.txt'));

describe('a draft of each report, renamed, validates', () => {
  it.each(seedTexts)('seed text %s, in place of its curated file', async (text) => {
    const copy = await copyOfData();
    const dataset = await copy.load();
    const curated = `sources/${text.replace(/\.txt$/, '.yaml')}`;
    await copy.remove(curated);
    const written = await draftFile(copy.path(`sources/${text}`), dataset, { outlet: 'A test outlet' });
    expect(written.claims).toBeGreaterThan(5);
    await rename(written.file, copy.path(curated));
    const drafted = await loadDataset(copy.dir);
    const id = (parse(await copy.read(curated)) as { id: string }).id;
    expect(drafted.claimsBySource.get(id)?.length).toBe(written.claims);
    expect(drafted.sourceById.get(id)?.outlet).toBe('A test outlet');
  });

  it.each(storyTexts)(
    'developing-story text %s, in place of its curated file among the story',
    async (text) => {
      const copy = await DatasetCopy.story();
      copies.push(copy);
      const dataset = await copy.load();
      const curated = `sources/${text.replace(/\.txt$/, '.yaml')}`;
      // The curated file's id is kept, as other reports may name it (a republished copy's original).
      const { id, claims } = parse(await copy.read(curated)) as { id: string; claims: unknown[] };
      const written = await draftFile(copy.path(`sources/${text}`), dataset, { id, published: '2023-12-12' });
      await rename(written.file, copy.path(curated));
      const drafted = await loadDataset(copy.dir);
      expect(drafted.sources.length).toBe(dataset.sources.length);
      expect(drafted.claims.length).toBe(dataset.claims.length - claims.length + written.claims);
      expect(drafted.claimsBySource.get(id)?.length).toBe(written.claims);
    },
  );
});

function run(script: string, args: string[], dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT, 'src/cli', script), ...args], {
    cwd: PROJECT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    timeout: 60_000,
  });
}

describe('npm run draft, then npm run validate', () => {
  it('writes the draft beside the text, keeps it on a second run, and validate lists it with its notes and a stray text', async () => {
    const copy = await copyOfData();
    const text = copy.path(`sources/${seedTexts[0]}`);
    await copy.remove(`sources/${seedTexts[0]?.replace(/\.txt$/, '.yaml')}`);
    const first = run('draft.ts', [text, '--outlet', 'Example Daily', '--published', '2023-12-12'], copy.dir);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/\.draft\.yaml: \d+ claims drafted, \d+ notes to review/);
    const draft = parse(await copy.read(`sources/${seedTexts[0]?.replace(/\.txt$/, '.draft.yaml')}`));
    expect(draft).toMatchObject({ outlet: 'Example Daily', published: '2023-12-12' });

    const again = run('draft.ts', [text], copy.dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists, perhaps with a curator's edits: it is kept/);

    await copy.write('sources/forgotten.txt', 'A report nobody curated.\n');
    const validate = run('validate.ts', [], copy.dir);
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/valid\. 1 sources/);
    expect(validate.stdout).toMatch(
      /Drafts, not loaded until renamed[^\n]*\n {2}sources\/\S+\.draft\.yaml: \d+ notes left to review, at lines \d+/,
    );
    expect(validate.stdout).toMatch(/sources\/forgotten\.txt: a report's text with no data file beside it/);
  });

  it('refuses a bad option with the usage, writing nothing', async () => {
    const copy = await copyOfData();
    const result = run(
      'draft.ts',
      [copy.path(`sources/${seedTexts[0]}`), '--published', '12/12/2023'],
      copy.dir,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--published: expected a date written YYYY, YYYY-MM or YYYY-MM-DD/);
    expect((await readdir(copy.path('sources'))).some((f) => f.includes('.draft.'))).toBe(false);
  });
});
