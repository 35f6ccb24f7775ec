/**
 * The build (`npm run build`, run by the install): the compiled bot runs with Node alone, from a
 * folder with no node_modules anywhere above it, in the console and on Discord (the emulator),
 * where it reloads the data through its worker thread; its source maps lead back to the TypeScript.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import { TEST_TOKEN } from '../helpers/bot-harness.js';
import { DatasetCopy, seedsDir } from '../helpers/dataset-fixture.js';
import { ProcessLog } from '../helpers/process-log.js';

const PROJECT = path.resolve(import.meta.dirname, '../..');

/** A folder outside the project: the build, and a dataset beside it. */
let place: string;
let dist: string;
let seeds: string;

beforeAll(async () => {
  place = await mkdtemp(path.join(tmpdir(), 'briefing-build-'));
  const built = path.join(place, 'built');
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', built], { cwd: PROJECT, stdio: 'pipe' });
  // Moved away from where it was built: nothing may point back into the project's node_modules.
  dist = path.join(place, 'dist');
  await cp(built, dist, { recursive: true });
  await rm(built, { recursive: true });
  seeds = await seedsDir();
});

afterAll(async () => {
  await rm(place, { recursive: true, force: true });
});

function runBuilt(entry: string, input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--enable-source-maps', path.join(dist, entry)], {
    cwd: place,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', DATA_DIR: seeds, ...env },
    timeout: 60_000,
  });
}

describe('the compiled bot', () => {
  it('answers in the local console with Node alone', () => {
    const { stdout, stderr, status } = runBuilt('main.js', '/casualties\n');
    expect(stderr).toMatch(/local mode/);
    expect(stdout).toMatch(/== Casualties: /);
    expect(stdout).toMatch(
      /^23 countryroque\.com · at least 23 countryroque\.com · at least 24 indileak\.com$/m,
    );
    expect(status).toBe(0);
  });

  it('runs the scripts too: validate and digest', () => {
    const validate = runBuilt('validate.js', '');
    expect(validate.stdout).toMatch(/valid\. 2 sources, 1 incidents/);
    expect(validate.status).toBe(0);
    const digest = runBuilt('digest.js', '');
    expect(digest.stdout).toMatch(/== Digest: /);
    expect(digest.status).toBe(0);
  });

  it('serves Discord, reloads the data on SIGHUP through its worker thread, and stops on SIGTERM', async () => {
    const emu = await startEmulator({ token: TEST_TOKEN });
    const copy = await DatasetCopy.seeds();
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(dist, 'main.js')], {
      cwd: place,
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: emu.apiUrl,
        DATA_DIR: copy.dir,
        STATE_DIR: path.join(place, 'state'),
        DATA_WATCH: 'false',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const log = new ProcessLog(child);
      await log.seen('connected to Discord');
      await copy.addStory();
      const reports = await copy.reportCount();
      child.kill('SIGHUP');
      expect(await log.seen('dataset reloaded: now serving the new version')).toMatchObject({
        sources: reports,
      });
      const reply = await emu.sendInteraction({ type: 'command', name: 'sources' });
      expect(reply.callback?.data?.embeds?.[0]?.description).toMatch(new RegExp(`^${reports} reports`));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      await emu.close();
      await copy.cleanup();
    }
  });

  it('has source maps that lead to the TypeScript files, line by line', async () => {
    const files = (await readdir(dist)).filter((f) => f.endsWith('.js'));
    const places: string[] = [];
    for (const file of files) {
      const code = await readFile(path.join(dist, file), 'utf8');
      expect(code).toMatch(new RegExp(`//# sourceMappingURL=${file}\\.map\\s*$`));
      const at = code.indexOf('Refusing to start: ');
      if (at < 0) continue;
      const map = new SourceMap(JSON.parse(await readFile(path.join(dist, `${file}.map`), 'utf8')));
      const before = code.slice(0, at).split('\n');
      const entry = map.findEntry(before.length - 1, (before.at(-1) ?? '').length);
      if ('originalSource' in entry) places.push(`${entry.originalSource}:${entry.originalLine + 1}`);
    }
    // The message is written in src/startup.ts; the map names that file and its line.
    expect(places.length).toBeGreaterThan(0);
    const startup = await readFile(path.join(PROJECT, 'src/startup.ts'), 'utf8');
    const line = startup.split('\n').findIndex((l) => l.includes('Refusing to start: ')) + 1;
    for (const found of places) expect(found).toMatch(new RegExp(`src/startup\\.ts:${line}$`));
  });
});

describe('its source maps', () => {
  it("map the project's own code, and none of the libraries' (their frames keep the bundle's place)", async () => {
    const maps = (await readdir(dist)).filter((f) => f.endsWith('.js.map'));
    const sources = new Set<string>();
    for (const file of maps) {
      const map = JSON.parse(await readFile(path.join(dist, file), 'utf8')) as { sources: string[] };
      for (const source of map.sources) sources.add(source);
    }
    expect([...sources].filter((s) => s.includes('node_modules'))).toEqual([]);
    expect([...sources].some((s) => s.endsWith('src/discord/bot.ts'))).toBe(true);
  });
});
