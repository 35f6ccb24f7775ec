/**
 * Sharding with discord.js's own machinery: the client runs the shards the configuration names
 * (all of them, some of a count split between machines, or as many as Discord recommends), each
 * on its own gateway connection. Discord sends each server's events on its shard,
 * `(guild_id >> 22) % shard_count`, so a process holds the servers of its shards only: it answers
 * their interactions and posts their digests; the store, shared by every process, holds the rest.
 */
import { type Client, type ClientOptions, Events } from 'discord.js';
import type { Sharding } from '../config.js';
import type { Logger } from '../log.js';

/**
 * The client's `shards` and `shardCount`. Always set, also for one shard: discord.js would
 * otherwise read SHARDS itself and take only its own JSON form of it (`[0,1]`, not `0,1`).
 */
export function shardOptions(sharding: Sharding): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (sharding === null) return { shards: [0], shardCount: 1 };
  if (sharding.count === 'auto') return { shards: 'auto' };
  return { shards: sharding.shards, shardCount: sharding.count };
}

/** Each shard's connection, as an operator follows it in the logs. */
export function logShardEvents(client: Client, logger: Logger): void {
  client.on(Events.ShardReady, (shard, unavailable) =>
    logger.info({ shard, of: client.options.shardCount, unavailable: unavailable?.size ?? 0 }, 'shard ready'),
  );
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'shard resumed'));
  client.on(Events.ShardReconnecting, (shard) => logger.warn({ shard }, 'shard reconnecting'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, 'shard disconnected'),
  );
  client.on(Events.ShardError, (error, shard) => logger.error({ shard, err: error }, 'shard error'));
}
