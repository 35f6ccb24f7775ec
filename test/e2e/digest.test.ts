/**
 * Scheduled digests against the emulator, with a clock the tests set: no real waiting. The cron
 * expression, the time zone, the state files and discord.js's REST client are all real.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST } from '@discordjs/rest';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import { DigestService } from '../../src/digest/service.js';
import { guildStateFile, readGuildState, writeGuildState } from '../../src/digest/state.js';
import { restPoster } from '../../src/discord/poster.js';
import { createLogger } from '../../src/log.js';
import { type Emulator, startEmulator } from '../emulator/index.js';
import { loadEditedDataset, loadSeeds } from '../helpers/dataset-fixture.js';

const TOKEN = 'digest-test-token.abcdefghijklmnopqrstuvwxyz';
/** 09:00 in Asia/Karachi (UTC+5) is 04:00 UTC. */
const at = (iso: string) => new Date(iso);

interface Setup {
  emu: Emulator;
  service: DigestService;
  stateDir: string;
  clock: { now: Date };
  sleeps: number[];
  logs: string[];
  dataset: { current: Dataset };
  messages(): {
    content?: string;
    embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
    nonce?: string;
  }[];
}

let seeds: Dataset;
beforeAll(async () => {
  seeds = await loadSeeds();
});

async function setup(
  options: { mode?: 'always' | 'changed'; cron?: string; stateDir?: string; emu?: Emulator } = {},
): Promise<Setup> {
  const emu = options.emu ?? (await startEmulator({ token: TOKEN }));
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(tmpdir(), 'digest-state-')));
  const clock = { now: at('2026-03-02T03:00:00Z') };
  const sleeps: number[] = [];
  const logs: string[] = [];
  const dataset = { current: seeds };
  const rest = new REST({ api: emu.apiUrl, retries: 1 }).setToken(TOKEN);
  const service = new DigestService({
    stateDir,
    defaults: {
      channelId: emu.channelId,
      cron: options.cron ?? '0 9 * * *',
      timeZone: 'Asia/Karachi',
      mode: options.mode ?? 'always',
    },
    dataset: () => dataset.current,
    poster: restPoster(rest),
    logger: createLogger({ level: 'info', destination: { write: (l: string) => logs.push(l) } }),
    now: () => clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    retry: { attempts: 4, firstDelayMs: 1_000 },
    holds: (guildId) => guildId === emu.guildId,
    guildOfChannel: (channelId) =>
      channelId === emu.channelId || channelId === emu.otherChannelId ? emu.guildId : undefined,
  });
  return {
    emu,
    service,
    stateDir,
    clock,
    sleeps,
    logs,
    dataset,
    messages: () => (emu.channelMessages.get(emu.channelId) ?? []) as ReturnType<Setup['messages']>,
  };
}

function textOf(messages: ReturnType<Setup['messages']>): string {
  return messages
    .flatMap((m) =>
      (m.embeds ?? []).flatMap((e) => [
        e.title,
        e.description,
        ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      ]),
    )
    .join('\n');
}

