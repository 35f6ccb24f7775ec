/** /digest set echoes what was typed in its problems: as written, never as live markdown. */
import { beforeAll, describe, expect, it } from 'vitest';
import { digest } from '../../commands/digest.js';
import type { Dataset } from '../../src/dataset/dataset.js';
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
