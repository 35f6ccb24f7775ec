/**
 * The interactions the end-to-end benchmark sends: a mix of commands, as Discord sends them, and
 * for each the reply the bot gives, computed in advance by the bot's own handlers, so that the
 * constant bot (bench/baseline-bot.ts) sends exactly the same payloads without doing the work.
 */
import { writeFile } from 'node:fs/promises';
import { commands } from '../commands/index.js';
import { dispatchCommand } from '../src/command/dispatch.js';
import { commandRegistry } from '../src/command/registry.js';
import type { CommandInput } from '../src/command/types.js';
import type { Dataset } from '../src/dataset/dataset.js';
import type { Rendered } from '../src/render/payload.js';
import { renderReply } from '../src/render/render.js';
import type { InteractionInput } from '../test/emulator/index.js';
import { GENERIC_QUESTIONS } from './handlers.js';

export interface MixEntry {
  /** What the tables call it. */
  command: string;
  input: InteractionInput;
  /** The same interaction as the bot's handlers take it. */
  commandInput: CommandInput;
  key: string;
}

const option = (name: string, value: string) => ({ name, type: 3, value });

const FIXED: [string, string, Record<string, string>][] = [
  ['/casualties', 'casualties', {}],
  ['/incident', 'incident', {}],
  ['/sources', 'sources', {}],
  ['/timeline', 'timeline', {}],
  ['/compare', 'compare', { topic: 'casualties' }],
  ['/group', 'group', { name: 'TJP' }],
  ['/context', 'context', {}],
  ['/help', 'help', {}],
];

/** The i-th interaction: each fixed command in turn, then /ask and the message menu with a question. */
export function mixEntry(i: number): MixEntry {
  const slot = i % (FIXED.length + 2);
  const question =
    GENERIC_QUESTIONS[Math.floor(i / (FIXED.length + 2)) % GENERIC_QUESTIONS.length] ?? 'killed';
  const fixed = FIXED[slot];
  if (fixed) {
    const [label, name, values] = fixed;
    const options = Object.entries(values).map(([k, v]) => option(k, v));
    return {
      command: label,
      input: { type: 'command', name, options },
      commandInput: { options: values },
      key: payloadKey(name, options),
    };
  }
  if (slot === FIXED.length) {
    return {
      command: '/ask',
      input: { type: 'command', name: 'ask', options: [option('question', question)] },
      commandInput: { options: { question } },
      key: payloadKey('ask', [option('question', question)]),
    };
  }
  const text = `did they say ${question}?`;
  return {
    command: 'Look up in briefing',
    input: { type: 'message-context', name: 'Look up in briefing', targetMessage: { content: text } },
    commandInput: { options: {}, targetText: text },
    key: payloadKey('Look up in briefing', [], text),
  };
}

/** The same key from what the bench sends and from what the constant bot receives. */
export function payloadKey(
  name: string,
  options: readonly { name: string; value?: unknown }[],
  targetText?: string,
): string {
  return JSON.stringify([name, options.map((o) => [o.name, o.value]), targetText ?? null]);
}

/** The first `count` interactions of the mix with the bot's reply to each, written for the constant bot. */
export async function writeConstantPayloads(dataset: Dataset, file: string, count: number): Promise<void> {
  const payloads: Record<string, Rendered> = {};
  for (let i = 0; i < count; i++) {
    const entry = mixEntry(i);
    const name = entry.input.name ?? '';
    const { reply } = dispatchCommand(
      commandRegistry(commands),
      name,
      entry.commandInput,
      { dataset, now: new Date() },
      { permissions: null },
    );
    payloads[entry.key] = renderReply(reply);
  }
  await writeFile(file, JSON.stringify(payloads));
}
