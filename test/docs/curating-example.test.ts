/** The curators' guide's worked example of adding a report is a report the loader accepts as it stands. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { withDatasetCopy } from '../helpers/dataset-fixture.js';

const GUIDE = new URL('../../docs/curating.md', import.meta.url);

describe("the curators' guide's worked example", () => {
  it('loads beside the seeds, its statement relayed and its vague count read through the table', async () => {
    const guide = await readFile(GUIDE, 'utf8');
    const example = guide.slice(guide.indexOf('A worked example'));
    const blocks = [...example.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    const source = blocks.find((b) => b.includes('claims:')) ?? '';
    const parsed = parse(source) as { id: string; text_file: string; claims: { quote: string }[] };
    // The report's text, made of the example's quotes, so that every quote is found in it.
    const text = `${parsed.claims.map((c) => c.quote).join('. ')}.\n`;
    const dataset = await withDatasetCopy(async (copy) => {
      await copy.write(`sources/${parsed.id}.yaml`, source);
      await copy.write(`sources/${parsed.text_file}`, text);
      return copy.load();
    });
    const claims = dataset.claimsBySource.get(parsed.id) ?? [];
    expect(claims).toHaveLength(parsed.claims.length);
    expect(claims.find((c) => c.origin)?.speaker.id).toBe('the-pakistani-military');
    expect(claims.find((c) => c.figure?.words)?.figure?.words).toBe('dozens');
  });
});
