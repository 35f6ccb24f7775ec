/**
 * Public types of the Discord API emulator.
 *
 * Payloads exchanged with the bot are plain JSON as Discord sends them (snake_case); they are
 * typed loosely on purpose (`JsonObject`) because the point of the emulator is to check what
 * the bot really put on the wire.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Bot token the emulator accepts (REST `Authorization: Bot <token>` and gateway Identify). */
  token?: string;
  applicationId?: string;
  /** Heartbeat interval announced in HELLO; default 41250 like Discord. */
  heartbeatIntervalMs?: number;
  /**
   * Discord refuses an interaction callback that arrives more than 3 s after the interaction was
   * created (404, code 10062). Default 3000; 0 disables the check.
   */
  interactionDeadlineMs?: number;
  /** Name of the emulated guild (default 'Emulator Guild'). */
  guildName?: string;
  /** The shard count `/gateway/bot` recommends (default 1). Any count is accepted at IDENTIFY. */
  shards?: number;
  /** How many shards may identify at once, `/gateway/bot`'s `max_concurrency` (default 1, as for most bots). */
  maxConcurrency?: number;
  /**
   * How long a message nonce sent with `enforce_nonce` is remembered, in ms: Discord's "a few
   * minutes". Default: until `forgetNonces()`.
   */
  nonceMemoryMs?: number;
  /**
   * Limit on the total size of the files of one request, in bytes; over it Discord answers 413
   * (code 40005). Default 10 MiB, Discord's for a server without boosts; also sent to the bot as
   * the interactions' `attachment_size_limit`.
   */
  uploadLimitBytes?: number;
}

/** A file part of a multipart request (its bytes are kept on the message, see attachmentBytes). */
export interface RecordedFile {
  /** multipart field name, e.g. 'files[0]' */
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the /api/vN prefix and without the query string, e.g. '/channels/123/messages'. */
  path: string;
  /** API version from the URL (10 for /api/v10), or null for a bare /api path. */
  version: number | null;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, the parsed `payload_json` part of a multipart body, the raw text otherwise, or null. */
  body: unknown;
  /** Files of a multipart body (metadata; the bytes are on the message, see attachmentBytes). */
  files: RecordedFile[];
  /** Status the emulator answered with. */
  status: number;
  /** Body the emulator answered with (undefined for 204). */
  response: unknown;
  /** True when the answer came from an injected fault. */
  faulted: boolean;
  /** Date.now() when the request arrived. */
  at: number;
}

/** A message object as the emulator stores and returns it (Discord's message shape). */
export type StoredMessage = JsonObject & { id: string; channel_id: string; content: string };

export interface Fault {
  /** HTTP method to match (case-insensitive); any method when omitted. */
  method?: string;
  /** Matched against the path without /api/vN prefix and without query, e.g. /^\/channels\/\d+\/messages$/. */
  path: RegExp;
  /** Status to answer with instead of handling the request. Omit to only delay a normal answer. */
  status?: number;
  /** For 429: value of `retry-after` and of the body's `retry_after` (default 1). */
  retryAfterSeconds?: number;
  /** For 429: global rate limit (adds `x-ratelimit-global: true`, scope 'global'). */
  global?: boolean;
  /** Delay before answering (applies to the fault answer or to the normal answer). */
  delayMs?: number;
  /** How many matching requests this fault applies to (default 1). */
  times?: number;
}

export type InteractionKind =
  | 'command'
  | 'autocomplete'
  | 'message-context'
  | 'user-context'
  | 'component'
  | 'modal';

/** An application command interaction option as Discord sends it. */
export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: InteractionOption[];
}

export interface InteractionInput {
  type: InteractionKind;
  /** Command name (ignored for 'component'). */
  name?: string;
  /** Options as Discord sends them; nested for subcommands. */
  options?: InteractionOption[];
  /** Message context menu target: fills data.target_id and data.resolved.messages. */
  targetMessage?: { id?: string; content: string; authorId?: string; embeds?: JsonObject[] };
  /** User context menu target (default: the invoking user). */
  targetUserId?: string;
  /** Component or modal submit interaction: custom_id of the button/select or of the modal. */
  customId?: string;
  /** Component interaction: component type (default 2, button). */
  componentType?: number;
  /** Component interaction: selected values for select menus. */
  values?: string[];
  /**
   * Component interaction: id of the message carrying the component, one the bot sent (a channel
   * message, or an interaction's reply or follow-up, ephemeral or not: it is sent with the press,
   * flags included). The component must be on it, and a menu's values among its options. Without
   * it (or for an id the bot never sent), a stub message carrying the component.
   */
  messageId?: string;
  /** Component interaction on a stub message: its flags (64: an ephemeral message). */
  messageFlags?: number;
  /** Guild interaction (default true); false sends a DM interaction with `user` instead of `member`. */
  guild?: boolean;
  /** Channel the interaction happens in (default: emulator.channelId, or the user's DM channel). */
  channelId?: string;
  /** Member permission bitfield as a decimal string (default: administrator, all permissions). */
  permissions?: string;
  /** Invoking user (default: the emulator's human test user). */
  userId?: string;
  /** Member roles (default none). */
  roles?: string[];
  locale?: string;
  /**
   * Edits the payload just before it is dispatched: for interactions Discord would send malformed
   * (a stale command's options, a message it could not resolve, fields missing or of another type).
   */
  tamper?: (payload: JsonObject) => void;
}

