/** The benchmark's page says what the printed report says: the run, each section, every table's cells. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchmarkPage, table } from '../../bench/report-page.js';

const OPENING = [
  'Briefing bot benchmark, 2026-12-07T05:00:00.000Z',
  'Machine: 2 CPUs (a test CPU), 23.5 GB RAM, Node v20.20.2, linux 6.1; load average 2.4 at the start, 2.2 at the end',
  'Run: npm run bench, seed 1, 284 s',
].join('\n');

/** A Markdown table row's cells, unescaped. */
function rowCells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(' | ')
    .map((cell) => cell.replace(/\\(.)/g, '$1'));
}

describe('the benchmark page', () => {
  it('opens with the date, the machine and the run', () => {
    const page = benchmarkPage(`${OPENING}\n${table('1. Bundled dataset (data/)', ['handler', 'p50'], [])}`);
    expect(page).toContain('- Briefing bot benchmark, 2026-12-07T05:00:00.000Z\n');
    expect(page).toContain('- Machine: 2 CPUs (a test CPU), 23.5 GB RAM, Node v20.20.2');
    expect(page).toContain('- Run: npm run bench, seed 1, 284 s\n');
  });

  it('puts each numbered section under its heading once, and lines of text as they are', () => {
    const printed = [
      OPENING,
      table('1. Bundled dataset (data/): load and check 19.000 ms', ['handler', 'p50'], [['/help', '0.034']]),
      table('1. data/ with the developing-story reports', ['handler', 'p50'], [['/help', '0.033']]),
      '\n4. Event-loop delay while ten servers compute hostile schedules: p99 1.90 ms',
      table('Targets', ['section', 'met'], [['charts', 'met']]),
      '\n1 of 1 targets met.',
    ].join('\n');
    const page = benchmarkPage(printed);
    expect(page.match(/^## .*$/gm)).toEqual(['## Handlers', '## Digest schedules', '## Targets']);
    expect(page).toContain(
      '\nBundled dataset (data/): load and check 19.000 ms:\n\n| handler | p50 |\n| --- | ---: |\n',
    );
    expect(page).toContain('\nEvent-loop delay while ten servers compute hostile schedules: p99 1.90 ms\n');
    expect(page.trimEnd().endsWith('1 of 1 targets met.')).toBe(true);
  });

  it('keeps lines printed one after another as sentences, not a table', () => {
    const page = benchmarkPage(
      `${OPENING}\n\n7. first picture, data/: then ask 0.5 ms\n7. first picture, story: then ask 0.7 ms`,
    );
    expect(page).toContain(
      '\nfirst picture, data/: then ask 0.5 ms  \nfirst picture, story: then ask 0.7 ms\n',
    );
    expect(page).not.toContain('| first picture');
  });

  it('aligns columns of figures on the right and columns of words on the left', () => {
    const printed = table(
      'Targets',
      ['section', 'what', 'value', ''],
      [
        ['charts', 'first render', '900 ms', 'met'],
        ['start-up', 'idle memory', '< 100 MB', 'MISSED'],
      ],
    );
    expect(benchmarkPage(`${OPENING}\n${printed}`)).toContain(
      '| section | what | value |  |\n| --- | --- | ---: | --- |\n| charts | first render | 900 ms | met |\n',
    );
  });

  it('keeps every cell of a table, empty, padded or full of Markdown marks', () => {
    const cell = fc
      .string({
        unit: fc.constantFrom('a', '1', ' ', '*', '_', '|', '`', '\\', '/', '×', '-'),
        maxLength: 12,
      })
      .map((s) => s.trim());
    const shape = fc.integer({ min: 1, max: 5 }).chain((columns) =>
      fc.record({
        header: fc.array(
          cell.filter((c) => c.length > 0),
          { minLength: columns, maxLength: columns },
        ),
        rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(shape, ({ header, rows }) => {
        const page = benchmarkPage(`${OPENING}\n${table('7. Charts: the pictures', header, rows)}`);
        const tableLines = page.split('\n').filter((line) => line.startsWith('| '));
        const [head, alignment, ...body] = tableLines;
        expect(rowCells(head ?? '')).toEqual(header);
        expect(rowCells(alignment ?? '')).toHaveLength(header.length);
        expect(body.map(rowCells)).toEqual(rows);
      }),
    );
  });
});
