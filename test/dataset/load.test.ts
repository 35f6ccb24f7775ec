import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadDataset } from '../../src/dataset/load.js';
import { normaliseForQuoteCheck, quoteFinder } from '../../src/dataset/quotes.js';
import {
  DATA_DIR,
  type DatasetCopy,
  SOURCE_000,
  SOURCE_002,
  TEXT_000,
  withDatasetCopy,
} from '../helpers/dataset-fixture.js';

/** CI clones have the project's shared folder beside the repository. */
const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadDataset(DATA_DIR);
});

async function fileSnapshot(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(f, 'utf8')] as const)));
}

describe('the bundled dataset', () => {
  it('loads the two seed reports, the Daraban incident and their claims', () => {
    // Facts that stay true when a curator adds reports: the seeds are there, whatever else is.
    expect(dataset.sources.map((s) => s.id)).toEqual(
      expect.arrayContaining(['at-least-23-soldiers', 'indileak-2023-12-12']),
    );
    expect(dataset.incidents.map((i) => i.id)).toContain('daraban-2023-12-12');
    expect(dataset.claims.length).toBeGreaterThan(0);
    for (const source of dataset.sources) {
      expect(dataset.claimsBySource.get(source.id)?.length ?? 0).toBeGreaterThan(0);
      expect(source.text.length).toBeGreaterThan(0);
    }
    expect(dataset.groups.length).toBeGreaterThan(0);
    expect(dataset.measures.length).toBeGreaterThan(0);
    expect(dataset.events.length).toBeGreaterThan(0);
  });

  it('keeps every claim of every source file, with its source and incident made explicit', async () => {
    for (const [file, id] of [
      [SOURCE_000, 'indileak-2023-12-12'],
      [SOURCE_002, 'at-least-23-soldiers'],
    ] as const) {
      const text = await readFile(path.join(DATA_DIR, file), 'utf8');
      const claimLines = text.split('\n').filter((line) => /^ {2}- id: /.test(line)).length;
      const claims = dataset.claimsBySource.get(id) ?? [];
      expect(claims).toHaveLength(claimLines);
      for (const claim of claims) {
        expect(claim.source).toBe(id);
        expect(claim.incident).toBe('daraban-2023-12-12');
      }
    }
    expect(new Set(dataset.claims.map((c) => c.id)).size).toBe(dataset.claims.length);
  });

  it("finds every claim's quote in its own source's text", () => {
    const finders = new Map(dataset.sources.map((s) => [s.id, quoteFinder(s.text)]));
    const missing = dataset.claims.filter((claim) => {
      const appears = finders.get(claim.source);
      return appears === undefined || !appears(claim.quote);
    });
    expect(missing.map((c) => c.id)).toEqual([]);
    expect(dataset.claims.every((c) => c.quote.trim().length > 0)).toBe(true);
  });

  it("does not find a quote in the other report's text", () => {
    const indileak = dataset.sourceById.get('indileak-2023-12-12');
    const quote = dataset.claims.find((c) => c.id === 'atleast23.mir.front')?.quote;
    expect(quote).toBe('The T.J.P. is a front organization of the T.T.P.');
    expect(quoteFinder(indileak?.text ?? '')(quote ?? '')).toBe(false);
  });

  it('resolves every reference of every claim', () => {
    for (const claim of dataset.claims) {
      expect(dataset.sourceById.has(claim.source), claim.id).toBe(true);
      expect(dataset.incidentById.has(claim.incident), claim.id).toBe(true);
      if (claim.measure) expect(dataset.measureById.has(claim.measure), claim.id).toBe(true);
      for (const id of claim.about) expect(dataset.entityById.has(id), `${claim.id} about ${id}`).toBe(true);
      if (claim.relation) {
        expect(dataset.entityById.get(claim.relation.subject)?.kind).toBe('group');
        expect(dataset.entityById.get(claim.relation.object)?.kind).toBe('group');
      }
    }
  });

  it('stores every report text file it refers to, and no other', async () => {
    const texts = (await readdir(path.join(DATA_DIR, 'sources'))).filter((f) => f.endsWith('.txt')).sort();
    expect(dataset.sources.map((s) => s.text_file).sort()).toEqual(texts);
    for (const source of dataset.sources) {
      expect(source.text).toBe(await readFile(path.join(DATA_DIR, 'sources', source.text_file), 'utf8'));
    }
  });

  it('never rewrites the curated data', async () => {
    const before = await fileSnapshot(DATA_DIR);
    await loadDataset(DATA_DIR);
    expect(await fileSnapshot(DATA_DIR)).toEqual(before);
  });

  it.skipIf(!existsSync(SEEDS_DIR))('stores the report texts byte for byte as the seeds', async () => {
    const seeds = (await readdir(SEEDS_DIR)).filter((f) => f.endsWith('.txt')).sort();
    expect(seeds).toEqual(['000_1b6b5cd637d6ab71.txt', '002_9503681d963856fc.txt']);
    for (const seed of seeds) {
      const stored = await readFile(path.join(DATA_DIR, 'sources', seed));
      const given = await readFile(path.join(SEEDS_DIR, seed));
      expect(stored.equals(given), seed).toBe(true);
    }
  });
});

