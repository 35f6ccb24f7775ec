/**
 * Digests when the state folder fails (read-only, full), when Discord refuses, and across
 * restarts: what is posted is posted once, what the user is told is what happened, and the
 * failure is visible. Real files on disk; the disk's failures are injected where they would arise.
 */
import { readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/briefing/model.js';
import { carryOutDigestRequest, type DigestRequest, type RequestContext } from '../../src/digest/requests.js';
import { guildStateFile, readGuildState, writeGuildState } from '../../src/store/files.js';
import { StateWriteError } from '../../src/store/records.js';
import { at, type Setup, type SetupOptions, setup } from '../helpers/digest-setup.js';
import { type DiskState, faultyFs } from '../helpers/faulty-fs.js';

const POSTS = /^\/channels\/\d+\/messages$/;

function carryOut(s: Setup, request: DigestRequest): Promise<Briefing> {
  const context: RequestContext = { guildId: s.emu.guildId, requestId: '1', now: s.clock.now };
  return carryOutDigestRequest(request, s.service, context);
}

/** The text of a notice: its title and lines. */
function noticeText(briefing: Briefing): string {
  return [briefing.title, briefing.description, ...briefing.sections.flatMap((s) => s.lines)].join('\n');
}

const postRequests = (s: Setup) => s.emu.requests.filter((r) => r.method === 'POST' && POSTS.test(r.path));

async function temporaryFiles(stateDir: string): Promise<string[]> {
  const names = await readdir(path.join(stateDir, 'guilds')).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.tmp'));
}

/** A poster after which the disk turns read-only or full: the post goes out, its record fails. */
function turning(disk: { state: DiskState }, to: DiskState): SetupOptions['poster'] {
  return (real) => ({
    post: async (...args) => {
      const ids = await real.post(...args);
      disk.state = to;
      return ids;
    },
  });
}

/** Time passes: Discord forgets the nonces, and a lock whose holder stopped goes stale. */
async function minutesLater(s: Setup, minutes: number) {
  s.clock.now = new Date(s.clock.now.getTime() + minutes * 60_000);
  s.emu.forgetNonces();
  const lock = `${guildStateFile(s.stateDir, s.emu.guildId)}.lock`;
  const old = new Date(Date.now() - minutes * 60_000);
  await utimes(lock, old, old).catch(() => undefined);
}

describe('a read-only state folder', () => {
  const disk = { state: 'ok' as DiskState };
  let s: Setup;
  afterEach(async () => {
    disk.state = 'ok';
    await s.close();
  });

  it('/digest now posts once and says it was posted but not recorded', async () => {
    s = await setup({ fs: faultyFs(disk) });
    s.clock.now = at('2026-03-02T05:00:00Z');
    disk.state = 'read-only';
    const reply = await carryOut(s, { kind: 'digest.now' });
    const parts = s.messages().length;
    expect(parts).toBeGreaterThan(0);
    expect(postRequests(s)).toHaveLength(parts);
    const text = noticeText(reply);
    expect(text).toMatch(/Digest posted, but not recorded/);
    expect(text).toMatch(/read-only file system, EROFS/);
    expect(text).toMatch(/Do not post it again/);
    expect(text).not.toMatch(/Sorry|try again/i);
    expect(text).not.toContain(s.stateDir);
    // And the manager can see why scheduled digests are held.
    const status = noticeText(await carryOut(s, { kind: 'digest.status' }));
    expect(status).toMatch(/read-only file system, EROFS\)\. Scheduled digests are held/);
  });

  it('a scheduled slot is held, not posted, while nothing can be recorded; then posted once', async () => {
    s = await setup({ fs: faultyFs(disk) });
    s.clock.now = at('2026-03-02T03:00:00Z');
    await s.service.startGuild(s.emu.guildId);
    disk.state = 'read-only';
    s.clock.now = at('2026-03-02T04:00:00Z');
    await s.timers.fire();
    expect(s.messages()).toHaveLength(0);
    expect(s.logs.some((l) => l.includes('scheduled digests held') && l.includes('EROFS'))).toBe(true);
    // Writable again: the next wake-up posts the slot, late.
    disk.state = 'ok';
    s.clock.now = at('2026-03-02T04:05:00Z');
    await s.service.tick(s.emu.guildId, s.clock.now);
    expect(s.messages().length).toBeGreaterThan(0);
  });

  it('a slot posted but not recorded is never posted again, even once Discord forgets its nonce', async () => {
    // The folder turns read-only while the post is under way.
    s = await setup({ fs: faultyFs(disk), poster: turning(disk, 'read-only') });
    s.clock.now = at('2026-03-02T04:00:00Z');
    const outcome = await s.service.tick(s.emu.guildId, s.clock.now);
    expect(outcome).toMatchObject({ outcome: 'posted', recordError: expect.any(StateWriteError) });
    const posted = s.messages().length;
    expect(s.logs.some((l) => l.includes('digest posted but not recorded'))).toBe(true);
    disk.state = 'ok';
    await minutesLater(s, 10);
    expect(await s.service.tick(s.emu.guildId, s.clock.now)).toEqual({ outcome: 'already_done' });
    expect(s.messages()).toHaveLength(posted);
    expect(s.logs.some((l) => l.includes('counts as posted'))).toBe(true);
  });
});

