/**
 * Per-server digest state on disk: settings and the last digest posted. One JSON file per server
 * (a shared store replaces this directory when the bot is sharded), written atomically: a crash at
 * any moment leaves the old file or the new one, never a broken one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CronExpression, DigestMode, TimeZone } from './schedule-rules.js';
import { DigestSnapshot } from './snapshot.js';

const IsoDate = z.iso.datetime();

export const DigestSettings = z.object({
  enabled: z.boolean(),
  channelId: z.string(),
  cron: CronExpression,
  timeZone: TimeZone,
  /** null: the dataset's default incident. */
  incident: z.string().nullable(),
  mode: DigestMode,
  /** Slots before this moment are never caught up: they predate the schedule. */
  activeSince: IsoDate,
});
export type DigestSettings = z.infer<typeof DigestSettings>;

export const GuildState = z.object({
  version: z.literal(1),
  guildId: z.string(),
  /** When the bot first managed this server: the environment's default schedule starts here. */
  since: IsoDate,
  /** null: the defaults from the environment apply. */
  settings: DigestSettings.nullable(),
  /** The latest scheduled slot dealt with (posted, or skipped as unchanged). */
  lastSlot: IsoDate.nullable(),
  lastPost: z
    .object({
      slot: IsoDate.nullable(),
      postedAt: IsoDate,
      late: z.boolean(),
      channelId: z.string(),
      messageIds: z.array(z.string()),
      snapshot: DigestSnapshot,
    })
    .nullable(),
});
export type GuildState = z.infer<typeof GuildState>;

export function emptyGuildState(guildId: string, since: Date): GuildState {
  return { version: 1, guildId, since: since.toISOString(), settings: null, lastSlot: null, lastPost: null };
}

export class CorruptStateError extends Error {
  override name = 'CorruptStateError';
  constructor(
    readonly file: string,
    readonly setAsideTo: string,
    reason: string,
  ) {
    super(
      `The digest state ${file} could not be read (${reason}); it was moved to ${setAsideTo} and the server starts afresh.`,
    );
  }
}

export function guildStateFile(stateDir: string, guildId: string): string {
  return path.join(stateDir, 'guilds', `${guildId.replace(/[^\w-]/g, '_')}.json`);
}

/** The saved state, or null when there is none. A corrupt file is moved aside and reported. */
export async function readGuildState(
  stateDir: string,
  guildId: string,
  now = new Date(),
): Promise<GuildState | null> {
  const file = guildStateFile(stateDir, guildId);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let reason: string;
  try {
    const parsed = GuildState.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  } catch (error) {
    reason = `not JSON: ${(error as Error).message}`;
  }
  const setAsideTo = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, setAsideTo);
  throw new CorruptStateError(file, setAsideTo, reason);
}

export async function writeGuildState(stateDir: string, state: GuildState): Promise<void> {
  await writeFileAtomic(
    guildStateFile(stateDir, state.guildId),
    `${JSON.stringify(GuildState.parse(state), null, 2)}\n`,
  );
}

/** Temporary file, flushed to disk, renamed over the old one, and the folder flushed too. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temporary = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
