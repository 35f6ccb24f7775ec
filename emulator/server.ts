/**
 * REST emulation (node:http): routing, authorization, faults, recording, and the endpoints a
 * discord.js bot uses at login and when answering interactions.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachmentsOf, type UploadedFile } from './attachments.js';
import type { Gateway } from './gateway.js';
import { type InteractionRecord, type InteractionTracker, isEphemeral } from './interactions.js';
import { type EmulatorState, Intents, Permission, type StoredUpload } from './state.js';
import type { Fault, JsonObject, RecordedRequest, StoredMessage } from './types.js';
import { isRecord } from './util.js';
import {
  type AttachmentCheck,
  CommandLimits,
  EMPTY_MESSAGE_ERROR,
  ENTITY_TOO_LARGE_ERROR,
  FormErrors,
  isEmptyMessage,
  type MessageCheck,
  MessageFlags,
  uploadBytes,
  validateAttachments,
  validateAutocompleteChoices,
  validateCommand,
  validateCommandList,
  validateMessageBody,
} from './validate.js';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Req {
  method: string;
  path: string;
  params: string[];
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON / payload_json, raw text, or undefined when there is no body. */
  body: unknown;
  /** True when the body claimed to be JSON but did not parse. */
  invalidJson: boolean;
  files: UploadedFile[];
}

type Handler = (req: Req) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  /** Requires `Authorization: Bot <token>` (false for interaction callbacks and webhook routes). */
  auth: boolean;
  /** Template used for the rate-limit bucket hash. */
  template: string;
  handler: Handler;
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

const API_PREFIX = /^\/api(?:\/v(\d+))?(?=\/|$)/;

const ok = (body: unknown, status = 200): Reply => ({ status, body });
const noContent = (): Reply => ({ status: 204 });
const fail = (status: number, code: number, message: string): Reply => ({ status, body: { message, code } });

