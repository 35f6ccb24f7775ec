import { once } from 'node:events';
import { inflateSync, constants as zlibConstants } from 'node:zlib';
import {
  AttachmentBuilder,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  type TextChannel,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Emulator, startEmulator } from '../../emulator/index.js';

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CHANNEL_MESSAGES = /^\/channels\/\d+\/messages$/;

/** The bot under test: a tiny command router written against the real discord.js API. */
async function handle(i: Interaction): Promise<void> {
  if (i.isAutocomplete()) {
    const focused = i.options.getFocused();
    const choices = ['alpha', 'beta', 'gamma'].filter((c) => c.startsWith(focused));
    await i.respond(choices.map((c) => ({ name: c, value: c })));
    return;
  }
  if (i.isMessageContextMenuCommand()) {
    await i.reply({ content: `Quoted: ${i.targetMessage.content}` });
    return;
  }
  if (i.isUserContextMenuCommand()) {
    await i.reply({ content: `User: ${i.targetUser.username}`, flags: MessageFlags.Ephemeral });
    return;
  }
  if (i.isButton()) {
    await i.update({ content: `clicked ${i.customId}` });
    return;
  }
  if (!i.isChatInputCommand()) return;
  switch (i.commandName) {
    case 'embed':
      await i.reply({
        embeds: [
          new EmbedBuilder()
            .setTitle('Briefing')
            .setDescription('All quiet')
            .addFields({ name: 'Source', value: 'report-1' }),
        ],
      });
      return;
    case 'slow':
      await i.deferReply();
      await i.editReply({ content: 'done' });
      await i.followUp({ content: 'more', flags: MessageFlags.Ephemeral });
      return;
    case 'legacy-followup':
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.followUp({ content: 'only a follow-up' });
      return;
    case 'secret':
      await i.reply({ content: 'psst', flags: MessageFlags.Ephemeral });
      return;
    case 'digest': {
      const sub = i.options.getSubcommand();
      const cron = i.options.getString('cron', true);
      const channel = i.options.getChannel('channel');
      const canManage = i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
      await i.reply({ content: `${sub} cron=${cron} channel=${channel?.id ?? 'none'} manage=${canManage}` });
      return;
    }
    case 'file':
      await i.reply({
        content: 'see file',
        files: [new AttachmentBuilder(Buffer.from('hello'), { name: 'hello.txt' })],
      });
      return;
    case 'with-response': {
      const response = await i.reply({ content: 'first', withResponse: true });
      const fetched = await i.fetchReply();
      await i.followUp({ content: `resource=${response.resource?.message?.content} fetched=${fetched.id}` });
      return;
    }
    case 'vanish':
      await i.deferReply();
      await i.deleteReply();
      return;
    case 'where':
      await i.reply({ content: `dm=${!i.inGuild()} member=${i.member !== null} user=${i.user.username}` });
      return;
    default:
      await i.reply({ content: `pong ${i.commandName}` });
  }
}

