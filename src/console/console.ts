/**
 * The local console: the same commands, handlers and renderer as on Discord, typed in a terminal.
 * Interactive with history and completion in a terminal; one command per line from a pipe.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { escapeText } from '../briefing/markdown.js';
import { notice } from '../briefing/model.js';
import { apologyReply, dispatchCommand } from '../command/dispatch.js';
import { MANAGE_GUILD } from '../command/preconditions.js';
import { type CommandRegistry, commandRegistry, invocation, isMessageCommand } from '../command/registry.js';
import { privately } from '../command/respond.js';
import type { CommandModule, CommandReply } from '../command/types.js';
import type { Dataset } from '../dataset/dataset.js';
import { plural } from '../plural.js';
import { renderReply } from '../render/render.js';
import { replyToText } from '../render/text.js';
import { parseCommandLine } from './parse.js';

export interface ConsoleOptions {
  commands: readonly CommandModule[];
  dataset: Dataset;
  input: Readable;
  output: Writable;
  /** Where the banner and prompts go, so that stdout carries only replies. */
  messages: Writable;
  json: boolean;
  interactive: boolean;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

/** Whoever runs the console runs the bot, so they may do what a server manager may. */
const LOCAL_OPERATOR = { permissions: MANAGE_GUILD };

/** Answers one typed line: the reply, as the commands give it on Discord too. */
export function answerLine(
  line: string,
  options: Pick<ConsoleOptions, 'dataset' | 'now' | 'onError'> & { registry: CommandRegistry },
): CommandReply {
  const parsed = parseCommandLine(options.registry, line);
  if (!parsed.ok) return privately(notice('Could not read that command', [escapeText(parsed.problem)]));
  const context = { dataset: options.dataset, now: (options.now ?? (() => new Date()))() };
  const { reply, error } = dispatchCommand(
    options.registry,
    parsed.name,
    parsed.input,
    context,
    LOCAL_OPERATOR,
  );
  // The apology says the error was logged: here the log is standard error.
  if (error) options.onError?.(error);
  return reply;
}

/** The reply as printed: its text, or with --json the exact Discord payloads, one per line. */
export function formatReply(reply: CommandReply, json: boolean): string {
  return json
    ? renderReply(reply)
        .messages.map((m) => JSON.stringify(m))
        .join('\n')
    : `${replyToText(reply)}\n`;
}

/** One line's answer as printed; a failure anywhere is the apology, so the lines after it are answered. */
function answerAsText(line: string, options: ConsoleOptions & { registry: CommandRegistry }): string {
  try {
    return formatReply(answerLine(line, options), options.json);
  } catch (error) {
    options.onError?.(error);
    return formatReply(apologyReply(), options.json);
  }
}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output, messages, interactive } = options;
  const registry = commandRegistry(options.commands);
  // What a user types to start each command: "/casualties", or "Look up in briefing: ".
  const names = registry.all.map((c) => (isMessageCommand(c) ? `${c.definition.name}: ` : invocation(c)));
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
  for await (const raw of lines) {
    const line = raw.trim();
    if (/^(exit|quit|\.exit)$/i.test(line)) break;
    if (line !== '' && !line.startsWith('#'))
      output.write(`${answerAsText(line, { ...options, registry })}\n`);
    if (interactive) lines.prompt();
  }
  lines.close();
}

export function banner(dataset: Dataset): string {
  return [
    `Briefing bot, local mode: no DISCORD_TOKEN is set, so commands are answered here from the dataset (${dataset.sources.length} sources, ${plural(dataset.incidents.length, 'incident')}, ${dataset.claims.length} claims).`,
    'Type a command as in Discord: /casualties, /ask question: how many were wounded, /group, /help. "exit" or Ctrl+D leaves.',
    'To serve Discord instead: set DISCORD_TOKEN and DISCORD_CLIENT_ID (see .env.example), run npm run deploy-commands, then npm start.',
    '',
  ].join('\n');
}
