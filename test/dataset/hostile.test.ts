/**
 * Hostile datasets, as a careless curator or a hostile contributor could make them: each is
 * rejected with its own clear problem naming the file (and the line and field where there is one),
 * never a stack trace, a hang or a crash.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/dataset/problems.js';
import { type DatasetCopy, SOURCE_000, TEXT_000, withDatasetCopy } from '../helpers/dataset-fixture.js';

interface HostileCase {
  name: string;
  /** Makes the copy hostile. */
  edit: (copy: DatasetCopy) => Promise<unknown>;
  /** Every problem the loader must report, computed on the edited copy. */
  expected: (copy: DatasetCopy) => Promise<Problem[]>;
}

const GROUPS = 'context/groups.yaml';

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

/** A folder outside the dataset, for links that lead out of it. */
let outside: string;
/** Sockets listening while their case runs. */
const servers: Server[] = [];
beforeAll(async () => {
  outside = await mkdtemp(path.join(tmpdir(), 'outside-'));
});
afterAll(async () => {
  for (const server of servers) server.close();
  await rm(outside, { recursive: true, force: true });
});

function listenOn(socketPath: string): Promise<void> {
  const server = createServer();
  servers.push(server);
  return new Promise((resolve) => server.listen(socketPath, resolve));
}

const NOT_A_FILE = (kind: string) => `it is ${kind}, not a file; only regular files are read`;

function unreadable(file: string, reason: string): Problem {
  return { file, line: null, field: '', message: `cannot be read: ${reason}` };
}

