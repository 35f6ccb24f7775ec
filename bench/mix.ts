/**
 * The interactions the end-to-end benchmark sends: a mix of commands, as Discord sends them, and
 * for each the reply the bot gives, computed in advance by the bot's own handlers, so that the
 * constant bot (bench/baseline-bot.ts) sends exactly the same payloads without doing the work.
 */
import { writeFile } from 'node:fs/promises';
import { commands } from '../commands/index.js';
import type { InteractionInput } from '../emulator/index.js';
import { type CallStore, encodeCall, pressedCall } from '../src/contract/calls.js';
import { dispatchCommand } from '../src/contract/dispatch.js';
import { commandRegistry } from '../src/contract/registry.js';
import { renderCommandReply } from '../src/contract/render-reply.js';
import type { CommandCall, CommandInput, CommandReply } from '../src/contract/types.js';
import type { Dataset } from '../src/dataset/dataset.js';
import type { Rendered } from '../src/render/payload.js';
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

/** A press of the mix: a button or a menu choice on a message of the bot's, and the call it runs. */
export interface PressEntry {
  /** What the tables call it. */
  kind: 'button' | 'menu choice' | 'kept call' | 'part, in place';
  input: InteractionInput;
  key: string;
  call: CommandCall;
  /** A part button on a private message: the bot edits the message (an update) instead of replying. */
  inPlace: boolean;
}

/** Where the presses come from: the actions these replies offer, each pressed on a public message. */
const PRESSED: [string, Record<string, string>][] = [
  ['casualties', {}],
  ['incident', {}],
  ['compare', { topic: 'casualties' }],
];

/**
 * The presses of the mix: every button and menu choice the replies above offer, on a public
 * message (answered privately); a page turned on a private message (edited in place); and an
 * /ask whose question is too long for an id, kept in `store` (the bot's, in its state folder).
 */
export function pressMix(dataset: Dataset, store: CallStore): PressEntry[] {
  const press = (
    kind: PressEntry['kind'],
    stored: { call: CommandCall; fill?: string },
    options: { values?: string[]; flags?: number } = {},
  ): PressEntry => {
    const customId = encodeCall(stored, dataset.version, store);
    if (kind === 'kept call' && !customId.includes('|@'))
      throw new Error('bench: the kept call fits in its id');
    const call = pressedCall(stored, options.values?.[0]);
    if (!call) throw new Error(`bench: a press of ${customId} runs no call`);
    return {
      kind,
      input: {
        type: 'component',
        customId,
        ...(options.values ? { componentType: 3, values: options.values } : {}),
        messageFlags: options.flags ?? 0,
      },
      key: pressKey(customId, options.values),
      call,
      inPlace: kind === 'part, in place',
    };
  };
  const offered = PRESSED.flatMap(
    ([name, options]) => answer(dataset, { command: name, input: { options } }).actions ?? [],
  );
  const question = `${GENERIC_QUESTIONS.join(' or ')}?`;
  return [
    ...offered.flatMap((action) =>
      action.kind === 'button'
        ? [press('button', { call: action.call })]
        : action.choices.map((c) =>
            press('menu choice', { call: action.call, fill: action.option }, { values: [c.value] }),
          ),
    ),
    press('kept call', { call: { command: 'ask', input: { options: { question } } } }),
    press('part, in place', { call: { command: 'sources', input: { options: {} }, part: 0 } }, { flags: 64 }),
  ];
}

/** The same key from what the bench sends and from what the constant bot receives. */
export function pressKey(customId: string, values: readonly string[] | undefined): string {
  return JSON.stringify([customId, values ?? []]);
}

function answer(dataset: Dataset, call: CommandCall): CommandReply {
  return dispatchCommand(
    commandRegistry(commands),
    call.command,
    call.input,
    { dataset, now: new Date() },
    { permissions: null },
  ).reply;
}

/** What the constant bot sends: replies by key, and for presses whether it edits the message. */
export interface ConstantPayloads {
  replies: Record<string, Rendered>;
  presses: Record<string, { rendered: Rendered; inPlace: boolean }>;
}

/**
 * The first `count` interactions of the mix and every press of `presses` with the bot's answer to
 * each (a press's: private, rendered as the bot renders it), written for the constant bot.
 */
export async function writeConstantPayloads(
  dataset: Dataset,
  file: string,
  count: number,
  presses: { entries: readonly PressEntry[]; store: CallStore },
): Promise<void> {
  const payloads: ConstantPayloads = { replies: {}, presses: {} };
  for (let i = 0; i < count; i++) {
    const entry = mixEntry(i);
    const call = { command: entry.input.name ?? '', input: entry.commandInput };
    payloads.replies[entry.key] = renderCommandReply(answer(dataset, call), {
      call,
      version: dataset.version,
      store: presses.store,
    });
  }
  for (const entry of presses.entries) {
    const reply = { ...answer(dataset, entry.call), private: true };
    payloads.presses[entry.key] = {
      rendered: renderCommandReply(reply, {
        call: entry.call,
        version: dataset.version,
        store: presses.store,
      }),
      inPlace: entry.inPlace,
    };
  }
  await writeFile(file, JSON.stringify(payloads));
}