describe('the dataset version', () => {
  it('is a short hash of every file, the same for an identical copy', async () => {
    expect(dataset.version).toMatch(/^[0-9a-f]{10}$/);
    const copy = await withDatasetCopy((c) => c.load(), DATA_DIR);
    expect(copy.version).toBe(dataset.version);
  });

  it('changes when any file changes: a report, its text or a context file', async () => {
    const versions = await Promise.all(
      [
        (c: DatasetCopy) => c.replace(SOURCE_000, 'The blast injured 34."', 'The blast injured 34 people."'),
        (c: DatasetCopy) => c.replace(TEXT_000, 'New Delhi:', 'New Delhi :'),
        (c: DatasetCopy) => c.replace('context/groups.yaml', 'kind: militant group', 'kind: armed group'),
      ].map((edit) =>
        withDatasetCopy(async (c) => {
          await edit(c);
          return (await c.load()).version;
        }, DATA_DIR),
      ),
    );
    expect(new Set([dataset.version, ...versions]).size).toBe(4);
  });
});

describe('quote checking', () => {
  const text = 'He couldn’t immediately confirm\nthe number of “martyred”   officers.';

  it('folds curly quote marks and white space on both sides', () => {
    const appears = quoteFinder(text);
    expect(appears("couldn't immediately confirm the number")).toBe(true);
    expect(appears('of "martyred" officers.')).toBe(true);
    expect(normaliseForQuoteCheck(' a\n\tb  ‘c’ ')).toBe("a b 'c'");
  });

  it('rejects a quote with one word changed or words dropped', () => {
    const appears = quoteFinder(text);
    expect(appears("couldn't immediately confirm the count")).toBe(false);
    expect(appears("couldn't confirm the number")).toBe(false);
  });
});

describe('other dataset layouts', () => {
  it('reads a source written as JSON', async () => {
    const loaded = await withDatasetCopy(async (copy) => {
      const json = {
        id: 'json-report',
        outlet: 'Example Wire',
        headline: 'Blast in Daraban',
        url: 'https://example.com/blast',
        published: '2023-12-13',
        dateline: null,
        text_file: 'json-report.txt',
        incident: 'daraban-2023-12-12',
        claims: [
          {
            id: 'json-report.killed',
            topic: 'casualties',
            measure: 'killed.security_forces',
            figure: { value: 23, qualifier: 'exact', counted: 'personnel' },
            statement: '23 personnel were killed.',
            speaker: 'report',
            status: 'reported',
            quote: '23 personnel were killed',
          },
        ],
      };
      await copy.write('sources/json-report.json', JSON.stringify(json, null, 2));
      await copy.write('sources/json-report.txt', 'In Daraban, 23 personnel were killed on Tuesday.\n');
      return copy.load();
    });
    expect(loaded.sources).toHaveLength(3);
    const claim = loaded.claims.find((c) => c.id === 'json-report.killed');
    expect(claim?.source).toBe('json-report');
    expect(claim?.incident).toBe('daraban-2023-12-12');
    expect(claim?.about).toEqual([]);
  });

  it('reads a copy of the dataset exactly as the original', async () => {
    // A copy of data/ as it is, with whatever reports a curator has added.
    const loaded = await withDatasetCopy((copy) => copy.load(), DATA_DIR);
    expect(loaded.claims).toEqual(dataset.claims);
    expect(loaded.sources).toEqual(dataset.sources);
  });

  it('leaves the original untouched when a copy is edited', async () => {
    const original = await readFile(path.join(DATA_DIR, TEXT_000), 'utf8');
    await withDatasetCopy(async (copy) => {
      await copy.write(TEXT_000, 'nothing');
      expect(await copy.read(TEXT_000)).toBe('nothing');
    });
    expect(await readFile(path.join(DATA_DIR, TEXT_000), 'utf8')).toBe(original);
  });
});

describe('the quote check on long reports', () => {
  // Reports over 16 KB are checked through an index of sampled pieces: it must answer exactly as a
  // plain search would, for excerpts that are there and for ones that are not.
  const words = [
    'the',
    'police',
    'station',
    'attack',
    'killed',
    'at least',
    '24',
    'officers',
    '’',
    '“',
    'said',
  ];
  const text = fc
    .array(fc.constantFrom(...words), { minLength: 4000, maxLength: 6000 })
    .map((w) => w.join(' '));

  it('finds every excerpt, and nothing that is not there', () => {
    fc.assert(
      fc.property(
        text,
        fc.nat(),
        fc.integer({ min: 1, max: 200 }),
        fc.string({ maxLength: 40 }),
        (report, at, length, other) => {
          const appears = quoteFinder(report);
          const normal = normaliseForQuoteCheck(report);
          const start = at % Math.max(1, normal.length - length);
          const excerpt = normal.slice(start, start + length);
          expect(appears(excerpt)).toBe(true);
          const changed = `${excerpt}${other}`;
          expect(appears(changed)).toBe(normal.includes(normaliseForQuoteCheck(changed)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
