/**
 * The Discord adapter's lifecycle: the only code that creates a discord.js client. Fewest intents
 * (Guilds: interactions need no more), small caches, no mentions parsed by default, and a
 * graceful stop that lets in-flight replies finish.
 */

import { REST } from '@discordjs/rest';
import { Client, type ClientOptions, Events, GatewayIntentBits, type Interaction, Options } from 'discord.js';
import type { Config, Sharding } from '../config.js';
import type { CallStore } from '../contract/calls.js';
import { apologyReply, unreadableReply } from '../contract/dispatch.js';
import type { CommandModule } from '../contract/types.js';
import { carryOutDigestRequest } from '../digest/requests.js';
import { DigestService, type DigestServiceOptions } from '../digest/service.js';
import { createLogger, type Logger } from '../log.js';
import type { ServedDataset } from '../reload/live.js';
import { NO_MENTIONS } from '../render/mentions.js';
import { renderReply } from '../render/render.js';
import { searchIndex } from '../search/search.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import type { BacklogOptions } from './backlog.js';
import { digestChannelProblem } from './channels.js';
import { restPoster } from './poster.js';
import { answerRawInteraction, Responder } from './responder.js';
import { createRouter, type Router } from './router.js';
import { logShardEvents, shardOptions } from './shards.js';
import { explainUnreachable } from './unreachable.js';

export interface BotOptions {
  config: Config & { token: string };
  /** Read afresh for every reply and digest: it may be reloaded while the bot runs. */
  dataset: ServedDataset;
  commands: readonly CommandModule[];
  logger?: Logger;
  now?: () => Date;
  /** When to acknowledge interactions first (the defaults suit Discord; tests and the bench vary them). */
  backlog?: BacklogOptions;
  /** Test hooks for the digest service: its clock's sleep and timers, retry policy. */
  digest?: Pick<DigestServiceOptions, 'sleep' | 'setTimer' | 'retry' | 'random'>;
  /** What is kept between events; by default the configuration's (files, or PostgreSQL). */
  store?: Store;
}

export interface Bot {
  client: Client;
  logger: Logger;
  digests: DigestService;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The client's settings: the Guilds intent only (interactions need no more), no caches of
 * messages, members, users or presences, and no mentions parsed unless a message says otherwise.
 */
export function clientOptions(apiUrl: string | undefined, sharding: Sharding = null): ClientOptions {
  return {
    ...shardOptions(sharding),
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: 0,
      UserManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      VoiceStateManager: 0,
    }),
    rest: {
      ...(apiUrl ? { api: apiUrl } : {}),
      // discord.js holds every request on a route it does not know to 50 a second, Discord's global
      // limit; but interaction endpoints (the deferred answers of a burst) are exempt from it, and
      // this client sends little else (digests post through a client of their own).
      globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND,
    },
  };
}

/** High enough never to hold back the answers of a burst; Discord's own 429s are still obeyed. */
const INTERACTION_REQUESTS_PER_SECOND = 10_000;

export function createBot(options: BotOptions): Bot {
  const { config, dataset } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: [config.token] });
  const client = new Client(clientOptions(config.apiUrl, config.sharding));
  // Servers' state and the calls too long for a component's id, kept so that they outlive a restart.
  const store = options.store ?? openStore(config, logger);
  const digests = createDigestService(options, client, store, logger);
  const router = createBotRouter(options, client, { digests, calls: store.calls }, logger);
  const inFlight = new InFlight();
  answerInteractions(client, router, logger, inFlight);
  followGuilds(client, digests, logger);
  logClientEvents(client, logger);
  logShardEvents(client, logger);
  return {
    client,
    logger,
    digests,
    async start() {
      // Built now rather than on the first /ask, which would otherwise spend its 3 seconds on it.
      searchIndex(dataset.current());
      await store.open((options.now ?? (() => new Date()))());
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.token).catch((error: unknown) => {
        throw explainUnreachable(error, config.apiUrl);
      });
      await ready;
      logger.info(
        { user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.options.shards },
        'connected to Discord',
      );
    },
    async stop() {
      await digests.stop();
      await inFlight.settled();
      await store.close();
      await client.destroy();
      logger.info('disconnected');
    },
  };
}

function createDigestService(
  options: BotOptions,
  client: Client,
  store: Store,
  logger: Logger,
): DigestService {
  const { config, dataset, now } = options;
  // Digests have their own REST client that does not retry by itself: the service is the one layer.
  const digestRest = new REST({ ...(config.apiUrl ? { api: config.apiUrl } : {}), retries: 0 }).setToken(
    config.token,
  );
  return new DigestService({
    store,
    defaults: config.digest,
    dataset: () => dataset.current(),
    poster: restPoster(digestRest),
    logger,
    ...(now ? { now } : {}),
    ...options.digest,
    holds: (guildId) => client.guilds.cache.has(guildId),
    guildOfChannel: (channelId) => {
      const channel = client.channels.cache.get(channelId);
      return channel && 'guildId' in channel ? (channel.guildId ?? undefined) : undefined;
    },
  });
}

