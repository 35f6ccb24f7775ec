/**
 * What the bot keeps between events for each server: its digest settings, the slots dealt with,
 * the last digest posted and what it covered. One schema in zod, whichever store holds it (files
 * or PostgreSQL), and the errors every store reports in the same terms.
 */
import { z } from 'zod';
import { CronExpression, DigestMode, TimeZone } from './schedule-rules.js';

const IsoDate = z.iso.datetime();

/**
 * What a digest covered, kept so the next digest can say what changed: the sources and a
 * fingerprint of every claim.
 */
export const DigestSnapshot = z.object({
  /** 2 since snapshots keep ranges; absent in those of older versions of the bot. */
  format: z.number().int().optional(),
  incident: z.string(),
  sources: z.array(z.string()),
  claims: z.record(z.string(), z.string()),
  /**
   * Each comparison's verdict and what it holds (a measure's figures, a point's positions), by a
   * key that names it: so the next digest can say which figures were revised and which
   * disagreements are new, and a measure's range as reported ("23 to at least 24"), so the next can
   * say what it was. Absent (or without ranges) in the digests of older versions of the bot.
   */
  standing: z
    .record(z.string(), z.object({ verdict: z.string(), holds: z.string(), range: z.string().optional() }))
    .optional(),
});
export type DigestSnapshot = z.infer<typeof DigestSnapshot>;

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
  /**
   * A slot being posted, recorded before its post so that a post whose outcome was never recorded
   * (a crash, a disk that filled up) is never posted again once Discord has forgotten its nonce.
   */
  pending: z.object({ slot: IsoDate, claimedAt: IsoDate }).nullable().default(null),
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
/** A state as written: fields with a default (added since the first version) may be left out. */
export type GuildStateInput = z.input<typeof GuildState>;

export function emptyGuildState(guildId: string, since: Date): GuildState {
  return {
    version: 1,
    guildId,
    since: since.toISOString(),
    settings: null,
    lastSlot: null,
    pending: null,
    lastPost: null,
  };
}

/** Why a record does not match the schema, in one line. */
export function schemaProblem(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

/** A server's saved state could not be read; it was set aside (where the store can) and the server starts afresh. */
export class CorruptStateError extends Error {
  override name = 'CorruptStateError';
  constructor(
    /** The file or the database row. */
    readonly record: string,
    /** Where the file was moved, or null when the record is simply replaced by the next write. */
    readonly setAsideTo: string | null,
    reason: string,
  ) {
    super(
      `The digest state ${record} could not be read (${reason}); ${setAsideTo ? `it was moved to ${setAsideTo}` : 'the next write replaces it'} and the server starts afresh.`,
    );
  }
}

const WRITE_FAILURES: Record<string, string> = {
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** The store refused a write: a folder read-only, full, or not the bot's to write; a database out of reach. */
export class StateWriteError extends Error {
  override name = 'StateWriteError';
  readonly code: string;
  constructor(
    readonly record: string,
    cause: NodeJS.ErrnoException,
  ) {
    super(`the digest state ${record} cannot be written (${cause.message})`, { cause });
    this.code = cause.code ?? 'error';
  }

  /** What a server manager is told: the cause, without the host's paths. */
  get reason(): string {
    return `the bot’s state folder cannot be written (${WRITE_FAILURES[this.code] ?? 'error'}, ${this.code})`;
  }

  /** What must be put right, for whoever runs the bot. */
  get remedy(): string {
    return 'The bot’s state folder must be writable (and have free space)';
  }
}

/** The database did not answer, or failed the query: nothing was changed. */
export class DatabaseError extends StateWriteError {
  override name = 'DatabaseError';
  override get reason(): string {
    return `the bot’s database cannot be reached or refused the change (${this.code})`;
  }

  override get remedy(): string {
    return 'The bot’s database must be up and reachable';
  }
}

/** The server's lock could not be taken because the store cannot be written (nothing was done). */
export class StateLockError extends StateWriteError {
  override name = 'StateLockError';
}

/** Another process holds the server's state: it is posting or saving for that server right now. */
export class StateBusyError extends Error {
  override name = 'StateBusyError';
}

/** The store could not be made ready at start: the database cannot be reached, or not migrated. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}
