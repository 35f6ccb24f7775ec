/**
 * data/ edited under the running bot: the real bot on the emulator, its dataset loaded on a worker
 * thread from a folder the test edits. Each reload is asked for directly (as SIGHUP and the
 * watcher do), and awaited: nothing waits on the clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveDataset } from '../../src/reload/live.js';
import { readable } from '../commands/support.js';
import type { ApiMessage, InteractionExchange } from '../emulator/index.js';
import { type Harness, reloading, startHarness, stringOptions } from '../helpers/bot-harness.js';
import { messageText } from '../helpers/components.js';
import { DatasetCopy, SOURCE_000 } from '../helpers/dataset-fixture.js';

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
    expect(readable(status)).toContain(`:R>) was refused: ${problem}`);

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
    expect(latest).toMatch(/Since the last digest\nNew reports: \[\d+\] /);
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
});
