/**
 * The emulator's prompt: a person plays Discord's user. A slash command is sent as an interaction,
 * and what the bot answers is printed as text (`--json`: as the exchange's JSON), its buttons and
 * menu choices numbered; `press N` presses one, as a user clicks it. The prompt comes back once the
 * answer is printed.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseCommandLine } from './command-line.js';
import type { ApiMessage, Emulator, InteractionExchange, InteractionInput } from './index.js';
import { answerMessages, type Pressable, pressableLine, showMessages } from './show.js';

export const HELP = `Commands:
  /name [group] [sub] key: value key2: value2   send a slash command and print the answer
  press N                                      press button N, or choose menu choice N, of the last answer
  messages                                     print the messages the bot posted in channels
  requests [n]                                 print the last n REST requests (default 10)
  help                                         this help
  quit                                         stop the emulator
Option types come from the registered command definitions (string when unknown).
Channels: #general / #digest (or an id). Users: me (or an id).`;

export interface PromptOptions {
  emu: Emulator;
  input: Readable;
  output: Writable;
  /** Answers as the exchange's JSON rather than as text. */
  json: boolean;
  /** A person typing: the prompt is shown, and again after each answer. */
  interactive: boolean;
  /** How long to wait for the bot's answer. */
  timeoutMs?: number;
}

interface Session extends PromptOptions {
  /** What the last answer offers to press. */
  pressables: Pressable[];
}

/** Reads lines until `quit` or the end of the input, answering each before the next is read. */
export async function runPrompt(options: PromptOptions): Promise<void> {
  const { emu, input, output, interactive } = options;
  // A terminal's keys are read as keys (history, editing); the prompt is shown whenever asked for.
  const terminal = interactive && (input as Readable & { isTTY?: boolean }).isTTY === true;
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal });
  lines.setPrompt('emulator> ');
  lines.on('SIGINT', () => lines.close());
  const session: Session = { ...options, pressables: [] };
  let busy = false;
  // The input may end while answers are still being printed: a closed reader cannot prompt (Node 26
  // throws), so the prompt is written as it would have shown it.
  let closed = false;
  lines.on('close', () => {
    closed = true;
  });
  const prompt = () => {
    if (!interactive) return;
    if (closed) output.write(lines.getPrompt());
    else lines.prompt();
  };
  const connected = () =>
    output.write(`[emulator] bot connected (identifies: ${emu.gatewayStats.identifies})\n`);
  if (emu.gatewayStats.identifies > 0) connected();
  else
    emu.waitForReady(2 ** 31 - 1).then(
      () => {
        connected();
        // Shown again only when nothing is being answered: the answer brings its own prompt.
        if (!busy) prompt();
      },
      () => undefined,
    );
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (/^(quit|exit)$/i.test(line)) break;
    busy = true;
    const answer = await answerLine(line, session);
    busy = false;
    if (answer) output.write(`${answer}\n`);
    prompt();
  }
  lines.close();
}

/** What one line prints. */
async function answerLine(line: string, session: Session): Promise<string> {
  const { emu } = session;
  const [word = '', arg] = line.split(/\s+/);
  if (line === '') return '';
  if (word === 'help') return HELP;
  if (word === 'messages') return channelMessages(session);
  if (word === 'requests') {
    const n = Number(arg ?? 10) || 10;
    return emu.requests
      .slice(-n)
      .map((r) => `${r.status} ${r.method} ${r.path}`)
      .join('\n');
  }
  if (word === 'press') return press(arg, session);
  if (line.startsWith('/')) {
    const parsed = parseCommandLine(emu, line);
    if (!parsed) return 'usage: /name [sub] key: value ...';
    return send({ type: 'command', ...parsed }, session);
  }
  return `unknown command '${word}'; type help`;
}

async function press(arg: string | undefined, session: Session): Promise<string> {
  const { pressables } = session;
  if (pressables.length === 0) return 'Nothing to press: the last answer has no buttons or menus.';
  const pressable = pressables[Number(arg) - 1];
  if (!pressable || !/^\d+$/.test(arg ?? '')) {
    return `Type press and a number from 1 to ${pressables.length}, e.g. press 1.`;
  }
  return send(
    {
      type: 'component',
      customId: pressable.customId,
      messageId: pressable.messageId,
      componentType: pressable.componentType,
      ...(pressable.value === undefined ? {} : { values: [pressable.value] }),
    },
    session,
  );
}

/** Sends an interaction and prints the bot's answer; what it offers to press is kept for `press`. */
async function send(interaction: InteractionInput, session: Session): Promise<string> {
  const waiting = session.emu.gatewayStats.identifies
    ? ''
    : '(no bot has connected yet: the interaction waits for it)\n';
  let exchange: InteractionExchange;
  try {
    exchange = await session.emu.sendInteraction(interaction, { timeoutMs: session.timeoutMs ?? 15_000 });
  } catch (error) {
    return `${waiting}${error instanceof Error ? error.message : String(error)}`;
  }
  const { text, pressables } = showMessages(answerMessages(exchange));
  session.pressables = pressables;
  if (session.json) {
    return [
      waiting + JSON.stringify(summarize(exchange), null, 2),
      ...pressables.map((p, i) => pressableLine(p, i + 1)),
    ].join('\n');
  }
  return waiting + (text || '(the bot answered with nothing to show)');
}

/** The messages posted in each channel, oldest first. */
function channelMessages({ emu, json }: Session): string {
  const byChannel = [...emu.channelMessages];
  if (json)
    return JSON.stringify(Object.fromEntries(byChannel.map(([id, list]) => [id, list.map(brief)])), null, 2);
  const names = new Map([
    [emu.channelId, '#general'],
    [emu.otherChannelId, '#digest'],
  ]);
  const shown = byChannel
    .filter(([, list]) => list.length > 0)
    .map(([id, list]) => `## ${names.get(id) ?? id}\n${showMessages(list).text}`);
  return shown.join('\n\n') || 'No message posted in a channel yet.';
}

/** The parts of a message worth reading at a prompt. */
function brief(m: ApiMessage | undefined): unknown {
  if (!m) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of ['id', 'content', 'embeds', 'components', 'attachments', 'flags'] as const) {
    const v = m[key];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '') out[key] = v;
  }
  return out;
}

function summarize(ex: InteractionExchange): unknown {
  return {
    callback: ex.callback,
    original: brief(ex.original),
    edits: ex.edits,
    followUps: ex.followUps.map(brief),
    ephemeral: ex.ephemeral,
    ...(ex.deleted ? { deleted: true } : {}),
  };
}