export const Errors = {
  unauthorized: () => fail(401, 0, '401: Unauthorized'),
  notFound: () => fail(404, 0, '404: Not Found'),
  methodNotAllowed: () => fail(405, 0, '405: Method Not Allowed'),
  invalidJson: () => fail(400, 50109, 'The request body contains invalid JSON.'),
  missingAccess: () => fail(403, 50001, 'Missing Access'),
  missingPermissions: () => fail(403, 50013, 'Missing Permissions'),
  unknownChannel: () => fail(404, 10003, 'Unknown Channel'),
  unknownGuild: () => fail(404, 10004, 'Unknown Guild'),
  unknownMember: () => fail(404, 10007, 'Unknown Member'),
  unknownMessage: () => fail(404, 10008, 'Unknown Message'),
  unknownUser: () => fail(404, 10013, 'Unknown User'),
  unknownWebhook: () => fail(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => fail(404, 10062, 'Unknown interaction'),
  unknownCommand: () => fail(404, 10063, 'Unknown application command'),
  alreadyAcknowledged: () => fail(400, 40060, 'Interaction has already been acknowledged.'),
  cannotEditOthers: () => fail(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: () => ({ status: 400, body: EMPTY_MESSAGE_ERROR }),
  entityTooLarge: () => ({ status: 413, body: ENTITY_TOO_LARGE_ERROR }),
  tooManyCommands: (max: number) =>
    fail(400, 30032, `Maximum number of application commands reached (${max})`),
  internal: () => fail(500, 0, '500: Internal Server Error'),
};

export interface RestOptions {
  interactionDeadlineMs: number;
  gatewayUrl: () => string;
  /** The shard count /gateway/bot recommends. */
  shards: number;
  /** How many shards may identify at once (Discord's max_concurrency: 1, or 16 and more for large bots). */
  maxConcurrency: number;
}

export class RestServer {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: ActiveFault[] = [];
  private readonly routes: Route[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly state: EmulatorState,
    private readonly tracker: InteractionTracker,
    private readonly gateway: Gateway,
    private readonly opts: RestOptions,
  ) {
    this.registerRoutes();
  }

  injectFault(fault: Fault): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** node:http request listener. */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.handle(req, Buffer.concat(chunks), res).catch((error: unknown) => {
        console.error('[discord-emulator] request handling failed', error);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify(Errors.internal().body));
        }
      });
    });
  };

  private async handle(req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    const prefix = API_PREFIX.exec(url.pathname);
    const upload = prefix || method !== 'GET' ? undefined : this.uploadAt(url.pathname);
    if (upload) {
      // The file server of attachment URLs, like Discord's CDN: not an API request, not recorded.
      res.writeHead(200, {
        'content-type': upload.contentType,
        'content-length': String(upload.data.length),
      });
      res.end(upload.data);
      return;
    }
    // Discord decodes path segments: discord.js sends Routes.user('@me') as /users/%40me.
    const path = decodePath(prefix ? url.pathname.slice(prefix[0].length) || '/' : url.pathname);
    const version = prefix?.[1] !== undefined ? Number(prefix[1]) : null;
    const parsed = parseBody(headers['content-type'] ?? '', raw);
    const r: Req = {
      method,
      path,
      params: [],
      query: url.searchParams,
      headers,
      body: parsed.body,
      invalidJson: parsed.invalidJson,
      files: parsed.files,
    };

    let reply: Reply;
    let faulted = false;
    let route: Route | undefined;
    const fault = prefix ? this.takeFault(method, path) : undefined;
    if (fault?.delayMs) await this.sleep(fault.delayMs);
    if (this.closed) {
      res.destroy();
      return;
    }
    if (!prefix) {
      reply = { status: 404, body: { message: '404: Not Found', code: 0 } };
    } else if (fault && fault.status !== undefined) {
      faulted = true;
      reply = faultReply(fault);
    } else {
      const found = this.match(method, path);
      if (found === 'method') reply = Errors.methodNotAllowed();
      else if (!found) reply = Errors.notFound();
      else {
        route = found.route;
        r.params = found.params;
        if (route.auth && headers.authorization !== `Bot ${this.state.token}`) reply = Errors.unauthorized();
        else if (r.invalidJson) reply = Errors.invalidJson();
        else if (uploadBytes(r.files) > this.state.uploadLimitBytes) reply = Errors.entityTooLarge();
        else reply = route.handler(r);
      }
    }

    const responseHeaders: Record<string, string> = { ...reply.headers };
    if (route?.auth && reply.status !== 429)
      Object.assign(responseHeaders, rateLimitHeaders(method, route.template));
    this.requests.push({
      method,
      path,
      version,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: r.body ?? null,
      files: r.files.map(({ data: _bytes, ...file }) => file),
      status: reply.status,
      response: reply.body,
      faulted,
      at,
    });
    if (reply.body === undefined || reply.status === 204) {
      res.writeHead(reply.status, responseHeaders);
      res.end();
    } else {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...responseHeaders });
      res.end(JSON.stringify(reply.body));
    }
  }

  /** The uploaded file an attachment URL (/attachments/channel/id/name) points at. */
  private uploadAt(pathname: string): StoredUpload | undefined {
    const [, channelId, id, name] = /^\/attachments\/(\d+)\/(\d+)\/([^/]+)$/.exec(pathname) ?? [];
    const upload = this.state.uploads.get(id ?? '');
    return upload && upload.channelId === channelId && encodeURIComponent(upload.filename) === name
      ? upload
      : undefined;
  }

  private takeFault(method: string, path: string): Fault | undefined {
    for (const active of this.faults) {
      if (active.remaining <= 0) continue;
      const f = active.fault;
      if (f.method && f.method.toUpperCase() !== method) continue;
      f.path.lastIndex = 0;
      if (!f.path.test(path)) continue;
      active.remaining -= 1;
      return f;
    }
    return undefined;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private match(method: string, path: string): { route: Route; params: string[] } | 'method' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method === method)
        return { route, params: m.slice(1).map((p) => decodeURIComponent(p ?? '')) };
    }
    return pathMatched ? 'method' : undefined;
  }

  private add(method: string, template: string, handler: Handler, auth = true): void {
    const source = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '([^/]+)');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), auth, template, handler });
  }

  // ---------------------------------------------------------------------------------------------
  // Routes

  private registerRoutes(): void {
    const s = this.state;
    const gatewayInfo = () => ({ url: this.opts.gatewayUrl() });

    this.add('GET', '/gateway', () => ok(gatewayInfo()), false);
    this.add('GET', '/gateway/bot', () =>
      ok({
        ...gatewayInfo(),
        shards: this.opts.shards,
        session_start_limit: {
          total: 1000,
          remaining: 1000,
          reset_after: 0,
          max_concurrency: this.opts.maxConcurrency,
        },
      }),
    );

    this.add('GET', '/users/@me', () => ok(s.users.get(s.botUserId)));
    this.add('GET', '/users/:userId', (r) => {
      const user = s.users.get(r.params[0] ?? '');
      return user ? ok(s.user(user.id as string)) : Errors.unknownUser();
    });
    this.add('POST', '/users/@me/channels', (r) => {
      const body = isRecord(r.body) ? r.body : {};
      const recipient = typeof body.recipient_id === 'string' ? body.recipient_id : '';
      if (!s.users.has(recipient)) return Errors.unknownUser();
      return ok(s.ensureDmChannel(recipient));
    });
    this.add('GET', '/applications/@me', () => ok(s.application()));
    this.add('GET', '/oauth2/applications/@me', () => ok(s.application()));

    this.add('GET', '/guilds/:guildId', (r) =>
      r.params[0] === s.guildId ? ok(s.guild()) : Errors.unknownGuild(),
    );
    this.add('GET', '/guilds/:guildId/channels', (r) =>
      r.params[0] === s.guildId ? ok(s.guildChannels()) : Errors.unknownGuild(),
    );
    this.add('GET', '/guilds/:guildId/roles', (r) =>
      r.params[0] === s.guildId ? ok([...s.roles.values()]) : Errors.unknownGuild(),
    );
    this.add('GET', '/guilds/:guildId/members', (r) => {
      if (r.params[0] !== s.guildId) return Errors.unknownGuild();
      const limit = clampInt(r.query.get('limit'), 1, 1000, 1);
      const after = r.query.get('after') ?? '0';
      const ids = [...s.members.keys()]
        .filter((id) => BigInt(id) > BigInt(after))
        .sort(compareIds)
        .slice(0, limit);
      return ok(ids.map((id) => s.memberWithUser(id)));
    });
    this.add('GET', '/guilds/:guildId/members/:userId', (r) => {
      if (r.params[0] !== s.guildId) return Errors.unknownGuild();
      const member = s.memberWithUser(r.params[1] ?? '');
      return member ? ok(member) : Errors.unknownMember();
    });

    this.add('GET', '/channels/:channelId', (r) => {
      const channel = s.channels.get(r.params[0] ?? '');
      return channel ? ok(channel) : Errors.unknownChannel();
    });
    this.add('GET', '/channels/:channelId/messages', (r) => this.listMessages(r));
    this.add('POST', '/channels/:channelId/messages', (r) => this.createChannelMessage(r));
    this.add('GET', '/channels/:channelId/messages/:messageId', (r) => {
      if (!s.channels.has(r.params[0] ?? '')) return Errors.unknownChannel();
      const found = s.findChannelMessage(r.params[0] ?? '', r.params[1] ?? '');
      return found ? ok(found.list[found.index]) : Errors.unknownMessage();
    });
    this.add('PATCH', '/channels/:channelId/messages/:messageId', (r) => this.editChannelMessage(r));
    this.add('DELETE', '/channels/:channelId/messages/:messageId', (r) => {
      if (!s.channels.has(r.params[0] ?? '')) return Errors.unknownChannel();
      const found = s.findChannelMessage(r.params[0] ?? '', r.params[1] ?? '');
      if (!found) return Errors.unknownMessage();
      found.list.splice(found.index, 1);
      this.emitMessageEvent('MESSAGE_DELETE', { id: r.params[1] ?? '', channel_id: r.params[0] ?? '' });
      return noContent();
    });
    this.add('POST', '/channels/:channelId/typing', (r) =>
      s.channels.has(r.params[0] ?? '') ? noContent() : Errors.unknownChannel(),
    );
    this.add('PUT', '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', (r) => {
      if (!s.channels.has(r.params[0] ?? '')) return Errors.unknownChannel();
      return s.findChannelMessage(r.params[0] ?? '', r.params[1] ?? '')
        ? noContent()
        : Errors.unknownMessage();
    });

    for (const scope of ['global', 'guild'] as const) {
      const base =
        scope === 'global'
          ? '/applications/:appId/commands'
          : '/applications/:appId/guilds/:guildId/commands';
      this.add('GET', base, (r) => this.withCommands(r, scope, (list) => ok(list)));
      this.add('PUT', base, (r) =>
        this.withCommands(r, scope, (list, guildId) => this.overwriteCommands(r, list, guildId)),
      );
      this.add('POST', base, (r) =>
        this.withCommands(r, scope, (list, guildId) => this.createCommand(r, list, guildId)),
      );
      this.add('GET', `${base}/:commandId`, (r) =>
        this.withCommands(r, scope, (list) => {
          const cmd = list.find((c) => isRecord(c) && c.id === r.params.at(-1));
          return cmd ? ok(cmd) : Errors.unknownCommand();
        }),
      );
      this.add('PATCH', `${base}/:commandId`, (r) =>
        this.withCommands(r, scope, (list, guildId) => this.editCommand(r, list, guildId)),
      );
      this.add('DELETE', `${base}/:commandId`, (r) =>
        this.withCommands(r, scope, (list) => {
          const index = list.findIndex((c) => isRecord(c) && c.id === r.params.at(-1));
          if (index < 0) return Errors.unknownCommand();
          list.splice(index, 1);
          return noContent();
        }),
      );
    }

    this.add(
      'POST',
      '/interactions/:interactionId/:token/callback',
      (r) => this.interactionCallback(r),
      false,
    );
    this.add('POST', '/webhooks/:appId/:token', (r) => this.webhookExecute(r), false);
    this.add('GET', '/webhooks/:appId/:token/messages/:messageId', (r) => this.webhookMessage(r), false);
    this.add('PATCH', '/webhooks/:appId/:token/messages/:messageId', (r) => this.webhookMessage(r), false);
    this.add('DELETE', '/webhooks/:appId/:token/messages/:messageId', (r) => this.webhookMessage(r), false);
  }

  // ---------------------------------------------------------------------------------------------
  // Channel messages

  private listMessages(r: Req): Reply {
    const channelId = r.params[0] ?? '';
    if (!this.state.channels.has(channelId)) return Errors.unknownChannel();
    const limit = clampInt(r.query.get('limit'), 1, 100, 50);
    const all = [...(this.state.channelMessages.get(channelId) ?? [])].sort((a, b) => compareIds(b.id, a.id));
    const before = r.query.get('before');
    const after = r.query.get('after');
    const around = r.query.get('around');
    let list = all;
    if (before) list = all.filter((m) => BigInt(m.id) < BigInt(before));
    else if (after) list = all.filter((m) => BigInt(m.id) > BigInt(after)).slice(-limit);
    else if (around) {
      const index = all.findIndex((m) => BigInt(m.id) <= BigInt(around));
      const start = Math.max(0, (index < 0 ? all.length : index) - Math.floor(limit / 2));
      list = all.slice(start);
    }
    return ok(list.slice(0, limit));
  }

  private createChannelMessage(r: Req): Reply {
    const s = this.state;
    const channelId = r.params[0] ?? '';
    const channel = s.channels.get(channelId);
    if (!channel) return Errors.unknownChannel();
    const permissions = s.botPermissionsIn(channelId);
    if (!(permissions & Permission.ViewChannel)) return Errors.missingAccess();
    if (!(permissions & Permission.SendMessages)) return Errors.missingPermissions();
    if (!isRecord(r.body)) return Errors.invalidJson();
    const body = r.body;
    const refused = refuseMessage(body, r.files);
    if (refused) return refused;
    if (isEmptyMessage(body, r.files.length)) return Errors.emptyMessage();
    const nonceKey =
      body.enforce_nonce === true && body.nonce !== undefined && body.nonce !== null
        ? `${channelId}:${String(body.nonce)}`
        : undefined;
    if (nonceKey) {
      const existing = s.rememberedNonce(nonceKey);
      if (existing) return ok(existing);
    }
    const message = s.buildMessage(channelId, body, r.files);
    s.storeChannelMessage(message);
    if (nonceKey) s.rememberNonce(nonceKey, message);
    this.emitMessageEvent('MESSAGE_CREATE', message);
    return ok(message);
  }

  private editChannelMessage(r: Req): Reply {
    const s = this.state;
    const channelId = r.params[0] ?? '';
    if (!s.channels.has(channelId)) return Errors.unknownChannel();
    const found = s.findChannelMessage(channelId, r.params[1] ?? '');
    if (!found) return Errors.unknownMessage();
    const current = found.list[found.index] as StoredMessage;
    if (!isRecord(current.author) || current.author.id !== s.botUserId) return Errors.cannotEditOthers();
    if (!isRecord(r.body)) return Errors.invalidJson();
    const refused = refuseMessage(r.body, r.files, { partial: true, existing: attachmentsOf(current) });
    if (refused) return refused;
    const next = s.applyEdit(current, r.body, r.files);
    if (isEmptyMessage(next)) return Errors.emptyMessage();
    found.list[found.index] = next;
    this.emitMessageEvent('MESSAGE_UPDATE', next);
    return ok(next);
  }

  /** MESSAGE_CREATE/UPDATE/DELETE to the bot when its intents ask for them. */
  private emitMessageEvent(event: string, message: JsonObject): void {
    const s = this.state;
    const channel = s.channels.get(String(message.channel_id));
    const inGuild = channel?.guild_id === s.guildId;
    const needed = inGuild ? Intents.GuildMessages : Intents.DirectMessages;
    if ((this.gateway.intents() & needed) === 0) return;
    const extra: JsonObject = {};
    if (inGuild) {
      extra.guild_id = s.guildId;
      const authorId = isRecord(message.author) ? String(message.author.id) : undefined;
      const member = authorId ? s.members.get(authorId) : undefined;
      if (member && event !== 'MESSAGE_DELETE') extra.member = member;
    }
    this.gateway.dispatch(event, { ...message, ...extra });
  }

  // ---------------------------------------------------------------------------------------------
  // Application commands

  private withCommands(
    r: Req,
    scope: 'global' | 'guild',
    fn: (list: unknown[], guildId: string | null) => Reply,
  ): Reply {
    if (r.params[0] !== this.state.applicationId) return Errors.missingAccess();
    const guildId = scope === 'guild' ? (r.params[1] ?? '') : null;
    if (guildId !== null && guildId !== this.state.guildId) return Errors.missingAccess();
    return fn(this.state.commandList(guildId), guildId);
  }

  private overwriteCommands(r: Req, list: unknown[], guildId: string | null): Reply {
    const errors = new FormErrors();
    validateCommandList(errors, r.body);
    if (!errors.empty || !Array.isArray(r.body)) return { status: 400, body: errors.body() };
    const next = r.body.filter(isRecord).map((def) => this.state.materializeCommand(def, guildId, list));
    list.splice(0, list.length, ...next);
    return ok(next);
  }

  private createCommand(r: Req, list: unknown[], guildId: string | null): Reply {
    const errors = new FormErrors();
    validateCommand(errors, [], r.body);
    if (!errors.empty || !isRecord(r.body)) return { status: 400, body: errors.body() };
    const def = r.body;
    const type = typeof def.type === 'number' ? def.type : 1;
    const cmd = this.state.materializeCommand(def, guildId, list);
    const index = list.findIndex((c) => isRecord(c) && c.id === cmd.id);
    if (index >= 0) {
      list[index] = cmd;
      return ok(cmd, 200);
    }
    const max =
      type === 1 ? CommandLimits.chatInput : type === 2 ? CommandLimits.user : CommandLimits.message;
    if (list.filter((c) => isRecord(c) && c.type === type).length >= max) return Errors.tooManyCommands(max);
    list.push(cmd);
    return ok(cmd, 201);
  }

  private editCommand(r: Req, list: unknown[], guildId: string | null): Reply {
    const index = list.findIndex((c) => isRecord(c) && c.id === r.params.at(-1));
    const existing = list[index];
    if (index < 0 || !isRecord(existing)) return Errors.unknownCommand();
    if (!isRecord(r.body)) return Errors.invalidJson();
    const merged = { ...existing, ...r.body, type: existing.type };
    const errors = new FormErrors();
    validateCommand(errors, [], merged);
    if (!errors.empty) return { status: 400, body: errors.body() };
    const cmd = { ...this.state.materializeCommand(merged, guildId, list), id: existing.id as string };
    list[index] = cmd;
    return ok(cmd);
  }

  // ---------------------------------------------------------------------------------------------
  // Interactions

  private interactionMessage(
    rec: InteractionRecord,
    body: Record<string, unknown>,
    files: readonly UploadedFile[],
  ): StoredMessage {
    const s = this.state;
    const metadata: JsonObject = {
      id: rec.id,
      type: rec.type,
      user: rec.user,
      authorizing_integration_owners: rec.payload.authorizing_integration_owners ?? {},
    };
    if (rec.type !== 3) {
      metadata.name = rec.name;
      metadata.command_type = rec.commandType;
    }
    return s.buildMessage(rec.channelId, body, files, {
      type: rec.type === 3 ? 0 : rec.commandType === 1 ? 20 : 23,
      webhook_id: s.applicationId,
      application_id: s.applicationId,
      interaction_metadata: metadata,
      interaction: { id: rec.id, type: rec.type, name: rec.name, user: rec.user },
    });
  }

  private interactionCallback(r: Req): Reply {
    const rec = this.tracker.records.get(r.params[0] ?? '');
    if (!rec || rec.token !== r.params[1]) return Errors.unknownInteraction();
    if (rec.acknowledged) return Errors.alreadyAcknowledged();
    const deadline = this.opts.interactionDeadlineMs;
    if (deadline > 0 && Date.now() - rec.createdAt > deadline) return Errors.unknownInteraction();
    if (!isRecord(r.body)) return Errors.invalidJson();
    const body = r.body;
    const type = body.type;
    const data = isRecord(body.data) ? body.data : undefined;
    const errors = new FormErrors();
    const allowed = allowedCallbackTypes(rec);
    if (typeof type !== 'number' || !allowed.includes(type)) {
      errors.add(
        ['type'],
        'INTERACTION_RESPONSE_TYPE_INVALID',
        `Interaction response type must be one of {${allowed.join(', ')}} for interaction type ${rec.type}.`,
      );
      return { status: 400, body: errors.body() };
    }

    let original: StoredMessage | undefined;
    let updatedSource: StoredMessage | undefined;
    switch (type) {
      case 4: {
        if (!data) return Errors.emptyMessage();
        const refused = refuseMessage(data, r.files, { prefix: ['data'] });
        if (refused) return refused;
        if (isEmptyMessage(data, r.files.length)) return Errors.emptyMessage();
        original = this.interactionMessage(rec, data, r.files);
        break;
      }
      case 5: {
        const flags = typeof data?.flags === 'number' ? data.flags : 0;
        original = this.interactionMessage(
          rec,
          { flags: (flags & MessageFlags.Ephemeral) | MessageFlags.Loading },
          [],
        );
        break;
      }
      case 6:
        original = rec.sourceMessage;
        break;
      case 7: {
        if (!data || !rec.sourceMessage) return Errors.emptyMessage();
        const refused = refuseMessage(data, r.files, {
          prefix: ['data'],
          partial: true,
          existing: attachmentsOf(rec.sourceMessage),
        });
        if (refused) return refused;
        updatedSource = this.state.applyEdit(rec.sourceMessage, data, r.files);
        if (isEmptyMessage(updatedSource)) return Errors.emptyMessage();
        original = updatedSource;
        break;
      }
      case 8:
        validateAutocompleteChoices(errors, data);
        if (!errors.empty) return { status: 400, body: errors.body() };
        break;
      case 9: {
        if (!data) {
          errors.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
        } else {
          lengthBetween(errors, ['data', 'custom_id'], data.custom_id, 1, 100);
          lengthBetween(errors, ['data', 'title'], data.title, 1, 45);
          const comps = data.components;
          if (!Array.isArray(comps) || comps.length < 1 || comps.length > 5) {
            errors.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
          }
        }
        if (!errors.empty) return { status: 400, body: errors.body() };
        break;
      }
    }

    // Accepted: apply side effects.
    rec.acknowledged = true;
    rec.callback = data === undefined ? { type } : { type, data };
    if (original) rec.original = original;
    if (updatedSource) this.tracker.replaceSource(rec, updatedSource);
    if (type === 4 && original && !isEphemeral(rec)) this.emitMessageEvent('MESSAGE_CREATE', original);
    this.tracker.changed(rec);

    if (r.query.get('with_response') !== 'true') return noContent();
    return ok({
      interaction: {
        id: rec.id,
        type: rec.type,
        activity_instance_id: null,
        response_message_id: original?.id ?? null,
        response_message_loading: type === 5,
        response_message_ephemeral: isEphemeral(rec),
      },
      resource: {
        type,
        ...(original && (type === 4 || type === 5 || type === 7) ? { message: original } : {}),
      },
    });
  }

  /** Webhook routes authenticate by the interaction token in the path. */
  private webhookRecord(r: Req): InteractionRecord | undefined {
    if (r.params[0] !== this.state.applicationId) return undefined;
    const rec = this.tracker.byToken.get(r.params[1] ?? '');
    // The interaction webhook exists once the interaction was acknowledged.
    return rec?.acknowledged ? rec : undefined;
  }

  private webhookExecute(r: Req): Reply {
    const rec = this.webhookRecord(r);
    if (!rec) return Errors.unknownWebhook();
    if (!isRecord(r.body)) return Errors.invalidJson();
    const body = r.body;
    const refused = refuseMessage(body, r.files);
    if (refused) return refused;
    if (isEmptyMessage(body, r.files.length)) return Errors.emptyMessage();
    const wait = r.query.get('wait') === 'true';
    const loading =
      rec.original &&
      typeof rec.original.flags === 'number' &&
      (rec.original.flags & MessageFlags.Loading) !== 0;
    if (loading && rec.original) {
      // Discord: the first follow-up after a deferred reply edits the loading message instead
      // (its ephemeral state stays what the defer said).
      const { flags: _ignored, ...rest } = body;
      const edited = this.state.applyEdit(rec.original, rest, r.files);
      edited.flags = (rec.original.flags as number) & ~MessageFlags.Loading;
      edited.edited_timestamp = null;
      rec.original = edited;
      rec.edits.push(body);
      this.tracker.changed(rec);
      return wait ? ok(edited) : noContent();
    }
    const flags = typeof body.flags === 'number' ? body.flags : 0;
    const message = this.interactionMessage(rec, body, r.files);
    message.flags = flags;
    rec.followUps.push(message);
    if ((flags & MessageFlags.Ephemeral) === 0) this.emitMessageEvent('MESSAGE_CREATE', message);
    this.tracker.changed(rec);
    return wait ? ok(message) : noContent();
  }

  private webhookMessage(r: Req): Reply {
    const rec = this.webhookRecord(r);
    if (!rec) return Errors.unknownWebhook();
    const messageId = r.params[2] ?? '';
    const isOriginal = messageId === '@original' || messageId === rec.original?.id;
    const followIndex = isOriginal ? -1 : rec.followUps.findIndex((m) => m.id === messageId);
    const current = isOriginal ? (rec.deleted ? undefined : rec.original) : rec.followUps[followIndex];
    if (!current) return Errors.unknownMessage();

    if (r.method === 'GET') return ok(current);
    if (r.method === 'DELETE') {
      if (isOriginal) {
        rec.deleted = true;
        rec.original = undefined;
      } else {
        rec.followUps.splice(followIndex, 1);
      }
      this.tracker.changed(rec);
      return noContent();
    }
    if (!isRecord(r.body)) return Errors.invalidJson();
    const refused = refuseMessage(r.body, r.files, { partial: true, existing: attachmentsOf(current) });
    if (refused) return refused;
    const next = this.state.applyEdit(current, r.body, r.files);
    if (typeof next.flags === 'number') next.flags = next.flags & ~MessageFlags.Loading;
    if (isEmptyMessage(next)) return Errors.emptyMessage();
    if (isOriginal) {
      rec.original = next;
      rec.edits.push(r.body);
    } else {
      rec.followUps[followIndex] = next;
    }
    // After a deferred update (or an update), @original is the message the component is on.
    if (isOriginal && rec.sourceMessage?.id === next.id) this.tracker.replaceSource(rec, next);
    this.tracker.changed(rec);
    return ok(next);
  }
}

