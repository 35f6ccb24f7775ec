/**
 * The one interface for everything the bot keeps between events: each server's digest state (its
 * settings, the slot claimed and the slots dealt with, the last digest), and the calls too long for
 * a component's id. Two implementations: files in the state folder (the default, for one machine)
 * and PostgreSQL (for processes on several machines, or shards). Both pass the same contract tests.
 */
import type { CallStore } from '../contract/calls.js';
import type { GuildState, GuildStateInput } from './records.js';

/** Reading and writing servers' state. */
export interface GuildRecords {
  /** The saved state, or null when there is none. Throws CorruptStateError for a record that cannot be read. */
  read(guildId: string, now: Date): Promise<GuildState | null>;
  /** Saves the whole state at once: every part or none. Throws a StateWriteError when the store refuses. */
  write(state: GuildStateInput): Promise<void>;
}

export interface LockOptions {
  /** Wait this long for another process to release the server; 0: fail at once with StateBusyError. */
  waitMs: number;
  /** Called if the lock was lost while held (a stalled process, a database restarted). */
  onCompromised: (error: Error) => void;
}

/** The calls kept for long component ids, shared by every process on the store. */
export interface KeptCalls extends CallStore {
  /** Resolves once every call kept so far is stored (or its write failed and was logged). */
  flush(): Promise<void>;
}

export interface Store extends GuildRecords {
  readonly kind: 'files' | 'postgres';
  /**
   * Runs `work` while this process alone holds the server, across processes; its reads and writes
   * go through `held`. Throws StateBusyError when another process holds it, StateLockError when the
   * store cannot be written at all.
   */
  withGuildLock<T>(
    guildId: string,
    work: (held: GuildRecords) => Promise<T>,
    options: LockOptions,
  ): Promise<T>;
  readonly calls: KeptCalls;
  /** Makes the store ready: migrations applied, calls read, leftovers of crashed writes removed. */
  open(now: Date): Promise<void>;
  /** Waits for writes under way, then lets go of files or connections. */
  close(): Promise<void>;
}
