/**
 * The store, on files and on PostgreSQL: a claim (the server held, its state read, the claim
 * written: what the digest service does before a post) one after another, p50 and p99; and a
 * digest tick for 10,000 servers, every server due at the same slot (lock, read, claim, post to a
 * poster that answers at once, record), 50 at a time, with the database's round trips counted.
 * PostgreSQL is the machine's (TEST_DATABASE_URL, else 127.0.0.1:5432), in a database made for
 * the run and dropped after; without it, that half is left out and says so.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadDataset } from '../src/dataset/load.js';
import { DigestService } from '../src/digest/service.js';
import { createLogger } from '../src/log.js';
import { fileStore } from '../src/store/file-store.js';
import { postgresStore } from '../src/store/postgres.js';
import { emptyGuildState, type GuildState } from '../src/store/records.js';
import type { Store } from '../src/store/store.js';
import { quantile } from './handlers.js';
import { table } from './report-page.js';

export interface StoreResult {
  kind: 'files' | 'PostgreSQL';
  claims: number;
  claimP50Ms: number;
  claimP99Ms: number;
  servers: number;
  tickMs: number;
  /** Queries sent to the database during the tick (each one round trip); null for files. */
  roundTrips: number | null;
  posted: number;
}

const CLAIMS = 2_000;
const SERVERS = 10_000;
const AT_ONCE = 50;
const SLOT_MOMENT = new Date('2026-03-02T04:00:30Z');
const logger = createLogger({ level: 'silent' });
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Every query of node-postgres, counted: one query is one round trip to the database. */
let queries = 0;
const sendQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries++;
  return (sendQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

export async function measureStore(log: (line: string) => void): Promise<StoreResult[]> {
  const results: StoreResult[] = [];
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-store-'));
  try {
    log(`8. store on files: ${CLAIMS} claims, then a digest tick for ${SERVERS} servers`);
    results.push(await measure('files', () => fileStore(dir, { logger })));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch {
    log('8. store on PostgreSQL: left out, PostgreSQL does not answer');
    return results;
  }
  const name = `briefing_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    log(`8. store on PostgreSQL: ${CLAIMS} claims, then a digest tick for ${SERVERS} servers`);
    results.push(
      await measure('PostgreSQL', () => postgresStore(url.toString(), { logger, poolSize: AT_ONCE })),
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  return results;
}

async function measure(kind: StoreResult['kind'], open: () => Store): Promise<StoreResult> {
  const store = open();
  await store.open(SLOT_MOMENT);
  try {
    const claimMs: number[] = [];
    for (let i = 0; i < CLAIMS; i++) {
      const guildId = `9${String(i).padStart(17, '0')}`;
      const started = performance.now();
      await store.withGuildLock(
        guildId,
        async (held) => {
          const state = (await held.read(guildId, SLOT_MOMENT)) ?? emptyGuildState(guildId, SLOT_MOMENT);
          await held.write({
            ...state,
            pending: { slot: SLOT_MOMENT.toISOString(), claimedAt: SLOT_MOMENT.toISOString() },
          });
        },
        { waitMs: 0, onCompromised: () => undefined },
      );
      claimMs.push(performance.now() - started);
    }
    claimMs.sort((a, b) => a - b);
    const tick = await tickAll(store);
    return {
      kind,
      claims: CLAIMS,
      claimP50Ms: quantile(claimMs, 0.5),
      claimP99Ms: quantile(claimMs, 0.99),
      servers: SERVERS,
      ...tick,
    };
  } finally {
    await store.close();
  }
}

/** Every server scheduled at 09:00 in Karachi, then all dealt with at the slot, AT_ONCE at a time. */
async function tickAll(store: Store): Promise<Pick<StoreResult, 'tickMs' | 'roundTrips' | 'posted'>> {
  const dataset = await loadDataset('data');
  const guilds = Array.from({ length: SERVERS }, (_, i) => `1${String(i).padStart(17, '0')}`);
  const since = new Date('2026-03-01T00:00:00Z');
  for (const guildId of guilds) {
    const state: GuildState = {
      ...emptyGuildState(guildId, since),
      settings: {
        enabled: true,
        channelId: `c${guildId}`,
        cron: '0 9 * * *',
        timeZone: 'Asia/Karachi',
        incident: null,
        mode: 'always',
        activeSince: since.toISOString(),
      },
    };
    await store.write(state);
  }
  const service = new DigestService({
    store,
    defaults: { channelId: undefined, cron: '0 9 * * *', timeZone: 'Asia/Karachi', mode: 'always' },
    dataset: () => dataset,
    poster: { post: async (_channel, messages) => messages.map((_, i) => String(i + 1)) },
    logger,
    now: () => SLOT_MOMENT,
    holds: () => true,
    guildOfChannel: (channelId) => channelId.slice(1),
  });
  queries = 0;
  let posted = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (next < guilds.length) {
        const guildId = guilds[next++] as string;
        if ((await service.tick(guildId, SLOT_MOMENT)).outcome === 'posted') posted++;
      }
    }),
  );
  const tickMs = performance.now() - started;
  await store.calls.flush();
  return { tickMs, roundTrips: store.kind === 'postgres' ? queries : null, posted };
}

export function printStore(results: readonly StoreResult[]): string {
  const f = (n: number, digits = 2) => n.toFixed(digits);
  return table(
    `8. Store: a claim (server held, state read, claim written), ms, one at a time over ${CLAIMS} servers; a digest tick for ${SERVERS} servers all due at one slot, ${AT_ONCE} at a time (claim, digest composed, posted to a poster that answers at once, recorded), seconds, and the database's round trips`,
    ['store', 'claim p50', 'claim p99', 'tick, s', 'per server, ms', 'round trips', 'per server', 'posted'],
    results.map((r) => [
      r.kind,
      f(r.claimP50Ms),
      f(r.claimP99Ms),
      f(r.tickMs / 1000, 1),
      f(r.tickMs / r.servers),
      r.roundTrips === null ? '—' : String(r.roundTrips),
      r.roundTrips === null ? '—' : f(r.roundTrips / r.servers, 1),
      String(r.posted),
    ]),
  );
}
