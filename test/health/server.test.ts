/**
 * The health endpoint on the real bot: what a container platform's probe gets while the bot is
 * connected, after a digest, and once it has stopped; and what it gets for anything else.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botHealth, type HealthReport } from '../../src/discord/health.js';
import { type HealthServer, startHealthServer } from '../../src/health/server.js';
import type { LiveDataset } from '../../src/reload/live.js';
import { readable } from '../commands/support.js';
import { type Harness, startHarness } from '../helpers/bot-harness.js';
import { messageText } from '../helpers/components.js';

describe('the health endpoint', () => {
  let h: Harness;
  let health: HealthServer;
  beforeEach(async () => {
    h = await startHarness();
    health = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      logger: h.logger,
      check: () => botHealth(h.bot, h.served.status()),
    });
  });
  afterEach(async () => {
    await health.close();
    await h.close();
  });

  const get = async (path = '/health', method = 'GET') => {
    const response = await fetch(new URL(path, health.url), { method });
    const text = await response.text();
    return { status: response.status, response, body: text ? JSON.parse(text) : undefined };
  };

  it('listens on 127.0.0.1 and answers 200 with the gateway, the dataset and each server', async () => {
    expect(health.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/health$/);
    const { status, response, body } = await get();
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = body as HealthReport;
    expect(report.status).toBe('ok');
    expect(report.gateway).toMatchObject({ status: 'Ready', guilds: 1 });
    expect(report.dataset).toMatchObject({
      version: h.dataset.version,
      sources: h.dataset.sources.length,
      claims: h.dataset.claims.length,
      refused: null,
      watch: { mode: 'off', problem: null },
    });
    expect(Date.parse(report.dataset.loadedAt)).not.toBeNaN();
    expect(report.digests).toEqual([
      { guild: h.emu.guildId, lastPostedAt: null, late: false, problem: null },
    ]);
  });

  it('reports each server’s last digest once one is posted', async () => {
    await h.emu.sendInteraction({
      type: 'command',
      name: 'digest',
      options: [{ name: 'set', type: 1, options: [{ name: 'channel', type: 7, value: h.emu.channelId }] }],
    });
    await h.emu.sendInteraction({ type: 'command', name: 'digest', options: [{ name: 'now', type: 1 }] });
    const { body } = await get();
    const [server] = (body as HealthReport).digests;
    expect(server?.guild).toBe(h.emu.guildId);
    expect(Date.parse(server?.lastPostedAt ?? '')).not.toBeNaN();
  });

  it('answers 503 while the gateway reconnects, and 200 once it is back', async () => {
    h.emu.dropGateway('close');
    // discord.js waits before it reconnects: the probe sees the gap, then the connection back.
    await expect.poll(async () => (await get()).status).toBe(503);
    expect((await get()).body.gateway.status).not.toBe('Ready');
    await expect.poll(async () => (await get()).status, { timeout: 10_000 }).toBe(200);
    expect(h.emu.gatewayStats.identifies + h.emu.gatewayStats.resumes).toBeGreaterThan(1);
  });

  it('answers 503 once the bot is no longer connected', async () => {
    await h.bot.stop();
    const { status, body } = await get();
    expect(status).toBe(503);
    expect((body as HealthReport).status).toBe('unavailable');
    expect((body as HealthReport).gateway.status).not.toBe('Ready');
  });

  it('answers HEAD with the status alone, and other paths and methods with 404 and 405', async () => {
    const head = await get('/health', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
    expect((await get('/')).status).toBe(404);
    expect((await get('/health/../secrets')).status).toBe(404);
    const post = await get('/health', 'POST');
    expect(post.status).toBe(405);
    expect(post.response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('says degraded (still 200) when the data folder cannot be watched, and /digest status says so', async () => {
    const live = h.served as LiveDataset;
    // fs.watch as it fails when the kernel has no inotify watches left: nothing real can be made to.
    const outOfWatches = (() => {
      throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), {
        code: 'ENOSPC',
      });
    }) as unknown as typeof import('node:fs').watch;
    live.watch({ watch: outOfWatches });
    try {
      const { status, body } = await get();
      expect(status).toBe(200);
      expect((body as HealthReport).status).toBe('degraded');
      expect((body as HealthReport).dataset.watch).toEqual({
        mode: 'polling',
        problem: expect.stringContaining('the dataset folder cannot be watched (ENOSPC'),
      });
      const exchange = await h.emu.sendInteraction({
        type: 'command',
        name: 'digest',
        options: [{ name: 'status', type: 1 }],
      });
      expect(readable(messageText(exchange.original ?? exchange.callback?.data ?? {}))).toMatch(
        /⚠️ Live reload: the dataset folder cannot be watched \(ENOSPC, no inotify watches left\), so it is checked every 2 s instead\. SIGHUP reloads at once\./,
      );
    } finally {
      live.stopWatching();
    }
    expect((await get()).body.status).toBe('ok');
  });
});
