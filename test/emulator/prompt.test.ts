/**
 * The emulator's prompt as a person uses it, with the real bot logged in: a slash command answered
 * as readable text, the prompt back after the answer, and the answer's menu choices pressed.
 */
import { PassThrough, Readable } from 'node:stream';
import { text as streamText } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPrompt } from '../../emulator/prompt.js';
import { type Harness, startHarness } from '../helpers/bot-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 60_000);
afterAll(async () => {
  await harness?.close();
});

/** Everything the prompt printed for these lines. */
async function prompted(lines: string[], options: { json?: boolean; interactive?: boolean } = {}) {
  const output = new PassThrough();
  await runPrompt({
    emu: harness.emu,
    input: Readable.from([`${lines.join('\n')}\n`]),
    output,
    json: options.json ?? false,
    interactive: options.interactive ?? true,
  });
  output.end();
  return streamText(output);
}

describe('the emulator prompt', () => {
  it('prints an answer as text with its choices numbered, the prompt after it, and presses a choice', async () => {
    const printed = await prompted(['/casualties', 'press 0', 'quit']);
    const [before = '', casualties = '', refused = ''] = printed.split('emulator> ');
    // The bot was connected before the first prompt: its notice, then nothing until the answer.
    expect(before).toMatch(/^\[emulator\] bot connected/);
    expect(casualties).toMatch(/^== Casualties/m);
    expect(casualties).not.toContain('"callback"');
    expect(casualties).toMatch(/^\[1\] /m);
    expect(refused).toMatch(/^Type press and a number from 1 to \d+, e\.g\. press 1\.\n$/);
    expect(printed.endsWith('emulator> ')).toBe(true);

    const choice = /^\[(\d+)\] The quotes behind: (.+)$/m.exec(casualties);
    expect(choice, 'a menu choice under /casualties').not.toBeNull();
    const [, number, label] = choice ?? [];
    const pressed = await prompted(['/casualties', `press ${number}`]);
    expect(pressed.split('emulator> ')[2]?.startsWith(`(only you see this)\n== Quotes: ${label} ==\n`)).toBe(
      true,
    );
  }, 60_000);

  it('prints the exchange as JSON when asked, and nothing to press before an answer', async () => {
    const printed = await prompted(['press 1', '/casualties'], { json: true, interactive: false });
    expect(printed).not.toContain('emulator> ');
    expect(printed).toMatch(/^Nothing to press: the last answer has no buttons or menus\.\n/m);
    const json = printed.slice(printed.indexOf('{'), printed.lastIndexOf('}') + 1);
    expect(JSON.parse(json)).toMatchObject({
      original: { embeds: [{ title: expect.stringMatching(/^Casualties/) }] },
    });
    // The numbers for press follow the JSON.
    expect(printed.slice(printed.lastIndexOf('}') + 1)).toMatch(/^\n\[1\] /);
  }, 60_000);
});
