/**
 * Running a command by name, the same way for every adapter: unknown commands and handlers that
 * throw become short, helpful replies instead of errors that reach the user as a stack trace.
 */

import { escapeText } from '../briefing/markdown.js';
import { notice } from '../briefing/model.js';
import { truncate } from '../briefing/truncate.js';
import { didYouMean, nearest } from './choices.js';
import { optionProblem } from './options.js';
import { refusal } from './preconditions.js';
import { type CommandRegistry, invocation } from './registry.js';
import { privately, repliesPrivately } from './respond.js';
import type { Caller, CommandEnv, CommandInput, CommandReply } from './types.js';

export type Outcome = 'ok' | 'unknown_command' | 'refused' | 'bad_options' | 'error';

export interface DispatchResult {
  reply: CommandReply;
  outcome: Outcome;
  error?: unknown;
}

export function dispatchCommand(
  registry: CommandRegistry,
  name: string,
  input: CommandInput,
  env: CommandEnv,
  caller: Caller,
): DispatchResult {
  const command = registry.get(name);
  if (!command) return { reply: unknownCommandReply(registry, name), outcome: 'unknown_command' };
  const refused = refusal(command.preconditions, input, caller);
  if (refused) return { reply: refused, outcome: 'refused' };
  const problem = optionProblem(command, input);
  if (problem) return { reply: unreadableReply(escapeText(problem)), outcome: 'bad_options' };
  try {
    const reply = command.handle(input, env);
    // The command's declaration decides; a handler may make a reply private, never public.
    const shown = reply.private || !repliesPrivately(command, input) ? reply : { ...reply, private: true };
    return { reply: shown, outcome: 'ok' };
  } catch (error) {
    return { reply: apologyReply(), outcome: 'error', error };
  }
}

export function unknownCommandReply(registry: CommandRegistry, name: string): CommandReply {
  const known = registry.all.map(invocation);
  return privately(
    notice('Unknown command', [
      `There is no command “${escapeText(truncate(name, 80))}”.${didYouMean(
        nearest(registry.all, (c) => [c.definition.name], name).map(invocation),
      )}`,
      `Try one of: ${known.join(', ')}. /help says what each does.`,
    ]),
  );
}

/** What a user sees when a handler fails: short, private, and the error is logged by the adapter. */
export function apologyReply(): CommandReply {
  return privately(
    notice('Sorry, that went wrong', [
      'The briefing could not answer this request. The error has been logged; please try again or rephrase.',
    ]),
  );
}

/** What a user sees when Discord sent a request the bot cannot read: what was missing, privately. */
export function unreadableReply(what: string): CommandReply {
  return privately(
    notice('Could not read this request', [what, 'Please try again; /help lists what the briefing answers.']),
  );
}

/** What a user sees on a user, role or channel menu or a form: the bot makes none, so it is another app's. */
export function unsupportedReply(): CommandReply {
  return privately(
    notice('Nothing to answer here', [
      'This was not made by the briefing bot: its only buttons and menus are on its own answers. It answers slash commands, and “Look up in briefing” on a message; /help lists them.',
    ]),
  );
}
