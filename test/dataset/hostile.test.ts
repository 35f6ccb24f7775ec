/**
 * Hostile datasets, as a careless curator or a hostile contributor could make them: each is
 * rejected with its own clear problem naming the file (and the line and field where there is one),
 * never a stack trace, a hang or a crash.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/dataset/problems.js';
import { type DatasetCopy, SOURCE_000, withDatasetCopy } from '../helpers/dataset-fixture.js';

interface HostileCase {
  name: string;
  /** Makes the copy hostile. */
  edit: (copy: DatasetCopy) => Promise<unknown>;
  /** Every problem the loader must report, computed on the edited copy. */
  expected: (copy: DatasetCopy) => Promise<Problem[]>;
}

const URL_RULE =
  'expected a URL such as "https://example.com/report", with spaces, quotes, brackets, < > and letters beyond ASCII percent-encoded (a space is %20)';

/** A "billion laughs" file: ten aliases of ten aliases of … one value, nine levels deep. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

const NESTED = (file: string, line: number): Problem => ({
  file,
  line,
  field: '',
  message:
    'nested more than 32 levels deep, where a data file needs a few: check the brackets and the indentation',
});

const cases: HostileCase[] = [
  {
    name: 'a YAML alias bomb',
    edit: (copy) => copy.write('context/laughs.yaml', aliasBomb()),
    expected: async () => [
      {
        file: 'context/laughs.yaml',
        line: null,
        field: '',
        message:
          'its aliases (*name) would expand to too much data, as in a "billion laughs" file: write the repeated values out',
      },
    ],
  },
  {
    name: 'an alias with no anchor',
    edit: (copy) => copy.write('context/alias.yaml', 'groups: *missing\n'),
    expected: async () => [
      {
        file: 'context/alias.yaml',
        line: null,
        field: '',
        message:
          'not valid YAML or JSON: Unresolved alias (the anchor must be set before the alias): missing',
      },
    ],
  },
  {
    name: 'JSON nested 100,000 deep',
    edit: (copy) =>
      copy.write('context/deep.json', `{"groups": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
    expected: async () => [NESTED('context/deep.json', 1)],
  },
  {
    name: 'a YAML sequence nested 100,000 deep on one line',
    edit: (copy) => copy.write('context/deep.yaml', `groups:\n  ${'- '.repeat(100_000)}x\n`),
    expected: async () => [NESTED('context/deep.yaml', 2)],
  },
  {
    name: 'YAML mappings indented 40 deep',
    edit: (copy) =>
      copy.write(
        'context/indented.yaml',
        Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}level${i}:`).join('\n') + ' end\n',
      ),
    // The 33rd mapping starts on the line of its first key.
    expected: async () => [NESTED('context/indented.yaml', 33)],
  },
  {
    name: 'a URL that closes its link and opens a masked one',
    edit: (copy) =>
      copy.replace(
        SOURCE_000,
        'url: https://indileak.com/24-killed-in-suicide-attack-at-police-station-in-pakistan/',
        "url: 'https://a.example/>[click here](https://evil.example)'",
      ),
    expected: async (copy) => [
      { file: SOURCE_000, line: await copy.lineOf(SOURCE_000, 'url:'), field: 'url', message: URL_RULE },
    ],
  },
  {
    name: 'a URL that is not a web address',
    edit: (copy) =>
      copy.replace(
        SOURCE_000,
        'url: https://indileak.com/24-killed-in-suicide-attack-at-police-station-in-pakistan/',
        "url: 'javascript:alert(1)'",
      ),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, 'url:'),
        field: 'url',
        message: 'expected a URL such as "https://example.com/report"',
      },
    ],
  },
];

describe('a hostile dataset is rejected with a clear problem', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { problems, expected } = await withDatasetCopy(async (copy) => {
      await c.edit(copy);
      return { problems: await copy.problems(), expected: await c.expected(copy) };
    });
    expect(problems).toEqual(expected);
  });
});
