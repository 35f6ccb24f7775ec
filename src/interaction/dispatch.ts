/**
 * Running a command by name, the same way for every adapter: unknown commands and handlers that
 * throw become short, helpful replies instead of errors that reach the user as a stack trace.
 */

import { escapeText } from '../present/markdown.js';
import type { Reply } from '../render/briefing.js';
import { renderNotice } from '../render/render.js';
import { truncate } from '../render/text-fit.js';
import { optionProblem } from './options.js';
import { type Caller, refusal } from './preconditions.js';
import type { CommandInput, CommandModule, CommandReply, HandlerContext } from './types.js';

export type Outcome = 'ok' | 'unknown_command' | 'refused' | 'bad_options' | 'error';

export interface DispatchResult {
  reply: CommandReply;
  outcome: Outcome;
  error?: unknown;
}

export function dispatchCommand(
  commands: readonly CommandModule[],
  name: string,
  input: CommandInput,
  context: HandlerContext,
  caller: Caller,
): DispatchResult {
  const command = commands.find((c) => c.definition.name === name);
  if (!command) return { reply: unknownCommandReply(commands, name), outcome: 'unknown_command' };
  const refused = refusal(command.preconditions, input, caller);
  if (refused) return { reply: refused, outcome: 'refused' };
  const problem = optionProblem(command.definition, input);
  if (problem) return { reply: unreadableReply(escapeText(problem)), outcome: 'bad_options' };
  try {
    return { reply: command.handle(input, context), outcome: 'ok' };
  } catch (error) {
    return { reply: apologyReply(), outcome: 'error', error };
  }
}

export function unknownCommandReply(commands: readonly CommandModule[], name: string): Reply {
  const known = commands.map((c) =>
    c.definition.type === 3 ? `“${c.definition.name}”` : `/${c.definition.name}`,
  );
  return renderNotice(
    'Unknown command',
    [
      `There is no command “${escapeText(truncate(name, 80))}”.`,
      `Try one of: ${known.join(', ')}. /help says what each does.`,
    ],
    { ephemeral: true },
  );
}

/** What a user sees when a handler fails: short, private, and the error is logged by the adapter. */
export function apologyReply(): Reply {
  return renderNotice(
    'Sorry, that went wrong',
    ['The briefing could not answer this request. The error has been logged; please try again or rephrase.'],
    { ephemeral: true },
  );
}

/** What a user sees when Discord sent a request the bot cannot read: what was missing, privately. */
export function unreadableReply(what: string): Reply {
  return renderNotice(
    'Could not read this request',
    [what, 'Please try again; /help lists what the briefing answers.'],
    { ephemeral: true },
  );
}

/** What a user sees on a button, user menu or form the bot never made (another app's, or an old one). */
export function unsupportedReply(): Reply {
  return renderNotice(
    'Nothing to answer here',
    [
      'The briefing bot has no buttons, user menus or forms: it answers slash commands, and “Look up in briefing” on a message. /help lists them.',
    ],
    { ephemeral: true },
  );
}
