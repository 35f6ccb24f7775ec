/**
 * data/ edited under the running bot: the real bot on the emulator, its dataset loaded on a worker
 * thread from a folder the test edits. Each reload is asked for directly (as SIGHUP and the
 * watcher do), and awaited: nothing waits on the clock.
 */
import { cp, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMessage, InteractionExchange } from '../../emulator/index.js';
import { botHealth } from '../../src/discord/health.js';
import { type LiveDataset, PROBLEMS_SHOWN } from '../../src/reload/live.js';
import { WATCH_DELAY_MS } from '../../src/reload/watch.js';
import { readable } from '../commands/support.js';
import { type Harness, reloading, startHarness, stringOptions } from '../helpers/bot-harness.js';
import { messageText } from '../helpers/components.js';
import { DatasetCopy, SOURCE_000, STORY_DIR } from '../helpers/dataset-fixture.js';

/** What a user sees of a reply: every embed's title, text and fields. */
function shown(exchange: InteractionExchange): string {
  return messageText(exchange.original ?? exchange.callback?.data ?? {});
}

const command = (name: string, options: Record<string, string> = {}) => ({
  type: 'command' as const,
  name,
  options: stringOptions(options),
});
const digest = (subcommand: string, options: { name: string; type: number; value: string }[] = []) => ({
  type: 'command' as const,
  name: 'digest',
  options: [{ name: subcommand, type: 1, options }],
});

