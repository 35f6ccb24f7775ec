/**
 * What answering a slash command, a message menu and a button press have in common: the call run
 * through the same dispatch (the caller's permissions checked), its reply rendered as one message
 * with its components, effects carried out, the backlog obeyed, and one log line each.
 */

import { type Interaction, MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Briefing } from '../briefing/model.js';
import { picturesReady, withPictures } from '../chart/attach.js';
import type { CallStore } from '../contract/calls.js';
import { apologyReply, type DispatchResult, type Outcome } from '../contract/dispatch.js';
import type { CommandRegistry } from '../contract/registry.js';
import { renderCommandReply } from '../contract/render-reply.js';
import { answerCommandInput } from '../contract/replies.js';
import type { Caller, CommandCall, CommandReply, Effect } from '../contract/types.js';
import type { Dataset } from '../dataset/dataset.js';
import type { Logger } from '../log.js';
import type { Rendered } from '../render/payload.js';
import { renderBriefing, renderReply } from '../render/render.js';
import type { Backlog } from './backlog.js';
import { sendApology } from './interactions.js';

/** What answering an interaction needs: the router's options with defaults filled in, and its backlog. */
export interface AnswerDeps {
  registry: CommandRegistry;
  dataset: () => Dataset;
  logger: Logger;
  now: () => Date;
  performEffect: ((effect: Effect, interaction: RepliableInteraction) => Promise<Briefing>) | undefined;
  backlog: Backlog;
  /** Where calls too long for a component's id are kept. */
  calls: CallStore;
}

/** How an interaction ended, as logged. */
export type Logged = Outcome | 'reply_failed' | 'unreadable' | 'unsupported' | 'expired' | 'malformed';

/** The member's permissions where they asked or pressed; null outside a server. */
export function callerOf(interaction: RepliableInteraction): Caller {
  return { permissions: interaction.inGuild() ? (interaction.memberPermissions?.bitfield ?? 0n) : null };
}

/** Runs a call through the dispatch every adapter uses; a handler's failure is logged here. */
export function runCall(
  deps: AnswerDeps,
  interaction: Interaction,
  call: CommandCall,
  caller: Caller,
): DispatchResult {
  const result = answerCommandInput(
    deps.registry,
    call.command,
    call.input,
    { dataset: deps.dataset(), now: deps.now() },
    caller,
  );
  if (result.error) {
    deps.logger.error({ ...where(interaction), command: call.command, err: result.error }, 'handler failed');
  }
  return result;
}

/**
 * The reply as sent: one message with its components (the part `call` asks for), or, for a
 * command that changes something, what carrying the change out gave.
 */
export async function renderAnswer(
  deps: AnswerDeps,
  interaction: RepliableInteraction,
  answer: { reply: CommandReply; call: CommandCall; privately?: boolean },
  acknowledged: () => void,
): Promise<Rendered> {
  const { reply } = answer;
  if (reply.effect && deps.performEffect && interaction.inGuild()) {
    return replyAfterEffect(deps.performEffect, reply.effect, interaction, acknowledged);
  }
  const rendered = renderKept(answer, deps.dataset().version, deps.calls);
  // A picture not drawn yet may take longer than Discord waits for an answer: acknowledge first.
  if (!picturesReady(reply.chart) && !interaction.deferred && !interaction.replied) {
    await interaction.deferReply(rendered.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    acknowledged();
  }
  return withPictures(rendered, reply.chart, (error) =>
    deps.logger.error({ ...where(interaction), err: error }, 'chart not drawn; the reply goes without it'),
  );
}

/**
 * A kept reply (see src/contract/replies.ts) is rendered once per part and visibility: asked
 * again, its message is sent as it was. The same reply always comes from the same call, and the
 * store keeps its calls by their content, so the ids are the same too.
 */
const rendered = new WeakMap<CommandReply, Map<string, Rendered>>();

function renderKept(
  { reply, call, privately = false }: { reply: CommandReply; call: CommandCall; privately?: boolean },
  version: string,
  store: CallStore,
): Rendered {
  const key = `${call.part ?? ''}|${privately}|${version}`;
  let parts = rendered.get(reply);
  if (!parts) {
    parts = new Map();
    rendered.set(reply, parts);
  }
  let message = parts.get(key);
  if (!message) {
    const shown = privately && !reply.private ? { ...reply, private: true } : reply;
    message = renderCommandReply(shown, { call, version, store });
    parts.set(key, message);
  }
  return message;
}

/** Effects do I/O: acknowledge within Discord's 3 seconds, then carry the effect out for the reply. */
async function replyAfterEffect(
  performEffect: NonNullable<AnswerDeps['performEffect']>,
  effect: Effect,
  interaction: RepliableInteraction,
  acknowledged: () => void,
): Promise<Rendered> {
  if (!interaction.deferred) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  acknowledged();
  return renderBriefing(await performEffect(effect, interaction), { ephemeral: true });
}

/**
 * Answers now, or under load (see Backlog) acknowledges first with `defer`, a few bytes sent
 * within Discord's 3 seconds whatever the backlog, and works the answer out and sends it after, a
 * few at a time, so acknowledgements go first. A reply that cannot be sent is logged, and an
 * apology tried.
 */
export async function answerInTurn(
  deps: AnswerDeps,
  interaction: RepliableInteraction,
  steps: {
    defer: () => Promise<unknown>;
    answer: (acknowledged: () => void) => Promise<Logged>;
    apologise?: (apology: Rendered) => Promise<void>;
    command: string | undefined;
  },
): Promise<{ outcome: Logged; deferred: boolean }> {
  const deferFirst = deps.backlog.busy();
  const acknowledged = deps.backlog.arrived();
  let outcome: Logged;
  try {
    if (deferFirst) {
      await steps.defer();
      acknowledged();
      outcome = await deps.backlog.later(() => steps.answer(acknowledged));
    } else outcome = await steps.answer(acknowledged);
  } catch (sendError) {
    outcome = 'reply_failed';
    deps.logger.error({ ...where(interaction), command: steps.command, err: sendError }, 'reply failed');
    const apology = renderReply(apologyReply());
    await (steps.apologise ?? ((a: Rendered) => sendApology(interaction, a)))(apology).catch(() => undefined);
  } finally {
    acknowledged();
  }
  return { outcome, deferred: deferFirst };
}

export function where(interaction: Interaction) {
  return { id: interaction.id, guild: interaction.guildId ?? undefined };
}

export function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
