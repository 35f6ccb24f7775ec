/** The /sources list as the briefing layer builds and keeps it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceHeading, sourcesBriefing } from '../../src/briefing/sources-list.js';
import { claimsReportedAlone } from '../../src/compare/views.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { sourcesInOrder } from '../../src/dataset/order.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';

let seeds: Dataset;
let story: Dataset;
beforeAll(async () => {
  [seeds, story] = await Promise.all([loadSeeds(), loadStory()]);
});

describe('the list of sources', () => {
  it('gives every report one section, in publication order, counting what only it says', () => {
    for (const dataset of [seeds, story]) {
      const list = sourcesBriefing(dataset);
      const reports = sourcesInOrder(dataset);
      expect(list.sections.map((s) => s.heading)).toEqual(reports.map((s) => sourceHeading(dataset, s)));
      const alone = claimsReportedAlone(dataset);
      for (const [i, report] of reports.entries())
        expect(list.sections[i]?.lines.at(-1)).toContain(`only it: ${alone.get(report.id)?.length ?? 0}`);
      expect(list.description).toContain(dataset.version);
    }
  });

  it('is built once per dataset: the same dataset reads it again, another builds its own', () => {
    expect(sourcesBriefing(seeds)).toBe(sourcesBriefing(seeds));
    expect(sourcesBriefing(story)).not.toBe(sourcesBriefing(seeds));
  });
});