function textProblem(line: number, reason: string): Problem {
  return {
    file: SOURCE_000,
    line,
    field: 'text_file',
    message: `expected the report's text in ${TEXT_000}, but it cannot be read: ${reason}`,
  };
}

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
        `${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}level${i}:`).join('\n')} end\n`,
      ),
    // The 33rd mapping starts on the line of its first key.
    expected: async () => [NESTED('context/indented.yaml', 33)],
  },
  {
    name: "a report's text replaced by a FIFO (which would block a reader for ever)",
    edit: async (copy) => {
      await copy.remove(TEXT_000);
      execFileSync('mkfifo', [copy.path(TEXT_000)]);
    },
    expected: async (copy) => [
      textProblem(await copy.lineOf(SOURCE_000, 'text_file:'), NOT_A_FILE('a named pipe (FIFO)')),
    ],
  },
  {
    name: 'a data file that is a FIFO',
    edit: async (copy) => execFileSync('mkfifo', [copy.path('context/pipe.yaml')]),
    expected: async () => [unreadable('context/pipe.yaml', NOT_A_FILE('a named pipe (FIFO)'))],
  },
  {
    name: 'a data file that is a socket',
    edit: (copy) => listenOn(copy.path('context/socket.yaml')),
    expected: async () => [
      unreadable(
        'context/socket.yaml',
        'it is a socket or a device, not a file; only regular files are read',
      ),
    ],
  },
  {
    name: 'a data file that is a link to a device',
    edit: (copy) => symlink('/dev/zero', copy.path('context/zero.yaml')),
    expected: async () => [unreadable('context/zero.yaml', NOT_A_FILE('a device'))],
  },
  {
    name: 'a link to a folder of data files',
    edit: async (copy) => {
      await mkdir(path.join(outside, 'more'), { recursive: true });
      await writeFile(path.join(outside, 'more', 'extra.yaml'), 'groups: []\n');
      await symlink(path.join(outside, 'more'), copy.path('context/more'));
    },
    expected: async () => [
      unreadable('context/more', `${NOT_A_FILE('a folder')}, and links to folders are not followed`),
    ],
  },
  {
    name: 'a link to nothing',
    edit: (copy) => symlink(path.join(outside, 'gone.yaml'), copy.path('context/gone.yaml')),
    expected: async () => [unreadable('context/gone.yaml', 'it does not exist (or is a link to nothing)')],
  },
  {
    name: 'a link to itself',
    edit: (copy) => symlink('loop.yaml', copy.path('context/loop.yaml')),
    expected: async () => [unreadable('context/loop.yaml', 'it is a link that leads back to itself')],
  },
  {
    name: 'a data file of 40 MB',
    edit: async (copy) => {
      await copy.write('context/huge.yaml', '');
      await truncate(copy.path('context/huge.yaml'), 40 * 2 ** 20);
    },
    expected: async () => [unreadable('context/huge.yaml', 'it is 40 MB, more than the 32 MB a file may be')],
  },
  {
    name: "a report's text of 9.5 MB",
    edit: (copy) => truncate(copy.path(TEXT_000), 9.5 * 2 ** 20),
    expected: async (copy) => [
      textProblem(
        await copy.lineOf(SOURCE_000, 'text_file:'),
        'it is 9.5 MB, more than the 8 MB a file may be',
      ),
    ],
  },
  {
    name: 'a group name of 5,000,000 characters',
    edit: (copy) => copy.replace(GROUPS, 'name: Tehreek-e-Jihad Pakistan', `name: ${'x'.repeat(5_000_000)}`),
    expected: async (copy) => [
      {
        file: GROUPS,
        line: await copy.lineOf(GROUPS, 'name: '),
        field: 'groups[0].name',
        message: 'expected a text of at most 1,000 characters, but it has 5,000,000',
      },
    ],
  },
  {
    // Built a character at a time by the YAML reader, it once took 1.2 GB: refused before it is built.
    name: 'a group name of 31 MB in double quotes',
    edit: (copy) =>
      copy.replace(GROUPS, 'name: Tehreek-e-Jihad Pakistan', `name: "${'x'.repeat(31 * 2 ** 20)}"`),
    expected: async (copy) => [
      {
        file: GROUPS,
        line: await copy.lineOf(GROUPS, 'name: "'),
        field: 'name',
        message: `a value of ${(31 * 2 ** 20 + 2).toLocaleString('en-GB')} characters in double quotes, where no field holds more than a few thousand: the file was not read (the limit is 100,000)`,
      },
    ],
  },
  {
    name: 'a JSON data file with a string of 31 MB',
    edit: (copy) =>
      copy.write(
        'context/long.json',
        JSON.stringify({ places: [{ id: 'long', name: 'x'.repeat(31 * 2 ** 20) }] }),
      ),
    expected: async () => [
      {
        file: 'context/long.json',
        line: 1,
        field: 'name',
        message: `a value of ${(31 * 2 ** 20 + 2).toLocaleString('en-GB')} characters in double quotes, where no field holds more than a few thousand: the file was not read (the limit is 100,000)`,
      },
    ],
  },
  {
    name: 'a claim id of 100,000 characters',
    edit: (copy) => copy.replace(SOURCE_000, '- id: indileak.method', `- id: ${'x'.repeat(100_000)}`),
    expected: async (copy) => [
      {
        file: SOURCE_000,
        line: await copy.lineOf(SOURCE_000, '- id: '),
        field: 'claims[0].id',
        message: 'expected a text of at most 100 characters, but it has 100,000',
      },
    ],
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

describe('links to data files are followed', () => {
  it('loads a dataset whose data file and report text are links to files elsewhere', async () => {
    const { linked, plain } = await withDatasetCopy(async (copy) => {
      const plain = await copy.load();
      for (const file of [SOURCE_000, TEXT_000, 'context/groups.yaml']) {
        const target = path.join(outside, path.basename(file));
        await writeFile(target, await copy.read(file));
        await copy.remove(file);
        await symlink(target, copy.path(file));
      }
      return { linked: await copy.load(), plain };
    });
    expect(linked.claims.map((c) => c.id)).toEqual(plain.claims.map((c) => c.id));
    expect(linked.groups.map((g) => g.id)).toEqual(plain.groups.map((g) => g.id));
    expect(linked.sources.map((s) => s.text)).toEqual(plain.sources.map((s) => s.text));
  });
});