describe('Discord emulator with a real discord.js client', () => {
  let emu: Emulator;
  let client: Client;
  const botErrors: unknown[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ heartbeatIntervalMs: 200 });
    client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: emu.apiUrl },
      // discord.js spaces identifies 5 s apart (Discord's identify rate limit); the
      // re-identify test would wait for it, so skip the throttle here.
      ws: { buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: () => Promise.resolve() }) },
    });
    client.on(Events.InteractionCreate, (interaction) => {
      handle(interaction).catch((error: unknown) => botErrors.push(error));
    });
    const ready = once(client, Events.ClientReady);
    await client.login(emu.token);
    await ready;
    await emu.waitForReady();
  });

  afterEach(() => {
    emu.clearFaults();
    expect(botErrors).toEqual([]);
  });

  afterAll(async () => {
    await client?.destroy();
    await emu?.close();
  });

  it('logs in: GET /gateway/bot, identify, READY and GUILD_CREATE cached by discord.js', async () => {
    expect(emu.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', version: 10, status: 200 });
    expect(emu.gatewayStats.identifies).toBe(1);
    expect(emu.gatewayStats.connections).toBe(1);
    expect(client.user?.id).toBe(emu.botUserId);
    expect(client.application?.id).toBe(emu.applicationId);
    const guild = client.guilds.cache.get(emu.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.map((c) => c.id).sort()).toEqual([emu.channelId, emu.otherChannelId].sort());
    expect(guild?.members.me?.id).toBe(emu.botUserId);
    await expect.poll(() => emu.gatewayStats.heartbeats, { timeout: 5000 }).toBeGreaterThan(0);
  });

  it('chat input command answered with an embed', async () => {
    const ex = await emu.sendInteraction({ type: 'command', name: 'embed' });
    expect(ex.callback?.type).toBe(4);
    expect(ex.callback?.data?.embeds?.[0]).toMatchObject({
      title: 'Briefing',
      description: 'All quiet',
      fields: [{ name: 'Source', value: 'report-1' }],
    });
    expect(ex.original?.embeds?.[0]?.title).toBe('Briefing');
    expect(ex.ephemeral).toBe(false);
    const recorded = emu.requests.find((r) => r.path === `/interactions/${ex.id}/${ex.token}/callback`);
    expect(recorded).toMatchObject({ method: 'POST', status: 204, query: { with_response: 'false' } });
    expect(recorded?.headers.authorization).toBeUndefined();
  });

  it('deferred reply, editReply and followUp', async () => {
    const ex = await emu.sendInteraction({ type: 'command', name: 'slow' }, { followUps: 1 });
    expect(ex.callback?.type).toBe(5);
    expect(ex.edits).toHaveLength(1);
    expect(ex.original?.content).toBe('done');
    expect((ex.original?.flags ?? 0) & 128).toBe(0); // no longer loading
    expect(ex.followUps).toHaveLength(1);
    expect(ex.followUps[0]).toMatchObject({ content: 'more', flags: 64 });
    expect(ex.ephemeral).toBe(false);
  });

  it('a follow-up right after a deferral edits the loading message, as Discord does', async () => {
    const ex = await emu.sendInteraction({ type: 'command', name: 'legacy-followup' });
    expect(ex.callback).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(ex.followUps).toHaveLength(0);
    expect(ex.original).toMatchObject({ content: 'only a follow-up', flags: 64 });
    expect(ex.ephemeral).toBe(true);
  });

  it('autocomplete respond', async () => {
    const ex = await emu.sendInteraction({
      type: 'autocomplete',
      name: 'search',
      options: [{ name: 'query', type: 3, value: 'be', focused: true }],
    });
    expect(ex.callback).toEqual({ type: 8, data: { choices: [{ name: 'beta', value: 'beta' }] } });
  });

  it('ephemeral reply', async () => {
    const ex = await emu.sendInteraction({ type: 'command', name: 'secret' });
    expect(ex.ephemeral).toBe(true);
    expect(ex.callback?.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(ex.original?.content).toBe('psst');
  });

  it('message context menu command sees the target message', async () => {
    const ex = await emu.sendInteraction({
      type: 'message-context',
      name: 'Quote this',
      targetMessage: { content: 'GDP grew 2.1% in Q3' },
    });
    expect(ex.callback?.data?.content).toBe('Quoted: GDP grew 2.1% in Q3');
  });

  it('user context menu command', async () => {
    const ex = await emu.sendInteraction({ type: 'user-context', name: 'Profile' });
    expect(ex.callback?.data?.content).toBe('User: tester');
    expect(ex.ephemeral).toBe(true);
  });

  it('subcommands, resolved channel option and member permissions', async () => {
    const options = [
      {
        name: 'set',
        type: 1,
        options: [
          { name: 'cron', type: 3, value: '0 8 * * 1' },
          { name: 'channel', type: 7, value: emu.otherChannelId },
        ],
      },
    ];
    const admin = await emu.sendInteraction({ type: 'command', name: 'digest', options });
    expect(admin.callback?.data?.content).toBe(
      `set cron=0 8 * * 1 channel=${emu.otherChannelId} manage=true`,
    );
    const member = await emu.sendInteraction({ type: 'command', name: 'digest', options, permissions: '0' });
    expect(member.callback?.data?.content).toContain('manage=false');
  });

  it('reply withResponse, fetchReply, and deleteReply', async () => {
    const ex = await emu.sendInteraction({ type: 'command', name: 'with-response' }, { followUps: 1 });
    expect(ex.followUps[0]?.content).toBe(`resource=first fetched=${ex.original?.id}`);
    const callback = emu.requests.find((r) => r.path.startsWith(`/interactions/${ex.id}/`));
    expect(callback).toMatchObject({ status: 200, query: { with_response: 'true' } });

    const gone = await emu.sendInteraction({ type: 'command', name: 'vanish' });
    expect(gone.deleted).toBe(true);
    expect(gone.original).toBeUndefined();
  });

  it('DM interaction carries `user` instead of `member`', async () => {
    const ex = await emu.sendInteraction({ type: 'command', name: 'where', guild: false });
    expect(ex.callback?.data?.content).toBe('dm=true member=false user=tester');
  });

  it('reply with a file is sent as multipart and parsed from payload_json', async () => {
    const ex = await emu.sendInteraction({ type: 'command', name: 'file' });
    expect(ex.callback?.data?.content).toBe('see file');
    expect(ex.original?.attachments?.[0]).toMatchObject({ filename: 'hello.txt', size: 5 });
    const recorded = emu.requests.find((r) => r.path.startsWith(`/interactions/${ex.id}/`));
    expect(recorded?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(recorded?.files).toMatchObject([{ field: 'files[0]', filename: 'hello.txt', size: 5 }]);
    expect(recorded?.body).toMatchObject({
      type: 4,
      data: { content: 'see file', attachments: [{ id: '0' }] },
    });
  });

  it('component interaction updated with type 7', async () => {
    const channel = (await client.channels.fetch(emu.channelId)) as TextChannel;
    const sent = await channel.send({
      content: 'press the button',
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Refresh', custom_id: 'refresh' }] }],
    });
    const ex = await emu.sendInteraction({ type: 'component', customId: 'refresh', messageId: sent.id });
    expect(ex.callback?.type).toBe(7);
    const stored = emu.channelMessages.get(emu.channelId)?.find((m) => m.id === sent.id);
    expect(stored?.content).toBe('clicked refresh');
  });

  it('channel.send with nonce + enforceNonce twice stores one message', async () => {
    const channel = (await client.channels.fetch(emu.otherChannelId)) as TextChannel;
    const before = emu.channelMessages.get(emu.otherChannelId)?.length ?? 0;
    const a = await channel.send({
      content: 'digest for monday',
      nonce: 'digest-2024-w01',
      enforceNonce: true,
    });
    const b = await channel.send({
      content: 'digest for monday',
      nonce: 'digest-2024-w01',
      enforceNonce: true,
    });
    expect(b.id).toBe(a.id);
    expect(emu.channelMessages.get(emu.otherChannelId)).toHaveLength(before + 1);
    const fetched = await channel.messages.fetch({ limit: 10 });
    expect(fetched.first()?.id).toBe(a.id);
    const refreshed = await client.channels.fetch(emu.otherChannelId, { force: true });
    expect(refreshed?.id).toBe(emu.otherChannelId);
    expect(emu.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `/channels/${emu.otherChannelId}`,
      status: 200,
    });
  });

  it('429 on the interaction callback: discord.js waits retry_after and retries', async () => {
    emu.injectFault({ method: 'POST', path: CALLBACK, status: 429, retryAfterSeconds: 0.05 });
    const ex = await emu.sendInteraction({ type: 'command', name: 'ping' });
    expect(ex.callback?.data?.content).toBe('pong ping');
    const attempts = emu.requests.filter((r) => r.path.startsWith(`/interactions/${ex.id}/`));
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[0]?.response).toEqual({
      message: 'You are being rate limited.',
      retry_after: 0.05,
      global: false,
    });
  });

  it('500 on message create: discord.js retries and exactly one message is stored', async () => {
    const channel = (await client.channels.fetch(emu.channelId)) as TextChannel;
    const before = emu.channelMessages.get(emu.channelId)?.length ?? 0;
    emu.injectFault({ method: 'POST', path: CHANNEL_MESSAGES, status: 500 });
    const message = await channel.send('after a hiccup');
    expect(emu.channelMessages.get(emu.channelId)).toHaveLength(before + 1);
    expect(emu.channelMessages.get(emu.channelId)?.at(-1)?.id).toBe(message.id);
    const creates = emu.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${emu.channelId}/messages`,
    );
    expect(creates.slice(-2).map((r) => [r.status, r.faulted])).toEqual([
      [500, true],
      [200, false],
    ]);
  });

  it('delayMs delays a normal answer', async () => {
    emu.injectFault({ method: 'GET', path: /^\/users\/@me$/, delayMs: 50 });
    const me = (await client.rest.get(Routes.user('@me'))) as { id: string };
    expect(me.id).toBe(emu.botUserId);
  });

  it("dropGateway('close'): the client resumes and gets the interaction dispatched meanwhile", async () => {
    const { identifies, resumes } = emu.gatewayStats;
    emu.dropGateway('close');
    const ex = await emu.sendInteraction({ type: 'command', name: 'after-close' });
    expect(ex.callback?.data?.content).toBe('pong after-close');
    expect(emu.gatewayStats.resumes).toBe(resumes + 1);
    expect(emu.gatewayStats.identifies).toBe(identifies);
  });

  it("dropGateway('destroy'): the client resumes after the socket is killed", async () => {
    const { resumes } = emu.gatewayStats;
    emu.dropGateway('destroy');
    await emu.waitForReady();
    const ex = await emu.sendInteraction({ type: 'command', name: 'after-destroy' });
    expect(ex.callback?.data?.content).toBe('pong after-destroy');
    expect(emu.gatewayStats.resumes).toBe(resumes + 1);
  });

  it("dropGateway('reconnect'): op 7, the client reconnects and resumes", async () => {
    const { resumes, connections } = emu.gatewayStats;
    emu.dropGateway('reconnect');
    const ex = await emu.sendInteraction({ type: 'command', name: 'after-reconnect' });
    expect(ex.callback?.data?.content).toBe('pong after-reconnect');
    expect(emu.gatewayStats.resumes).toBe(resumes + 1);
    expect(emu.gatewayStats.connections).toBe(connections + 1);
  });

  it("dropGateway('invalidate'): the client identifies again", async () => {
    const { identifies } = emu.gatewayStats;
    emu.dropGateway('invalidate');
    await emu.waitForReady();
    expect(emu.gatewayStats.identifies).toBe(identifies + 1);
    const ex = await emu.sendInteraction({ type: 'command', name: 'after-invalidate' });
    expect(ex.callback?.data?.content).toBe('pong after-invalidate');
  });

  it('validation: oversize embed, long content, empty message, embed total', async () => {
    const post = (body: unknown) => client.rest.post(Routes.channelMessages(emu.channelId), { body });
    const error = await post({ embeds: [{ description: 'x'.repeat(4097) }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 400, code: 50035 });
    expect((error as DiscordAPIError).rawError).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        embeds: {
          '0': {
            description: {
              _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 4096 or fewer in length.' }],
            },
          },
        },
      },
    });
    await expect(post({ content: 'y'.repeat(2001) })).rejects.toMatchObject({ code: 50035 });
    await expect(post({ content: '' })).rejects.toMatchObject({ status: 400, code: 50006 });
    const big = Array.from({ length: 2 }, () => ({ description: 'z'.repeat(3001) }));
    await expect(post({ embeds: big })).rejects.toMatchObject({ code: 50035 });
    await expect(post({ content: '🙂'.repeat(2000) })).resolves.toMatchObject({ content: '🙂'.repeat(2000) });
    await expect(
      client.rest.post(Routes.channelMessages('1'), { body: { content: 'nowhere' } }),
    ).rejects.toMatchObject({ status: 404, code: 10003 });
  });

  it('authorization and interaction error codes', async () => {
    const unauthorized = await fetch(`${emu.apiUrl}/v10/users/@me`);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({ message: '401: Unauthorized', code: 0 });

    const ex = await emu.sendInteraction({ type: 'command', name: 'twice' });
    const again = await fetch(`${emu.apiUrl}/v10/interactions/${ex.id}/${ex.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'second' } }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      message: 'Interaction has already been acknowledged.',
      code: 40060,
    });

    const unknown = await fetch(`${emu.apiUrl}/v10/interactions/1/nope/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 5 }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Unknown interaction', code: 10062 });
  });

  it('command registration stores definitions; invalid ones get 400', async () => {
    const app = client.application;
    if (!app) throw new Error('no application');
    const registered = await app.commands.set([
      {
        name: 'digest',
        description: 'Configure the digest',
        defaultMemberPermissions: PermissionFlagsBits.ManageGuild,
        options: [
          {
            type: 1,
            name: 'set',
            description: 'Set the schedule',
            options: [{ type: 3, name: 'cron', description: 'Cron expression', required: true }],
          },
        ],
      },
      { type: 3, name: 'Quote this' },
    ]);
    expect(registered.size).toBe(2);
    expect(emu.commands.global).toHaveLength(2);
    expect(emu.commands.global[0]).toMatchObject({
      name: 'digest',
      default_member_permissions: '32',
      application_id: emu.applicationId,
    });
    const digestId = registered.find((c) => c.name === 'digest')?.id;

    // Same name keeps its id on overwrite, like Discord.
    const again = await app.commands.set([{ name: 'digest', description: 'Configure the digest (v2)' }]);
    expect(again.first()?.id).toBe(digestId);
    expect(emu.commands.global).toHaveLength(1);

    // Interactions carry the registered command id.
    const ex = await emu.sendInteraction({ type: 'command', name: 'ping-registered' });
    expect(ex.callback?.type).toBe(4);

    const guild = client.guilds.cache.get(emu.guildId);
    await guild?.commands.set([{ name: 'ping', description: 'Ping' }]);
    expect(emu.commands.guild.get(emu.guildId)).toMatchObject([{ name: 'ping', guild_id: emu.guildId }]);

    const bad = await app.commands.set([{ name: 'Bad Name', description: 'x' }]).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 50035 });
    expect((bad as DiscordAPIError).rawError).toMatchObject({
      errors: { '0': { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } },
    });
    const badOrder = await client.rest
      .put(Routes.applicationCommands(emu.applicationId), {
        body: [
          {
            name: 'order',
            description: 'required after optional',
            options: [
              { type: 3, name: 'a', description: 'a' },
              { type: 3, name: 'b', description: 'b', required: true },
            ],
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(badOrder).toMatchObject({ code: 50035 });
    // A rejected overwrite leaves the registered commands untouched.
    expect(emu.commands.global).toHaveLength(1);
  });
});

describe('emulator without a discord.js client', () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it('a form submitted (modal) may be answered with a message, not with another form', async () => {
    emu = await startEmulator();
    const callback = async (body: unknown) => {
      const { id, token } = (emu as Emulator).dispatchInteraction({ type: 'modal', customId: 'form' });
      return fetch(`${(emu as Emulator).apiUrl}/v10/interactions/${id}/${token}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    };
    const modal = { custom_id: 'again', title: 'Again', components: [{ type: 1, components: [] }] };
    expect((await callback({ type: 9, data: modal })).status).toBe(400);
    expect((await callback({ type: 4, data: { content: 'thanks' } })).status).toBe(204);
  });

  it('refuses a callback after the 3 s deadline (here shortened)', async () => {
    emu = await startEmulator({ interactionDeadlineMs: 30 });
    const { id, token } = emu.dispatchInteraction({ type: 'command', name: 'late' });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const res = await fetch(`${emu.apiUrl}/v10/interactions/${id}/${token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'too late' } }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 10062 });
  });

  it('gateway: bad token closes with 4004; zlib-stream transport compression works', async () => {
    const e = await startEmulator();
    emu = e;
    const bad = new WebSocket(`${e.gatewayUrl}?v=10&encoding=json`);
    bad.on('message', () =>
      bad.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } })),
    );
    const [code] = (await once(bad, 'close')) as [number];
    expect(code).toBe(4004);

    const ws = new WebSocket(`${e.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const frames: Buffer[] = [];
    const payloads: Array<{ op: number; t?: string }> = [];
    ws.on('message', (data: Buffer) => {
      frames.push(data);
      // One zlib context for the whole connection: inflate everything received so far.
      const text = inflateSync(Buffer.concat(frames), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString();
      const all = text.replace(/}{"op"/g, '}\n{"op"').split('\n');
      const last = all.at(-1);
      if (last) payloads.push(JSON.parse(last) as { op: number; t?: string });
      if (payloads.length === 1)
        ws.send(JSON.stringify({ op: 2, d: { token: e.token, intents: 1, properties: {} } }));
    });
    await expect
      .poll(() => payloads.map((p) => p.t ?? p.op), { timeout: 5000 })
      .toEqual([10, 'READY', 'GUILD_CREATE']);
    ws.close();
  });
});
