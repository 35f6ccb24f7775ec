/** The store the configuration asks for: PostgreSQL when a database is named, else files in the state folder. */
import type { Logger } from '../log.js';
import { fileStore } from './file-store.js';
import { postgresStore } from './postgres.js';
import type { Store } from './store.js';

export interface StoreConfig {
  stateDir: string;
  databaseUrl: string | undefined;
}

export function openStore(config: StoreConfig, logger: Logger): Store {
  return config.databaseUrl
    ? postgresStore(config.databaseUrl, { logger })
    : fileStore(config.stateDir, { logger });
}
