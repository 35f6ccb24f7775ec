/**
 * The store on PostgreSQL (`DATABASE_URL`), through node-postgres: for processes on several
 * machines, or shards, sharing one database. A table per kind of record (servers, digest settings,
 * slots, last posts, kept calls); a server's state is written in one statement, so every part of it
 * or none. One process at a time holds a server: a session advisory lock on a connection of its own,
 * released by the database itself if the process dies, under which the claim, the post and the
 * record happen; the claim is committed before the post, so a process that takes over later sees it.
 *
 * The database may go away (a restart, a failover): idle connections that break are logged by the
 * pool's error handler and replaced, never thrown; a query that fails is a DatabaseError, which
 * holds scheduled digests as a read-only state folder does, until the database answers again.
 */
import pg from 'pg';
import { readCall, writeCall } from '../contract/calls.js';
import type { Logger } from '../log.js';
import { CALL_STORE_LIMITS } from './file-calls.js';
import { LOCK_CLASS, migrate } from './migrations.js';
import {
  CorruptStateError,
  DatabaseError,
  GuildState,
  type GuildStateInput,
  StateBusyError,
  StoreOpenError,
  schemaProblem,
} from './records.js';
import type { GuildRecords, KeptCalls, LockOptions, Store } from './store.js';

export interface PostgresStoreOptions {
  logger: Logger;
  /** Connections at most; a server held for a post keeps one for the post's length. */
  poolSize?: number;
  limits?: { calls: number };
}

/**
 * Connections at most: a server being posted holds one from its claim to its record (Discord's
 * own limit of 50 requests a second paces the posts of servers due at once more than this does).
 */
const POOL_SIZE = 20;

/** How often a process waiting for a server held by another asks again. */
const LOCK_POLL_MS = 100;

export function postgresStore(connectionString: string, options: PostgresStoreOptions): Store {
  const { logger } = options;
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? POOL_SIZE,
    // Servers due at the same minute wait their turn for a connection; a database that does not
    // answer fails the query within this, rather than holding a digest for ever.
    connectionTimeoutMillis: 60_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that breaks (the database restarted) is dropped and replaced by the pool;
  // unhandled, its error would end the process.
  pool.on('error', (error) =>
    logger.warn({ err: error }, 'database connection lost; the next query reconnects'),
  );
  const records = guildRecords(pool);
  const calls = postgresCalls(pool, logger, options.limits?.calls ?? CALL_STORE_LIMITS.calls);
  return {
    kind: 'postgres',
    ...records,
    withGuildLock: (guildId, work, lockOptions) => withGuildLock(pool, guildId, work, lockOptions),
    calls,
    async open() {
      let applied: number[];
      try {
        applied = await migrate(pool);
      } catch (error) {
        throw new StoreOpenError(
          `the database ${databaseName(connectionString)} cannot be opened: ${(error as Error).message}`,
          { cause: error },
        );
      }
      if (applied.length > 0) logger.info({ versions: applied }, 'database migrated');
    },
    async close() {
      await calls.flush();
      await pool.end();
    },
  };
}

