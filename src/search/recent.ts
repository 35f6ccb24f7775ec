/**
 * The latest few results of a function of a dataset and a question, kept per dataset: one /ask
 * reads the same question twice (its evidence and its answer), and computes it once. Only a few
 * are kept, so a stream of different questions holds no memory and finds nothing to reuse.
 */
import type { Dataset } from '../dataset/dataset.js';

/** Enough for the reads of one request. */
const KEPT = 2;

export function recentPerDataset<V>(
  compute: (dataset: Dataset, key: string) => V,
): (dataset: Dataset, key: string) => V {
  const cache = new WeakMap<Dataset, Map<string, V>>();
  return (dataset, key) => {
    let kept = cache.get(dataset);
    if (!kept) {
      kept = new Map();
      cache.set(dataset, kept);
    }
    const found = kept.get(key);
    if (found !== undefined) return found;
    const value = compute(dataset, key);
    if (kept.size >= KEPT) kept.delete(kept.keys().next().value as string);
    kept.set(key, value);
    return value;
  };
}