describe('data/ edited under the running bot', () => {
  let copy: DatasetCopy;
  let live: LiveDataset;
  let h: Harness;

  beforeEach(async () => {
    copy = await DatasetCopy.seeds();
    h = await startHarness({ dataset: reloading(copy.dir) });
    live = h.served as LiveDataset;
  });
  afterEach(async () => {
    await h.close();
    await copy.cleanup();
  });

  it('a valid change is served by the next reply', async () => {
    const before = shown(await h.emu.sendInteraction(command('sources')));
    expect(before).toMatch(/2 reports/);
    const oldVersion = live.status().version;

    await copy.addStory();
    const outcome = await live.reload('test');

    expect(outcome).toMatchObject({ outcome: 'loaded', previous: oldVersion });
    const after = shown(await h.emu.sendInteraction(command('sources')));
    expect(after).toMatch(new RegExp(`^${await copy.reportCount()} reports`, 'm'));
    expect(after).toContain(`Dataset version \`${live.status().version}\``);
    expect(live.status().version).not.toBe(oldVersion);
    expect(h.logs.some((l) => l.includes('"msg":"dataset reloaded: now serving the new version"'))).toBe(
      true,
    );
  });

  it('an invalid change is refused and logged with file:line, and the old data keeps serving', async () => {
    const served = live.status().version;
    const line = await copy.lineOf(SOURCE_000, 'value: 34');
    await copy.replace(SOURCE_000, 'value: 34', 'value: -34');

    const outcome = await live.reload('test');

    const problem = `${SOURCE_000}:${line}: claims[`;
    expect(outcome.outcome).toBe('refused');
    expect(outcome.outcome === 'refused' && outcome.problems[0]).toContain(problem);
    const logged = h.logs.map((l) => JSON.parse(l)).find((l) => l.msg.startsWith('dataset refused'));
    expect(logged).toMatchObject({ level: 50, served, count: 1 });
    expect(logged.problems[0]).toContain(problem);
    expect(logged.problems[0]).toMatch(/figure\.value: expected a count of zero or more/);
    // The old data answers: the wounded are still 34, from the same version.
    expect(live.status().version).toBe(served);
    const casualties = shown(await h.emu.sendInteraction(command('casualties')));
    expect(casualties).toMatch(/\b34\b/);
    expect(casualties).not.toMatch(/-34/);
    // /digest status says what serves and what was refused.
    const status = shown(await h.emu.sendInteraction(digest('status')));
    expect(status).toContain(`Version \`${served}\``);
    expect(readable(status)).toContain(`The latest reload (<t:`);
    expect(readable(status)).toContain(
      `:R>) was refused: ${SOURCE_000}:${line}: expected a count of zero or more.`,
    );

    // Fixed: served, and the refusal is no longer reported.
    await copy.replace(SOURCE_000, 'value: -34', 'value: 34');
    expect(await live.reload('test')).toEqual({ outcome: 'unchanged', version: served });
    expect(live.status().refused).toBeNull();
  });

  it('the digest after a change lists it', async () => {
    await h.emu.sendInteraction(digest('set', [{ name: 'channel', type: 7, value: h.emu.channelId }]));
    expect(shown(await h.emu.sendInteraction(digest('now')))).toMatch(/Digest posted/);
    const postedBefore = (h.emu.channelMessages.get(h.emu.channelId) ?? []).length;

    await copy.addStory();
    expect((await live.reload('test')).outcome).toBe('loaded');
    expect(shown(await h.emu.sendInteraction(digest('now')))).toMatch(/Digest posted/);

    // The digest after the change: every message posted since the one before it.
    const posts = (h.emu.channelMessages.get(h.emu.channelId) ?? []).slice(postedBefore);
    expect(posts.length).toBeGreaterThan(0);
    const latest = posts.map((post) => messageText(post as ApiMessage)).join('\n');
    expect(latest).toMatch(/Since the last digest\nNew reports: [^\n]*ARY News/);
    expect(latest).toContain(`Dataset ${live.status().version}.`);
  });

  it('reloads asked for while one runs are done once more after it, not once each', async () => {
    await copy.addStory();
    const reloads = [live.reload('a'), live.reload('b'), live.reload('c')];
    const outcomes = await Promise.all(reloads);
    expect(outcomes[0]?.outcome).toBe('loaded');
    // The second and third share the one reload after the first: the files had not changed again.
    expect(reloads[1]).toBe(reloads[2]);
    expect(outcomes[1]).toEqual({ outcome: 'unchanged', version: live.status().version });
  });

  it('shows a refusal on Discord and in the health report as file, line and what was expected, never the file’s content or a host path', async () => {
    // A data file linked to a file outside data/, as a careless link or a hostile one would be.
    const outside = await mkdtemp(path.join(tmpdir(), 'outside-data-'));
    const secret = 'MTEwNjk5ODc2NTQzMjEwOTg3.GsecreT.abcdefghijklmnopqrstuvwxyz0123';
    await writeFile(
      path.join(outside, 'passwd'),
      `root:x:0:0:root:/root:/bin/bash\nDISCORD_TOKEN=${secret}\n`,
    );
    await symlink(path.join(outside, 'passwd'), copy.path('sources/linked.yaml'));
    try {
      const outcome = await live.reload('test');
      expect(outcome.outcome).toBe('refused');
      // The curator's own tools (the log, npm run validate) say what the file holds.
      expect(outcome.outcome === 'refused' && outcome.problems.join('\n')).toContain(
        'got the text "root:x:0',
      );

      const status = readable(shown(await h.emu.sendInteraction(digest('status'))));
      const health = JSON.stringify(botHealth(h.bot, live.status()).report);
      for (const shownTo of [status, health]) {
        expect(shownTo).toContain('sources/linked.yaml:1: expected a mapping of fields');
        for (const content of ['root:x', '/bin/bash', 'DISCORD_TOKEN', secret.slice(0, 12)])
          expect(shownTo).not.toContain(content);
        for (const hostPath of [outside, copy.dir, tmpdir()]) expect(shownTo).not.toContain(hostPath);
      }
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('reports a refusal with thousands of problems by count and the first few, in the log too', async () => {
    const entries = Array.from({ length: 3000 }, (_, i) => `  - {nonsense: ${i}}`).join('\n');
    await copy.write('context/many.yaml', `groups:\n${entries}\n`);
    expect((await live.reload('test')).outcome).toBe('refused');

    const report = botHealth(h.bot, live.status()).report as {
      dataset: { refused: { count: number; problems: string[] } };
    };
    // Every problem is counted, though the error lists only the first thousand.
    const count = report.dataset.refused.count;
    expect(count).toBeGreaterThan(3000);
    expect(report.dataset.refused.problems).toHaveLength(PROBLEMS_SHOWN);
    expect(report.dataset.refused.problems[0]).toMatch(/^context\/many\.yaml:2: /);
    // Before, the report and the log line held every problem: megabytes at tens of thousands.
    expect(JSON.stringify(report).length).toBeLessThan(4000);
    const logged = h.logs.find((l) => l.includes('"msg":"dataset refused'));
    expect(logged?.length).toBeLessThan(16_000);
    expect(JSON.parse(logged ?? '{}')).toMatchObject({ count });
    const status = readable(shown(await h.emu.sendInteraction(digest('status'))));
    expect(status).toContain(`(and ${count - 1} more)`);
  });

  it('reloads by itself when the folder is watched: sources replaced, then a file edited in place', async () => {
    // The story's own context goes in first, unheard: its reports refer to it.
    await cp(path.join(STORY_DIR, 'context'), copy.path('context'), { recursive: true });
    const timers: { ms: number; fire: () => void }[] = [];
    let armed: (() => void) | undefined;
    const watching = live.watch({
      setTimer: (ms, fire) => {
        const timer = { ms, fire };
        timers.push(timer);
        armed?.();
        return () => void timers.splice(timers.indexOf(timer) >>> 0, 1);
      },
    });
    await watching.settled();
    /** Makes a change, waits for the watcher to hear it, lets the quiet time pass, awaits the reload. */
    const changeAndReload = async (change: () => Promise<void>) => {
      const before = live.status().version;
      const heard = new Promise<void>((resolve) => {
        armed = resolve;
      });
      await change();
      await heard;
      await watching.settled();
      for (const timer of timers.filter((t) => t.ms === WATCH_DELAY_MS)) timer.fire();
      // The reload runs on a worker thread; its end is awaited, however long the machine takes.
      await expect.poll(() => live.status().version, { timeout: 60_000 }).not.toBe(before);
    };
    try {
      // rm -rf sources, then a copy with the developing story's reports: served by the next reply.
      const staged = path.join(await mkdtemp(path.join(tmpdir(), 'staged-')), 'sources');
      await cp(copy.path('sources'), staged, { recursive: true });
      await cp(path.join(STORY_DIR, 'sources'), staged, { recursive: true });
      await changeAndReload(async () => {
        await copy.remove('sources');
        await rename(staged, copy.path('sources'));
      });
      const reports = await copy.reportCount();
      expect(shown(await h.emu.sendInteraction(command('sources')))).toMatch(
        new RegExp(`^${reports} reports`, 'm'),
      );
      // A later edit in place of a file in the new folder is heard and served.
      await changeAndReload(() => copy.replace(SOURCE_000, 'value: 34', 'value: 35').then(() => undefined));
      expect(shown(await h.emu.sendInteraction(command('casualties')))).toMatch(/\b35\b/);
    } finally {
      live.stopWatching();
    }
  });
});