// -----------------------------------------------------------------------------------------------

/** Discord's checks of a message create or edit and of its uploads: the 400 answer if one fails. */
function refuseMessage(
  body: Record<string, unknown>,
  files: readonly UploadedFile[],
  check: MessageCheck & AttachmentCheck = {},
): Reply | undefined {
  const errors = new FormErrors();
  validateMessageBody(errors, body, check);
  validateAttachments(errors, body, files, check);
  return errors.empty ? undefined : { status: 400, body: errors.body() };
}

function lengthBetween(
  errors: FormErrors,
  path: Array<string | number>,
  v: unknown,
  min: number,
  max: number,
): void {
  if (typeof v !== 'string' || [...v].length < min || [...v].length > max) {
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  }
}

function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function clampInt(v: string | null, min: number, max: number, fallback: number): number {
  const n = v === null ? Number.NaN : Number.parseInt(v, 10);
  return Number.isNaN(n) ? fallback : Math.min(max, Math.max(min, n));
}

function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function faultReply(f: Fault): Reply {
  const status = f.status ?? 500;
  if (status === 429) {
    const retryAfter = f.retryAfterSeconds ?? 1;
    const headers: Record<string, string> = {
      // Discord rounds the header up to whole seconds; the emulator keeps the exact value so
      // tests can use sub-second retries (discord.js reads this header, not the body).
      'retry-after': String(retryAfter),
      'x-ratelimit-scope': f.global ? 'global' : 'user',
    };
    if (f.global) headers['x-ratelimit-global'] = 'true';
    else {
      headers['x-ratelimit-limit'] = '1';
      headers['x-ratelimit-remaining'] = '0';
      headers['x-ratelimit-reset-after'] = retryAfter.toFixed(3);
      headers['x-ratelimit-reset'] = ((Date.now() + retryAfter * 1000) / 1000).toFixed(3);
    }
    return {
      status,
      headers,
      body: { message: 'You are being rate limited.', retry_after: retryAfter, global: f.global === true },
    };
  }
  if (status === 500) return Errors.internal();
  if (status === 502) return { status, body: { message: '502: Bad Gateway', code: 0 } };
  if (status === 503) return { status, body: { message: '503: Service Unavailable', code: 0 } };
  if (status === 401) return Errors.unauthorized();
  if (status === 404) return Errors.notFound();
  return { status, body: { message: `${status}: Emulated fault`, code: 0 } };
}

