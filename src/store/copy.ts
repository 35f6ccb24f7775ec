/**
 * The move from files to a database: the servers' state and the kept calls of a state folder
 * copied into another store. Safe to run twice, and beside a bot already running on the target:
 * a server the target has already is left as it is there (its state there is the newer), and a
 * call is kept once. The folder is only read: a file that cannot be read is reported, not moved.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readCall } from '../contract/calls.js';
import { callStoreFile, readKeptCalls } from './file-calls.js';
import { readGuildFile } from './files.js';
import type { Store } from './store.js';

export interface CopyReport {
  copied: string[];
  /** Servers the target had already. */
  present: string[];
  /** Files that could not be read, with why. */
  unreadable: { file: string; problem: string }[];
  calls: number;
}

/** How long the copy waits for a bot that holds a server on the target. */
const WAIT_FOR_SERVER_MS = 30_000;

export async function copyStateFolder(stateDir: string, target: Store, now: Date): Promise<CopyReport> {
  const report: CopyReport = { copied: [], present: [], unreadable: [], calls: 0 };
  const guilds = path.join(stateDir, 'guilds');
  const names = await readdir(guilds).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(guilds, name);
    const read = await readGuildFile(file);
    if (read === null) continue;
    if ('problem' in read) {
      report.unreadable.push({ file, problem: read.problem });
      continue;
    }
    const { state } = read;
    const copied = await target.withGuildLock(
      state.guildId,
      async (held) => {
        if (await held.read(state.guildId, now)) return false;
        await held.write(state);
        return true;
      },
      { waitMs: WAIT_FOR_SERVER_MS, onCompromised: () => undefined },
    );
    (copied ? report.copied : report.present).push(state.guildId);
  }
  const calls = await readKeptCalls(callStoreFile(stateDir));
  if (calls instanceof Map) {
    for (const [key, text] of calls) {
      const stored = readCall(text);
      if (stored) target.calls.put(key, stored);
    }
    await target.calls.flush();
    report.calls = calls.size;
  } else {
    report.unreadable.push({ file: callStoreFile(stateDir), problem: calls.problem });
  }
  return report;
}
