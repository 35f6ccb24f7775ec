/**
 * A real PostgreSQL for the tests: each test file gets a database of its own (created with a
 * random name, dropped after), so parallel workers never share one; a test that restarts the
 * database gets a throwaway cluster of its own, from the machine's initdb and pg_ctl.
 *
 * Without PostgreSQL the tests that need it are skipped, and each file says so on standard error;
 * with REQUIRE_POSTGRES=1 (as CI sets it) a missing database fails them instead.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The server the tests create their databases on: TEST_DATABASE_URL, else the local one. */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether the tests of `file` can run: PostgreSQL answers. If it does not, says which file's
 * tests are skipped, or throws when REQUIRE_POSTGRES=1.
 */
export async function postgresFor(file: string): Promise<boolean> {
  if (await answers(ADMIN_URL)) return true;
  const where = ADMIN_URL.replace(/\/\/[^@/]*@/, '//');
  if (process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`PostgreSQL does not answer at ${where}, and REQUIRE_POSTGRES=1: ${file} cannot run`);
  }
  process.stderr.write(
    `SKIPPED: ${path.basename(file)}: PostgreSQL does not answer at ${where} (set TEST_DATABASE_URL, or start it; REQUIRE_POSTGRES=1 makes this a failure)\n`,
  );
  return false;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server, with a random name. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `briefing_test_${Math.random().toString(36).slice(2, 12)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A port free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The newest PostgreSQL server programs on the machine, or undefined. */
function serverBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(root, v, 'bin')).find((bin) => existsSync(path.join(bin, 'pg_ctl')));
}

export interface Cluster {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}

/** Whether a throwaway cluster can be made here: the server programs are installed. */
export const canMakeCluster = serverBin() !== undefined;

/**
 * A PostgreSQL cluster of the test's own, on a free port, that it may stop and start. The server
 * refuses to run as root: as root, it runs as the postgres user.
 */
export async function throwawayCluster(): Promise<Cluster> {
  const bin = serverBin();
  if (!bin) throw new Error('no PostgreSQL server programs under /usr/lib/postgresql');
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout), Number(gid));
  }
  const tool = (name: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, name), ...args])
      : run(path.join(bin, name), args);
  const data = path.join(dir, 'data');
  await tool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await tool('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  };
  const stop = async () => {
    await tool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async remove() {
      await stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
