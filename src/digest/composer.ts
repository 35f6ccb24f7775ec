/**
 * A digest made ready and sent: composed from the dataset for a server's settings (never into a
 * channel of another server), then posted with nonces derived from the server, the slot and the
 * part, trying again with back-off on what may pass. Nothing here knows discord.js: posting goes
 * through a `DigestPoster`.
 */

import { createHash } from 'node:crypto';
import { withPictures } from '../chart/attach.js';
import type { FiguresChart } from '../chart/figures.js';
import type { CallStore } from '../contract/calls.js';
import { actionControls } from '../contract/render-reply.js';
import type { Dataset } from '../dataset/dataset.js';
import { findIncident } from '../dataset/names.js';
import type { Logger } from '../log.js';
import type { MessagePayload } from '../render/payload.js';
import { renderBriefing } from '../render/render.js';
import type { DigestSettings, DigestSnapshot, GuildState } from '../store/records.js';
import { buildDigest } from './build.js';

export interface DigestPoster {
  /** Posts the messages in order and returns their ids; throws a DigestPostError when Discord refuses. */
  post(channelId: string, messages: readonly MessagePayload[], nonces: readonly string[]): Promise<string[]>;
}

/** Discord refused a post; `permanent` when trying again cannot help (a 4xx other than 429). */
export class DigestPostError extends Error {
  override name = 'DigestPostError';
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface ComposerOptions {
  dataset: () => Dataset;
  poster: DigestPoster;
  logger: Logger;
  /** Waits between attempts (real time unless given). */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per post before giving up until the next slot; the wait doubles each time, with jitter. */
  retry?: { attempts: number; firstDelayMs: number };
  /** Draws the jitter, in [0, 1). */
  random?: () => number;
  /** The server a channel belongs to, when the adapter can tell: no digest goes into another server's channel. */
  guildOfChannel: ((channelId: string) => string | undefined) | undefined;
  /** Where the buttons' calls too long for an id are kept. */
  calls: CallStore;
}

/** A digest ready to post. */
export interface Composed {
  messages: MessagePayload[];
  /** The figures, drawn and attached when the digest is sent. */
  chart: FiguresChart | undefined;
  snapshot: DigestSnapshot;
  /** Whether the dataset changed since the last digest. */
  changed: boolean;
}

/** Why a digest could not be composed: its channel is not the server's, or its incident is gone. */
export interface NotComposed {
  outcome: 'failed';
  stage: 'channel' | 'dataset';
  error: Error;
}

/** A digest is posted in two messages at most: what does not fit is a button away. */
const DIGEST_MESSAGES = 2;
/** Five attempts, at most 2, 4, 8 and 16 seconds apart (the jitter draws from half of each to all). */
const RETRY = { attempts: 5, firstDelayMs: 2_000 };

export class DigestComposer {
  constructor(private readonly options: ComposerOptions) {}

  /** The digest for these settings, compared with the server's last one; `lateSlot` marks it late. */
  compose(
    guildId: string,
    settings: DigestSettings,
    state: GuildState,
    lateSlot: Date | null,
  ): Composed | NotComposed {
    const { guildOfChannel, logger } = this.options;
    if (guildOfChannel && guildOfChannel(settings.channelId) !== guildId) {
      // Saved before channels were checked, or moved or deleted since: never post into another server.
      const error = new Error(`the digest channel ${settings.channelId} is not a channel of this server`);
      logger.error({ guild: guildId, err: error }, 'digest not posted: choose a channel with /digest set');
      return { outcome: 'failed', stage: 'channel', error };
    }
    const dataset = this.options.dataset();
    const incident = findIncident(dataset, settings.incident ?? undefined);
    if (!incident) {
      const error = new Error(`the digest's incident "${settings.incident}" is not in the dataset`);
      logger.error(
        { guild: guildId, err: error },
        'digest not posted: choose another incident with /digest set',
      );
      return { outcome: 'failed', stage: 'dataset', error };
    }
    const digest = buildDigest({
      dataset,
      incident,
      previous: state.lastPost?.snapshot ?? null,
      lateFor: lateSlot ? { slot: lateSlot, timeZone: settings.timeZone } : undefined,
    });
    return {
      messages: renderBriefing(digest.briefing, {
        controls: actionControls(digest.actions, dataset.version, this.options.calls),
        maxMessages: DIGEST_MESSAGES,
      }).messages,
      chart: digest.chart,
      snapshot: digest.snapshot,
      changed: digest.changed,
    };
  }

  /** Posts with the slot's nonces, trying again on what may pass (5xx, network), never on a refusal. */
  async send(
    guildId: string,
    channelId: string,
    composed: Pick<Composed, 'messages' | 'chart'>,
    nonceKey: string,
  ): Promise<string[]> {
    const { logger, poster, retry = RETRY, random = Math.random, sleep = realSleep } = this.options;
    // A chart that cannot be drawn leaves the text to go alone: it says every figure too.
    const { messages } = await withPictures(
      { messages: composed.messages, ephemeral: false },
      composed.chart,
      (error) => logger.warn({ guild: guildId, err: error }, 'digest chart not drawn; posting the text'),
    );
    const nonces = messages.map((_, part) => digestNonce(guildId, nonceKey, part));
    for (let tried = 1; ; tried++) {
      try {
        return await poster.post(channelId, messages, nonces);
      } catch (error) {
        if (isPermanent(error) || tried >= retry.attempts) throw error;
        // Exponential back-off with jitter, so that many servers failing at once do not retry in step.
        const delay = Math.round(retry.firstDelayMs * 2 ** (tried - 1) * (0.5 + random() / 2));
        logger.warn(
          { guild: guildId, nonceKey, tried, retryInMs: delay, err: error },
          'digest post failed; retrying',
        );
        await sleep(delay);
      }
    }
  }
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether Discord refused a post for good: trying again cannot help. */
export function isPermanent(error: unknown): boolean {
  return error instanceof DigestPostError && error.permanent;
}

/** Discord keeps a nonce for a few minutes; derived from server, slot and part, a retry reuses it. */
export function digestNonce(guildId: string, key: string, part: number): string {
  return createHash('sha256').update(`${guildId}|${key}|${part}`).digest('base64url').slice(0, 25);
}
