/**
 * INTERACTION_CREATE payloads (as Discord sends them) and the bookkeeping of what the bot
 * answered: callback, @original and its edits, follow-ups.
 */
import { ALL_PERMISSIONS, type EmulatorState } from './state.js';
import type {
  InteractionExchange,
  InteractionInput,
  InteractionOption,
  JsonObject,
  StoredMessage,
  WaitForInteractionOptions,
} from './types.js';
import { clone, interactionToken, isoNow } from './util.js';

export const InteractionType = {
  ApplicationCommand: 2,
  MessageComponent: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;

export interface InteractionRecord {
  id: string;
  token: string;
  /** Discord interaction type (2, 3, 4, 5). */
  type: number;
  /** Command name (or custom_id for components), for message metadata. */
  name: string;
  commandType: number;
  channelId: string;
  user: JsonObject;
  payload: JsonObject;
  createdAt: number;
  /** For component interactions: channel message the component is on. */
  sourceMessage?: StoredMessage;
  /** The interaction whose reply or follow-up the pressed message is (none for a channel post). */
  sourceHolder?: InteractionRecord;
  acknowledged: boolean;
  callback?: { type: number; data?: unknown };
  original?: StoredMessage;
  edits: unknown[];
  followUps: StoredMessage[];
  deleted: boolean;
  listeners: Set<() => void>;
}

export function isEphemeral(rec: InteractionRecord): boolean {
  const cbFlags = (rec.callback?.data as { flags?: unknown } | undefined)?.flags;
  const origFlags = rec.original?.flags;
  return (
    (typeof cbFlags === 'number' && (cbFlags & 64) !== 0) ||
    (typeof origFlags === 'number' && (origFlags & 64) !== 0)
  );
}

export function snapshot(rec: InteractionRecord): InteractionExchange {
  return clone<InteractionExchange>({
    id: rec.id,
    token: rec.token,
    ...(rec.callback ? { callback: rec.callback as InteractionExchange['callback'] } : {}),
    ...(rec.original ? { original: rec.original } : {}),
    edits: rec.edits as InteractionExchange['edits'],
    followUps: rec.followUps,
    ephemeral: isEphemeral(rec),
    deleted: rec.deleted,
  });
}

const commandTypes = { command: 1, autocomplete: 1, 'user-context': 2, 'message-context': 3 } as const;

export class InteractionTracker {
  readonly records = new Map<string, InteractionRecord>();
  readonly byToken = new Map<string, InteractionRecord>();

  constructor(
    private readonly state: EmulatorState,
    private readonly send: (event: string, data: unknown) => boolean,
  ) {}

  /** Sends the interaction; `delivered` says whether a connected, ready shard got it. */
  dispatch(input: InteractionInput): InteractionRecord & { delivered: boolean } {
    const rec = this.build(input);
    input.tamper?.(rec.payload);
    this.records.set(rec.id, rec);
    this.byToken.set(rec.token, rec);
    return Object.assign(rec, { delivered: this.send('INTERACTION_CREATE', rec.payload) });
  }

  changed(rec: InteractionRecord): void {
    for (const listener of [...rec.listeners]) listener();
  }

  waitFor(id: string, opts: WaitForInteractionOptions = {}): Promise<InteractionExchange> {
    const rec = this.records.get(id);
    if (!rec) return Promise.reject(new Error(`emulator: unknown interaction ${id}`));
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const done = (): boolean => {
      if (!rec.callback) return false;
      const deferred = rec.callback.type === 5 || rec.callback.type === 6;
      const edits = opts.edits ?? (deferred ? 1 : 0);
      // A deferred reply is also settled once the bot deletes it.
      const editsOk = rec.edits.length >= edits || (rec.deleted && opts.edits === undefined);
      return editsOk && rec.followUps.length >= (opts.followUps ?? 0);
    };
    return new Promise<InteractionExchange>((resolve, reject) => {
      const check = (): void => {
        if (!done()) return;
        cleanup();
        resolve(snapshot(rec));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `emulator: interaction ${rec.name} (${id}) not answered within ${timeoutMs} ms; got so far: ${JSON.stringify(
              snapshot(rec),
            )}`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        rec.listeners.delete(check);
      };
      rec.listeners.add(check);
      check();
    });
  }

  /**
   * A message the bot sent, wherever it is: posted in a channel, or an interaction's reply or
   * follow-up (ephemeral ones included: Discord sends those with a press too), with the
   * interaction that holds it.
   */
  findMessage(messageId: string): { message: StoredMessage; holder?: InteractionRecord } | undefined {
    for (const list of this.state.channelMessages.values()) {
      const message = list.find((m) => m.id === messageId);
      if (message) return { message };
    }
    for (const rec of this.records.values()) {
      if (rec.original?.id === messageId && !rec.deleted && rec.sourceMessage?.id !== messageId) {
        return { message: rec.original, holder: rec };
      }
      const followUp = rec.followUps.find((m) => m.id === messageId);
      if (followUp) return { message: followUp, holder: rec };
    }
    return undefined;
  }

  /**
   * Puts the message a press edited back where it is (its channel, or the interaction that holds
   * it), so that later presses and reads see the edit.
   */
  replaceSource(press: InteractionRecord, updated: StoredMessage): void {
    press.sourceMessage = updated;
    const found = this.state.findChannelMessage(updated.channel_id, updated.id);
    if (found) found.list[found.index] = updated;
    const holder = press.sourceHolder;
    if (!holder) return;
    if (holder.original?.id === updated.id) holder.original = updated;
    const index = holder.followUps.findIndex((m) => m.id === updated.id);
    if (index >= 0) holder.followUps[index] = updated;
    this.changed(holder);
  }

  /** A message the test did not send through the bot: one carrying the pressed component. */
  private stubMessage(channelId: string, customId: string, input: InteractionInput): StoredMessage {
    const select = (input.componentType ?? 2) !== 2;
    const component: JsonObject = select
      ? {
          type: input.componentType ?? 3,
          custom_id: customId,
          options: (input.values ?? ['a']).map((value) => ({ label: value, value })),
        }
      : { type: 2, style: 2, label: 'Button', custom_id: customId };
    return this.state.buildMessage(
      channelId,
      {
        content: 'message with components',
        components: [{ type: 1, components: [component] }],
        flags: input.messageFlags ?? 0,
      },
      [],
      { id: input.messageId ?? this.state.ids.next() },
    );
  }

  rejectAll(): void {
    for (const rec of this.records.values()) rec.listeners.clear();
  }

  private build(input: InteractionInput): InteractionRecord {
    const s = this.state;
    const id = s.ids.next();
    const token = interactionToken(id);
    const inGuild = input.guild ?? true;
    const userId = input.userId ?? s.ownerUserId;
    const user = s.user(s.ensureUser(userId).id as string);
    const permissions = input.permissions ?? ALL_PERMISSIONS;
    const locale = input.locale ?? 'en-US';

    let channel: JsonObject;
    if (inGuild) {
      // A press happens where the pressed message is, in whichever server.
      const pressedIn =
        input.type === 'component' && input.messageId
          ? this.findMessage(input.messageId)?.message.channel_id
          : undefined;
      const channelId = input.channelId ?? pressedIn;
      const requested = channelId ? s.channels.get(channelId) : s.channels.get(s.channelId);
      channel = requested ?? {
        ...(s.channels.get(s.channelId) as JsonObject),
        id: channelId ?? s.channelId,
      };
    } else {
      channel = input.channelId
        ? (s.channels.get(input.channelId) ?? s.ensureDmChannel(userId))
        : s.ensureDmChannel(userId);
    }
    const channelId = channel.id as string;
    // A channel of another server makes it that server's interaction (and its shard's).
    const guildId = typeof channel.guild_id === 'string' ? channel.guild_id : s.guildId;

    const payload: JsonObject = {
      id,
      application_id: s.applicationId,
      type: InteractionType.ApplicationCommand,
      token,
      version: 1,
      app_permissions: inGuild ? ALL_PERMISSIONS : '2248473465835073',
      locale,
      entitlements: [],
      attachment_size_limit: s.uploadLimitBytes,
      channel_id: channelId,
      channel: inGuild ? { ...channel, permissions } : channel,
    };
    if (inGuild) {
      const member = s.ensureMember(userId, input.roles);
      payload.guild_id = guildId;
      payload.guild = { id: guildId, locale: 'en-US', features: [] };
      payload.guild_locale = 'en-US';
      payload.member = { ...member, user, permissions };
      payload.authorizing_integration_owners = { '0': guildId };
      payload.context = 0;
    } else {
      payload.user = user;
      payload.authorizing_integration_owners = { '0': '0' };
      payload.context = 1;
    }

    const rec: InteractionRecord = {
      id,
      token,
      type: InteractionType.ApplicationCommand,
      name: input.name ?? input.customId ?? '',
      commandType: 1,
      channelId,
      user,
      payload,
      createdAt: Date.now(),
      acknowledged: false,
      edits: [],
      followUps: [],
      deleted: false,
      listeners: new Set(),
    };

    if (input.type === 'component') {
      payload.type = InteractionType.MessageComponent;
      rec.type = InteractionType.MessageComponent;
      const customId = input.customId ?? 'button';
      const found = input.messageId ? this.findMessage(input.messageId) : undefined;
      const source = found?.message ?? this.stubMessage(channelId, customId, input);
      const component = componentWithId(source, customId);
      if (!component) {
        throw new Error(`emulator: message ${source.id} has no component with custom_id ${customId}`);
      }
      const componentType = input.componentType ?? (component.type as number);
      if (found) checkPress(component, input.values);
      rec.sourceMessage = source;
      if (found?.holder) rec.sourceHolder = found.holder;
      payload.message = source as JsonObject;
      payload.data = {
        custom_id: customId,
        component_type: componentType,
        ...(input.values ? { values: input.values } : {}),
      };
      return rec;
    }

    if (input.type === 'modal') {
      payload.type = InteractionType.ModalSubmit;
      rec.type = InteractionType.ModalSubmit;
      payload.data = { custom_id: input.customId ?? 'modal', components: [] };
      return rec;
    }

    const name = input.name;
    if (!name) throw new Error(`emulator: InteractionInput.name is required for type '${input.type}'`);
    const commandType = commandTypes[input.type];
    rec.commandType = commandType;
    if (input.type === 'autocomplete') {
      payload.type = InteractionType.Autocomplete;
      rec.type = InteractionType.Autocomplete;
    }
    const guildScope = inGuild ? guildId : null;
    const registered = s.findCommand(name, commandType, guildScope);
    const data: JsonObject = {
      id: typeof registered?.id === 'string' ? registered.id : s.ids.next(),
      name,
      type: commandType,
    };
    if (typeof registered?.guild_id === 'string') data.guild_id = registered.guild_id;
    const resolved: Record<string, Record<string, JsonObject>> = {};
    const addResolved = (kind: string, key: string, value: JsonObject): void => {
      resolved[kind] ??= {};
      (resolved[kind] as Record<string, JsonObject>)[key] = value;
    };
    const resolveUser = (uid: string): void => {
      addResolved('users', uid, s.user(s.ensureUser(uid).id as string));
      if (inGuild) {
        const m = s.ensureMember(uid);
        addResolved('members', uid, { ...m, permissions: uid === userId ? permissions : ALL_PERMISSIONS });
      }
    };

    if (input.options && input.options.length > 0) {
      data.options = input.options as unknown as JsonObject[];
      this.resolveOptions(input.options, {
        user: resolveUser,
        channel: (cid) => {
          const c = s.channels.get(cid);
          if (c) {
            addResolved('channels', cid, {
              id: cid,
              name: c.name ?? null,
              type: c.type ?? 0,
              permissions: ALL_PERMISSIONS,
              ...(c.parent_id !== undefined ? { parent_id: c.parent_id } : {}),
              ...(c.guild_id !== undefined ? { guild_id: c.guild_id } : {}),
            });
          }
        },
        role: (rid) => {
          const r = s.roles.get(rid);
          if (r) addResolved('roles', rid, r);
        },
      });
    }

    if (input.type === 'message-context') {
      const target = input.targetMessage ?? { content: '' };
      const targetId = target.id ?? s.ids.next();
      const authorId = target.authorId ?? userId;
      const stored = s.findChannelMessage(channelId, targetId);
      const message: JsonObject = stored
        ? (stored.list[stored.index] as JsonObject)
        : {
            id: targetId,
            type: 0,
            channel_id: channelId,
            author: s.user(s.ensureUser(authorId).id as string),
            content: target.content,
            timestamp: isoNow(),
            edited_timestamp: null,
            tts: false,
            mention_everyone: false,
            mentions: [],
            mention_roles: [],
            attachments: [],
            embeds: (target.embeds ?? []) as JsonObject[],
            components: [],
            pinned: false,
            flags: 0,
          };
      data.target_id = targetId;
      addResolved('messages', targetId, message);
    } else if (input.type === 'user-context') {
      const targetId = input.targetUserId ?? userId;
      data.target_id = targetId;
      resolveUser(targetId);
    }
    if (Object.keys(resolved).length > 0) data.resolved = resolved as JsonObject;
    payload.data = data;
    return rec;
  }

  /** Fills `resolved` for user (6), channel (7), role (8) and mentionable (9) option values. */
  private resolveOptions(
    options: InteractionOption[],
    r: { user: (id: string) => void; channel: (id: string) => void; role: (id: string) => void },
  ): void {
    for (const opt of options) {
      if (opt.options) this.resolveOptions(opt.options, r);
      if (typeof opt.value !== 'string') continue;
      if (opt.type === 6) r.user(opt.value);
      else if (opt.type === 7) r.channel(opt.value);
      else if (opt.type === 8) r.role(opt.value);
      else if (opt.type === 9) {
        if (this.state.roles.has(opt.value)) r.role(opt.value);
        else r.user(opt.value);
      }
    }
  }
}

/** The component of a message with this custom_id, in any of its rows. */
function componentWithId(message: StoredMessage, customId: string): JsonObject | undefined {
  const rows = Array.isArray(message.components) ? (message.components as JsonObject[]) : [];
  return rows
    .flatMap((row) => (Array.isArray(row.components) ? (row.components as JsonObject[]) : []))
    .find((c) => c.custom_id === customId);
}

/**
 * What Discord lets a user send: a button has no values; a menu's values are among its options,
 * as many as its min and max allow. A test asking for more is a mistake in the test.
 */
function checkPress(component: JsonObject, values: readonly string[] | undefined): void {
  if (component.type === 2) {
    if (values) throw new Error('emulator: a button press carries no values');
    return;
  }
  if (component.type !== 3) return;
  const options = Array.isArray(component.options) ? (component.options as JsonObject[]) : [];
  const chosen = values ?? [];
  const min = typeof component.min_values === 'number' ? component.min_values : 1;
  const max = typeof component.max_values === 'number' ? component.max_values : 1;
  if (chosen.length < min || chosen.length > max) {
    throw new Error(`emulator: a menu of ${min} to ${max} choices cannot send ${chosen.length}`);
  }
  for (const value of chosen) {
    if (!options.some((o) => o.value === value)) throw new Error(`emulator: the menu has no option ${value}`);
  }
}