/** The router, with commands' effects (a digest schedule saved) carried out by the digest service. */
function createBotRouter(
  options: BotOptions,
  client: Client,
  { digests, calls }: { digests: DigestService; calls: CallStore },
  logger: Logger,
): Router {
  const { dataset, commands, now } = options;
  return createRouter({
    commands,
    dataset: () => dataset.current(),
    logger,
    calls,
    ...(options.backlog ? { backlog: options.backlog } : {}),
    ...(now ? { now } : {}),
    performEffect: (effect, interaction) =>
      carryOutDigestRequest(effect, digests, {
        guildId: interaction.guildId ?? '',
        requestId: interaction.id,
        now: (now ?? (() => new Date()))(),
        dataset: dataset.status(),
        channelProblem: (channelId) => digestChannelProblem(client, interaction.guildId ?? '', channelId),
      }),
  });
}

/** The answers being sent, so that a graceful stop lets them finish. */
class InFlight {
  private readonly work = new Set<Promise<void>>();

  track(work: Promise<void>): void {
    this.work.add(work);
    void work.finally(() => this.work.delete(work));
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.work]);
  }
}

/** Every interaction goes to the router; one discord.js cannot read gets a short notice instead. */
function answerInteractions(client: Client, router: Router, logger: Logger, inFlight: InFlight): void {
  client.on(Events.InteractionCreate, (interaction) => {
    inFlight.track(
      router.handle(interaction).catch((error: unknown) => {
        logger.error({ err: error }, 'interaction crashed');
        return apologise(interaction).catch((sendError: unknown) =>
          logger.error({ err: sendError }, 'reply failed'),
        );
      }),
    );
  });
  guardInteractionBuild(client, (raw, error) => {
    logger.error({ err: error }, 'interaction could not be read');
    const reply = renderReply(unreadableReply('Discord sent it in a form the bot cannot read.'));
    inFlight.track(
      answerRawInteraction(client.rest, raw, reply).catch((sendError: unknown) =>
        logger.error({ err: sendError }, 'reply failed'),
      ),
    );
  });
}

/** Whatever failed, the person who asked is told, not left with Discord's "interaction failed". */
async function apologise(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
  } else if (interaction.isRepliable()) {
    await new Responder(interaction, { private: true }).send(renderReply(apologyReply()));
  }
}

/** Digests are scheduled for each server the bot is in, from when it joins until it leaves. */
function followGuilds(client: Client, digests: DigestService, logger: Logger): void {
  const startGuild = (guildId: string) =>
    digests
      .startGuild(guildId)
      .catch((error: unknown) => logger.error({ guild: guildId, err: error }, 'digest start failed'));
  client.on(Events.ClientReady, () => {
    for (const guildId of client.guilds.cache.keys()) void startGuild(guildId);
  });
  client.on(Events.GuildCreate, (guild) => void startGuild(guild.id));
  client.on(Events.GuildDelete, (guild) => digests.unschedule(guild.id));
}

function logClientEvents(client: Client, logger: Logger): void {
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.Warn, (message) => logger.warn({ source: 'discord.js' }, message));
  client.on(Events.Debug, (message) => logger.debug({ source: 'discord.js' }, message));
  client.rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'),
  );
}

/**
 * discord.js builds each interaction from the gateway's payload before any listener sees it; a
 * payload it cannot build (a field missing, or of another type) throws out of its WebSocket
 * handler and ends the process, and one of a kind it does not know (a component of type 99) it
 * drops, leaving the user with "interaction failed". The build is wrapped so that both go to
 * `unbuilt` instead. This reaches into discord.js's internals (its InteractionCreate action): the
 * emulator tests show that it holds for the version in use.
 */
function guardInteractionBuild(client: Client, unbuilt: (raw: unknown, error: unknown) => void): void {
  type Action = { handle?: (data: unknown) => unknown };
  const action = (client as unknown as { actions?: { InteractionCreate?: Action } }).actions
    ?.InteractionCreate;
  const build = action?.handle;
  if (!action || typeof build !== 'function') return;
  let built = 0;
  client.on(Events.InteractionCreate, () => {
    built += 1;
  });
  action.handle = (data) => {
    const before = built;
    try {
      const result = build.call(action, data);
      if (built === before)
        unbuilt(data, new Error('discord.js made no interaction of it (a kind it does not know)'));
      return result;
    } catch (error) {
      unbuilt(data, error);
      return undefined;
    }
  };
}
