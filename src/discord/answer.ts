/**
 * The stages after an interaction is read (interactions.ts, presses.ts), the same for a slash
 * command, a message menu and a press: run the call (or take the answer kept for it), prepare
 * what the answer needs (an effect carried out, pictures drawn), send it through the interaction's
 * responder, and write one log record. Within Discord's 3 seconds, never left hanging: a failure
 * is one logged error and a short apology.
 *
 * When to acknowledge first: an answer already kept is the acknowledgement itself, sent at once
 * whatever the backlog; one that must be worked out while the backlog is busy (see Backlog), or
 * that needs an effect carried out or pictures not drawn yet, is deferred first.
 */

import type { RepliableInteraction } from 'discord.js';
import type { Briefing } from '../briefing/model.js';
import { picturesReady, withPictures } from '../chart/attach.js';
import { apologyReply } from '../contract/dispatch.js';
import type { CommandRegistry } from '../contract/registry.js';
import type { ShownAs } from '../contract/render-reply.js';
import type { Answered, ReplyCache } from '../contract/replies.js';
import type { Caller, CommandCall, CommandEnv, Effect } from '../contract/types.js';
import type { Dataset } from '../dataset/dataset.js';
import type { Logger } from '../log.js';
import type { Rendered } from '../render/payload.js';
import { renderBriefing, renderReply } from '../render/render.js';
import type { Backlog } from './backlog.js';
import type { Asked, Logged } from './interactions.js';
import { Responder } from './responder.js';

/** What answering an interaction needs: the router's options with defaults filled in. */
export interface AnswerDeps {
  registry: CommandRegistry;
  /** The commands' replies, kept as their commands declare. */
  replies: ReplyCache;
  dataset: () => Dataset;
  logger: Logger;
  now: () => Date;
  performEffect: ((effect: Effect, interaction: RepliableInteraction) => Promise<Briefing>) | undefined;
  backlog: Backlog;
}

/** How the answer went, for the log record. */
interface Ending {
  outcome: Logged;
  /** Given from the answers kept, without running the command. */
  kept?: boolean;
}

/** Answers what was read from the interaction, and writes its one log record. */
export async function answerInteraction(
  deps: AnswerDeps,
  interaction: RepliableInteraction,
  asked: Asked,
): Promise<void> {
  const started = performance.now();
  const busy = deps.backlog.busy();
  const acknowledged = deps.backlog.arrived();
  const responder = new Responder(interaction, asked.shown, acknowledged);
  let ending: Ending;
  try {
    ending = await respond(deps, interaction, asked, responder, busy);
  } catch (sendError) {
    ending = { outcome: 'reply_failed' };
    deps.logger.error({ ...where(interaction), ...asked.log, err: sendError }, 'reply failed');
    await responder.send(renderReply(apologyReply())).catch(() => undefined);
  } finally {
    acknowledged();
  }
  deps.logger.info(
    {
      ...where(interaction),
      ...asked.log,
      ms: elapsed(started),
      ...(responder.deferred ? { deferred: true } : {}),
      ...(ending.kept ? { kept: true } : {}),
      outcome: ending.outcome,
    },
    'interaction',
  );
}

async function respond(
  deps: AnswerDeps,
  interaction: RepliableInteraction,
  asked: Asked,
  responder: Responder,
  busy: boolean,
): Promise<Ending> {
  if ('notice' in asked.what) {
    await responder.send(renderReply(asked.what.notice));
    return { outcome: asked.what.outcome };
  }
  const { call } = asked.what;
  const env: CommandEnv = { dataset: deps.dataset(), now: deps.now() };
  const shown: ShownAs = { privately: asked.shown.private, fromOlderData: asked.fromOlderData === true };
  const kept = deps.replies.kept(call, env, shown);
  if (kept) {
    await prepareAndSend(deps, interaction, responder, kept);
    return { outcome: 'ok', kept: true };
  }
  const run = () => runAndSend(deps, interaction, responder, { call, env, shown });
  if (!busy) return run();
  await responder.defer();
  return deps.backlog.later(run);
}

/** Runs the call (through the dispatch every adapter uses) and sends its answer; a handler's failure is logged here. */
async function runAndSend(
  deps: AnswerDeps,
  interaction: RepliableInteraction,
  responder: Responder,
  { call, env, shown }: { call: CommandCall; env: CommandEnv; shown: ShownAs },
): Promise<Ending> {
  const answered = deps.replies.answer(call, env, callerOf(interaction), shown);
  const { error, outcome } = answered.result;
  if (error)
    deps.logger.error({ ...where(interaction), command: call.command, err: error }, 'handler failed');
  await prepareAndSend(deps, interaction, responder, answered);
  return { outcome };
}

/**
 * Prepares what the answer needs and sends it. An effect, or pictures not drawn yet, may take
 * longer than Discord waits: the interaction is acknowledged first. Only an answer of the call
 * itself takes the place of a page pressed; a notice never does.
 */
async function prepareAndSend(
  deps: AnswerDeps,
  interaction: RepliableInteraction,
  responder: Responder,
  answered: Answered,
): Promise<void> {
  const { outcome, reply } = answered.result;
  const prepared = await prepare(deps, interaction, responder, answered);
  await responder.send(prepared, { replace: outcome === 'ok' && !reply.effect });
}

async function prepare(
  deps: AnswerDeps,
  interaction: RepliableInteraction,
  responder: Responder,
  { result, rendered }: Answered,
): Promise<Rendered> {
  const { reply } = result;
  if (reply.effect && deps.performEffect && interaction.inGuild()) {
    await responder.defer();
    return renderBriefing(await deps.performEffect(reply.effect, interaction), { ephemeral: true });
  }
  if (!picturesReady(reply.chart)) await responder.defer();
  return withPictures(rendered, reply.chart, (error) =>
    deps.logger.error({ ...where(interaction), err: error }, 'chart not drawn; the reply goes without it'),
  );
}

/** The member's permissions where they asked or pressed; null outside a server. */
function callerOf(interaction: RepliableInteraction): Caller {
  return { permissions: interaction.inGuild() ? (interaction.memberPermissions?.bitfield ?? 0n) : null };
}

export function where(interaction: { id: string; guildId: string | null }) {
  return { id: interaction.id, guild: interaction.guildId ?? undefined };
}

export function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
