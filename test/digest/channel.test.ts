/**
 * The digest channel belongs to the server and the bot can post there: checked when it is set,
 * and again before every post. The real bot on the emulator, in two servers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InteractionExchange } from '../../emulator/index.js';
import { writeGuildState } from '../../src/store/files.js';
import { type Harness, startHarness } from '../helpers/bot-harness.js';

const SEND_MESSAGES = String(1 << 11);

function text(exchange: InteractionExchange): string {
  const message = exchange.original ?? exchange.callback?.data ?? {};
  return (message.embeds ?? []).flatMap((e) => [e.title, e.description]).join('\n');
}

const digest = (subcommand: string, options: { name: string; type: number; value: string }[] = []) => ({
  type: 'command' as const,
  name: 'digest',
  options: [{ name: subcommand, type: 1, options }],
});
const channelOption = (id: string) => [{ name: 'channel', type: 7, value: id }];

describe('the digest channel', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('a channel of another server is refused, and nothing is saved', async () => {
    const other = h.emu.addGuild('Another server');
    await expect.poll(() => h.bot.client.channels.cache.has(other.channelId)).toBe(true);
    const reply = await h.emu.sendInteraction(digest('set', channelOption(other.channelId)));
    expect(text(reply)).toMatch(/Digest not set[\s\S]*is not a channel of this server/);
    expect(await h.bot.digests.settings(h.emu.guildId)).toBeNull();
    const now = await h.emu.sendInteraction(digest('now'));
    expect(text(now)).toMatch(/No digest scheduled/);
    expect(h.emu.channelMessages.get(other.channelId) ?? []).toHaveLength(0);
  });

  it('a channel of another server saved earlier is never posted in', async () => {
    const other = h.emu.addGuild('Another server');
    await expect.poll(() => h.bot.client.channels.cache.has(other.channelId)).toBe(true);
    await writeGuildState(h.stateDir, {
      version: 1,
      guildId: h.emu.guildId,
      since: '2026-03-01T00:00:00.000Z',
      settings: {
        enabled: true,
        channelId: other.channelId,
        cron: '0 9 * * *',
        timeZone: 'Asia/Karachi',
        incident: null,
        mode: 'always',
        activeSince: '2026-03-01T00:00:00.000Z',
      },
      lastSlot: null,
      lastPost: null,
    });
    const now = await h.emu.sendInteraction(digest('now'));
    expect(text(now)).toMatch(/Digest not posted[\s\S]*not in this server/);
    expect(h.emu.channelMessages.get(other.channelId) ?? []).toHaveLength(0);
  });

  it('a channel where the bot may not send messages is refused, naming what is missing', async () => {
    // The bot as a plain member (no administrator role), and a channel closed to @everyone.
    h.emu.setBotPermissions('0');
    h.emu.setChannelOverwrites(h.emu.otherChannelId, [
      { id: h.emu.guildId, type: 0, allow: '0', deny: SEND_MESSAGES },
    ]);
    await expect
      .poll(() => {
        const channel = h.bot.client.channels.cache.get(h.emu.otherChannelId);
        return channel && 'permissionOverwrites' in channel ? channel.permissionOverwrites.cache.size : 0;
      })
      .toBe(1);
    const refused = await h.emu.sendInteraction(digest('set', channelOption(h.emu.otherChannelId)));
    expect(text(refused)).toMatch(/cannot post in <#\d+>: it needs Send Messages there/);
    const accepted = await h.emu.sendInteraction(digest('set', channelOption(h.emu.channelId)));
    expect(text(accepted)).toMatch(/Digest scheduled/);
  });

  it('permissions lost after the channel was set: Discord’s refusal is reported at once', async () => {
    await h.emu.sendInteraction(digest('set', channelOption(h.emu.otherChannelId)));
    h.emu.setBotPermissions('0');
    h.emu.setChannelOverwrites(h.emu.otherChannelId, [
      { id: h.emu.guildId, type: 0, allow: '0', deny: SEND_MESSAGES },
    ]);
    const now = await h.emu.sendInteraction(digest('now'));
    expect(text(now)).toMatch(/Discord refused the post: Missing Permissions/);
    const posts = h.emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(posts.map((r) => r.status)).toEqual([403]);
  });
});
