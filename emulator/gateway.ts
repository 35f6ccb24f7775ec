/**
 * Gateway (WebSocket) emulation: HELLO, heartbeats, IDENTIFY -> READY + GUILD_CREATE,
 * RESUME with replay of missed dispatches, INVALID_SESSION, RECONNECT, request guild members.
 *
 * Shards: an IDENTIFY may name its shard, `[shard_id, shard_count]`; it gets the servers of that
 * shard by Discord's rule, `(guild_id >> 22) % shard_count`, and so does every later dispatch
 * about one of them (one without a server goes to shard 0, as Discord sends DMs). Each shard's
 * newest session gets its dispatches; a shard whose process is gone buffers them for a RESUME,
 * and a new IDENTIFY starts afresh, as on Discord.
 *
 * Encoding: JSON only. Transport compression `compress=zlib-stream` is supported (one shared
 * zlib context per connection, Z_SYNC_FLUSH after each payload). Payload compression
 * (`identify.compress: true`) is supported for dispatches. Any other compression (zstd-stream)
 * falls back to uncompressed text frames.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createDeflate, type Deflate, deflateSync, constants as zlibConstants } from 'node:zlib';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { type EmulatorState, Intents } from './state.js';
import type { GatewayDropMode, GatewayStats } from './types.js';
import { isRecord } from './util.js';

export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

export const CloseCode = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  InvalidShard: 4010,
  InvalidAPIVersion: 4012,
  InvalidIntents: 4013,
} as const;

interface Dispatched {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  shard: ShardKey;
  seq: number;
  intents: number;
  /** Dispatches kept for RESUME replay. */
  buffer: Dispatched[];
  conn: Connection | null;
  /** false once invalidated: RESUME gets INVALID_SESSION(false). */
  resumable: boolean;
}

interface Connection {
  ws: WebSocket;
  session: Session | null;
  /** READY/RESUMED sent on this connection. */
  ready: boolean;
  identifyCompress: boolean;
  deflate: Deflate | null;
  /** zlib-stream output not yet sent. */
  zchunks: Buffer[];
  /** Serializes zlib-stream writes. */
  chain: Promise<void>;
}

const REPLAY_BUFFER = 1000;

/** A shard: its id, of how many. */
interface ShardKey {
  id: number;
  count: number;
}

/** Discord's rule for the shard of a server. */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** The server a dispatch is about, if any: its `guild_id`, or the server itself for GUILD_CREATE and its kin. */
function guildOfDispatch(t: string, d: unknown): string | undefined {
  if (!isRecord(d)) return undefined;
  if (typeof d.guild_id === 'string') return d.guild_id;
  return t.startsWith('GUILD_') && typeof d.id === 'string' ? d.id : undefined;
}

function onShard(guildId: string | undefined, shard: ShardKey): boolean {
  return (guildId === undefined ? 0 : shardOfGuild(guildId, shard.count)) === shard.id;
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  url: () => string;
}

export class Gateway {
  readonly stats: GatewayStats = { identifies: 0, resumes: 0, heartbeats: 0, connections: 0 };
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  /** Each shard's session of its last IDENTIFY, by shard id: where its dispatches go. */
  private readonly current = new Map<number, Session>();
  /** Dispatches requested before any client identified for their shard. */
  private pending: Array<{ t: string; d: unknown; guildId: string | undefined }> = [];
  private readyWaiters = new Set<() => void>();

