/**
 * Scheduled digests against the emulator, with a clock the tests set: no real waiting. The cron
 * expression, the time zone, the state files and discord.js's REST client are all real.
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { guildStateFile, readGuildState, writeGuildState } from '../../src/store/files.js';
import { loadEditedDataset } from '../helpers/dataset-fixture.js';
import { at, expectBackOff, type Setup, setup, textOf } from '../helpers/digest-setup.js';

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
      /Where they differ[\s\S]*\*\*Security forces killed \(officers, soldiers\)\*\*: 23 to at least 24; 23 \(countryroque\.com\) against at least 24 \(indileak\.com\)/,
    );
    expect(text).toMatch(
      /\*\*Attackers killed\*\*: 5 to 6; 5 \(indileak\.com\) against 6 \(countryroque\.com\)/,
    );
    expect(text).toMatch(/Only one source or statement[\s\S]*\*\*People injured\*\*: 34 indileak\.com/);
    expect(text).toMatch(/What the perpetrators claim \(unverified\)[\s\S]*TJP said/);
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
    s.emu.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 1 });
    s.clock.now = at('2026-03-02T04:00:00Z');
    const outcome = await s.service.tick(s.emu.guildId, s.clock.now);
    expect(outcome.outcome).toBe('posted');
    expectBackOff(s.sleeps, 1);
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
    expectBackOff(s.sleeps, 3);
    // One retry layer: each attempt is one request.
    expect(s.emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'))).toHaveLength(4);
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
      /Since the last digest\nNew: Some militants opened fire at the police station after the blast\. — indileak\.com/,
    );
  });
});

describe('settings and scheduling', () => {
  it('a yearly schedule’s next run is found at once, however far away', async () => {
    const s = await setup({ cron: '0 0 1 1 *' });
    try {
      s.clock.now = at('2026-03-02T04:00:00Z');
      // Midnight on 1 January in Asia/Karachi (UTC+5).
      expect(await s.service.nextRun(s.emu.guildId)).toEqual(at('2026-12-31T19:00:00Z'));
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
      s.emu.clearFaults();
      s.clock.now = at('2026-03-03T04:00:00Z');
      await s.timers.fire();
      expect(s.messages().length).toBeGreaterThan(0);
    } finally {
      await s.service.stop();
      await s.emu.close();
      await rm(s.stateDir, { recursive: true, force: true });
    }
  });
});

describe('the clock', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup({ cron: '0 * * * *' });
  });
  afterEach(async () => {
    await s.service.stop();
    await s.emu.close();
    await rm(s.stateDir, { recursive: true, force: true });
  });

  it('posts a slot at its time, waking at most a minute ahead', async () => {
    s.clock.now = at('2026-03-02T05:58:00Z');
    await s.service.startGuild(s.emu.guildId);
    expect(s.timers.nextDelays).toEqual([60_000]);
    s.clock.now = at('2026-03-02T05:59:00Z');
    await s.timers.fire();
    expect(s.timers.nextDelays).toEqual([60_000]);
    expect(s.messages()).toHaveLength(0);
    s.clock.now = at('2026-03-02T06:00:00Z');
    await s.timers.fire();
    expect(s.messages().length).toBeGreaterThan(0);
    expect(textOf(s.messages())).not.toMatch(/Late/);
  });

  it('a forward jump over a slot posts it within a minute, marked late, with JSON logs only', async () => {
    const consoleLines: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args) => void consoleLines.push(args)),
    );
    try {
      // 10:58 in Karachi; the clock then jumps to 11:03, over the 11:00 slot.
      s.clock.now = at('2026-03-02T05:58:00Z');
      await s.service.startGuild(s.emu.guildId);
      s.clock.now = at('2026-03-02T06:03:00Z');
      await s.timers.fire();
      const posted = s.messages();
      expect(posted.length).toBeGreaterThan(0);
      expect(textOf(posted)).toMatch(/Late.*due <t:\d+:f> \(Asia\/Karachi\)/);
      // Once only.
      s.clock.now = at('2026-03-02T06:04:00Z');
      await s.timers.fire();
      expect(s.messages()).toHaveLength(posted.length);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(consoleLines).toEqual([]);
    for (const line of s.logs) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('a clock set back after running ahead is noticed, logged, and the schedule goes on from now', async () => {
    // The clock ran a day ahead: the 2 March 10:00 slot (Karachi) is on record as dealt with.
    await writeGuildState(s.stateDir, {
      version: 1,
      guildId: s.emu.guildId,
      since: '2026-03-01T00:00:00.000Z',
      settings: null,
      lastSlot: '2026-03-03T05:00:00.000Z',
      lastPost: null,
    });
    s.clock.now = at('2026-03-02T04:30:00Z');
    expect(await s.service.startGuild(s.emu.guildId)).toEqual({
      outcome: 'clock_set_back',
      recordedSlot: at('2026-03-03T05:00:00Z'),
    });
    expect(s.logs.some((l) => l.includes('"level":40') && l.includes('the clock was set back'))).toBe(true);
    s.clock.now = at('2026-03-02T05:00:00Z');
    await s.timers.fire();
    expect(s.messages().length).toBeGreaterThan(0);
    expect(textOf(s.messages())).not.toMatch(/Late/);
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
