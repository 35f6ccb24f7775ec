/**
 * The local console: the same commands, handlers and renderer as on Discord, typed in a terminal.
 * Interactive with history and completion in a terminal; one command per line from a pipe. A
 * reply's actions (Discord's buttons and menus) are listed under it and run with `press N`.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { escapeText } from '../briefing/markdown.js';
import { notice } from '../briefing/model.js';
import { withPictures } from '../chart/attach.js';
import { picturesText, withFilesListed, writePictures } from '../chart/files.js';
import { type CallStore, memoryCallStore } from '../contract/calls.js';
import { parseCommandLine } from '../contract/command-line.js';
import { apologyReply, dispatchCommand } from '../contract/dispatch.js';
import { MANAGE_GUILD } from '../contract/preconditions.js';
import { type CommandRegistry, commandRegistry, invocation, isMessageCommand } from '../contract/registry.js';
import { type ReplyContext, renderCommandReply } from '../contract/render-reply.js';
import { privately } from '../contract/respond.js';
import type { CommandCall, CommandModule, CommandReply } from '../contract/types.js';
import type { Dataset } from '../dataset/dataset.js';
import { plural } from '../plural.js';
import type { MessagePayload } from '../render/payload.js';
import { renderReply } from '../render/render.js';
import { replyToText } from '../render/text.js';
import {
  actionsOfComponents,
  actionsOfReply,
  type ConsoleAction,
  callOfAction,
  formatActions,
  readPress,
} from './actions.js';

export interface ConsoleOptions {
  commands: readonly CommandModule[];
  dataset: Dataset;
  input: Readable;
  output: Writable;
  /** Where the banner and prompts go, so that stdout carries only replies. */
  messages: Writable;
  json: boolean;
  interactive: boolean;
  /** Where pictures are written: the console prints their paths. */
  pictureDir: string;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

/** Whoever runs the console runs the bot, so they may do what a server manager may. */
const LOCAL_OPERATOR = { permissions: MANAGE_GUILD };

type AnswerOptions = Pick<ConsoleOptions, 'dataset' | 'now' | 'onError'> & { registry: CommandRegistry };

/** A reply, with the call it answers (none for the console's own notices: a line it could not read). */
interface Answered {
  reply: CommandReply;
  call?: CommandCall;
}

/** Answers one typed line: the reply, as the commands give it on Discord too. */
export function answerLine(line: string, options: AnswerOptions): CommandReply {
  return answerCommandLine(line, options).reply;
}

function answerCommandLine(line: string, options: AnswerOptions): Answered {
  const parsed = parseCommandLine(options.registry, line);
  if (!parsed.ok)
    return { reply: privately(notice('Could not read that command', [escapeText(parsed.problem)])) };
  const call = { command: parsed.name, input: parsed.input };
  return { reply: runCall(call, options), call };
}

function runCall(call: CommandCall, options: AnswerOptions): CommandReply {
  const context = { dataset: options.dataset, now: (options.now ?? (() => new Date()))() };
  const { reply, error } = dispatchCommand(
    options.registry,
    call.command,
    call.input,
    context,
    LOCAL_OPERATOR,
  );
  // The apology says the error was logged: here the log is standard error.
  if (error) options.onError?.(error);
  return reply;
}

/**
 * The reply as printed: its text, or with --json the exact Discord payloads, one per line; given
 * the call it answers, as the bot sends it (the part asked for, with its buttons and menus).
 */
export function formatReply(reply: CommandReply, json: boolean, context?: ReplyContext): string {
  return json ? jsonLines(payloads(reply, context)) : `${replyToText(reply)}\n`;
}

function payloads(reply: CommandReply, context: ReplyContext | undefined): MessagePayload[] {
  return (context ? renderCommandReply(reply, context) : renderReply(reply)).messages;
}

function jsonLines(messages: readonly object[]): string {
  return messages.map((m) => JSON.stringify(m)).join('\n');
}

/** What the console keeps between lines: the actions of the last reply (null before any). */
interface Session extends AnswerOptions {
  json: boolean;
  pictureDir: string;
  store: CallStore;
  actions: ConsoleAction[] | null;
}

/** What one line prints: on standard output, and (with --json) the actions on the messages stream. */
interface Printed {
  output: string;
  aside?: string;
}

