/**
 * The emulated world: one bot user, one guild with two text channels, a human test user,
 * messages, registered commands. Builds Discord-shaped JSON objects.
 */
import {
  AttachmentLimits,
  attachmentsOf,
  type NewAttachment,
  planAttachments,
  pngSize,
  resolveEmbedPictures,
  type UploadedFile,
} from './attachments.js';
import type { CommandStore, JsonObject, StoredMessage } from './types.js';
import { isoNow, isRecord, SnowflakeGenerator } from './util.js';

/** Every permission bit Discord defines today (bits 0..52). */
export const ALL_PERMISSIONS = ((1n << 53n) - 1n).toString();
/** Discord's default @everyone permissions for a new guild. */
export const EVERYONE_PERMISSIONS = '2222085186637376';

/** The permission bits the emulator enforces on channel messages. */
export const Permission = {
  Administrator: 1n << 3n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
} as const;

export const Intents = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
} as const;

export interface StateOptions {
  token: string;
  applicationId?: string;
  guildName?: string;
  /** Limit on the files of one request, in bytes (default Discord's, 10 MiB). */
  uploadLimitBytes?: number;
  /** Base of the URLs the emulator serves uploaded files at, e.g. 'http://127.0.0.1:PORT'. */
  fileUrl: () => string;
  /** How long a message nonce is remembered (default: until forgetNonces()). */
  nonceMemoryMs?: number;
}