describe('a full disk', () => {
  const disk = { state: 'ok' as DiskState };
  let s: Setup | undefined;
  afterEach(async () => {
    disk.state = 'ok';
    await s?.close();
  });

  it('a failed write leaves no temporary file and the old state intact', async () => {
    s = await setup({ fs: faultyFs(disk) });
    const fs = faultyFs(disk);
    const before = {
      version: 1 as const,
      guildId: '1',
      since: '2026-03-01T00:00:00.000Z',
      settings: null,
      lastSlot: null,
      lastPost: null,
    };
    await writeGuildState(s.stateDir, before, fs);
    disk.state = 'full';
    const failed = writeGuildState(s.stateDir, { ...before, lastSlot: '2026-03-02T04:00:00.000Z' }, fs);
    await expect(failed).rejects.toThrow(StateWriteError);
    await expect(failed).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await temporaryFiles(s.stateDir)).toEqual([]);
    expect(await readGuildState(s.stateDir, '1')).toMatchObject({ lastSlot: null });
  });

  it('a full disk at start holds the digest and says so in a JSON log line', async () => {
    s = await setup({ fs: faultyFs(disk) });
    disk.state = 'full';
    s.clock.now = at('2026-03-02T04:00:00Z');
    expect(await s.service.startGuild(s.emu.guildId)).toMatchObject({ outcome: 'failed', stage: 'state' });
    expect(s.messages()).toHaveLength(0);
    const held = s.logs.map((l) => JSON.parse(l)).find((l) => l.msg.includes('scheduled digests held'));
    expect(held).toMatchObject({ level: 50, err: { code: 'ENOSPC' } });
  });

  it('a disk that fills during a post: the slot is not posted again after a restart', async () => {
    s = await setup({ fs: faultyFs(disk), poster: turning(disk, 'full') });
    s.clock.now = at('2026-03-02T04:00:00Z');
    expect(await s.service.tick(s.emu.guildId, s.clock.now)).toMatchObject({
      outcome: 'posted',
      recordError: { code: 'ENOSPC' },
    });
    const posted = s.messages().length;
    expect(await temporaryFiles(s.stateDir)).toEqual([]);
    // The process stops; space is freed; it starts again after Discord has forgotten the nonces.
    await s.service.stop();
    disk.state = 'ok';
    await minutesLater(s, 10);
    const restarted = await setup({ emu: s.emu, stateDir: s.stateDir });
    try {
      restarted.clock.now = s.clock.now;
      expect(await restarted.service.startGuild(s.emu.guildId)).toEqual({ outcome: 'already_done' });
      expect(s.messages()).toHaveLength(posted);
      expect(await readGuildState(s.stateDir, s.emu.guildId)).toMatchObject({
        lastSlot: '2026-03-02T04:00:00.000Z',
        pending: null,
      });
    } finally {
      await restarted.close();
    }
  });

  it('a crash mid-post within Discord’s nonce memory: the slot is posted with the same nonces', async () => {
    s = await setup();
    // A claim on disk from a process that died just after it (a minute ago).
    await writeGuildState(s.stateDir, {
      version: 1,
      guildId: s.emu.guildId,
      since: '2026-03-01T00:00:00.000Z',
      settings: null,
      lastSlot: null,
      pending: { slot: '2026-03-02T04:00:00.000Z', claimedAt: '2026-03-02T04:00:00.000Z' },
      lastPost: null,
    });
    s.clock.now = at('2026-03-02T04:01:00Z');
    expect(await s.service.startGuild(s.emu.guildId)).toMatchObject({ outcome: 'posted' });
    expect(await readGuildState(s.stateDir, s.emu.guildId)).toMatchObject({ pending: null });
  });

  it('temporary files a crash left behind are removed at start; a write in progress is not', async () => {
    s = await setup();
    const dir = path.join(s.stateDir, 'guilds');
    await writeGuildState(s.stateDir, {
      version: 1,
      guildId: '1',
      since: '2026-03-01T00:00:00.000Z',
      settings: null,
      lastSlot: null,
      lastPost: null,
    });
    const old = path.join(dir, '.1.json.4242.0123abcd.tmp');
    const fresh = path.join(dir, '.1.json.4243.89abcdef.tmp');
    await writeFile(old, '');
    await writeFile(fresh, '');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(old, hourAgo, hourAgo);
    s.clock.now = new Date();
    await s.store.open(s.clock.now);
    expect(await temporaryFiles(s.stateDir)).toEqual([path.basename(fresh)]);
    expect((await stat(guildStateFile(s.stateDir, '1'))).isFile()).toBe(true);
    await rm(fresh);
  });
});

describe('Discord refusing a post', () => {
  let s: Setup;
  afterEach(async () => {
    await s.close();
  });

  it('Missing Access is not retried: /digest now says at once what Discord said', async () => {
    s = await setup();
    s.emu.injectFault({ method: 'POST', path: POSTS, status: 403, times: 10 });
    const text = noticeText(await carryOut(s, { kind: 'digest.now' }));
    expect(postRequests(s)).toHaveLength(1);
    expect(s.sleeps).toEqual([]);
    expect(text).toMatch(/Discord refused the post: .*HTTP 403/);
    expect(text).toMatch(/send messages and embed links/);
  });

  it('Unknown Channel on a scheduled slot is one request, no back-off, logged as final', async () => {
    s = await setup();
    s.emu.injectFault({ method: 'POST', path: POSTS, status: 404, times: 10 });
    s.clock.now = at('2026-03-02T04:00:00Z');
    expect(await s.service.tick(s.emu.guildId, s.clock.now)).toMatchObject({
      outcome: 'failed',
      stage: 'post',
    });
    expect(postRequests(s)).toHaveLength(1);
    expect(s.sleeps).toEqual([]);
    expect(s.logs.some((l) => l.includes('trying again cannot help'))).toBe(true);
  });
});
