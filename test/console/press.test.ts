/** The console's actions: listed under a reply, numbered, and run by typing `press N`. */
import { tmpdir } from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import { text as streamText } from 'node:stream/consumers';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { runConsole } from '../../src/console/console.js';
import { decodeCall, memoryCallStore } from '../../src/contract/calls.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { actionCommands, LONG_TEXT } from '../helpers/action-commands.js';
import { runConsoleProcess } from '../helpers/console-process.js';
import { loadSeeds, seedsDir } from '../helpers/dataset-fixture.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

/** Runs the console on typed lines; what it printed, on standard output and on its messages stream. */
async function typed(lines: string[], json = false): Promise<{ stdout: string; aside: string }> {
  const output = new PassThrough();
  const messages = new PassThrough();
  const errors: unknown[] = [];
  await runConsole({
    commands: [...commands, ...actionCommands],
    dataset,
    input: Readable.from([`${lines.join('\n')}\n`]),
    output,
    messages,
    json,
    interactive: false,
    pictureDir: tmpdir(),
    onError: (error) => errors.push(error),
  });
  expect(errors).toEqual([]);
  // All that was written: since Node 26, read() gives the buffered chunks one at a time.
  output.end();
  messages.end();
  return { stdout: await streamText(output), aside: await streamText(messages) };
}

interface Payload {
  embeds: { description?: string; footer: { text: string } }[];
  components: { components: { custom_id: string; label?: string; placeholder?: string }[] }[];
}

/** The replies printed, each from its title line on. */
function replies(stdout: string): string[] {
  return stdout
    .split(/(?<!\(only you can see this\))\n\n(?=\(only you can see this\)\n\n== |== )/)
    .map((r) => r.trim());
}

describe('press in the console', () => {
  it('lists a reply’s actions, a menu as one per choice, and runs the one pressed', async () => {
    const { stdout } = await typed(['/offers', 'press 5', 'press 2', 'press 3']);
    const [offered, beta, nothing] = replies(stdout);
    expect(offered).toMatch(
      /\nActions \(type press and a number\):\n\[1\] Echo hello\n\[2\] Echo long\n\[3\] Guarded\n\[4\] Echo a word: Alpha\n\[5\] Echo a word: Beta$/,
    );
    expect(beta).toMatch(/^== Echo ==\ncount=1 \(number\)\ntext="beta" \(string\)/);
    expect(beta).not.toMatch(/Actions/);
    // The reply pressed offers nothing, so there is nothing to press now.
    expect(nothing).toMatch(/Nothing to press ==\nThe last reply offers no actions\./);
    expect(stdout).not.toContain(LONG_TEXT);
  });

  it('runs a call kept in the store, and every option with its type', async () => {
    const { stdout } = await typed(['/offers', 'press 2', '/offers', 'press 1']);
    const [, long, , hello] = replies(stdout);
    expect(long).toContain(`text=${JSON.stringify(LONG_TEXT)}`);
    expect(hello).toMatch(
      /text="hello" \(string\)\ncount=3 \(number\)\nratio=0\.5 \(number\)\nloud=true \(boolean\)/,
    );
  });

  it('says why when there is nothing to press, and keeps the actions after a mistyped press', async () => {
    const { stdout } = await typed(['press 1', '/offers', 'press 9', 'press', 'press two', 'press 1']);
    const [none, , nine, bare, two, hello] = replies(stdout);
    expect(none).toMatch(
      /Nothing to press ==\nNo reply yet: the actions a reply offers are listed under it, numbered\./,
    );
    expect(nine).toMatch(/There is no action 9: the last reply offers actions 1 to 5\./);
    expect(bare).toMatch(/Type press and the number of an action, e.g\. press 1\./);
    expect(two).toMatch(/Type press and the number of an action/);
    expect(hello).toMatch(/^== Echo ==\ntext="hello"/);
  });

  it('with --json prints each reply as its payload with components, and numbers what it printed', async () => {
    const { stdout, aside } = await typed(['/offers long: true', 'press 1', 'press 6'], true);
    const [first, second, beta] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Payload);
    const labels = first?.components.flatMap((row) => row.components.map((c) => c.label ?? c.placeholder));
    expect(labels).toEqual(['Part 2 of 2', 'Echo hello', 'Echo long', 'Guarded', 'Echo a word…']);
    expect(first?.embeds[0]?.footer.text).toBe('Part 1 of 2');
    expect(second?.embeds[0]?.footer.text).toBe('Part 2 of 2');
    expect(beta?.embeds[0]?.description).toMatch(/text="beta"/);
    // Standard output carries only payloads; the numbered actions go beside them.
    expect(aside).toMatch(/^Actions \(type press and a number\):\n\[1\] Part 2 of 2\n\[2\] Echo hello\n/);
    expect(aside).toMatch(/\[6\] Echo a word: Beta\n/);
    // The ids are the bot's: they read back as the call they run.
    const decoded = decodeCall(first?.components[0]?.components[0]?.custom_id ?? '', memoryCallStore());
    expect(decoded).toMatchObject({ call: { command: 'offers', part: 1 }, version: dataset.version });
  });
});

describe('press in npm start', () => {
  let seeds: string;
  beforeAll(async () => {
    seeds = await seedsDir();
  });

  it('lists /casualties’s actions and runs the one pressed, as a user types it', () => {
    const { stdout, stderr, status } = runConsoleProcess('press 1\n/casualties\npress 1\npress 99\n', {
      dataDir: seeds,
    });
    expect(status).toBe(0);
    expect(stderr).not.toMatch(/error/i);
    const [none, casualties, pressed, missing] = replies(stdout);
    expect(none).toMatch(/No reply yet/);
    const listed = /\nActions \(type press and a number\):\n((?:\[\d+\] .+\n?)+)$/.exec(casualties ?? '');
    expect(listed, casualties).not.toBeNull();
    const count = (listed?.[1] ?? '').trim().split('\n').length;
    expect(pressed).toMatch(/^(\(only you can see this\)\n\n)?== /);
    expect(pressed).not.toMatch(/Nothing to press/);
    expect(missing).toMatch(/no action 99|no actions/);
    expect(count).toBeGreaterThan(0);
  });
});
