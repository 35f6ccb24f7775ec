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

const cases: HostileCase[] = [
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
