/**
 * The PostgreSQL schema, as numbered migrations: a database is brought to the latest version when
 * the bot starts and by `npm run migrate`. Each migration runs once, in its own transaction, while
 * an advisory lock keeps two processes starting together from applying it twice. A migration,
 * once released, never changes: a change is a new one.
 */
import type pg from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'servers, their digest settings, slots and last post; kept calls',
    sql: `
      CREATE TABLE guilds (
        guild_id text PRIMARY KEY,
        since timestamptz NOT NULL
      );
      CREATE TABLE digest_settings (
        guild_id text PRIMARY KEY REFERENCES guilds ON DELETE CASCADE,
        enabled boolean NOT NULL,
        channel_id text NOT NULL,
        cron text NOT NULL,
        time_zone text NOT NULL,
        incident text,
        mode text NOT NULL,
        active_since timestamptz NOT NULL
      );
      CREATE TABLE digest_slots (
        guild_id text PRIMARY KEY REFERENCES guilds ON DELETE CASCADE,
        last_slot timestamptz,
        pending_slot timestamptz,
        pending_claimed_at timestamptz,
        CHECK ((pending_slot IS NULL) = (pending_claimed_at IS NULL))
      );
      CREATE TABLE digest_posts (
        guild_id text PRIMARY KEY REFERENCES guilds ON DELETE CASCADE,
        slot timestamptz,
        posted_at timestamptz NOT NULL,
        late boolean NOT NULL,
        channel_id text NOT NULL,
        message_ids text[] NOT NULL,
        snapshot jsonb NOT NULL
      );
      CREATE TABLE kept_calls (
        key text PRIMARY KEY,
        call text NOT NULL,
        kept_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX kept_calls_by_age ON kept_calls (kept_at);
    `,
  },
];

/** Advisory lock keys of this bot: the first number names the bot ("brif"), the second what is locked. */
export const LOCK_CLASS = { migrations: 0x62726966, guild: 0x62726967 } as const;

/** Applies the migrations the database lacks; returns the versions applied. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_CLASS.migrations]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    await client.query('COMMIT');
    const applied = new Set(rows.map((r) => r.version));
    const done: number[] = [];
    for (const migration of MIGRATIONS.filter((m) => !applied.has(m.version))) {
      if (await applyOnce(client, migration)) done.push(migration.version);
    }
    return done;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** One migration in its own transaction; false when another process applied it meanwhile. */
async function applyOnce(client: pg.PoolClient, migration: Migration): Promise<boolean> {
  await client.query('BEGIN');
  await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_CLASS.migrations]);
  const { rowCount } = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
    migration.version,
  ]);
  if (rowCount) {
    await client.query('ROLLBACK');
    return false;
  }
  await client.query(migration.sql);
  await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
    migration.version,
    migration.name,
  ]);
  await client.query('COMMIT');
  return true;
}
