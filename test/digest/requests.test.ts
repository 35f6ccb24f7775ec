/**
 * Carrying out what `/digest status|set|off|now` ask for, as the Discord adapter hands it over:
 * the digest service on the emulator, real state files, the answers as the asker reads them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/briefing/model.js';
import { carryOutDigestRequest, type DigestRequest, type RequestContext } from '../../src/digest/requests.js';
import { at, type Setup, setup } from '../helpers/digest-setup.js';

/** The text of an answer: its title, description and lines. */
function textOf(briefing: Briefing): string {
  return [briefing.title, briefing.description, ...briefing.sections.flatMap((section) => section.lines)]
    .filter((part) => part !== undefined)
    .join('\n');
}

describe('digest requests', () => {
  let s: Setup;
  let context: RequestContext;
  const carryOut = async (request: DigestRequest) =>
    textOf(await carryOutDigestRequest(request, s.service, context));
  beforeEach(async () => {
    s = await setup();
    s.clock.now = at('2026-03-02T05:00:00Z');
    context = { guildId: s.emu.guildId, requestId: '1', now: s.clock.now };
  });
  afterEach(async () => {
    await s.close();
  });

  it('/digest set keeps the server’s current cron, zone and mode for options left out', async () => {
    await carryOut({
      kind: 'digest.set',
      channelId: s.emu.channelId,
      cron: '30 7 * * 1',
      timeZone: 'Europe/London',
      mode: 'changed',
    });
    const answer = await carryOut({ kind: 'digest.set', channelId: s.emu.otherChannelId });
    expect(await s.service.settings(s.emu.guildId)).toMatchObject({
      channelId: s.emu.otherChannelId,
      cron: '30 7 * * 1',
      timeZone: 'Europe/London',
      mode: 'changed',
    });
    // 05:00 UTC on Monday 2 March: 07:30 in London (on UTC then) is later the same day.
    const next = at('2026-03-02T07:30:00Z').getTime() / 1000;
    expect(answer).toContain(`Next digest <t:${next}:F>`);
    expect(answer).toMatch(
      /Digest scheduled\nPosting in <#\d+> on `30 7 \* \* 1` \(Europe\/London\), only when/,
    );
  });

  it('/digest set leaves out options a server never set: the bot’s defaults apply', async () => {
    await carryOut({ kind: 'digest.set', channelId: s.emu.otherChannelId });
    expect(await s.service.settings(s.emu.guildId)).toMatchObject({
      ...s.service.defaults,
      channelId: s.emu.otherChannelId,
      incident: null,
      activeSince: s.clock.now.toISOString(),
    });
  });

  it('a channel the adapter finds unfit is refused, and nothing is saved', async () => {
    context.channelProblem = async (channelId) => `<#${channelId}> is not a channel of this server.`;
    const answer = await carryOut({ kind: 'digest.set', channelId: s.emu.otherChannelId, cron: '0 7 * * *' });
    expect(answer).toBe(`Digest not set\n<#${s.emu.otherChannelId}> is not a channel of this server.`);
    expect((await s.service.state(s.emu.guildId)).settings).toBeNull();
  });

  it('/digest off stops the schedule, and status then says it is not scheduled', async () => {
    expect(await carryOut({ kind: 'digest.off' })).toMatch(/^Digest off\nScheduled digests are stopped/);
    expect(await s.service.nextRun(s.emu.guildId)).toBeNull();
    const status = await carryOut({ kind: 'digest.status' });
    expect(status).toMatch(/^Digest status\nNo digest is scheduled for this server/);
    expect(status).toContain('Last post: none yet');
  });

  it('/digest now posts, and status then names the post and the next run', async () => {
    expect(await carryOut({ kind: 'digest.now' })).toMatch(/^Digest posted\nPosted in [12] message\(s\)\.$/);
    expect(s.messages().length).toBeGreaterThan(0);
    const status = await carryOut({ kind: 'digest.status' });
    expect(status).toContain(`Channel: <#${s.emu.channelId}> (from the bot’s defaults)`);
    expect(status).toContain(`Next run: <t:${at('2026-03-03T04:00:00Z').getTime() / 1000}:F>`);
    expect(status).toMatch(/Last post: <t:\d+:F> in <#\d+>, [12] message\(s\)/);
  });

  it('an effect that is not a digest request is refused, not guessed at', async () => {
    await expect(carryOutDigestRequest({ kind: 'digest.restart' }, s.service, context)).rejects.toThrow();
    expect(s.emu.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
