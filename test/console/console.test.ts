/** The local console, spawned as a user runs it: `npm start` with no token, commands piped in. */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { text as streamText } from 'node:stream/consumers';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { runConsole } from '../../src/console/console.js';
import type { CommandModule } from '../../src/contract/types.js';
import { liveMarkup } from '../commands/support.js';
import { loadSeeds, seedsDir } from '../helpers/dataset-fixture.js';

/** The seed reports' folder: what the spawned processes read unless a test says otherwise. */
let seeds: string;
beforeAll(async () => {
  seeds = await seedsDir();
});

/** Runs the same entry point as `npm start`, without npm's own output, in a clean environment. */
function start(input: string, args: string[] = [], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: seeds, ...env },
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Runs one of the `npm run` scripts in `src/cli/` on a dataset folder. */
function script(file: string, dataDir: string, args: string[] = [], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${file}`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    timeout: 60_000,
  });
}

/** The PNG at `file`, decoded: what an image viewer would show. */
async function decodedPng(file: string): Promise<PNG> {
  return PNG.sync.read(await readFile(file));
}

describe('npm start without a token', () => {
  it('says it is in local mode and how to connect, then answers typed commands as text', () => {
    const { stdout, stderr, status } = start(
      '/casualties\npress 4\n/ask question: how many were wounded\npress 2\n',
    );
    expect(status).toBe(0);
    expect(stderr).toMatch(/local mode/);
    expect(stderr).toMatch(/DISCORD_TOKEN/);
    expect(stderr).toMatch(/\(2 sources, 1 incident, \d+ claims\)/);
    expect(stdout).toMatch(/== Casualties: /);
    expect(stdout).toMatch(
      /^23 countryroque\.com · at least 23 countryroque\.com · at least 24 indileak\.com$/m,
    );
    expect(stdout).toMatch(/^⚠️ 23 conflicts with at least 24$/m);
    // The reply's actions are listed by number; pressing one shows the quotes behind a figure.
    expect(stdout).toMatch(/^\[4\] The quotes behind: Security forces killed \(officers, soldiers\)$/m);
    expect(stdout).toMatch(/== Quotes: Security forces killed \(officers, soldiers\) ==/);
    expect(stdout).toMatch(/^ {2}◦ — indileak\.com: “killing at least 24 officers”$/m);
    expect(stdout).toMatch(
      /^ {2}◦ \(official\) — countryroque\.com, officials said: “Twenty-three soldiers/m,
    );
    // The answer first, in one sentence; then the question and the evidence.
    expect(stdout).toMatch(
      /== Answer from the briefing ==\nPeople injured: 34 \(indileak\.com\), the only figure reported; from one origin only\.\nQuestion: “how many were wounded”/,
    );
    expect(stdout).toMatch(/^-- 1\. People injured --\nℹ️ one origin\n34 indileak\.com$/m);
    expect(stdout).toMatch(/== Quotes: People injured ==/);
    expect(stdout).toMatch(/^ {2}◦ — indileak\.com: “The blast injured 34”$/m);
    expect(stdout).not.toMatch(/\*\*/);
  });

  it('with --json prints exactly one Discord payload per line, with its components', () => {
    const { stdout, status } = start('/casualties\n/ask question: how many were wounded\n', ['--json']);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const payloads = lines.map((l) => JSON.parse(l));
    for (const p of payloads) {
      expect(p.allowed_mentions).toEqual({ parse: [] });
      expect(p.embeds.length).toBeGreaterThan(0);
    }
    expect(payloads[1].embeds[0].fields[0]).toEqual({
      name: '1. People injured',
      value: 'ℹ️ one origin\n**34** indileak.com',
    });
    const menu = payloads[1].components
      .flatMap((row: { components: { placeholder?: string }[] }) => row.components)
      .find((c: { placeholder?: string }) => c.placeholder !== undefined);
    expect(menu.placeholder).toBe('The quotes behind…');
    expect(menu.options[0]).toEqual({ label: 'People injured', value: 'injured' });
  });

  it('answers unknown commands and bad options helpfully, skips blank lines and comments, and exits at the end', () => {
    const { stdout, stderr, status } = start(
      '\n# a comment\n/weather\n/casualtis\n/ask\n/casualties private: maybe\n',
    );
    expect(status).toBe(0);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(stdout).toMatch(/There is no command “weather”\.\n/);
    expect(stdout).toMatch(/There is no command “casualtis”\. Did you mean “\/casualties”\?/);
    expect(stdout).toMatch(/the option “question” is required/);
    expect(stdout).toMatch(/“maybe” is not a valid true\/false value/);
  });

  it('takes a line without a slash as a question for /ask, and help as /help', () => {
    const { stdout, status } = start('how many were wounded?\nhelp\n');
    expect(status).toBe(0);
    const replies = stdout.split(/^(?===)/m).map((reply) => reply.split('\n')[0]);
    expect(replies).toEqual(['== Answer from the briefing ==', '== Help: what each command does ==']);
    expect(stdout).toMatch(/wounded|injured/i);
  });

  it('answers a question holding a timestamp too large for a date, and every line after it', () => {
    const { stdout, stderr, status } = start('/ask question: <t:99999999999999999>\n/help\n');
    expect(status).toBe(0);
    expect(stderr).not.toMatch(/Error/);
    expect(stdout).toMatch(/no answer to “<t:99999999999999999>”/);
    expect(stdout).toMatch(/== Help/);
  });

  it('repeats a masked link typed in a bad option as written, in the payload and as text', () => {
    const line = '/casualties private: [click](https://evil.example)\n';
    const payload = JSON.parse(start(line, ['--json']).stdout);
    expect(liveMarkup(payload.embeds[0].description)).toEqual([]);
    expect(start(line).stdout).toMatch(
      /“\[click\]\(https:\/\/evil\.example\)” is not a valid true\/false value/,
    );
  });

  it('runs the message menu lookup as “Look up in briefing: text”, privately', () => {
    const { stdout } = start('Look up in briefing: were 6 attackers killed?\n');
    expect(stdout).toMatch(/only you can see this/);
    expect(stdout).toMatch(
      /^5 indileak\.com · 6 \(ISPR statement, via countryroque\.com\)\n⚠️ 5 conflicts with 6$/m,
    );
  });

  it('refuses to start on a bad dataset, naming file, line and field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bad-data-'));
    try {
      await writeFile(path.join(dir, 'placeholder'), '');
      const { stderr, status } = start('/casualties\n', [], { DATA_DIR: dir });
      expect(status).toBe(1);
      expect(stderr).toMatch(/Refusing to start: The dataset has \d+ problems?/);
      expect(stderr).toMatch(/sources\/: expected a folder sources\//);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses malformed configuration with one message listing each problem, without echoing the token', () => {
    const { stderr, status } = start('', [], {
      DIGEST_CRON: 'often',
      DIGEST_TZ: 'Mars/Base',
      DISCORD_TOKEN: 'short',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/DIGEST_CRON/);
    expect(stderr).toMatch(/DIGEST_TZ: "Mars\/Base" is not an IANA time zone/);
    expect(stderr).toMatch(/DISCORD_TOKEN/);
    expect(stderr).not.toMatch(/short/);
  });
});

describe('pictures, with no Discord to send them to', () => {
  it('/casualties chart: true writes the pictures to CHART_DIR and prints their paths; --json lists them', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'charts-'));
    try {
      const text = start('/casualties chart: true\n', [], { CHART_DIR: dir });
      const printed = [...text.stdout.matchAll(/^🖼 Picture (\S+): (.+)$/gm)];
      expect(printed.length).toBeGreaterThan(0);
      for (const [, name, at] of printed) {
        expect(path.dirname(at as string)).toBe(dir);
        expect(path.basename(at as string)).toMatch(new RegExp(`^[0-9a-f]+-${name}$`));
        expect((await decodedPng(at as string)).width).toBeGreaterThan(0);
      }
      expect(text.stdout).not.toMatch(/^Chart: ●/m);
      const json = JSON.parse(start('/casualties chart: true\n', ['--json'], { CHART_DIR: dir }).stdout);
      expect(json.attachments.map((a: { filename: string; path: string }) => [a.filename, a.path])).toEqual(
        printed.map(([, name, at]) => [name, at]),
      );
      expect(json.attachments[0].description).toMatch(/^Attack on .*: figures by source/);
      expect(json.embeds[0].image).toEqual({ url: `attachment://${printed[0]?.[1]}` });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with a file where CHART_DIR should be, says so in one line and answers on', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'charts-'));
    const inTheWay = path.join(dir, 'a-file');
    await writeFile(inTheWay, 'not a folder');
    try {
      const { stdout, stderr, status } = start('/casualties chart: true\n/help\n', [], {
        CHART_DIR: inTheWay,
      });
      const problems = stderr.split('\n').filter((line) => line.startsWith('error:'));
      expect(problems).toEqual([
        `error: The chart's pictures could not be written to ${inTheWay} (CHART_DIR): EEXIST: file already exists, mkdir '${inTheWay}'`,
      ]);
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(stdout).toMatch(/== Casualties: /);
      expect(stdout).toMatch(
        /^23 countryroque\.com · at least 23 countryroque\.com · at least 24 indileak\.com$/m,
      );
      expect(stdout).toMatch(/\/digest/);
      expect(stdout).not.toMatch(/🖼 Picture/);
      expect(status).toBe(0);

      const digest = script('digest.ts', seeds, [], { CHART_DIR: inTheWay });
      expect(digest.stderr.trim()).toBe(
        `The chart's pictures could not be written to ${inTheWay} (CHART_DIR): EEXIST: file already exists, mkdir '${inTheWay}'`,
      );
      expect(digest.stdout).toMatch(/Where they differ/);
      expect(digest.status).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('npm run digest -- --out DIR writes the digest and its pictures side by side', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'digest-out-'));
    try {
      const result = script('digest.ts', seeds, ['--out', dir]);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Digest: ${path.join(dir, 'digest.txt')}`);
      expect(await readFile(path.join(dir, 'digest.txt'), 'utf8')).toMatch(/Where they differ/);
      const pictures = [...result.stdout.matchAll(/^🖼 Picture \S+: (.+)$/gm)].map((m) => m[1] as string);
      expect(pictures.length).toBeGreaterThan(0);
      for (const at of pictures) {
        expect(path.dirname(at)).toBe(dir);
        expect((await decodedPng(at)).height).toBeGreaterThan(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run digest and npm run validate', () => {
  it('digest prints the comparison of the reports, with both death tolls and both attacker counts and their sources', () => {
    const result = script('digest.ts', seeds);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^⚠️ Security forces killed \(officers, soldiers\): 23 to at least 24; 23 \(countryroque\.com\) against at least 24 \(indileak\.com\)$/m,
    );
    expect(result.stdout).toMatch(
      /^⚠️ Attackers killed: 5 to 6; 5 \(indileak\.com\) against 6 \(countryroque\.com\)$/m,
    );
  });

  it('validate says how many claims each source supports', () => {
    const result = script('validate.ts', seeds);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/valid\. 2 sources, 1 incidents?, \d+ claims, every quote found/);
    expect(result.stdout).toMatch(/^ {2}indileak-2023-12-12: \d+ claims$/m);
    expect(result.stdout).toMatch(/^ {2}at-least-23-soldiers: \d+ claims$/m);
  });

  it('validate exits 0 on the bundled data, however many reports it holds', () => {
    const result = script('validate.ts', 'data');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^data: valid\. \d+ sources, \d+ incidents?, \d+ claims/m);
  });
});

/**
 * Runs an entry point whose reader has gone away, as `| head` does once it has its lines: the
 * pipe is closed before the program writes.
 */
function runIntoClosedPipe(entry: string, input: string): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  child.stdin.end(input);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stderr })));
}

describe('output into a pipe that closes early (| head)', () => {
  it.each([
    ['the console', 'src/main.ts', '/sources\n'.repeat(50)],
    ['validate', 'src/cli/validate.ts', ''],
    ['digest', 'src/cli/digest.ts', ''],
  ])('%s ends quietly', async (_name, entry, input) => {
    const { status, stderr } = await runIntoClosedPipe(entry, input);
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(status).toBe(0);
  });
});

/** Runs an entry point whose standard output is a full disk, as `> /dev/full` gives it. */
function runIntoFullDisk(entry: string, input: string, args: string[]) {
  const full = openSync('/dev/full', 'w');
  try {
    const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], {
      input,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: seeds },
      stdio: ['pipe', full, 'pipe'],
      timeout: 60_000,
    });
    return { status: result.status, stderr: result.stderr };
  } finally {
    closeSync(full);
  }
}

describe.runIf(existsSync('/dev/full'))('output to a full disk (> /dev/full)', () => {
  it.each([
    ['the console', 'src/main.ts', '/sources\n'],
    ['the console with --json', 'src/main.ts --json', '/sources\n'],
    ['validate', 'src/cli/validate.ts', ''],
    ['digest', 'src/cli/digest.ts', ''],
  ])('%s says so in one line and exits 1', (_name, command, input) => {
    const [entry = '', ...args] = command.split(' ');
    const { status, stderr } = runIntoFullDisk(entry, input, args);
    // Before it, the console's banner, which goes to standard error.
    expect(stderr.trimEnd().split('\n').at(-1)).toBe(
      'The output could not be written (standard output): ENOSPC: no space left on device, write',
    );
    expect(stderr).not.toMatch(/^\s+at |Error/m);
    expect(status).toBe(1);
  });
});

describe('runConsole', () => {
  it('asks for a slash when there is no /ask to take the line', async () => {
    const text = await consoleText(
      commands.filter((c) => c.definition.name === 'casualties'),
      'how many died?\n',
    );
    expect(text).toMatch(/Commands start with “\/”/);
  });

  it('answers the lines after one whose reply cannot be shown, with an apology for that one', async () => {
    // A reply the text view cannot read stands for any failure after the handler returned.
    const unreadable: CommandModule = {
      definition: { name: 'unreadable', description: 'a reply that cannot be shown' },
      reply: { visibility: 'asked', reuse: 'never' },
      handle: () => ({
        private: false,
        get briefing(): never {
          throw new Error('cannot be shown');
        },
      }),
    };
    const errors: unknown[] = [];
    const text = await consoleText([...commands, unreadable], '/unreadable\n/help\n', (error) =>
      errors.push(error),
    );
    expect(text).toMatch(/Sorry, that went wrong/);
    expect(text).toMatch(/== Help/);
    expect(errors).toHaveLength(1);
  });
});

/** Everything runConsole printed for these lines, on the seeds, with these commands. */
async function consoleText(
  commandList: readonly CommandModule[],
  lines: string,
  onError?: (error: unknown) => void,
): Promise<string> {
  const output = new PassThrough();
  await runConsole({
    commands: commandList,
    dataset: await loadSeeds(),
    input: Readable.from([lines]),
    output,
    messages: new PassThrough(),
    json: false,
    interactive: false,
    pictureDir: tmpdir(),
    ...(onError ? { onError } : {}),
  });
  // All that was written: since Node 26, read() gives the buffered chunks one at a time.
  output.end();
  return streamText(output);
}
