/**
 * Configuration from the environment (and `.env` when present), validated once at start.
 * Every problem is listed in one message; the token's value never appears in it.
 */
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { Snowflake } from './contract/snowflake.js';
import { CronExpression, type DigestDefaults, DigestMode, TimeZone } from './store/schedule-rules.js';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** A folder the program keeps files in: absent (it is made when needed) or a folder, never a file or a device. */
function mustBeAFolder(dir: string, ctx: z.RefinementCtx): void {
  let problem: string | undefined;
  try {
    if (!statSync(dir).isDirectory()) problem = `${dir} is not a folder`;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== 'ENOENT') problem = `${dir} cannot be used as a folder (${message})`;
  }
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

const ShardCount = z.union(
  [
    z.literal('auto'),
    z
      .string()
      .regex(/^[1-9]\d{0,4}$/)
      .transform(Number),
  ],
  { error: 'expected auto, or a number of shards from 1, in digits' },
);

/** `0,1`, `0-3`, `0-1,4` or discord.js's own JSON `[0,1]`: each shard once, in order. */
const ShardList = z
  .string()
  .transform((text, ctx) => {
    const parts = text.replace(/^\[|\]$/g, '').split(',');
    const ids: number[] = [];
    for (const part of parts) {
      const range = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(part);
      if (!range) {
        ctx.addIssue({ code: 'custom', message: 'expected shard numbers such as 0,1 or 2-3' });
        return z.NEVER;
      }
      const first = Number(range[1]);
      const last = Number(range[2] ?? range[1]);
      for (let id = first; id <= last; id++) ids.push(id);
    }
    return [...new Set(ids)].sort((a, b) => a - b);
  })
  .pipe(z.array(z.number()).min(1, 'expected at least one shard'));

/**
 * `2026-03-02T04:00:00Z at 1765099200000 x6`: the clock read that moment at that instant of the
 * real clock (milliseconds since 1970), and runs six times as fast. Every process given the same
 * value reads the same time, so a test's processes, and one restarted, agree on it.
 */
const TestClock = z
  .string()
  .regex(
    /^\S+ at \d+ x\d+(\.\d+)?$/,
    'expected a moment, "at" real milliseconds and a speed: 2026-03-02T04:00:00Z at 1765099200000 x6',
  )
  .transform((text) => {
    const [from = '', , at = '', speed = ''] = text.split(' ');
    return { from: new Date(from), at: Number(at), speed: Number(speed.slice(1)) };
  })
  .refine(
    (clock) => !Number.isNaN(clock.from.getTime()),
    'expected an ISO moment first, such as 2026-03-02T04:00:00Z',
  )
  .refine((clock) => clock.speed > 0, 'expected a speed above 0');

/** What the process runs of the bot's shards; null: one shard, discord.js's default. */
export type Sharding = { count: 'auto' } | { count: number; shards: number[] } | null;

function sharding(count: 'auto' | number | undefined, shards: number[] | undefined): Sharding {
  if (count === undefined) return null;
  if (count === 'auto') return { count };
  return { count, shards: shards ?? Array.from({ length: count }, (_, id) => id) };
}

/** Shards split between machines need a fixed total every machine agrees on, and lie within it. */
function shardsWithinCount(
  e: { SHARD_COUNT?: 'auto' | number | undefined; SHARDS?: number[] | undefined },
  ctx: z.RefinementCtx,
): void {
  if (e.SHARDS === undefined) return;
  if (typeof e.SHARD_COUNT !== 'number') {
    ctx.addIssue({
      code: 'custom',
      path: ['SHARDS'],
      message:
        'needs SHARD_COUNT set to the number of shards on every machine (not auto), such as SHARD_COUNT=4',
    });
    return;
  }
  const outside = e.SHARDS.filter((id) => id >= (e.SHARD_COUNT as number));
  if (outside.length > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['SHARDS'],
      message: `shard ${outside.join(', ')} is not below SHARD_COUNT=${e.SHARD_COUNT} (shards count from 0)`,
    });
}

