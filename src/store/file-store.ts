/**
 * The store on files, in the state folder (`STATE_DIR`): the default, for one machine or machines
 * sharing the folder. Servers' state and locks in files.ts, kept calls in file-calls.ts.
 */
import nodeFs from 'node:fs';
import type { Logger } from '../log.js';
import { type FileCallOptions, fileCalls } from './file-calls.js';
import { type FileSystem, readGuildState, removeLeftovers, withGuildLock, writeGuildState } from './files.js';
import type { GuildRecords, Store } from './store.js';

export interface FileStoreOptions {
  logger: Logger;
  fs?: FileSystem;
  calls?: Pick<FileCallOptions, 'limits'>;
}

export function fileStore(stateDir: string, options: FileStoreOptions): Store {
  const fs = options.fs ?? nodeFs;
  const records: GuildRecords = {
    read: (guildId, now) => readGuildState(stateDir, guildId, now, fs),
    write: (state) => writeGuildState(stateDir, state, fs),
  };
  const calls = fileCalls(stateDir, { logger: options.logger, fs, ...options.calls });
  return {
    kind: 'files',
    ...records,
    withGuildLock: (guildId, work, lockOptions) =>
      withGuildLock(stateDir, guildId, () => work(records), lockOptions, fs),
    calls,
    async open(now) {
      const removed = await removeLeftovers(stateDir, now, fs);
      if (removed.length > 0) {
        options.logger.info({ files: removed }, 'removed temporary state files left by an earlier crash');
      }
      await calls.open(now);
    },
    close: () => calls.flush(),
  };
}
