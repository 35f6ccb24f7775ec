/**
 * The bot's health, as the health endpoint reports it: fit to serve while its gateway connection
 * is ready. The report says what a platform or an operator looking at a failing probe needs: the
 * gateway's state, the dataset served (and a reload refused), each server's last digest.
 */
import { Status } from 'discord.js';
import type { HealthCheck } from '../health/server.js';
import type { DatasetStatus } from '../reload/live.js';
import type { Bot } from './bot.js';

export interface HealthReport {
  /**
   * `degraded`: serving, with something an operator should fix (the data folder cannot be
   * watched, so it is polled). Still 200: restarting the bot would not fix it, and a probe that
   * restarted it would only interrupt it (as "warn" in the draft standard for health checks).
   */
  status: 'ok' | 'degraded' | 'unavailable';
  gateway: {
    /** discord.js's name for it: Ready, Connecting, Reconnecting, Resuming, Disconnected, … */
    status: string;
    /** The last heartbeat's round trip, in ms; null before the first. */
    pingMs: number | null;
    guilds: number;
  };
  dataset: {
    version: string;
    sources: number;
    claims: number;
    loadedAt: string;
    /**
     * The latest reload, if it was refused and nothing has been loaded since: how many problems,
     * and the first few in brief (file, line and what was expected, never the file's content).
     */
    refused: { at: string; count: number; problems: string[] } | null;
    /** How changes to the data are noticed: `events`, `polling` (degraded, with why), or `off`. */
    watch: DatasetStatus['watch'];
  };
  digests: {
    guild: string;
    /** When the last digest was posted, as this process knows it; null if never. */
    lastPostedAt: string | null;
    late: boolean;
    /** What holds the server's scheduled digests, if anything does. */
    problem: string | null;
  }[];
  uptimeSeconds: number;
}

export function botHealth(bot: Bot, dataset: DatasetStatus): HealthCheck {
  const { client, digests } = bot;
  const gateway = gatewayStatus(client);
  const ping = client.ws.ping;
  const report: HealthReport = {
    status: gateway !== Status.Ready ? 'unavailable' : dataset.watch.problem ? 'degraded' : 'ok',
    gateway: {
      status: Status[gateway] ?? String(gateway),
      pingMs: ping >= 0 ? ping : null,
      guilds: client.guilds.cache.size,
    },
    dataset: {
      version: dataset.version,
      sources: dataset.sources,
      claims: dataset.claims,
      loadedAt: dataset.loadedAt.toISOString(),
      refused: dataset.refused && {
        at: dataset.refused.at.toISOString(),
        count: dataset.refused.count,
        problems: dataset.refused.problems,
      },
      watch: dataset.watch,
    },
    digests: [...client.guilds.cache.keys()].map((guild) => {
      const last = digests.lastPostOf(guild);
      return {
        guild,
        lastPostedAt: last?.postedAt ?? null,
        late: last?.late ?? false,
        problem: digests.problem(guild)?.message ?? null,
      };
    }),
    uptimeSeconds: Math.round(process.uptime()),
  };
  return { healthy: report.status !== 'unavailable', report };
}

/**
 * The connection's state: discord.js marks the client ready once, and each shard's state as it
 * drops, reconnects and resumes; a client stopped for good is Disconnected.
 */
function gatewayStatus(client: Bot['client']): Status {
  if (!client.isReady()) return client.ws.status === Status.Ready ? Status.Disconnected : client.ws.status;
  return client.ws.shards.find((shard) => shard.status !== Status.Ready)?.status ?? Status.Ready;
}
