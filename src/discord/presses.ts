/**
 * A press on a button, or a choice in a menu, that the bot made: the command call written in its
 * id (src/contract/calls.ts) is run as the slash command would be, for the person who pressed and
 * with their permissions. What a user can count on:
 * - On a public message the answer is private, for whoever pressed; the message is never edited.
 * - On a private message (only its asker sees it, so only they can press): a part button shows
 *   the other part in its place, as a page turns; any other action answers with a new private
 *   message, so that the answer and its menu stay for the next choice.
 * - An id made from older data is answered from the current data, and the answer says so.
 * - An id the bot cannot read, or whose stored call is gone, gets a short private notice.
 */
import {
  type ButtonInteraction,
  type Interaction,
  MessageFlags,
  MessageFlagsBitField,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { notice } from '../briefing/model.js';
import {
  type CallStore,
  type DecodedCall,
  decodeSharedCall,
  pressedCall,
  type Undecodable,
} from '../contract/calls.js';
import { privately } from '../contract/respond.js';
import type { CommandCall, CommandReply } from '../contract/types.js';
import type { Asked } from './interactions.js';

/** A press on one of the bot's components: a button, or a choice in a text menu. */
export type Press = ButtonInteraction | StringSelectMenuInteraction;

/** Buttons and text menus are the bot's own components; other menus it never makes. */
export function isPress(interaction: Interaction): interaction is Press {
  return interaction.isButton() || interaction.isStringSelectMenu();
}

/** A press read: the call in its id, answered privately, in place for a page turned on a private reply. */
export async function readPress(interaction: Press, calls: CallStore, version: string): Promise<Asked> {
  const component = interaction.isButton() ? 'button' : 'menu';
  const pressed = callOfPress(await decodedId(interaction, calls), interaction);
  if ('problem' in pressed) {
    return {
      what: { notice: undecodableNotice(component, pressed.problem), outcome: pressed.problem },
      shown: { private: true },
      log: { kind: 'component', component, idLength: idOf(interaction)?.length },
    };
  }
  const { call } = pressed;
  const stale = pressed.version !== version;
  const inPlace = onPrivateMessage(interaction) && call.part !== undefined;
  return {
    what: { call },
    shown: { private: true, inPlace },
    fromOlderData: stale,
    log: {
      kind: 'component',
      component,
      command: call.command,
      ...(call.part !== undefined ? { part: call.part } : {}),
      ...(inPlace ? { inPlace: true } : {}),
      ...(stale ? { stale: true } : {}),
    },
  };
}

/** Whether the message a component is on is ephemeral: only the person who asked sees it. */
function onPrivateMessage(interaction: Press): boolean {
  // discord.js gives a Message, or the raw payload for a channel it has not cached.
  const flags = (interaction.message as { flags?: unknown } | null)?.flags;
  if (flags instanceof MessageFlagsBitField) return flags.has(MessageFlags.Ephemeral);
  return typeof flags === 'number' && (flags & MessageFlags.Ephemeral) !== 0;
}

/** discord.js passes the payload's custom_id on as it came: missing, a number or null it is no id of ours. */
function idOf(interaction: Press): string | undefined {
  const id: unknown = interaction.customId;
  return typeof id === 'string' ? id : undefined;
}

async function decodedId(interaction: Press, calls: CallStore): Promise<DecodedCall | Undecodable> {
  const id = idOf(interaction);
  return id === undefined ? { problem: 'malformed' } : decodeSharedCall(id, calls);
}

/** The call to run: the id's, with a menu's choice filling the option it names. */
function callOfPress(
  decoded: DecodedCall | Undecodable,
  interaction: Press,
): { call: CommandCall; version: string } | Undecodable {
  if ('problem' in decoded) return decoded;
  const menu = interaction.isStringSelectMenu();
  // A menu's choice is always sent: an empty one is a payload no menu of the bot's gives.
  if (menu && interaction.values.length === 0) return { problem: 'malformed' };
  const call = pressedCall(decoded, menu ? interaction.values[0] : undefined);
  return call ? { call, version: decoded.version } : { problem: 'malformed' };
}

function undecodableNotice(what: 'button' | 'menu', problem: Undecodable['problem']): CommandReply {
  return problem === 'expired'
    ? privately(
        notice(`This ${what} has expired`, [
          `The request behind it was too long to keep in the ${what} itself, and the bot no longer holds it.`,
          'Ask again with the slash command: the new answer’s buttons and menus will work.',
        ]),
      )
    : privately(
        notice(`This ${what} cannot be read`, [
          `The ${what} may come from an older version of the briefing bot.`,
          'Ask again with the slash command; /help lists them.',
        ]),
      );
}