/** Loose view of an embed as sent by the bot. */
export interface ApiEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string; icon_url?: string };
  author?: { name: string; url?: string; icon_url?: string };
  [key: string]: unknown;
}

/** Loose view of a message body / message object, for assertions. */
export interface ApiMessage {
  id?: string;
  channel_id?: string;
  content?: string;
  embeds?: ApiEmbed[];
  components?: JsonObject[];
  attachments?: JsonObject[];
  flags?: number;
  [key: string]: unknown;
}

/** Interaction callback `data`: a message, autocomplete choices or a modal. */
export interface CallbackData extends ApiMessage {
  choices?: Array<{ name: string; value: string | number }>;
  custom_id?: string;
  title?: string;
}

export interface InteractionExchange {
  id: string;
  token: string;
  /** The interaction callback body (first successful one). */
  callback?: { type: number; data?: CallbackData };
  /** Final state of @original after PATCH edits (undefined when none or deleted). */
  original?: ApiMessage & { id: string; channel_id: string };
  /** Bodies of successful PATCH @original requests, in order. */
  edits: ApiMessage[];
  /** Follow-up messages as returned to the bot. */
  followUps: Array<ApiMessage & { id: string; channel_id: string }>;
  /** flags & 64 on the callback data or on @original. */
  ephemeral: boolean;
  /** True when the bot deleted @original. */
  deleted: boolean;
}

export interface WaitForInteractionOptions {
  /** Wait until at least this many follow-ups were sent (default 0). */
  followUps?: number;
  /** Wait until @original was edited at least this many times (default 0; 1 after a deferred callback). */
  edits?: number;
  /** Default 10000. */
  timeoutMs?: number;
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  heartbeats: number;
  connections: number;
}

export type GatewayDropMode = 'close' | 'destroy' | 'reconnect' | 'invalidate';

export interface CommandStore {
  global: unknown[];
  guild: Map<string, unknown[]>;
}

export interface Emulator {
  /** 'http://127.0.0.1:PORT/api' — pass as `new Client({ rest: { api } })`. */
  readonly apiUrl: string;
  /** 'ws://127.0.0.1:PORT' */
  readonly gatewayUrl: string;
  readonly port: number;
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  /** Default invoking user of interactions (the guild owner). */
  readonly userId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly otherChannelId: string;
  readonly requests: RecordedRequest[];
  readonly channelMessages: Map<string, StoredMessage[]>;
  readonly commands: CommandStore;
  readonly gatewayStats: GatewayStats;
  /** Resolves when a client is connected and has received READY + GUILD_CREATE (or RESUMED). */
  waitForReady(timeoutMs?: number): Promise<void>;
  /** Dispatches INTERACTION_CREATE and resolves with everything the bot sent in answer. */
  sendInteraction(input: InteractionInput, opts?: WaitForInteractionOptions): Promise<InteractionExchange>;
  /** Dispatches INTERACTION_CREATE on its server's shard; `delivered`: a connected, ready shard got it. */
  dispatchInteraction(input: InteractionInput): { id: string; token: string; delivered: boolean };
  waitForInteraction(id: string, opts?: WaitForInteractionOptions): Promise<InteractionExchange>;
  /** Current state of an interaction exchange, without waiting. */
  getInteraction(id: string): InteractionExchange | undefined;
  /** Sends any gateway dispatch (op 0) to the connected client, e.g. ('MESSAGE_CREATE', {...}). */
  dispatch(event: string, data: unknown): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Forgets every message nonce, as Discord does a few minutes after a message is sent. */
  forgetNonces(): void;
  /**
   * The bytes of the attachment named `filename` on a message the bot sent (a channel post, or an
   * interaction's reply or follow-up, ephemeral ones included), as it is now. Throws when the
   * message or the attachment is not there. The attachment's `url` serves the same bytes.
   */
  attachmentBytes(messageId: string, filename: string): Buffer;
  /** The bot joins another server (GUILD_CREATE) with one text channel of its own. */
  addGuild(name?: string): { guildId: string; channelId: string };
  /** Sets the permissions of the bot's role in the main server (default '8', administrator). */
  setBotPermissions(permissions: string): void;
  /** Sets a channel's permission overwrites (Discord's shape), as a server manager would. */
  setChannelOverwrites(
    channelId: string,
    overwrites: { id: string; type: 0 | 1; allow: string; deny: string }[],
  ): void;
  /** The bot's role in the main server. */
  readonly botRoleId: string;
  /** Drops a shard's gateway connection (shard 0 by default). */
  dropGateway(mode: GatewayDropMode, shardId?: number): void;
  /** The shards a client is connected to and ready on, in order. */
  readyShards(): number[];
  /** The shard of a server at the recommended count: `(guild_id >> 22) % shards`. */
  shardOf(guildId: string): number;
  close(): Promise<void>;
}