describe('scheduled digests', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(async () => {
    await s.service.stop();
    await s.emu.close();
    await rm(s.stateDir, { recursive: true, force: true });
  });

  it('a slot fires and exactly one digest arrives, with every section filled from the dataset', async () => {
    s.clock.now = at('2026-03-02T04:00:00Z');
    const outcome = await s.service.tick(s.emu.guildId, s.clock.now);
    expect(outcome).toMatchObject({ outcome: 'posted', late: false, slot: at('2026-03-02T04:00:00Z') });
    const text = textOf(s.messages());
    expect(text).toMatch(/Where the sources agree/);
    expect(text).toMatch(
      /Where they differ[\s\S]*\*\*Security forces killed \(officers, soldiers\)\*\*: 23 \[2\]; .*at least 24 \[1\]/,
    );
    expect(text).toMatch(
      /\*\*Attackers killed\*\*: 5 \[1\]; 6 \(ISPR statement of 12 December 2023, carried by \[2\]\)/,
    );
    expect(text).toMatch(/Only one source reports[\s\S]*\*\*People injured\*\*: 34 \[1\]/);
    expect(text).toMatch(/What the perpetrators claim \(unverified\)[\s\S]*20 officers/);
    expect(text).not.toMatch(/Changed since the last digest/);
    expect(text).not.toMatch(/Late/);
    const posted = s.messages().length;
    expect(posted).toBeGreaterThan(0);
    // The same slot again (a second timer, a retry) posts nothing more.
    expect(await s.service.tick(s.emu.guildId, at('2026-03-02T04:00:30Z'))).toEqual({
      outcome: 'already_done',
    });
    expect(s.messages()).toHaveLength(posted);
  });

  it('a first start after the day’s slot posts nothing late: that slot came before the bot did', async () => {
    s.clock.now = at('2026-03-02T10:00:00Z');
    expect(await s.service.startGuild(s.emu.guildId)).toEqual({ outcome: 'no_slot' });
    expect(s.messages()).toHaveLength(0);
    // The next day's slot is posted, on time.
    s.clock.now = at('2026-03-03T04:00:00Z');
    expect(await s.service.tick(s.emu.guildId, s.clock.now)).toMatchObject({
      outcome: 'posted',
      late: false,
    });
  });

  it('before the first slot of the day nothing is posted', async () => {
    await writeGuildState(s.stateDir, {
      version: 1,
      guildId: s.emu.guildId,
      since: '2026-03-01T00:00:00.000Z',
      settings: {
        enabled: true,
        channelId: s.emu.channelId,
        cron: '0 9 * * *',
        timeZone: 'Asia/Karachi',
        incident: null,
        mode: 'always',
        activeSince: '2026-03-02T00:00:00.000Z',
      },
      lastSlot: null,
      lastPost: null,
    });
    expect(await s.service.tick(s.emu.guildId, at('2026-03-02T03:59:00Z'))).toEqual({ outcome: 'no_slot' });
    expect(s.messages()).toHaveLength(0);
  });

  it('a 500 then success: exactly one message per part, after a back-off', async () => {
    // REST retries once itself; two 500s make the service's own back-off step in.
    s.emu.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 2 });
    s.clock.now = at('2026-03-02T04:00:00Z');
    const outcome = await s.service.tick(s.emu.guildId, s.clock.now);
    expect(outcome.outcome).toBe('posted');
    expect(s.sleeps).toEqual([1_000]);
    const parts = outcome.outcome === 'posted' ? outcome.messageIds.length : 0;
    expect(s.messages()).toHaveLength(parts);
  });

  it('a 429: exactly one message per part', async () => {
    s.emu.injectFault({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      status: 429,
      retryAfterSeconds: 0.05,
      times: 1,
    });
    s.clock.now = at('2026-03-02T04:00:00Z');
    const outcome = await s.service.tick(s.emu.guildId, s.clock.now);
    expect(outcome.outcome).toBe('posted');
    const parts = outcome.outcome === 'posted' ? outcome.messageIds.length : 0;
    expect(s.messages()).toHaveLength(parts);
    expect(s.emu.requests.filter((r) => r.status === 429)).toHaveLength(1);
  });

  it('a post whose success was never recorded (crash before the state write) is not posted twice', async () => {
    s.clock.now = at('2026-03-02T04:00:00Z');
    await s.service.tick(s.emu.guildId, s.clock.now);
    const posted = s.messages().length;
    await rm(guildStateFile(s.stateDir, s.emu.guildId));
    await s.service.tick(s.emu.guildId, s.clock.now);
    // Same server, same slot, same nonces: Discord (here the emulator) returns the same messages.
    expect(s.messages()).toHaveLength(posted);
  });

  it('Discord refusing every attempt is logged and retried later, never a crash', async () => {
    s.emu.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 100 });
    s.clock.now = at('2026-03-02T04:00:00Z');
    const outcome = await s.service.tick(s.emu.guildId, s.clock.now);
    expect(outcome.outcome).toBe('failed');
    expect(s.sleeps).toEqual([1_000, 2_000, 4_000]);
    expect(s.logs.some((l) => l.includes('digest not posted'))).toBe(true);
    s.emu.clearFaults();
    s.clock.now = at('2026-03-02T04:10:00Z');
    const later = await s.service.tick(s.emu.guildId, s.clock.now);
    expect(later).toMatchObject({ outcome: 'posted', late: true });
  });

  it('after a restart that missed three slots, exactly one late digest is posted', async () => {
    s.clock.now = at('2026-03-02T04:00:00Z');
    await s.service.tick(s.emu.guildId, s.clock.now);
    const afterFirst = s.messages().length;

    // Down for three days: slots on the 3rd, 4th and 5th are missed. A new service is a restart.
    await s.service.stop();
    const restarted = await setup({ stateDir: s.stateDir, emu: s.emu });
    restarted.clock.now = at('2026-03-05T10:30:00Z');
    const outcome = await restarted.service.startGuild(s.emu.guildId);
    await restarted.service.stop();
    expect(outcome).toMatchObject({ outcome: 'posted', late: true, slot: at('2026-03-05T04:00:00Z') });
    const lateMessages = s.messages().slice(afterFirst);
    expect(lateMessages.length).toBe(outcome.outcome === 'posted' ? outcome.messageIds.length : -1);
    expect(textOf(lateMessages)).toMatch(/Late.*due <t:\d+:f> \(Asia\/Karachi\)/);
    // And nothing more until the next slot.
    expect(await restarted.service.tick(s.emu.guildId, at('2026-03-05T11:00:00Z'))).toEqual({
      outcome: 'already_done',
    });
  });

  it('a changed dataset appears under "changed since the last digest"', async () => {
    s.clock.now = at('2026-03-02T04:00:00Z');
    await s.service.tick(s.emu.guildId, s.clock.now);
    const first = s.messages().length;
    s.dataset.current = await loadEditedDataset(async (copy) => {
      await copy.replace(
        'sources/000_1b6b5cd637d6ab71.yaml',
        'claims:\n',
        `claims:
  - id: indileak.gun-battle-added
    topic: sequence
    statement: Some militants opened fire at the police station after the blast.
    speaker: report
    status: reported
    quote: "some militants who opened fire at the police station"
`,
      );
    });
    s.clock.now = at('2026-03-03T04:00:00Z');
    await s.service.tick(s.emu.guildId, s.clock.now);
    const text = textOf(s.messages().slice(first));
    expect(text).toMatch(
      /Changed since the last digest[\s\S]*New: Some militants opened fire at the police station after the blast\. \[1\]/,
    );
  });
});

