/** The one way a handler answers: a briefing, private if asked (or if it is only for the asker). */
import type { Briefing } from '../briefing/model.js';
import { isPrivate } from './options.js';
import type { Action, CommandInput, CommandModule, CommandReply } from './types.js';

/** The briefing as the reply to `input`, with what it offers next: private when the asker said `private: true`. */
export function respond(input: CommandInput, briefing: Briefing, actions?: readonly Action[]): CommandReply {
  return { briefing, private: isPrivate(input), ...(actions && actions.length > 0 ? { actions } : {}) };
}

/** A reply only the asker sees, whatever was asked: a preview, a refusal, a lookup. */
export function privately(briefing: Briefing, actions?: readonly Action[]): CommandReply {
  return { briefing, private: true, ...(actions && actions.length > 0 ? { actions } : {}) };
}

/**
 * Whether the reply to a call is only for the asker, known before its handler runs: its command
 * declares it private, or the asker said `private: true`; an unknown command's notice is too.
 */
export function repliesPrivately(command: CommandModule | undefined, input: CommandInput): boolean {
  return !command || command.reply.visibility === 'private' || isPrivate(input);
}
