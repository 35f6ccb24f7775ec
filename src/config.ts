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
});

/** The environment, reshaped into what the program reads. */
const ConfigFromEnv = Env.transform((e) => ({
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
