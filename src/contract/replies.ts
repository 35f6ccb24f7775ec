/**
 * The same question gets the same answer, worked out once. A handler is a pure function of what
 * was asked and the dataset (which never changes once loaded), so its reply is kept and given
 * again to the next identical request: a team asking /casualties again and again during a
 * discussion costs one handler run. The most recent requests of each dataset are kept, and only
 * for the minute they were asked in (the handlers' `now`); a command with permission checks or an
 * effect, a failed handler and an unknown command are never kept.
 */

import type { Dataset } from '../dataset/dataset.js';
import { type DispatchResult, dispatchCommand } from './dispatch.js';
import type { CommandRegistry } from './registry.js';
import type { Caller, CommandEnv, CommandInput, CommandReply } from './types.js';

/** Replies kept per dataset: a few megabytes at most. */
const KEPT = 500;
const MINUTE = 60_000;

const kept = new WeakMap<Dataset, Map<string, CommandReply>>();

/** dispatchCommand, with the replies of recent identical requests kept. */
export function answerCommandInput(
  registry: CommandRegistry,
  name: string,
  input: CommandInput,
  context: CommandEnv,
  caller: Caller,
): DispatchResult {
  const command = registry.get(name);
  if (!command || (command.preconditions?.length ?? 0) > 0) {
    return dispatchCommand(registry, name, input, context, caller);
  }
  const key = JSON.stringify([
    name,
    input.subcommand ?? null,
    Object.entries(input.options).sort(([a], [b]) => (a < b ? -1 : 1)),
    input.targetText ?? null,
    Math.floor(context.now.getTime() / MINUTE),
  ]);
  let replies = kept.get(context.dataset);
  if (!replies) {
    replies = new Map();
    kept.set(context.dataset, replies);
  }
  const known = replies.get(key);
  if (known) {
    // The most recently used last, so the oldest is the first to go.
    replies.delete(key);
    replies.set(key, known);
    return { reply: known, outcome: 'ok' };
  }
  const result = dispatchCommand(registry, name, input, context, caller);
  if (result.outcome === 'ok' && !result.reply.effect) {
    replies.set(key, result.reply);
    if (replies.size > KEPT) replies.delete(replies.keys().next().value as string);
  }
  return result;
}