/** One line's answer; a failure anywhere is the apology, so the lines after it are answered. */
async function answerTyped(line: string, session: Session): Promise<Printed> {
  try {
    const press = readPress(line);
    if (press === null) return await show(answerCommandLine(line, session), session);
    const pressed = pressAction(press, session);
    return 'call' in pressed
      ? await show(pressed, session)
      : { output: formatReply(pressed.reply, session.json) };
  } catch (error) {
    session.onError?.(error);
    return { output: formatReply(apologyReply(), session.json) };
  }
}

/** Prints a reply with its actions numbered, and keeps them for `press`; writes its pictures. */
async function show({ reply, call }: Answered, session: Session): Promise<Printed> {
  const version = session.dataset.version;
  const context = call && { call, version, store: session.store };
  // With --json, the numbers follow the components printed (part buttons included); as text, the
  // whole answer is printed, so only the reply's own actions are listed.
  // A chart that cannot be drawn is said on standard error; the reply, which says every figure, goes.
  const failed = (error: unknown) => session.onError?.(error);
  const written = await writePictures(reply.chart, session.pictureDir, failed);
  const drawn = written.size > 0 ? reply.chart : undefined;
  const messages = session.json
    ? (await withPictures({ messages: payloads(reply, context), ephemeral: reply.private }, drawn, failed))
        .messages
    : [];
  const output = session.json
    ? jsonLines(messages.map((m) => withFilesListed(m, written)))
    : [formatReply(reply, false), picturesText(written)].filter(Boolean).join('\n');
  const actions = session.json
    ? actionsOfComponents(messages.at(-1)?.components)
    : actionsOfReply(reply, version, session.store);
  session.actions = actions;
  const listing = formatActions(actions);
  if (!listing) return { output };
  return session.json ? { output, aside: `${listing}\n` } : { output: `${output}\n${listing}\n` };
}

/** The reply to `press N`: the action's call answered, or a notice saying why there is nothing to run. */
function pressAction(number: number, session: Session): Answered | { reply: CommandReply } {
  const { actions } = session;
  const nothing = (lines: string[]) => ({ reply: privately(notice('Nothing to press', lines)) });
  if (Number.isNaN(number)) return nothing(['Type press and the number of an action, e.g. press 1.']);
  if (actions === null) {
    return nothing(['No reply yet: the actions a reply offers are listed under it, numbered.']);
  }
  if (actions.length === 0) return nothing(['The last reply offers no actions.']);
  const action = actions[number - 1];
  if (!action) {
    return nothing([
      `There is no action ${number}: the last reply offers ${actions.length === 1 ? 'action 1' : `actions 1 to ${actions.length}`}.`,
    ]);
  }
  const call = callOfAction(action, session.store);
  if (!call) return nothing([`Action ${number} cannot be run.`]);
  return { reply: runCall(call, session), call };
}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output, messages, interactive } = options;
  const registry = commandRegistry(options.commands);
  // What a user types to start each command: "/casualties", or "Look up in briefing: ".
  const names = [
    ...registry.all.map((c) => (isMessageCommand(c) ? `${c.definition.name}: ` : invocation(c))),
    'press ',
  ];
  const lines = createInterface({
    input,
    output: interactive ? messages : undefined,
    terminal: interactive,
    historySize: 200,
    completer: (typed: string) => [names.filter((n) => n.startsWith(typed)), typed],
  });
  if (interactive) {
    lines.setPrompt('briefing> ');
    lines.prompt();
  }
  const session: Session = { ...options, registry, store: memoryCallStore(), actions: null };
  for await (const raw of lines) {
    const line = raw.trim();
    if (/^(exit|quit|\.exit)$/i.test(line)) break;
    if (line !== '' && !line.startsWith('#')) {
      const printed = await answerTyped(line, session);
      output.write(`${printed.output}\n`);
      if (printed.aside) messages.write(printed.aside);
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}

export function banner(dataset: Dataset): string {
  return [
    `Briefing bot, local mode: no DISCORD_TOKEN is set, so commands are answered here from the dataset (${dataset.sources.length} sources, ${plural(dataset.incidents.length, 'incident')}, ${dataset.claims.length} claims).`,
    'Type a command as in Discord: /casualties, /ask question: how many were wounded, /group, /help; a line without a slash is a question for /ask. "exit" or Ctrl+D leaves.',
    'A reply’s buttons and menus are listed under it, numbered: "press 2" runs the second.',
    'To serve Discord instead: set DISCORD_TOKEN and DISCORD_CLIENT_ID (see .env.example), run npm run deploy-commands, then npm start.',
    '',
  ].join('\n');
}
