/** The digest builder and the /digest command's checks, on the seed reports. */
import { beforeAll, describe, expect, it } from 'vitest';
import { digest } from '../../commands/digest.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { buildDigest } from '../../src/digest/build.js';
import { takeSnapshot } from '../../src/digest/snapshot.js';
import { briefingToText } from '../../src/render/text.js';
import { NOW } from '../commands/support.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

const text = (d: ReturnType<typeof buildDigest>) => briefingToText(d.briefing);

describe('the digest', () => {
  it('states an agreement as the position held, never one source’s wording under another’s number', () => {
    const incident = dataset.incidents[0];
    if (!incident) throw new Error('no incident');
    const agree =
      text(buildDigest({ dataset, incident, previous: null })).split('-- ⚠️ Where they differ')[0] ?? '';
    // Report [2] calls Dera Ismail Khan a district, [1] a city: neither wording may stand for both.
    expect(agree).toMatch(/^District: Dera Ismail Khan \(\[1\] the report · \[2\] the report\)$/m);
    expect(agree).not.toMatch(/calls a city/);
    // TJP's characterisations are facets: [1] calls it a splinter group of the TTP, [2] a relatively
    // unknown group (and its speakers a cover, a front). No source may stand under another's words.
    const tjp = agree.split('\n').find((line) => line.startsWith('How TJP is characterised')) ?? '';
    expect(tjp).toContain('a splinter group of the TTP');
    expect(tjp).toContain('a relatively unknown militant group');
    expect(tjp).toContain('a splinter group of the TTP ([1] the report);');
  });

  it('says when it moves to another incident instead of listing every claim as withdrawn', () => {
    const incident = dataset.incidents[0];
    if (!incident) throw new Error('no incident');
    const previous = { ...takeSnapshot(dataset, incident.id), incident: 'an-earlier-incident' };
    const out = text(buildDigest({ dataset, incident, previous }));
    expect(out).toMatch(/Now covering this incident; the last digest covered an-earlier-incident/);
    expect(out).not.toMatch(/withdrawn/);
  });

  it('lists a new report’s claims by statement under what changed', () => {
    const incident = dataset.incidents[0];
    if (!incident) throw new Error('no incident');
    const full = takeSnapshot(dataset, incident.id);
    const [dropped] = full.sources;
    const previous = {
      ...full,
      sources: full.sources.filter((s) => s !== dropped),
      claims: Object.fromEntries(
        Object.entries(full.claims).filter(
          ([id]) => dataset.claims.find((c) => c.id === id)?.source !== dropped,
        ),
      ),
    };
    const out = text(buildDigest({ dataset, incident, previous }));
    expect(out).toMatch(/New source \[1\]/);
    expect(out).toMatch(/New: .+ \[1\]/);
  });
});

describe('/digest set', () => {
  const set = (options: Record<string, string>) =>
    digest.handle(
      { subcommand: 'set', options: { channel: '123456789012345678', ...options } },
      { dataset, now: NOW },
    );

  it('passes mode "always" through, so it can override a default of "changed"', () => {
    expect(set({ mode: 'always' }).effect).toEqual({
      kind: 'digest.set',
      channelId: '123456789012345678',
      mode: 'always',
    });
  });

  it('leaves out what was not given, so the server keeps its current schedule', () => {
    expect(set({}).effect).toEqual({ kind: 'digest.set', channelId: '123456789012345678' });
  });

  it('refuses a channel that is not an id, saying what it wants', () => {
    const reply = digest.handle(
      { subcommand: 'set', options: { channel: 'general' } },
      { dataset, now: NOW },
    );
    expect(reply.effect).toBeUndefined();
    expect(briefingToText(reply.briefing)).toMatch(/“general” is not a channel/);
  });
});
