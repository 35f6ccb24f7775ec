/**
 * The composer alone: the digest made for a server's settings, and its post with nonces and
 * back-off. The dataset is a fixture, read from files; the poster records what it is handed and
 * answers as the test says Discord would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryCallStore } from '../../src/contract/calls.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import {
  type Composed,
  DigestComposer,
  DigestPostError,
  type DigestPoster,
} from '../../src/digest/composer.js';
import { createLogger } from '../../src/log.js';
import { type DigestSettings, emptyGuildState, type GuildState } from '../../src/store/records.js';
import { loadStory } from '../helpers/dataset-fixture.js';

const GUILD = '100000000000000001';
const CHANNEL = '200000000000000002';
const SETTINGS: DigestSettings = {
  enabled: true,
  channelId: CHANNEL,
  cron: '0 9 * * *',
  timeZone: 'Asia/Karachi',
  incident: null,
  mode: 'always',
  activeSince: '2026-03-01T00:00:00.000Z',
};
const FRESH = emptyGuildState(GUILD, new Date('2026-03-01T00:00:00Z'));

/** What the poster was handed on each attempt; `answers` says how each attempt goes (the last repeats). */
function recordingPoster(answers: readonly ('ok' | 'unavailable' | 'refused')[]) {
  const attempts: { channelId: string; parts: number; nonces: readonly string[] }[] = [];
  const poster: DigestPoster = {
    async post(channelId, messages, nonces) {
      attempts.push({ channelId, parts: messages.length, nonces });
      const answer = answers[Math.min(attempts.length, answers.length) - 1];
      if (answer === 'unavailable') throw new DigestPostError('503 Service Unavailable', false);
      if (answer === 'refused') throw new DigestPostError('Missing Access', true);
      return messages.map((_, part) => `30000000000000000${part}`);
    },
  };
  return { poster, attempts };
}

describe('the composer', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = await loadStory();
  });

  function composer(poster: DigestPoster, guildOfChannel?: (channelId: string) => string | undefined) {
    const logs: string[] = [];
    const sleeps: number[] = [];
    const made = new DigestComposer({
      dataset: () => dataset,
      poster,
      logger: createLogger({ level: 'info', destination: { write: (l: string) => logs.push(l) } }),
      sleep: async (ms) => void sleeps.push(ms),
      retry: { attempts: 4, firstDelayMs: 1_000 },
      random: () => 0.5,
      guildOfChannel,
      calls: memoryCallStore(),
    });
    return { made, logs, sleeps };
  }

  function composed(c: DigestComposer, state: GuildState = FRESH): Composed {
    const digest = c.compose(GUILD, SETTINGS, state, null);
    if ('outcome' in digest) throw digest.error;
    return digest;
  }

  it('makes a digest of at most two messages, which shows no change against its own snapshot', () => {
    const { made } = composer(recordingPoster(['ok']).poster);
    const first = composed(made);
    expect(first.messages.length).toBeGreaterThan(0);
    expect(first.messages.length).toBeLessThanOrEqual(2);
    expect(first.snapshot.incident).toBe(dataset.incidents[0]?.id);
    const lastPost = {
      slot: null,
      postedAt: '2026-03-02T04:00:00.000Z',
      late: false,
      channelId: CHANNEL,
      messageIds: ['1'],
      snapshot: first.snapshot,
    };
    expect(composed(made, { ...FRESH, lastPost }).changed).toBe(false);
  });

  it('never composes for a channel of another server, and says why in the log', () => {
    const { made, logs } = composer(recordingPoster(['ok']).poster, () => '100000000000000009');
    expect(made.compose(GUILD, SETTINGS, FRESH, null)).toMatchObject({ outcome: 'failed', stage: 'channel' });
    expect(logs.some((l) => l.includes('not a channel of this server'))).toBe(true);
  });

  it('composes nothing for an incident no longer in the dataset', () => {
    const { made } = composer(recordingPoster(['ok']).poster, () => GUILD);
    const gone = { ...SETTINGS, incident: 'no-such-incident' };
    expect(made.compose(GUILD, gone, FRESH, null)).toMatchObject({ outcome: 'failed', stage: 'dataset' });
  });

  it('tries again with the same nonces, one per part, after a back-off', async () => {
    const { poster, attempts } = recordingPoster(['unavailable', 'ok']);
    const { made, sleeps } = composer(poster);
    const digest = composed(made);
    const ids = await made.send(GUILD, CHANNEL, digest, 'slot:2026-03-02T04:00:00.000Z');
    expect(ids).toHaveLength(digest.messages.length);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.nonces).toEqual(attempts[0]?.nonces);
    expect(new Set(attempts[0]?.nonces).size).toBe(digest.messages.length);
    for (const nonce of attempts[0]?.nonces ?? []) expect(nonce.length).toBeLessThanOrEqual(25);
    expect(sleeps).toEqual([750]);

    // Another slot, another set of nonces.
    await made.send(GUILD, CHANNEL, digest, 'slot:2026-03-03T04:00:00.000Z');
    expect(attempts[2]?.nonces).not.toEqual(attempts[0]?.nonces);
  });

  it('gives up after the attempts allowed, each wait twice the one before', async () => {
    const { poster, attempts } = recordingPoster(['unavailable']);
    const { made, sleeps } = composer(poster);
    await expect(made.send(GUILD, CHANNEL, composed(made), 'now:1')).rejects.toThrow('503');
    expect(attempts).toHaveLength(4);
    expect(sleeps).toEqual([750, 1_500, 3_000]);
  });

  it('never tries a refusal again', async () => {
    const { poster, attempts } = recordingPoster(['refused']);
    const { made, sleeps } = composer(poster);
    await expect(made.send(GUILD, CHANNEL, composed(made), 'now:1')).rejects.toThrow('Missing Access');
    expect(attempts).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});
