/**
 * Labels: what replies call a report. Worked out from each report's own metadata, so reports
 * added later never change them; two reports with one label are refused, with a way out.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import { sourceLabel } from '../../src/dataset/labels.js';
import { formatProblem } from '../../src/dataset/problems.js';
import {
  datasetErrorAfter,
  loadEditedDataset,
  loadSeeds,
  loadStory,
  SOURCE_000,
} from '../helpers/dataset-fixture.js';

const DAWN = 'sources/fixture-2023-12-13-dawn.yaml';

describe('labels', () => {
  it('names a report by its outlet, a copy with its original, a report with no outlet by the site it was found at', async () => {
    const story = await loadStory();
    const labels = new Map(story.sources.map((s) => [s.id, sourceLabel(s)]));
    expect(labels.get('fixture-dawn')).toBe('Dawn');
    expect(labels.get('fixture-pajhwok-menafn')).toBe('MENAFN (copy of Pajhwok Afghan News)');
    expect(labels.get('at-least-23-soldiers')).toBe('countryroque.com');
  });

  it('keeps every label when reports are added', async () => {
    const seeds = await loadSeeds();
    const story = await loadStory();
    for (const source of seeds.sources)
      expect(sourceLabel(story.sourceById.get(source.id) ?? source)).toBe(sourceLabel(source));
  });

  it('takes the label a curator sets in the YAML', async () => {
    const dataset = await loadEditedDataset(async (copy) => {
      await copy.replace(SOURCE_000, 'outlet: indileak.com', 'outlet: indileak.com\nlabel: Indileak');
    });
    expect(labelOfId(dataset, 'indileak-2023-12-12')).toBe('Indileak');
  });

  it('refuses two reports with one label, at file:line: field, and suggests an explicit one', async () => {
    const error = await datasetErrorAfter(async (copy) => {
      await copy.addStory();
      await copy.replace(DAWN, 'outlet: Dawn', 'outlet: Business Recorder');
    });
    const lines = error.problems.map(formatProblem);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^sources\/fixture-2023-12-13-dawn\.yaml:\d+: outlet: expected a label no other report has, but "Business Recorder" is the label of sources\/fixture-2023-12-13-business-recorder\.yaml:\d+ too: give one of them its own, e\.g\. label: "Business Recorder 2023-12-13"$/,
    );
  });

  it('refuses an explicit label that folds to another report’s, and accepts one that tells them apart', async () => {
    const clash = await datasetErrorAfter(async (copy) => {
      await copy.addStory();
      await copy.replace(DAWN, 'outlet: Dawn', 'outlet: Dawn\nlabel: ARY-News');
    });
    expect(clash.problems.map((p) => p.field)).toEqual(['label']);
    const apart = await loadEditedDataset(async (copy) => {
      await copy.addStory();
      await copy.replace(DAWN, 'outlet: Dawn', 'outlet: Dawn\nlabel: Dawn (evening)');
    });
    expect(labelOfId(apart, 'fixture-dawn')).toBe('Dawn (evening)');
  });
});

/** The label of the report with this id, failing the test when there is no such report. */
function labelOfId(dataset: Dataset, id: string): string {
  const source = dataset.sourceById.get(id);
  if (!source) throw new Error(`no report ${id}`);
  return sourceLabel(source);
}