/** The bytes of an uploaded file, kept for tests and served at the attachment's URL. */
export interface StoredUpload {
  channelId: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export class EmulatorState {
  readonly ids = new SnowflakeGenerator();
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly ownerUserId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly otherChannelId: string;
  readonly botRoleId: string;
  readonly guildName: string;
  readonly uploadLimitBytes: number;
  private readonly fileUrl: () => string;
  readonly createdAt = isoNow();

  readonly users = new Map<string, JsonObject>();
  readonly roles = new Map<string, JsonObject>();
  readonly channels = new Map<string, JsonObject>();
  /** Guild members by user id (member objects without `user`). */
  readonly members = new Map<string, JsonObject>();
  /** DM channel id by user id. */
  readonly dmChannels = new Map<string, string>();
  readonly channelMessages = new Map<string, StoredMessage[]>();
  /** `${channelId}:${nonce}` -> message, for enforce_nonce. */
  readonly nonces = new Map<string, StoredMessage>();
  /** When each nonce was first used (Date.now()), for nonceMemoryMs. */
  private readonly nonceTimes = new Map<string, number>();
  private readonly nonceMemoryMs: number;
  readonly commands: CommandStore = { global: [], guild: new Map() };
  /** Uploaded files by attachment id. */
  readonly uploads = new Map<string, StoredUpload>();

  constructor(opts: StateOptions) {
    this.token = opts.token;
    this.applicationId = opts.applicationId ?? this.ids.next();
    // Like Discord for bots created since 2020: the bot user id equals the application id.
    this.botUserId = this.applicationId;
    this.ownerUserId = this.ids.next();
    this.guildId = this.ids.next();
    this.botRoleId = this.ids.next();
    this.channelId = this.ids.next();
    this.otherChannelId = this.ids.next();
    this.guildName = opts.guildName ?? 'Emulator Guild';
    this.uploadLimitBytes = opts.uploadLimitBytes ?? AttachmentLimits.uploadBytes;
    this.fileUrl = opts.fileUrl;
    this.nonceMemoryMs = opts.nonceMemoryMs ?? Number.POSITIVE_INFINITY;

    this.users.set(this.botUserId, {
      id: this.botUserId,
      username: 'emulator-bot',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      system: false,
      mfa_enabled: true,
      verified: true,
      flags: 0,
      public_flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      primary_guild: null,
      email: null,
    });
    this.ensureUser(this.ownerUserId, 'tester', 'Tester');

    this.roles.set(this.guildId, this.role(this.guildId, '@everyone', 0, EVERYONE_PERMISSIONS));
    this.roles.set(this.botRoleId, {
      ...this.role(this.botRoleId, 'emulator-bot', 1, '8'),
      managed: true,
      tags: { bot_id: this.botUserId },
    });

    this.channels.set(this.channelId, this.textChannel(this.channelId, 'general', 0));
    this.channels.set(this.otherChannelId, this.textChannel(this.otherChannelId, 'digest', 1));

    this.members.set(this.botUserId, this.member([this.botRoleId]));
    this.members.set(this.ownerUserId, this.member([]));
  }

  role(id: string, name: string, position: number, permissions: string): JsonObject {
    return {
      id,
      name,
      description: null,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions,
      managed: false,
      mentionable: false,
      flags: 0,
    };
  }

  private textChannel(id: string, name: string, position: number, guildId = this.guildId): JsonObject {
    return {
      id,
      type: 0,
      guild_id: guildId,
      name,
      position,
      permission_overwrites: [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      parent_id: null,
      rate_limit_per_user: 0,
      default_thread_rate_limit_per_user: 0,
      flags: 0,
      icon_emoji: null,
      theme_color: null,
    };
  }

  member(roles: string[]): JsonObject {
    return {
      roles,
      nick: null,
      avatar: null,
      banner: null,
      premium_since: null,
      joined_at: this.createdAt,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
      unusual_dm_activity_until: null,
    };
  }

  get botUser(): JsonObject {
    return this.user(this.botUserId);
  }

  /** Public user object (without email and such). */
  user(id: string): JsonObject {
    const u = this.ensureUser(id);
    const { email: _email, verified: _verified, mfa_enabled: _mfa, ...pub } = u;
    return pub;
  }

  ensureUser(id: string, username?: string, globalName?: string): JsonObject {
    let u = this.users.get(id);
    if (!u) {
      u = {
        id,
        username: username ?? `user-${id.slice(-6)}`,
        discriminator: '0',
        global_name: globalName ?? null,
        avatar: null,
        bot: false,
        system: false,
        flags: 0,
        public_flags: 0,
        banner: null,
        accent_color: null,
        avatar_decoration_data: null,
        primary_guild: null,
      };
      this.users.set(id, u);
    }
    return u;
  }

  /** Member object with `user`, as in GUILD_CREATE and REST. */
  memberWithUser(userId: string): JsonObject | undefined {
    const m = this.members.get(userId);
    return m ? { ...m, user: this.user(userId) } : undefined;
  }

  ensureMember(userId: string, roles?: string[]): JsonObject {
    this.ensureUser(userId);
    let m = this.members.get(userId);
    if (!m) {
      m = this.member(roles ?? []);
      this.members.set(userId, m);
    } else if (roles) {
      m = { ...m, roles };
      this.members.set(userId, m);
    }
    return m;
  }

  ensureDmChannel(userId: string): JsonObject {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = this.ids.next();
      this.dmChannels.set(userId, id);
      this.channels.set(id, {
        id,
        type: 1,
        last_message_id: null,
        flags: 0,
        recipients: [this.user(userId)],
      });
    }
    const channel = this.channels.get(id);
    if (!channel) throw new Error('unreachable: DM channel vanished');
    return channel;
  }

  application(): JsonObject {
    return {
      id: this.applicationId,
      name: 'emulator-bot',
      icon: null,
      description: 'Discord API emulator application',
      summary: '',
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      hook: true,
      is_monetized: false,
      storefront_available: false,
      team: null,
      owner: this.user(this.ownerUserId),
      bot: this.user(this.botUserId),
      approximate_guild_count: 1,
      approximate_user_install_count: 0,
      interactions_endpoint_url: null,
      redirect_uris: [],
      tags: [],
      integration_types_config: { '0': {} },
    };
  }

  /** Guild object as REST GET /guilds/:id returns it. */
  guild(): JsonObject {
    return {
      id: this.guildId,
      name: this.guildName,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.ownerUserId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [...this.roles.values()],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: this.channelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      max_presences: null,
      max_members: 500000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      nsfw: false,
      incidents_data: null,
      region: 'deprecated',
    };
  }

  guildChannels(): JsonObject[] {
    return [...this.channels.values()].filter((c) => c.guild_id === this.guildId);
  }

  /** GUILD_CREATE payload. The member list holds only the bot unless GUILD_MEMBERS is requested. */
  guildCreate(intents: number): JsonObject {
    const memberIds = (intents & Intents.GuildMembers) !== 0 ? [...this.members.keys()] : [this.botUserId];
    const members = memberIds.flatMap((id) => {
      const m = this.memberWithUser(id);
      return m ? [m] : [];
    });
    const channels = this.guildChannels().map(({ guild_id: _g, ...c }) => c);
    return {
      ...this.guild(),
      joined_at: this.createdAt,
      large: false,
      unavailable: false,
      lazy: true,
      member_count: this.members.size,
      members,
      channels,
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      activity_instances: [],
      hub_type: null,
      version: Date.now(),
    };
  }

  /** The message first sent with a nonce, while Discord still remembers it. */
  rememberedNonce(key: string): StoredMessage | undefined {
    const at = this.nonceTimes.get(key);
    if (at !== undefined && Date.now() - at >= this.nonceMemoryMs) {
      this.nonces.delete(key);
      this.nonceTimes.delete(key);
    }
    return this.nonces.get(key);
  }

  rememberNonce(key: string, message: StoredMessage): void {
    this.nonces.set(key, message);
    this.nonceTimes.set(key, Date.now());
  }

  /** The GUILD_CREATE payloads of every server the bot is in: the main one, then the others. */
  allGuildCreates(intents: number): JsonObject[] {
    return [this.guildCreate(intents), ...this.otherGuilds.values()];
  }

  // ---------------------------------------------------------------------------------------------
  // Other servers and permissions

  /** Servers besides the main one that the bot is in, by id: their GUILD_CREATE payloads. */
  readonly otherGuilds = new Map<string, JsonObject>();

  /** Another server with the bot in it and one text channel; returns its GUILD_CREATE payload. */
  addGuild(name: string): { guildId: string; channelId: string; payload: JsonObject } {
    const guildId = this.ids.nextMillisecond();
    const channelId = this.ids.next();
    const botRoleId = this.ids.next();
    const channel = this.textChannel(channelId, 'general', 0, guildId);
    this.channels.set(channelId, channel);
    const { guild_id: _guild, ...listed } = channel;
    const payload: JsonObject = {
      ...this.guildCreate(Intents.Guilds),
      id: guildId,
      name,
      owner_id: this.ids.next(),
      system_channel_id: channelId,
      roles: [
        this.role(guildId, '@everyone', 0, EVERYONE_PERMISSIONS),
        { ...this.role(botRoleId, 'emulator-bot', 1, '8'), managed: true, tags: { bot_id: this.botUserId } },
      ],
      members: [{ ...this.member([botRoleId]), user: this.user(this.botUserId) }],
      member_count: 1,
      channels: [listed],
    };
    this.otherGuilds.set(guildId, payload);
    return { guildId, channelId, payload };
  }

  /** The bot's permissions in a channel of the main server: roles, then the channel's overwrites. */
  botPermissionsIn(channelId: string): bigint {
    const channel = this.channels.get(channelId);
    if (!channel || channel.guild_id !== this.guildId) return ~0n;
    const roles = [
      this.guildId,
      ...((this.members.get(this.botUserId)?.roles as string[] | undefined) ?? []),
    ];
    let allowed = roles.reduce(
      (bits, id) => bits | BigInt((this.roles.get(id)?.permissions as string) ?? '0'),
      0n,
    );
    if (allowed & Permission.Administrator) return ~0n;
    const overwrites = (channel.permission_overwrites ?? []) as JsonObject[];
    const apply = (matching: JsonObject[]) => {
      const deny = matching.reduce((bits, o) => bits | BigInt(o.deny as string), 0n);
      const allow = matching.reduce((bits, o) => bits | BigInt(o.allow as string), 0n);
      allowed = (allowed & ~deny) | allow;
    };
    apply(overwrites.filter((o) => o.id === this.guildId));
    apply(overwrites.filter((o) => o.type === 0 && o.id !== this.guildId && roles.includes(o.id as string)));
    apply(overwrites.filter((o) => o.type === 1 && o.id === this.botUserId));
    return allowed;
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  /** Attachment objects for new uploads of a message in a channel; their bytes are kept. */
  private attachments(channelId: string, added: readonly NewAttachment[]): JsonObject[] {
    return added.map(({ file, filename, description }) => {
      const id = this.ids.next();
      this.uploads.set(id, { channelId, filename, contentType: file.contentType, data: file.data });
      const url = `${this.fileUrl()}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
      return {
        id,
        filename,
        size: file.size,
        url,
        proxy_url: url,
        content_type: file.contentType,
        ...(description !== undefined ? { description } : {}),
        ...pngSize(file.data),
      };
    });
  }

  /** The bytes of the attachment named `filename` on a message, if it has one. */
  uploadOf(message: StoredMessage, filename: string): StoredUpload | undefined {
    const attachment = attachmentsOf(message).find((a) => a.filename === filename);
    return attachment ? this.uploads.get(String(attachment.id)) : undefined;
  }

  /** Builds a message object authored by the bot from a create body. */
  buildMessage(
    channelId: string,
    body: Record<string, unknown>,
    files: readonly UploadedFile[],
    extra: JsonObject = {},
  ): StoredMessage {
    const id = this.ids.next();
    const attachments = this.attachments(channelId, planAttachments(body, files).added);
    const embeds = Array.isArray(body.embeds)
      ? body.embeds.filter(isRecord).map((e) => resolveEmbedPictures(normalizeEmbed(e), attachments))
      : [];
    const message: StoredMessage = {
      id,
      type: 0,
      channel_id: channelId,
      author: this.botUser,
      content: typeof body.content === 'string' ? body.content : '',
      timestamp: isoNow(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      mention_channels: [],
      attachments,
      embeds,
      components: (Array.isArray(body.components) ? body.components : []) as JsonObject[],
      pinned: false,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      ...extra,
    };
    if (body.nonce !== undefined && body.nonce !== null) message.nonce = body.nonce as string | number;
    if (isRecord(body.message_reference)) {
      message.message_reference = { type: 0, channel_id: channelId, ...body.message_reference } as JsonObject;
      message.type = 19;
    }
    if (isRecord(body.poll)) message.poll = body.poll as JsonObject;
    return message;
  }

  /** Applies an edit body to a message (content/embeds/components/attachments/flags). */
  applyEdit(
    message: StoredMessage,
    body: Record<string, unknown>,
    files: readonly UploadedFile[],
  ): StoredMessage {
    const next: StoredMessage = { ...message, edited_timestamp: isoNow() };
    if (body.content !== undefined) next.content = typeof body.content === 'string' ? body.content : '';
    if (body.components !== undefined) {
      next.components = (Array.isArray(body.components) ? body.components : []) as JsonObject[];
    }
    if (body.attachments !== undefined || files.length > 0) {
      const { kept, added } = planAttachments(body, files, attachmentsOf(message));
      next.attachments = [...kept, ...this.attachments(message.channel_id, added)];
    }
    if (body.embeds !== undefined) {
      const attachments = attachmentsOf(next);
      next.embeds = Array.isArray(body.embeds)
        ? body.embeds.filter(isRecord).map((e) => resolveEmbedPictures(normalizeEmbed(e), attachments))
        : [];
    }
    if (typeof body.flags === 'number') {
      // Only SUPPRESS_EMBEDS can be toggled on edit; ephemeral/components-v2 stay as they were.
      const old = typeof message.flags === 'number' ? message.flags : 0;
      next.flags = (old & ~4) | (body.flags & 4);
    }
    return next;
  }

  storeChannelMessage(message: StoredMessage): void {
    const list = this.channelMessages.get(message.channel_id) ?? [];
    list.push(message);
    this.channelMessages.set(message.channel_id, list);
    const channel = this.channels.get(message.channel_id);
    if (channel) channel.last_message_id = message.id;
  }

  findChannelMessage(
    channelId: string,
    messageId: string,
  ): { list: StoredMessage[]; index: number } | undefined {
    const list = this.channelMessages.get(channelId);
    const index = list?.findIndex((m) => m.id === messageId) ?? -1;
    return list && index >= 0 ? { list, index } : undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Commands

  /** Registered command list for a scope (the global list or a guild's list), created on demand. */
  commandList(guildId: string | null): unknown[] {
    if (guildId === null) return this.commands.global;
    let list = this.commands.guild.get(guildId);
    if (!list) {
      list = [];
      this.commands.guild.set(guildId, list);
    }
    return list;
  }

  /** Turns a command definition into the object Discord returns (keeping the id of a same-named command). */
  materializeCommand(def: Record<string, unknown>, guildId: string | null, existing: unknown[]): JsonObject {
    const type = typeof def.type === 'number' ? def.type : 1;
    const previous = existing.find((c) => isRecord(c) && c.name === def.name && c.type === type);
    const id = isRecord(previous) && typeof previous.id === 'string' ? previous.id : this.ids.next();
    const cmd: JsonObject = {
      id,
      application_id: this.applicationId,
      version: this.ids.next(),
      default_member_permissions: null,
      type,
      name: def.name as string,
      name_localizations: null,
      description: typeof def.description === 'string' ? def.description : '',
      description_localizations: null,
      ...(guildId ? { guild_id: guildId } : { dm_permission: true }),
      contexts: guildId ? null : [0, 1, 2],
      integration_types: [0],
      nsfw: false,
    };
    for (const key of [
      'default_member_permissions',
      'name_localizations',
      'description_localizations',
      'nsfw',
      'contexts',
      'integration_types',
      'handler',
    ]) {
      if (def[key] !== undefined) cmd[key] = def[key] as JsonObject;
    }
    if (!guildId && typeof def.dm_permission === 'boolean') cmd.dm_permission = def.dm_permission;
    if (Array.isArray(def.options) && def.options.length > 0) cmd.options = def.options as JsonObject[];
    return cmd;
  }

  /** Finds a registered command by name and type (guild commands first, then global). */
  findCommand(name: string, type: number, guildId: string | null): JsonObject | undefined {
    const scopes = guildId
      ? [this.commands.guild.get(guildId) ?? [], this.commands.global]
      : [this.commands.global];
    for (const list of scopes) {
      const found = list.find((c) => isRecord(c) && c.name === name && (c.type ?? 1) === type);
      if (isRecord(found)) return found as JsonObject;
    }
    return undefined;
  }
}

function normalizeEmbed(embed: Record<string, unknown>): JsonObject {
  const out = { type: 'rich', ...embed } as JsonObject;
  if (Array.isArray(out.fields)) {
    out.fields = out.fields.map((f) => (isRecord(f) ? ({ inline: false, ...f } as JsonObject) : f));
  }
  if (typeof out.timestamp === 'string') {
    const d = new Date(out.timestamp);
    if (!Number.isNaN(d.getTime())) out.timestamp = d.toISOString().replace('Z', '+00:00');
  }
  return out;
}
