/**
 * Caches are kept per dataset (WeakMaps keyed by it): once a reload has swapped a dataset out and
 * no reply holds it, it is collected with everything built for it. The real bot, every command
 * answered on the old dataset and on the new, then a full garbage collection.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import type { LiveDataset } from '../../src/reload/live.js';
import { type Harness, reloading, startHarness, stringOptions } from '../helpers/bot-harness.js';
import { DatasetCopy } from '../helpers/dataset-fixture.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Every command, as people ask them: each builds and keeps what it derives from the dataset. */
const ASKED: [string, Record<string, string>][] = [
  ['incident', {}],
  ['casualties', {}],
  ['compare', { topic: 'casualties' }],
  ['timeline', {}],
  ['group', {}],
  ['context', {}],
  ['sources', {}],
  ['ask', { question: 'how many were wounded' }],
  ['help', {}],
];

/** A WeakRef to what is served now, made in a function of its own so that no local holds it. */
function weakly(live: LiveDataset): WeakRef<Dataset> {
  return new WeakRef(live.current());
}

async function collect(): Promise<void> {
  // A WeakRef read in this turn keeps its target until the turn ends: let turns pass between.
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
  }
}

describe('a dataset swapped out by a reload', () => {
  let copy: DatasetCopy;
  let live: LiveDataset;
  let h: Harness;
  beforeAll(async () => {
    copy = await DatasetCopy.seeds();
    h = await startHarness({ dataset: reloading(copy.dir) });
    live = h.served as LiveDataset;
  });
  afterAll(async () => {
    await h.close();
    await copy.cleanup();
  });

  const askEverything = async () => {
    for (const [name, options] of ASKED) {
      await h.emu.sendInteraction({ type: 'command', name, options: stringOptions(options) });
    }
    await h.emu.sendInteraction({ type: 'command', name: 'digest', options: [{ name: 'preview', type: 1 }] });
  };

  it('is collected with every cache built for it, while the new one serves', async () => {
    await askEverything();
    const old = weakly(live);
    await copy.addStory();
    expect((await live.reload('test')).outcome).toBe('loaded');
    await askEverything();
    const current = weakly(live);

    await collect();

    expect(old.deref()).toBeUndefined();
    expect(current.deref()).toBe(live.current());
  });
});
