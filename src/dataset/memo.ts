/**
 * Results derived from a dataset, computed once: a dataset never changes once loaded, so a
 * comparison, an index or a briefing built from it can be kept as long as the dataset lives.
 */
import type { Dataset } from './dataset.js';

export function memoPerDataset<K, V>(
  compute: (dataset: Dataset, key: K) => V,
): (dataset: Dataset, key: K) => V {
  const cache = new WeakMap<Dataset, Map<K, V>>();
  return (dataset, key) => {
    let results = cache.get(dataset);
    if (!results) {
      results = new Map();
      cache.set(dataset, results);
    }
    // One lookup when the result is kept (nearly every call); `has` only tells a kept undefined apart.
    const found = results.get(key);
    if (found !== undefined || results.has(key)) return found as V;
    const result = compute(dataset, key);
    results.set(key, result);
    return result;
  };
}

/** One result per dataset. */
export function oncePerDataset<V>(compute: (dataset: Dataset) => V): (dataset: Dataset) => V {
  const cache = new WeakMap<Dataset, V>();
  return (dataset) => {
    const found = cache.get(dataset);
    if (found !== undefined || cache.has(dataset)) return found as V;
    const result = compute(dataset);
    cache.set(dataset, result);
    return result;
  };
}

/**
 * One result per object of a dataset (a list of claims, a comparison, a claim), kept by the object
 * itself: it goes with the object, and an object made for one call only (a comparison narrowed for
 * one reply) is let go with it instead of being kept as long as the dataset. An object read with
 * another dataset (a test's variant of one) is worked out again for it.
 */
export function memoPerObject<K extends object, V>(
  compute: (dataset: Dataset, key: K) => V,
): (dataset: Dataset, key: K) => V {
  const cache = new WeakMap<K, { dataset: Dataset; result: V }>();
  return (dataset, key) => {
    const cached = cache.get(key);
    if (cached && cached.dataset === dataset) return cached.result;
    const result = compute(dataset, key);
    cache.set(key, { dataset, result });
    return result;
  };
}