/** Where a connection string leads, without its user or password: host, port and database. */
export function databaseName(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.host || url.searchParams.get('host') || 'localhost'}${url.pathname}`;
  } catch {
    return '(named by DATABASE_URL)';
  }
}

type Queryable = Pick<pg.Pool, 'query'>;

function guildRecords(db: Queryable): GuildRecords {
  return {
    read: (guildId) => readGuild(db, guildId),
    write: (state) => writeGuild(db, state),
  };
}

/** A query whose failure is the database's: reported as a DatabaseError naming the record. */
async function query<R extends pg.QueryResultRow>(
  db: Queryable,
  record: string,
  text: string,
  values: unknown[],
): Promise<pg.QueryResult<R>> {
  try {
    return await db.query<R>(text, values);
  } catch (error) {
    throw new DatabaseError(record, error as NodeJS.ErrnoException);
  }
}

interface GuildRow {
  guild_id: string;
  since: Date;
  enabled: boolean | null;
  channel_id: string | null;
  cron: string | null;
  time_zone: string | null;
  incident: string | null;
  mode: string | null;
  active_since: Date | null;
  last_slot: Date | null;
  pending_slot: Date | null;
  pending_claimed_at: Date | null;
  post_slot: Date | null;
  posted_at: Date | null;
  late: boolean | null;
  post_channel_id: string | null;
  message_ids: string[] | null;
  snapshot: unknown;
}

const READ_GUILD = `
  SELECT g.guild_id, g.since,
    s.enabled, s.channel_id, s.cron, s.time_zone, s.incident, s.mode, s.active_since,
    sl.last_slot, sl.pending_slot, sl.pending_claimed_at,
    p.slot AS post_slot, p.posted_at, p.late, p.channel_id AS post_channel_id, p.message_ids, p.snapshot
  FROM guilds g
  LEFT JOIN digest_settings s ON s.guild_id = g.guild_id
  LEFT JOIN digest_slots sl ON sl.guild_id = g.guild_id
  LEFT JOIN digest_posts p ON p.guild_id = g.guild_id
  WHERE g.guild_id = $1`;

async function readGuild(db: Queryable, guildId: string): Promise<GuildState | null> {
  const record = `of server ${guildId} in the database`;
  const { rows } = await query<GuildRow>(db, record, READ_GUILD, [guildId]);
  const row = rows[0];
  if (!row) return null;
  const parsed = GuildState.safeParse(stateOfRow(row));
  if (parsed.success) return parsed.data;
  throw new CorruptStateError(record, null, schemaProblem(parsed.error));
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function stateOfRow(row: GuildRow): unknown {
  return {
    version: 1,
    guildId: row.guild_id,
    since: iso(row.since),
    settings:
      row.enabled === null
        ? null
        : {
            enabled: row.enabled,
            channelId: row.channel_id,
            cron: row.cron,
            timeZone: row.time_zone,
            incident: row.incident,
            mode: row.mode,
            activeSince: iso(row.active_since),
          },
    lastSlot: iso(row.last_slot),
    pending: row.pending_slot
      ? { slot: iso(row.pending_slot), claimedAt: iso(row.pending_claimed_at) }
      : null,
    lastPost:
      row.posted_at === null
        ? null
        : {
            slot: iso(row.post_slot),
            postedAt: iso(row.posted_at),
            late: row.late,
            channelId: row.post_channel_id,
            messageIds: row.message_ids,
            snapshot: row.snapshot,
          },
  };
}

/**
 * Every part of a server's state in one statement, so the database applies all of it or none:
 * parts that are null (no settings of the server's own, no post yet) are removed.
 */
const WRITE_GUILD = `
  WITH guild AS (
    INSERT INTO guilds (guild_id, since) VALUES ($1, $2::timestamptz)
    ON CONFLICT (guild_id) DO UPDATE SET since = excluded.since
  ), settings_removed AS (
    DELETE FROM digest_settings WHERE guild_id = $1 AND $3::boolean IS NULL
  ), settings AS (
    INSERT INTO digest_settings (guild_id, enabled, channel_id, cron, time_zone, incident, mode, active_since)
    SELECT $1, $3::boolean, $4::text, $5::text, $6::text, $7::text, $8::text, $9::timestamptz
    WHERE $3::boolean IS NOT NULL
    ON CONFLICT (guild_id) DO UPDATE SET enabled = excluded.enabled, channel_id = excluded.channel_id,
      cron = excluded.cron, time_zone = excluded.time_zone, incident = excluded.incident,
      mode = excluded.mode, active_since = excluded.active_since
  ), slots AS (
    INSERT INTO digest_slots (guild_id, last_slot, pending_slot, pending_claimed_at)
    VALUES ($1, $10::timestamptz, $11::timestamptz, $12::timestamptz)
    ON CONFLICT (guild_id) DO UPDATE SET last_slot = excluded.last_slot,
      pending_slot = excluded.pending_slot, pending_claimed_at = excluded.pending_claimed_at
  ), post_removed AS (
    DELETE FROM digest_posts WHERE guild_id = $1 AND $14::timestamptz IS NULL
  )
  INSERT INTO digest_posts (guild_id, slot, posted_at, late, channel_id, message_ids, snapshot)
  SELECT $1, $13::timestamptz, $14::timestamptz, $15::boolean, $16::text, $17::text[], $18::jsonb
  WHERE $14::timestamptz IS NOT NULL
  ON CONFLICT (guild_id) DO UPDATE SET slot = excluded.slot, posted_at = excluded.posted_at,
    late = excluded.late, channel_id = excluded.channel_id, message_ids = excluded.message_ids,
    snapshot = excluded.snapshot`;

async function writeGuild(db: Queryable, input: GuildStateInput): Promise<void> {
  const state = GuildState.parse(input);
  const { settings: s, pending, lastPost: p } = state;
  await query(db, `of server ${state.guildId} in the database`, WRITE_GUILD, [
    state.guildId,
    state.since,
    s?.enabled ?? null,
    s?.channelId ?? null,
    s?.cron ?? null,
    s?.timeZone ?? null,
    s?.incident ?? null,
    s?.mode ?? null,
    s?.activeSince ?? null,
    state.lastSlot,
    pending?.slot ?? null,
    pending?.claimedAt ?? null,
    p?.slot ?? null,
    p?.postedAt ?? null,
    p?.late ?? null,
    p?.channelId ?? null,
    p?.messageIds ?? null,
    p ? JSON.stringify(p.snapshot) : null,
  ]);
}

/**
 * Holds the server with a session advisory lock on a connection of its own, through which `work`
 * reads and writes (a lock and its work never wait for another connection of a full pool).
 */
async function withGuildLock<T>(
  pool: pg.Pool,
  guildId: string,
  work: (held: GuildRecords) => Promise<T>,
  { waitMs, onCompromised }: LockOptions,
): Promise<T> {
  const record = `lock of server ${guildId} in the database`;
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new DatabaseError(record, error as NodeJS.ErrnoException);
  }
  // A connection that breaks while held: the database has let go of the lock.
  let broken = false;
  const lost = (error: Error) => {
    broken = true;
    onCompromised(error);
  };
  client.on('error', lost);
  const letGo = () => {
    client.off('error', lost);
    client.release(broken || undefined);
  };
  try {
    await takeLock(client, record, guildId, waitMs);
  } catch (error) {
    if (!(error instanceof StateBusyError)) broken = true;
    letGo();
    throw error;
  }
  try {
    return await work(guildRecords(client));
  } finally {
    await client
      .query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS.guild, guildId])
      .catch(() => {
        broken = true; // the connection is dropped, and its lock with it
      });
    letGo();
  }
}

async function takeLock(
  client: pg.PoolClient,
  record: string,
  guildId: string,
  waitMs: number,
): Promise<void> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    const { rows } = await query<{ locked: boolean }>(
      client,
      record,
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
      [LOCK_CLASS.guild, guildId],
    );
    if (rows[0]?.locked) return;
    if (Date.now() >= giveUpAt) {
      throw new StateBusyError(`another process is posting or saving for server ${guildId}`);
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

/** Kept calls trimmed to their limit once in this many calls kept. */
const TRIM_EVERY = 100;

/**
 * The kept calls in a table, with the calls this process kept or read in memory: a press on one of
 * them never waits for the database; a press on another process's call reads it once.
 */
function postgresCalls(pool: pg.Pool, logger: Logger, limit: number): KeptCalls {
  const known = new Map<string, string>();
  const writes = new Set<Promise<void>>();
  let kept = 0;
  const remember = (key: string, text: string) => {
    known.set(key, text);
    if (known.size > limit) known.delete(known.keys().next().value as string);
  };
  const track = (write: Promise<unknown>) => {
    const done = write.then(
      () => undefined,
      (error: unknown) =>
        logger.error(
          { err: error },
          'a kept call could not be written; its buttons work in this process only',
        ),
    );
    writes.add(done);
    void done.finally(() => writes.delete(done));
  };
  return {
    put(key, stored) {
      if (known.has(key)) return;
      const text = writeCall(stored);
      remember(key, text);
      track(
        pool.query('INSERT INTO kept_calls (key, call) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
          key,
          text,
        ]),
      );
      if (++kept % TRIM_EVERY === 0) {
        track(
          pool.query(
            'DELETE FROM kept_calls WHERE kept_at < (SELECT kept_at FROM kept_calls ORDER BY kept_at DESC OFFSET $1 LIMIT 1)',
            [limit],
          ),
        );
      }
    },
    get(key) {
      const text = known.get(key);
      return text === undefined ? undefined : (readCall(text) ?? undefined);
    },
    async load(key) {
      try {
        const { rows } = await pool.query<{ call: string }>('SELECT call FROM kept_calls WHERE key = $1', [
          key,
        ]);
        if (rows[0]) remember(key, rows[0].call);
      } catch (error) {
        logger.error(
          { err: error },
          'kept calls could not be read from the database; the press is answered as expired',
        );
      }
    },
    async flush() {
      await Promise.all([...writes]);
    },
  };
}
