/**
 * The emulator serves a sharded bot as Discord does: `/gateway/bot` recommends a count, each
 * IDENTIFY gets the servers of its shard, `(guild_id >> 22) % shard_count`, and every later
 * dispatch about a server goes to its shard only, whichever process runs it.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Emulator, startEmulator } from '../../emulator/index.js';

const clients: Client[] = [];
let emu: Emulator | undefined;

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await emu?.close();
  emu = undefined;
});

/** A discord.js client running `shards` of `shardCount` (or as many as recommended), logged in. */
async function connect(
  on: Emulator,
  shards: number[] | 'auto',
  shardCount?: number,
): Promise<{ client: Client; interactions: string[] }> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: on.apiUrl },
    shards,
    ...(shardCount ? { shardCount } : {}),
  });
  clients.push(client);
  const interactions: string[] = [];
  client.on(Events.InteractionCreate, (interaction) => interactions.push(interaction.guildId ?? 'dm'));
  const ready = once(client, Events.ClientReady);
  await client.login(on.token);
  await ready;
  return { client, interactions };
}

/** The emulator with `count` servers besides its own, and their shards. */
async function sharded(
  count: number,
): Promise<{ emu: Emulator; guilds: { guildId: string; channelId: string }[] }> {
  const started = await startEmulator({ shards: 4, maxConcurrency: 16 });
  emu = started;
  return { emu: started, guilds: Array.from({ length: count }, (_, i) => started.addGuild(`Server ${i}`)) };
}

describe('a sharded bot on the emulator', () => {
  it('servers made one after another fall on every shard', async () => {
    const { emu, guilds } = await sharded(8);
    expect(new Set(guilds.map((g) => emu.shardOf(g.guildId)))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('two processes split the shards: each holds the servers of its own', async () => {
    const { emu, guilds } = await sharded(12);
    const first = await connect(emu, [0, 1], 4);
    const second = await connect(emu, [2, 3], 4);
    const all = [emu.guildId, ...guilds.map((g) => g.guildId)];
    const ofShards = (shards: number[]) => all.filter((id) => shards.includes(emu.shardOf(id))).sort();
    expect([...first.client.guilds.cache.keys()].sort()).toEqual(ofShards([0, 1]));
    expect([...second.client.guilds.cache.keys()].sort()).toEqual(ofShards([2, 3]));
    expect(emu.readyShards()).toEqual([0, 1, 2, 3]);
  });

  it('an interaction goes to the shard of its server, and only there', async () => {
    const { emu, guilds } = await sharded(8);
    const first = await connect(emu, [0, 1], 4);
    const second = await connect(emu, [2, 3], 4);
    for (const { channelId } of guilds) {
      expect(emu.dispatchInteraction({ type: 'command', name: 'ping', channelId }).delivered).toBe(true);
    }
    const expected = (shards: number[]) =>
      guilds.map((g) => g.guildId).filter((id) => shards.includes(emu.shardOf(id)));
    await expect.poll(() => first.interactions.length + second.interactions.length).toBe(guilds.length);
    expect(first.interactions.sort()).toEqual(expected([0, 1]).sort());
    expect(second.interactions.sort()).toEqual(expected([2, 3]).sort());
  });

  it('shards: auto takes the count /gateway/bot recommends', async () => {
    const { emu } = await sharded(4);
    const { client } = await connect(emu, 'auto');
    expect(client.options.shardCount).toBe(4);
    expect(client.options.shards).toEqual([0, 1, 2, 3]);
    expect(emu.readyShards()).toEqual([0, 1, 2, 3]);
  });

  it('a shard whose process is gone no longer gets its servers’ interactions', async () => {
    const { emu, guilds } = await sharded(8);
    await connect(emu, [0, 1], 4);
    const second = await connect(emu, [2, 3], 4);
    await second.client.destroy();
    await expect.poll(() => emu.readyShards()).toEqual([0, 1]);
    for (const { channelId, guildId } of guilds) {
      const { delivered } = emu.dispatchInteraction({ type: 'command', name: 'ping', channelId });
      expect(delivered).toBe(emu.shardOf(guildId) < 2);
    }
  });

  it('refuses an IDENTIFY for a shard outside its count (close 4010)', async () => {
    const started = await startEmulator();
    emu = started;
    const ws = new WebSocket(`${started.gatewayUrl}/?v=10&encoding=json`);
    await once(ws, 'message');
    ws.send(
      JSON.stringify({ op: 2, d: { token: started.token, intents: 1, properties: {}, shard: [4, 4] } }),
    );
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(4010);
  });
});

describe('nonces', () => {
  it('are forgotten after nonceMemoryMs, as Discord forgets them after a few minutes', async () => {
    const started = await startEmulator({ nonceMemoryMs: 200 });
    emu = started;
    const post = () =>
      fetch(`${started.apiUrl}/v10/channels/${started.channelId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${started.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'digest', nonce: 'slot-1', enforce_nonce: true }),
      }).then((response) => response.json() as Promise<{ id: string }>);
    const first = await post();
    expect((await post()).id).toBe(first.id);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await post()).id).not.toBe(first.id);
    expect(started.channelMessages.get(started.channelId)).toHaveLength(2);
  });
});
