/** The one way a handler turns a briefing into its reply: rendered within limits, private if asked. */
import type { Briefing, Reply } from '../render/briefing.js';
import { renderBriefing } from '../render/render.js';
import { isPrivate } from './options.js';
import type { CommandInput } from './types.js';

export function respond(input: CommandInput, briefing: Briefing): Reply {
  return renderBriefing(briefing, { ephemeral: isPrivate(input) });
}