  constructor(
    private readonly state: EmulatorState,
    private readonly opts: GatewayOptions,
  ) {}

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url.searchParams));
    });
  }

  /** True when a client is connected and READY/RESUMED on a current session. */
  get isReady(): boolean {
    return this.readyShards().length > 0;
  }

  /** The shards whose current session is connected and READY/RESUMED, in order. */
  readyShards(): number[] {
    return [...this.current.values()]
      .filter((session) => session.conn?.ready === true)
      .map((session) => session.shard.id)
      .sort((a, b) => a - b);
  }

  intents(): number {
    return this.current.values().next().value?.intents ?? 0;
  }

  waitForReady(timeoutMs = 10_000): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyWaiters.delete(done);
        reject(new Error(`emulator: no client became ready within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.readyWaiters.add(done);
    });
  }

  /**
   * Sends a dispatch on the current session of its server's shard (buffered for RESUME if the
   * client is away). Returns whether it went out on a connection that is ready.
   */
  dispatch(t: string, d: unknown): boolean {
    const guildId = guildOfDispatch(t, d);
    const session = [...this.current.values()].find((s) => onShard(guildId, s.shard));
    if (!session) {
      this.pending.push({ t, d, guildId });
      return false;
    }
    return this.dispatchOn(session, t, d);
  }

  private dispatchOn(session: Session, t: string, d: unknown): boolean {
    session.seq += 1;
    const payload: Dispatched = { op: 0, t, s: session.seq, d };
    session.buffer.push(payload);
    if (session.buffer.length > REPLAY_BUFFER) session.buffer.shift();
    const conn = session.conn;
    if (!conn || !(conn.ready || t === 'READY' || t === 'RESUMED' || t === 'GUILD_CREATE')) return false;
    this.send(conn, payload);
    return conn.ws.readyState === conn.ws.OPEN;
  }

  /** Drops a shard's connection (shard 0 by default: the only one of an unsharded bot). */
  drop(mode: GatewayDropMode, shardId = 0): void {
    const conn = this.current.get(shardId)?.conn;
    if (!conn) throw new Error(`emulator: no gateway connection of shard ${shardId} to drop`);
    switch (mode) {
      case 'close':
        this.detach(conn);
        conn.ws.close(CloseCode.UnknownError, 'Emulator: dropped (resumable)');
        break;
      case 'destroy':
        this.detach(conn);
        conn.ws.terminate();
        break;
      case 'reconnect':
        // Discord asks the client to reconnect and resume; the client closes the socket itself.
        this.detach(conn);
        this.sendRaw(conn, { op: Op.Reconnect, d: null });
        break;
      case 'invalidate':
        if (conn.session) conn.session.resumable = false;
        this.detach(conn);
        this.sendRaw(conn, { op: Op.InvalidSession, d: false });
        break;
    }
  }

  async close(): Promise<void> {
    for (const conn of this.connections) conn.ws.terminate();
    this.connections.clear();
    this.readyWaiters.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // ---------------------------------------------------------------------------------------------

  private onConnection(ws: WebSocket, params: URLSearchParams): void {
    this.stats.connections += 1;
    const conn: Connection = {
      ws,
      session: null,
      ready: false,
      identifyCompress: false,
      deflate: null,
      zchunks: [],
      chain: Promise.resolve(),
    };
    this.connections.add(conn);
    ws.on('close', () => {
      this.connections.delete(conn);
      this.detach(conn);
      conn.deflate?.close();
    });
    ws.on('error', () => {
      // A client vanishing mid-write is normal for the 'destroy' scenarios.
    });

    const version = params.get('v');
    if (version !== null && version !== '10' && version !== '9') {
      ws.close(CloseCode.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    const encoding = params.get('encoding');
    if (encoding !== null && encoding !== 'json') {
      ws.close(CloseCode.DecodeError, 'Emulator supports encoding=json only');
      return;
    }
    if (params.get('compress') === 'zlib-stream') {
      const deflate = createDeflate();
      deflate.on('data', (chunk: Buffer) => conn.zchunks.push(chunk));
      conn.deflate = deflate;
    }

    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(conn, data, isBinary));
    this.sendRaw(conn, {
      op: Op.Hello,
      d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ['["emulator",{}]'] },
    });
  }

  /** Disconnects a connection from its session without touching the socket. */
  private detach(conn: Connection): void {
    conn.ready = false;
    if (conn.session && conn.session.conn === conn) conn.session.conn = null;
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      if (isBinary) throw new Error('binary frames are not accepted');
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data as ArrayBuffer).toString('utf8');
      payload = JSON.parse(text);
    } catch {
      conn.ws.close(CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    if (!isRecord(payload) || typeof payload.op !== 'number') {
      conn.ws.close(CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    const d = payload.d;
    switch (payload.op) {
      case Op.Heartbeat:
        this.stats.heartbeats += 1;
        this.sendRaw(conn, { op: Op.HeartbeatAck });
        return;
      case Op.Identify:
        this.onIdentify(conn, d);
        return;
      case Op.Resume:
        this.onResume(conn, d);
        return;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestSoundboardSounds:
        if (!conn.session) conn.ws.close(CloseCode.NotAuthenticated, 'Not authenticated.');
        return;
      case Op.RequestGuildMembers:
        if (!conn.session) conn.ws.close(CloseCode.NotAuthenticated, 'Not authenticated.');
        else this.onRequestMembers(conn.session, d);
        return;
      default:
        conn.ws.close(CloseCode.UnknownOpcode, 'Unknown opcode.');
    }
  }

  /** An identify or a resume on a connection not yet authenticated, with the bot's token; else closed as Discord does. */
  private authenticates(conn: Connection, d: unknown): d is Record<string, unknown> {
    if (conn.session) {
      conn.ws.close(CloseCode.AlreadyAuthenticated, 'Already authenticated.');
      return false;
    }
    if (!isRecord(d) || !this.tokenMatches(d.token)) {
      conn.ws.close(CloseCode.AuthenticationFailed, 'Authentication failed.');
      return false;
    }
    return true;
  }

  private tokenMatches(token: unknown): boolean {
    if (typeof token !== 'string') return false;
    return token === this.state.token || token === `Bot ${this.state.token}`;
  }

  private onIdentify(conn: Connection, d: unknown): void {
    if (!this.authenticates(conn, d)) return;
    if (typeof d.intents !== 'number' || !Number.isInteger(d.intents) || d.intents < 0) {
      conn.ws.close(CloseCode.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    const shard = shardOfIdentify(d.shard);
    if (!shard) {
      conn.ws.close(CloseCode.InvalidShard, 'Invalid shard.');
      return;
    }
    this.stats.identifies += 1;
    conn.identifyCompress = d.compress === true;
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      shard,
      seq: 0,
      intents: d.intents,
      buffer: [],
      conn,
      resumable: true,
    };
    // Dispatches go to each shard's newest session only, so its previous one can no longer be resumed.
    const previous = [...this.current.values()].filter((other) => other.shard.id === shard.id);
    for (const other of previous) other.resumable = false;
    // A shard identified with another count than the shards before it: those no longer hold their servers.
    for (const [id, other] of this.current) if (other.shard.count !== shard.count) this.current.delete(id);
    this.sessions.set(session.id, session);
    this.current.set(shard.id, session);
    conn.session = session;

    const s = this.state;
    const guildsIntent = (d.intents & Intents.Guilds) !== 0;
    const guilds = s.allGuildCreates(d.intents).filter((guild) => onShard(String(guild.id), shard));
    this.dispatchOn(session, 'READY', {
      v: 10,
      user_settings: {},
      user: s.botUser,
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.opts.url(),
      shard: [shard.id, shard.count],
      application: { id: s.applicationId, flags: 0 },
      presences: [],
      private_channels: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
      _trace: ['["emulator",{}]'],
    });
    if (guildsIntent) for (const guild of guilds) this.dispatchOn(session, 'GUILD_CREATE', guild);
    conn.ready = true;
    const mine = this.pending.filter((p) => onShard(p.guildId, shard));
    this.pending = this.pending.filter((p) => !onShard(p.guildId, shard));
    for (const p of mine) this.dispatchOn(session, p.t, p.d);
    this.notifyReady();
  }

  private onResume(conn: Connection, d: unknown): void {
    if (!this.authenticates(conn, d)) return;
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : -1;
    if (!session?.resumable || session !== this.current.get(session.shard.id)) {
      this.sendRaw(conn, { op: Op.InvalidSession, d: false });
      return;
    }
    if (seq > session.seq) {
      conn.ws.close(CloseCode.InvalidSeq, 'Invalid seq.');
      return;
    }
    const oldest = session.buffer[0]?.s ?? session.seq + 1;
    if (seq < oldest - 1) {
      // Missed more than the replay buffer holds: the client must identify again.
      this.sendRaw(conn, { op: Op.InvalidSession, d: false });
      return;
    }
    this.stats.resumes += 1;
    if (session.conn && session.conn !== conn) {
      const old = session.conn;
      this.detach(old);
      old.ws.close(CloseCode.UnknownError, 'Session resumed elsewhere');
    }
    session.conn = conn;
    conn.session = session;
    for (const missed of session.buffer) if (missed.s > seq) this.send(conn, missed);
    this.dispatchOn(session, 'RESUMED', { _trace: ['["emulator",{}]'] });
    conn.ready = true;
    this.notifyReady();
  }

  private onRequestMembers(session: Session, d: unknown): void {
    if (!isRecord(d)) return;
    const s = this.state;
    const limit = typeof d.limit === 'number' && d.limit > 0 ? d.limit : Number.POSITIVE_INFINITY;
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    const wanted = Array.isArray(d.user_ids)
      ? d.user_ids.map(String)
      : typeof d.user_ids === 'string'
        ? [d.user_ids]
        : null;
    const members = [...s.members.keys()]
      .filter((id) =>
        wanted ? wanted.includes(id) : String(s.users.get(id)?.username ?? '').startsWith(query),
      )
      .slice(0, limit)
      .flatMap((id) => {
        const m = s.memberWithUser(id);
        return m ? [m] : [];
      });
    const notFound = wanted ? wanted.filter((id) => !s.members.has(id)) : [];
    this.dispatchOn(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: s.guildId,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(notFound.length ? { not_found: notFound } : {}),
      ...(d.presences === true ? { presences: [] } : {}),
      ...(typeof d.nonce === 'string' ? { nonce: d.nonce } : {}),
    });
  }

  private notifyReady(): void {
    const waiters = [...this.readyWaiters];
    this.readyWaiters.clear();
    for (const w of waiters) w();
  }

  private send(conn: Connection, payload: Dispatched): void {
    if (conn.identifyCompress && !conn.deflate) {
      if (conn.ws.readyState === conn.ws.OPEN)
        conn.ws.send(deflateSync(JSON.stringify(payload)), { binary: true });
      return;
    }
    this.sendRaw(conn, payload);
  }

  private sendRaw(conn: Connection, payload: unknown): void {
    const text = JSON.stringify(payload);
    const deflate = conn.deflate;
    if (!deflate) {
      if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(text);
      return;
    }
    conn.chain = conn.chain.then(
      () =>
        new Promise<void>((resolve) => {
          deflate.write(text);
          deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
            // Output may still be queued in the readable side; collect it after pending ticks.
            setImmediate(() => {
              const frame = Buffer.concat(conn.zchunks);
              conn.zchunks = [];
              if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(frame, { binary: true });
              resolve();
            });
          });
        }),
    );
  }
}

/** The shard an IDENTIFY names (none: the only shard of one), or null for one Discord refuses. */
function shardOfIdentify(shard: unknown): ShardKey | null {
  if (shard === undefined) return { id: 0, count: 1 };
  if (!Array.isArray(shard) || shard.length !== 2) return null;
  const [id, count] = shard as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  return (count as number) >= 1 && (id as number) >= 0 && (id as number) < (count as number)
    ? { id: id as number, count: count as number }
    : null;
}
