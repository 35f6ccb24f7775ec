/** The context's topics: how a typed topic is read, which claims the context draws on, where each falls. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONTEXT_TOPICS,
  contextBriefing,
  contextPool,
  findContextTopic,
  sortContext,
} from '../../src/briefing/context.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';

const INCIDENT = 'daraban-2023-12-12';

let seeds: Dataset;
let story: Dataset;
beforeAll(async () => {
  [seeds, story] = await Promise.all([loadSeeds(), loadStory()]);
});

describe('the context topics', () => {
  it('reads a typed topic by its value, label or alias, in any case, and refuses an ambiguous start', () => {
    expect(findContextTopic('Related Events')).toBe('related-events');
    expect(findContextTopic('PLACES')).toBe('places');
    expect(findContextTopic('geography')).toBe('places');
    expect(findContextTopic('rel')).toBeUndefined(); // relations or related-events
    expect(findContextTopic('  ')).toBeUndefined();
  });

  it('draws on every context claim, and `all` holds each claim of the pool once', () => {
    const pool = contextPool(seeds, INCIDENT);
    const contextClaims = (seeds.claimsByIncident.get(INCIDENT) ?? []).filter((c) => c.topic === 'context');
    expect(contextClaims.length).toBeGreaterThan(0);
    for (const claim of contextClaims) expect(pool).toContain(claim);
    const all = sortContext(seeds, INCIDENT).get('all') ?? [];
    expect(all.map((p) => p.claim.id).sort()).toEqual(pool.map((c) => c.id).sort());
    // A claim in a single topic is one that fits it: the topic's claims all come from the pool.
    for (const topic of CONTEXT_TOPICS)
      for (const placed of sortContext(seeds, INCIDENT).get(topic) ?? [])
        expect(pool).toContain(placed.claim);
  });

  it('keeps a briefing per dataset and topic: the same dataset reads it again, another builds its own', () => {
    const asked = { incident: INCIDENT, topic: 'places' } as const;
    const first = contextBriefing(seeds, asked);
    expect(contextBriefing(seeds, asked)).toBe(first);
    expect(contextBriefing(seeds, { ...asked, topic: 'groups' })).not.toBe(first);
    const other = contextBriefing(story, asked);
    expect(other).not.toBe(first);
    expect(other.title).toBe(first.title);
  });
});