function rateLimitHeaders(method: string, template: string): Record<string, string> {
  const bucket = createHash('md5').update(`${method} ${template}`).digest('hex');
  return {
    'x-ratelimit-bucket': bucket,
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '4',
    'x-ratelimit-reset': ((Date.now() + 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': '1.000',
  };
}

interface ParsedBody {
  body: unknown;
  invalidJson: boolean;
  files: UploadedFile[];
}

const FILE_FIELD = /^files\[\d+\]$/;

/** JSON, multipart/form-data (payload_json + files, with their bytes) or raw text; never throws. */
export function parseBody(contentType: string, raw: Buffer): ParsedBody {
  if (raw.length === 0) return { body: undefined, invalidJson: false, files: [] };
  const type = contentType.toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
    const parts = boundary ? parseMultipart(raw, (boundary[1] ?? boundary[2] ?? '').trim()) : [];
    const files: UploadedFile[] = [];
    let body: unknown;
    let invalidJson = false;
    for (const part of parts) {
      if (part.name === 'payload_json') {
        try {
          body = JSON.parse(part.data.toString('utf8'));
        } catch {
          body = part.data.toString('utf8');
          invalidJson = true;
        }
      } else if (part.filename !== undefined || FILE_FIELD.test(part.name)) {
        // A file part without a filename is kept so that the check of uploads can refuse it.
        files.push({
          field: part.name,
          filename: part.filename ?? '',
          contentType: part.contentType,
          size: part.data.length,
          data: Buffer.from(part.data),
        });
      }
    }
    return { body: body ?? {}, invalidJson, files };
  }
  const text = raw.toString('utf8');
  if (type.startsWith('application/json')) {
    try {
      return { body: JSON.parse(text), invalidJson: false, files: [] };
    } catch {
      return { body: text, invalidJson: true, files: [] };
    }
  }
  try {
    return { body: JSON.parse(text), invalidJson: false, files: [] };
  } catch {
    return { body: text, invalidJson: false, files: [] };
  }
}

interface Part {
  name: string;
  filename?: string;
  contentType: string;
  data: Buffer;
}

function parseMultipart(raw: Buffer, boundary: string): Part[] {
  const parts: Part[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = raw.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (raw[start] === 0x2d && raw[start + 1] === 0x2d) break; // closing '--'
    if (raw[start] === 0x0d && raw[start + 1] === 0x0a) start += 2;
    const headerEnd = raw.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) break;
    const next = raw.indexOf(delimiter, headerEnd + 4);
    if (next === -1) break;
    const headerText = raw.subarray(start, headerEnd).toString('utf8');
    let end = next;
    if (raw[end - 2] === 0x0d && raw[end - 1] === 0x0a) end -= 2;
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headerText)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const contentType =
      /content-type:\s*([^\r\n]*)/i.exec(headerText)?.[1]?.trim() ?? 'application/octet-stream';
    parts.push({
      name,
      ...(filename !== undefined ? { filename } : {}),
      contentType,
      data: raw.subarray(headerEnd + 4, end),
    });
    pos = next;
  }
  return parts;
}

/**
 * The callback types Discord accepts per interaction type: autocomplete gets choices; a component
 * may also update its message or open a modal; a modal submit may not open another modal, and
 * updates a message only when it was opened from one.
 */
function allowedCallbackTypes(rec: InteractionRecord): number[] {
  switch (rec.type) {
    case 4:
      return [8];
    case 3:
      return [4, 5, 6, 7, 9];
    case 5:
      return rec.sourceMessage ? [4, 5, 6, 7] : [4, 5];
    default:
      return [4, 5, 9];
  }
}
