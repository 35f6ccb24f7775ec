/**
 * /digest set echoes what was typed in its problems: as written, never as live markdown. What
 * acts on a server is returned as a request the digest layer carries out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { digest } from '../../commands/digest.js';
import { subcommandsOf } from '../../src/contract/registry.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { DigestRequest } from '../../src/digest/requests.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { liveMarkup, run } from './support.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

const CHANNEL = '123456789012345678';
const LINK = '[click](http://evil.example)';

describe('/digest set with hostile input', () => {
  it.each([
    ['cron', { cron: `${LINK} * * * *` }],
    ['cron', { cron: `${LINK} * * * * * *` }],
    ['timezone', { timezone: `${LINK}` }],
    ['channel', { channel: LINK }],
    ['incident', { incident: LINK }],
  ])('shows a masked link typed in %s as written, not as a link', (_option, typed) => {
    const ran = run(digest, dataset, { channel: CHANNEL, ...typed }, { subcommand: 'set' });
    expect(ran.embeds[0]?.title).toBe('Digest not set');
    expect(ran.text).toContain(LINK);
    for (const embed of ran.embeds) expect(liveMarkup(embed.description ?? '')).toEqual([]);
  });

  it('still shows its own example cron expression as written', () => {
    const ran = run(digest, dataset, { channel: CHANNEL, cron: 'often' }, { subcommand: 'set' });
    expect(ran.text).toContain('Try e.g. 0 9 * * 1-5 (09:00 on weekdays).');
  });
});

describe('/digest on a server', () => {
  const now = new Date('2026-03-02T04:00:00Z');

  it('answers the preview itself, and returns every other subcommand as a digest request', () => {
    const requests = subcommandsOf(digest).map(({ name }) => {
      const options: Record<string, string> = name === 'set' ? { channel: CHANNEL } : {};
      const reply = digest.handle({ subcommand: name, options }, { dataset, now });
      return reply.effect ? DigestRequest.parse(reply.effect).kind : name;
    });
    expect(requests).toEqual(['preview', 'digest.status', 'digest.set', 'digest.now', 'digest.off']);
  });

  it('/digest set carries what was typed, and leaves out what was not', () => {
    const incident = dataset.incidents[0]?.id ?? '';
    const options = { channel: CHANNEL, cron: ' 30 7 * * 1 ', timezone: 'Europe/London', mode: 'changed' };
    const full = digest.handle({ subcommand: 'set', options: { ...options, incident } }, { dataset, now });
    expect(DigestRequest.parse(full.effect)).toEqual({
      kind: 'digest.set',
      channelId: CHANNEL,
      cron: '30 7 * * 1',
      timeZone: 'Europe/London',
      incident,
      mode: 'changed',
    });
    const bare = digest.handle({ subcommand: 'set', options: { channel: CHANNEL } }, { dataset, now });
    expect(bare.effect).toEqual({ kind: 'digest.set', channelId: CHANNEL });
  });
});
