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
import { type Interaction, MessageFlags } from 'discord.js';
import { type Briefing, notice } from '../briefing/model.js';
import { type DecodedCall, decodeSharedCall, pressedCall, type Undecodable } from '../contract/calls.js';
import { privately } from '../contract/respond.js';
import type { CommandCall, CommandReply } from '../contract/types.js';
import { renderReply } from '../render/render.js';
import {
  type AnswerDeps,
  answerInTurn,
  callerOf,
  elapsed,
  type Logged,
  renderAnswer,
  runCall,
  where,
} from './answer.js';
import {
  onPrivateMessage,
  type ComponentPress as Press,
  sendApology,
  sendPrivately,
  sendReply,
  updateMessage,
} from './interactions.js';

/** Buttons and text menus are the bot's own components; other menus it never makes. */
export function isPress(interaction: Interaction): interaction is Press {
  return interaction.isButton() || interaction.isStringSelectMenu();
}

export async function answerPress(deps: AnswerDeps, interaction: Press): Promise<void> {
  const started = performance.now();
  const pressed = callOfPress(await decodedId(interaction, deps), interaction);
  const component = interaction.isButton() ? 'button' : 'menu';
  if ('problem' in pressed) {
    const outcome = await answerUndecodable(deps, interaction, pressed.problem);
    deps.logger.info(
      {
        ...where(interaction),
        kind: 'component',
        component,
        idLength: idOf(interaction)?.length,
        ms: elapsed(started),
        outcome,
      },
      'interaction',
    );
    return;
  }
  const { call } = pressed;
  const stale = pressed.version !== deps.dataset().version;
  const inPlace = onPrivateMessage(interaction) && call.part !== undefined;
  let deferredUpdate = false;
  const { outcome, deferred } = await answerInTurn(deps, interaction, {
    command: call.command,
    defer: async () => {
      if (inPlace) {
        await interaction.deferUpdate();
        deferredUpdate = true;
      } else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    },
    answer: async (acknowledged) => {
      const result = runCall(deps, interaction, call, callerOf(interaction));
      const reply = stale ? fromCurrentData(result.reply) : result.reply;
      const rendered = await renderAnswer(deps, interaction, { reply, call, privately: true }, acknowledged);
      // Only a part of the same answer takes the message's place; a notice never does.
      if (inPlace && result.outcome === 'ok' && !reply.effect) await updateMessage(interaction, rendered);
      else await sendPrivately(interaction, rendered, deferredUpdate);
      return result.outcome;
    },
    apologise: (apology) =>
      deferredUpdate && !interaction.replied
        ? sendPrivately(interaction, apology, true)
        : sendApology(interaction, apology),
  });
  deps.logger.info(
    {
      ...where(interaction),
      kind: 'component',
      component,
      command: call.command,
      ...(call.part !== undefined ? { part: call.part } : {}),
      ms: elapsed(started),
      ...(inPlace ? { inPlace: true } : {}),
      ...(stale ? { stale: true } : {}),
      ...(deferred ? { deferred: true } : {}),
      outcome,
    },
    'interaction',
  );
}

/** discord.js passes the payload's custom_id on as it came: missing, a number or null it is no id of ours. */
function idOf(interaction: Press): string | undefined {
  const id: unknown = interaction.customId;
  return typeof id === 'string' ? id : undefined;
}

async function decodedId(interaction: Press, deps: AnswerDeps): Promise<DecodedCall | Undecodable> {
  const id = idOf(interaction);
  return id === undefined ? { problem: 'malformed' } : decodeSharedCall(id, deps.calls);
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

/** The answer from the current data, saying so at the top: the press was on a message from older data. */
function fromCurrentData(reply: CommandReply): CommandReply {
  const note = '_The reports have changed since this message: this answer is from the current data._';
  const { description } = reply.briefing;
  const briefing: Briefing = {
    ...reply.briefing,
    description: description ? `${note}\n\n${description}` : note,
  };
  return { ...reply, briefing };
}

async function answerUndecodable(
  deps: AnswerDeps,
  interaction: Press,
  problem: Undecodable['problem'],
): Promise<Logged> {
  const what = interaction.isButton() ? 'button' : 'menu';
  const reply =
    problem === 'expired'
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
  try {
    await sendReply(interaction, renderReply(reply));
    return problem;
  } catch (error) {
    deps.logger.error({ ...where(interaction), err: error }, 'reply failed');
    return 'reply_failed';
  }
}