describe('settings and scheduling', () => {
  it('/digest set keeps the server’s current cron, zone and mode for options left out', async () => {
    const s = await setup();
    try {
      const { performDigestEffect } = await import('../../src/digest/effects.js');
      const context = {
        guildId: s.emu.guildId,
        requestId: '1',
        service: s.service,
        defaults: {
          channelId: undefined,
          cron: '0 9 * * *',
          timeZone: 'Asia/Karachi',
          mode: 'always' as const,
        },
        now: s.clock.now,
      };
      await performDigestEffect(
        {
          kind: 'digest.set',
          channelId: s.emu.channelId,
          cron: '30 7 * * 1',
          timeZone: 'Europe/London',
          mode: 'changed',
        },
        context,
      );
      await performDigestEffect({ kind: 'digest.set', channelId: s.emu.otherChannelId }, context);
      expect(await s.service.settings(s.emu.guildId)).toMatchObject({
        channelId: s.emu.otherChannelId,
        cron: '30 7 * * 1',
        timeZone: 'Europe/London',
        mode: 'changed',
      });
    } finally {
      await s.service.stop();
      await s.emu.close();
      await rm(s.stateDir, { recursive: true, force: true });
    }
  });

  it('keeps the schedule when the catch-up at start fails', async () => {
    const s = await setup();
    try {
      s.emu.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 100 });
      s.clock.now = at('2026-03-02T04:00:00Z');
      expect((await s.service.startGuild(s.emu.guildId)).outcome).toBe('failed');
      expect(await s.service.nextRun(s.emu.guildId)).toEqual(at('2026-03-03T04:00:00Z'));
      const { getTasks } = await import('node-cron');
      expect([...getTasks().values()].some((t) => t.name === `digest-${s.emu.guildId}`)).toBe(true);
    } finally {
      await s.service.stop();
      await s.emu.close();
      await rm(s.stateDir, { recursive: true, force: true });
    }
  });
});

describe('only-when-changed mode', () => {
  it('posts the first digest, then nothing while the dataset is unchanged', async () => {
    const s = await setup({ mode: 'changed' });
    try {
      expect((await s.service.tick(s.emu.guildId, at('2026-03-02T04:00:00Z'))).outcome).toBe('posted');
      const first = s.messages().length;
      s.clock.now = at('2026-03-03T04:00:00Z');
      expect(await s.service.tick(s.emu.guildId, s.clock.now)).toEqual({
        outcome: 'unchanged',
        slot: at('2026-03-03T04:00:00Z'),
      });
      expect(s.messages()).toHaveLength(first);
      // The skipped slot counts as dealt with: a restart does not post it late.
      s.clock.now = at('2026-03-03T06:00:00Z');
      expect(await s.service.tick(s.emu.guildId, s.clock.now)).toEqual({ outcome: 'already_done' });
    } finally {
      await s.service.stop();
      await s.emu.close();
      await rm(s.stateDir, { recursive: true, force: true });
    }
  });
});

describe('state on disk', () => {
  it('a corrupt state file is reported and set aside, not overwritten', async () => {
    const s = await setup();
    try {
      const file = guildStateFile(s.stateDir, s.emu.guildId);
      await writeGuildState(s.stateDir, {
        version: 1,
        guildId: s.emu.guildId,
        since: '2026-03-01T00:00:00.000Z',
        settings: null,
        lastSlot: null,
        lastPost: null,
      });
      await writeFile(file, '{"version": 1, "guildId": ');
      s.clock.now = at('2026-03-02T04:00:00Z');
      expect((await s.service.tick(s.emu.guildId, s.clock.now)).outcome).toBe('posted');
      const files = await readdir(path.dirname(file));
      expect(files.some((f) => f.includes('.corrupt-'))).toBe(true);
      expect(s.logs.some((l) => l.includes('could not be read') && l.includes('moved to'))).toBe(true);
      expect(await readGuildState(s.stateDir, s.emu.guildId)).toMatchObject({
        lastSlot: '2026-03-02T04:00:00.000Z',
      });
    } finally {
      await s.service.stop();
      await s.emu.close();
      await rm(s.stateDir, { recursive: true, force: true });
    }
  });

  it('the environment’s default channel applies only to the server it belongs to', async () => {
    const s = await setup();
    try {
      expect(await s.service.settings('999999999999999999')).toBeNull();
      expect(await s.service.settings(s.emu.guildId)).toMatchObject({ channelId: s.emu.channelId });
      expect(await s.service.tick('999999999999999999', at('2026-03-02T04:00:00Z'))).toEqual({
        outcome: 'not_held',
      });
    } finally {
      await s.service.stop();
      await s.emu.close();
      await rm(s.stateDir, { recursive: true, force: true });
    }
  });
});