const Env = z.object({
  DISCORD_TOKEN: optional(
    z.string().min(20, 'expected a bot token from the Discord developer portal (its value is not shown)'),
  ),
  DISCORD_CLIENT_ID: optional(Snowflake),
  DISCORD_GUILD_ID: optional(Snowflake),
  DISCORD_API_URL: optional(
    z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://127.0.0.1:8080/api' }),
  ),
  DIGEST_CHANNEL_ID: optional(Snowflake),
  DIGEST_CRON: optional(CronExpression).default('0 9 * * *'),
  DIGEST_TZ: optional(TimeZone).default('Asia/Karachi'),
  DIGEST_MODE: optional(DigestMode).default('always'),
  DATA_DIR: optional(z.string()).default('data'),
  STATE_DIR: optional(z.string().superRefine(mustBeAFolder)).default('state'),
  /** PostgreSQL instead of the state folder: for processes on several machines, or shards. */
  DATABASE_URL: optional(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        'expected a PostgreSQL URL such as postgresql://user@127.0.0.1:5432/briefing',
      ),
  ),
  /** Where the console writes the pictures it is asked for (Discord gets them as attachments). */
  CHART_DIR: optional(z.string()).default(path.join(tmpdir(), 'briefing-charts')),
  LOG_LEVEL: optional(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    }),
  ).default('info'),
  DATA_WATCH: optional(z.enum(['true', 'false'], { error: 'expected true or false' })).default('true'),
  SHUTDOWN_TIMEOUT_MS: optional(
    z.coerce
      .number({ error: 'expected a number of milliseconds' })
      .int('expected a whole number of milliseconds')
      .min(100, 'expected at least 100 ms')
      .max(600_000, 'expected at most 600000 ms (ten minutes)'),
  ).default(8000),
  // Digits only: Number() would also take 1e3, 0x50 and ' 8080 ', which no one means as a port.
  HEALTH_PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, 'expected a port number from 1 to 65535, in digits')
      .transform(Number)
      .pipe(
        z.number().min(1, 'expected a port from 1 to 65535').max(65_535, 'expected a port from 1 to 65535'),
      ),
  ),
  HEALTH_HOST: optional(
    z.union([z.ipv4(), z.ipv6(), z.hostname()], {
      error: 'expected an address such as 127.0.0.1, ::1 or 0.0.0.0, or a host name',
    }),
  ).default('127.0.0.1'),
  /** How many shards the bot has in all, on every machine: a number, or `auto` (Discord's recommendation). */
  SHARD_COUNT: optional(ShardCount),
  /** The shards this process runs, when the others run elsewhere: `0,1`, `2-3`, or `[0,1]`. */
  SHARDS: optional(ShardList),
  /** For tests only: a clock that starts at a set moment and runs faster (docs/hosting.md). */
  TEST_CLOCK: optional(TestClock),
});

/** The environment, reshaped into what the program reads. */
const ConfigFromEnv = Env.superRefine(shardsWithinCount).transform((e) => ({
  token: e.DISCORD_TOKEN,
  clientId: e.DISCORD_CLIENT_ID,
  guildId: e.DISCORD_GUILD_ID,
  apiUrl: e.DISCORD_API_URL,
  digest: {
    channelId: e.DIGEST_CHANNEL_ID,
    cron: e.DIGEST_CRON,
    timeZone: e.DIGEST_TZ,
    mode: e.DIGEST_MODE,
  } satisfies DigestDefaults,
  dataDir: e.DATA_DIR,
  stateDir: e.STATE_DIR,
  databaseUrl: e.DATABASE_URL,
  chartDir: e.CHART_DIR,
  logLevel: e.LOG_LEVEL,
  watchData: e.DATA_WATCH === 'true',
  shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  health: e.HEALTH_PORT === undefined ? null : { port: e.HEALTH_PORT, host: e.HEALTH_HOST },
  sharding: sharding(e.SHARD_COUNT, e.SHARDS),
  testClock: e.TEST_CLOCK ?? null,
}));

export type Config = z.output<typeof ConfigFromEnv>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads `.env` into the environment when the file exists; variables already set win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Just the dataset's folder: what `npm run validate` needs, whatever else is configured. */
export function readDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return Env.shape.DATA_DIR.parse(env.DATA_DIR);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigFromEnv.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(['The configuration has problems (see .env.example):', ...lines].join('\n'));
}
