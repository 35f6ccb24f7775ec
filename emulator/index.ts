/**
 * Discord API emulator for end-to-end tests: REST (node:http) and gateway (ws) on 127.0.0.1.
 * The one entry point for tests and the benchmark; what it covers is in README.md beside it.
 *
 *   const emu = await startEmulator({ heartbeatIntervalMs: 1000 });
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
 *   await client.login(emu.token);
 *   await emu.waitForReady();
 *   const exchange = await emu.sendInteraction({ type: 'command', name: 'ping' });
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachmentsOf } from './attachments.js';
import { Gateway, shardOfGuild } from './gateway.js';
import { InteractionTracker, snapshot } from './interactions.js';
import { RestServer } from './server.js';
import { EmulatorState } from './state.js';
import type { Emulator, EmulatorOptions, InteractionInput, WaitForInteractionOptions } from './types.js';

export { AttachmentLimits } from './attachments.js';
export { ALL_PERMISSIONS } from './state.js';
export type * from './types.js';
/** Discord's checks of payloads, for tests of payloads built without a running emulator. */
export {
  FormErrors,
  validateAttachments,
  validateAutocompleteChoices,
  validateCommandList,
  validateMessageBody,
} from './validate.js';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  let port = 0;
  const origin = (): string => `http://127.0.0.1:${port}`;
  const state = new EmulatorState({
    token: opts.token ?? 'test-token',
    fileUrl: origin,
    ...(opts.uploadLimitBytes !== undefined ? { uploadLimitBytes: opts.uploadLimitBytes } : {}),
    ...(opts.applicationId !== undefined ? { applicationId: opts.applicationId } : {}),
    ...(opts.guildName !== undefined ? { guildName: opts.guildName } : {}),
    ...(opts.nonceMemoryMs !== undefined ? { nonceMemoryMs: opts.nonceMemoryMs } : {}),
  });
  const gatewayUrl = (): string => `ws://127.0.0.1:${port}`;
  const shards = opts.shards ?? 1;
  const gateway = new Gateway(state, {
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
    url: gatewayUrl,
  });
  const tracker = new InteractionTracker(state, (event, data) => gateway.dispatch(event, data));
  const rest = new RestServer(state, tracker, gateway, {
    interactionDeadlineMs: opts.interactionDeadlineMs ?? 3000,
    gatewayUrl,
    shards,
    maxConcurrency: opts.maxConcurrency ?? 1,
  });

  const server = createServer(rest.listener);
  gateway.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;

  const emulator: Emulator = {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    port,
    token: state.token,
    applicationId: state.applicationId,
    botUserId: state.botUserId,
    userId: state.ownerUserId,
    guildId: state.guildId,
    channelId: state.channelId,
    otherChannelId: state.otherChannelId,
    requests: rest.requests,
    channelMessages: state.channelMessages,
    commands: state.commands,
    gatewayStats: gateway.stats,
    waitForReady: (timeoutMs) => gateway.waitForReady(timeoutMs),
    dispatchInteraction(input: InteractionInput) {
      const rec = tracker.dispatch(input);
      return { id: rec.id, token: rec.token, delivered: rec.delivered };
    },
    waitForInteraction: (id: string, waitOpts?: WaitForInteractionOptions) => tracker.waitFor(id, waitOpts),
    sendInteraction(input: InteractionInput, waitOpts?: WaitForInteractionOptions) {
      const rec = tracker.dispatch(input);
      return tracker.waitFor(rec.id, waitOpts);
    },
    getInteraction(id: string) {
      const rec = tracker.records.get(id);
      return rec ? snapshot(rec) : undefined;
    },
    dispatch: (event, data) => gateway.dispatch(event, data),
    injectFault: (fault) => rest.injectFault(fault),
    clearFaults: () => rest.clearFaults(),
    forgetNonces: () => state.nonces.clear(),
    attachmentBytes(messageId, filename) {
      const message = tracker.findMessage(messageId)?.message;
      if (!message) throw new Error(`emulator: the bot sent no message ${messageId}`);
      const upload = state.uploadOf(message, filename);
      if (!upload) {
        const names = attachmentsOf(message).map((a) => a.filename);
        throw new Error(
          `emulator: message ${messageId} has no attachment ${filename} (it has: ${names.join(', ') || 'none'})`,
        );
      }
      return Buffer.from(upload.data);
    },
    botRoleId: state.botRoleId,
    addGuild(name = 'Other Guild') {
      const { guildId, channelId, payload } = state.addGuild(name);
      gateway.dispatch('GUILD_CREATE', payload);
      return { guildId, channelId };
    },
    setBotPermissions(permissions) {
      const role = { ...(state.roles.get(state.botRoleId) ?? {}), permissions };
      state.roles.set(state.botRoleId, role);
      gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: state.guildId, role });
    },
    setChannelOverwrites(channelId, overwrites) {
      const channel = state.channels.get(channelId);
      if (!channel) throw new Error(`emulator: no channel ${channelId}`);
      channel.permission_overwrites = overwrites;
      gateway.dispatch('CHANNEL_UPDATE', channel);
    },
    dropGateway: (mode, shardId) => gateway.drop(mode, shardId),
    readyShards: () => gateway.readyShards(),
    shardOf: (guildId) => shardOfGuild(guildId, shards),
    close() {
      closed ??= (async () => {
        rest.close();
        tracker.rejectAll();
        await gateway.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
  return emulator;
}
