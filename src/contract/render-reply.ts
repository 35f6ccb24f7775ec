/**
 * A command's reply as the adapters send it: one message (the part asked for), with its actions as
 * buttons and menus whose ids hold the command call they run, and buttons to the reply's other
 * parts when it is longer than one message.
 */
import type { Briefing } from '../briefing/model.js';
import type { Control, Rendered } from '../render/payload.js';
import { renderBriefing } from '../render/render.js';
import { type CallStore, encodeCall } from './calls.js';
import type { Action, CommandCall, CommandReply } from './types.js';

/** How a reply is shown besides its own say: made private (a press on a public message), or from data newer than the message pressed. */
export interface ShownAs {
  privately?: boolean;
  fromOlderData?: boolean;
}

export interface ReplyContext extends ShownAs {
  /** The call that made the reply: its parts' buttons run it again for another part. */
  call: CommandCall;
  /** The dataset's version, written into every id (see calls.ts). */
  version: string;
  store: CallStore;
}

export function renderCommandReply(reply: CommandReply, context: ReplyContext): Rendered {
  const { call, version, store } = context;
  const encode = (stored: Parameters<typeof encodeCall>[0]) => encodeCall(stored, version, store);
  return renderBriefing(context.fromOlderData ? fromCurrentData(reply.briefing) : reply.briefing, {
    ephemeral: reply.private || context.privately === true,
    controls: actionControls(reply.actions ?? [], version, store),
    part: call.part ?? 0,
    pageControls: (part, parts) => [
      ...(part > 0 ? [partButton(call, part - 1, parts, encode)] : []),
      ...(part < parts - 1 ? [partButton(call, part + 1, parts, encode)] : []),
    ],
  });
}

/** Actions as buttons and menus, each id holding the call it runs (the digest's posts use them too). */
export function actionControls(actions: readonly Action[], version: string, store: CallStore): Control[] {
  const encode = (stored: Parameters<typeof encodeCall>[0]) => encodeCall(stored, version, store);
  return actions.map((action) => control(action, encode));
}

function control(action: Action, encode: (stored: { call: CommandCall; fill?: string }) => string): Control {
  return action.kind === 'button'
    ? { kind: 'button', label: action.label, customId: encode({ call: action.call }) }
    : {
        kind: 'menu',
        placeholder: action.placeholder,
        customId: encode({ call: action.call, fill: action.option }),
        options: action.choices,
      };
}

function partButton(
  call: CommandCall,
  part: number,
  parts: number,
  encode: (stored: { call: CommandCall }) => string,
): Control {
  return {
    kind: 'button',
    label: `Part ${part + 1} of ${parts}`,
    customId: encode({ call: { ...call, part } }),
  };
}

/** The answer from the current data, saying so at the top: the press was on a message from older data. */
function fromCurrentData(briefing: Briefing): Briefing {
  const note = '_The reports have changed since this message: this answer is from the current data._';
  const { description } = briefing;
  return { ...briefing, description: description ? `${note}\n\n${description}` : note };
}
