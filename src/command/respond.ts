/** The one way a handler answers: a briefing, private if asked (or if it is only for the asker). */
import type { Briefing } from '../briefing/model.js';
import { isPrivate } from './options.js';
import type { CommandInput, CommandReply } from './types.js';

/** The briefing as the reply to `input`: private when the asker said `private: true`. */
export function respond(input: CommandInput, briefing: Briefing): CommandReply {
  return { briefing, private: isPrivate(input) };
}

/** A reply only the asker sees, whatever was asked: a preview, a refusal, a lookup. */
export function privately(briefing: Briefing): CommandReply {
  return { briefing, private: true };
}
