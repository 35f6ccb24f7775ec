/**
 * docs/data-format.md is written from the schema (`npm run data-format`): it must be what the
 * schema writes now, so a field or allowed value added to the schema and not to the page fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFormatMarkdown } from '../../src/dataset/format-doc.js';
import { Qualifier, RelationType, SourceKind, Verb } from '../../src/dataset/schema.js';

const PAGE = new URL('../../docs/data-format.md', import.meta.url);

describe('docs/data-format.md', () => {
  it('is what the schema writes (run npm run data-format after changing the schema)', () => {
    expect(readFileSync(PAGE, 'utf8')).toBe(dataFormatMarkdown());
  });

  it('lists the allowed values of the enums, and the fields a curator asked about', () => {
    const page = dataFormatMarkdown();
    for (const values of [Verb.options, RelationType.options, SourceKind.options, Qualifier.options])
      expect(page).toContain(`one of ${values.map((v) => `\`${v}\``).join(', ')}`);
    expect(page).toMatch(/\| `url` \| required \| [^|]*, or `null`/);
    for (const field of ['date_note', 'notes', 'url_note', 'includes', 'extends', 'date_until', 'restated'])
      expect(page).toContain(`| \`${field}\` |`);
    expect(page).toMatch(/\| `qualifier` \| {2}\| one of `exact`[^|]*\| `"exact"` \|/);
  });
});
