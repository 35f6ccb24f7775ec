/**
 * The one cache of replies: the same call in the same environment gets the same answer, worked out
 * and rendered once. A handler is a pure function of its call and its environment, so a command
 * that declares its reply reusable (`reply.reuse`) has it kept, with its rendered messages, and
 * given again to the next identical call: a team asking /casualties again and again during a
 * discussion costs one handler run and one rendering. The key is the whole call and every field of
 * the environment; the most recent calls are kept. A failed handler, an unknown command, a refusal
 * and a reply that changes something are never kept.
 */

import type { Rendered } from '../render/payload.js';
import type { CallStore } from './calls.js';
import { type DispatchResult, dispatchCommand } from './dispatch.js';
import type { CommandRegistry } from './registry.js';
import { renderCommandReply, type ShownAs } from './render-reply.js';
import type { Caller, CommandCall, CommandEnv, CommandReply, OptionValue } from './types.js';

/** Calls kept: a few megabytes at most. */
const KEPT = 500;
const MINUTE = 60_000;

/** A dataset's place in the key: its identity, so that two datasets never share a reply. */
const datasetIds = new WeakMap<CommandEnv['dataset'], number>();
let datasetsSeen = 0;

function datasetId(dataset: CommandEnv['dataset']): number {
  let id = datasetIds.get(dataset);
  if (id === undefined) {
    id = ++datasetsSeen;
    datasetIds.set(dataset, id);
  }
  return id;
}

/**
 * Every field of the environment, as it goes into the key. A field added to CommandEnv (a server,
 * a locale, a user) fails to compile here until the key covers it, so that a reply made for one
 * is never given to another.
 */
const ENVIRONMENT_KEY: { readonly [Field in keyof CommandEnv]-?: (env: CommandEnv) => number | string } = {
  dataset: (env) => datasetId(env.dataset),
  // Reusable replies read the clock to the minute at most (Reuse 'same-minute').
  now: (env) => Math.floor(env.now.getTime() / MINUTE),
};

/** The whole call (not the part shown: every part comes from the same reply) and the environment. */
function replyKey(call: CommandCall, env: CommandEnv): string {
  const options = Object.entries(call.input.options).sort(([a], [b]) => (a < b ? -1 : 1));
  const environment = Object.entries(ENVIRONMENT_KEY).map(([field, key]) => [field, key(env)]);
  return JSON.stringify([
    call.command.toLowerCase(),
    call.input.subcommand ?? null,
    options satisfies [string, OptionValue][],
    call.input.targetText ?? null,
    environment,
  ]);
}

function shownKey(call: CommandCall, shown: ShownAs): string {
  return `${call.part ?? 0}|${shown.privately === true}|${shown.fromOlderData === true}`;
}

/** A call answered: what dispatching gave, and the message it is sent as. */
export interface Answered {
  result: DispatchResult;
  rendered: Rendered;
}

export interface ReplyCache {
  /** The answer kept for this call in this environment, rendered as shown; undefined when there is none. */
  kept(call: CommandCall, env: CommandEnv, shown?: ShownAs): Answered | undefined;
  /** The kept answer, or the call dispatched, rendered, and kept when its command allows. */
  answer(call: CommandCall, env: CommandEnv, caller: Caller, shown?: ShownAs): Answered;
}

interface Entry {
  reply: CommandReply;
  /** The messages sent for it, by part and way shown. */
  rendered: Map<string, Rendered>;
}

/**
 * Replies of one adapter's commands: the ids in a rendered message hold calls written into
 * `store`, so an adapter keeps its own cache.
 */
export function replyCache(registry: CommandRegistry, store: CallStore, size = KEPT): ReplyCache {
  const entries = new Map<string, Entry>();

  const render = (reply: CommandReply, call: CommandCall, env: CommandEnv, shown: ShownAs) =>
    renderCommandReply(reply, { call, version: env.dataset.version, store, ...shown });

  const renderKept = (entry: Entry, call: CommandCall, env: CommandEnv, shown: ShownAs): Answered => {
    const key = shownKey(call, shown);
    let rendered = entry.rendered.get(key);
    if (!rendered) {
      rendered = render(entry.reply, call, env, shown);
      entry.rendered.set(key, rendered);
    }
    return { result: { reply: entry.reply, outcome: 'ok' }, rendered };
  };

  const keep = (key: string, reply: CommandReply): Entry => {
    const entry = { reply, rendered: new Map<string, Rendered>() };
    entries.set(key, entry);
    if (entries.size > size) entries.delete(entries.keys().next().value as string);
    return entry;
  };

  return {
    kept(call, env, shown = {}) {
      const key = replyKey(call, env);
      const entry = entries.get(key);
      if (!entry) return undefined;
      // The most recently used last, so that the oldest is the first to go.
      entries.delete(key);
      entries.set(key, entry);
      return renderKept(entry, call, env, shown);
    },
    answer(call, env, caller, shown = {}) {
      const known = this.kept(call, env, shown);
      if (known) return known;
      const result = dispatchCommand(registry, call.command, call.input, env, caller);
      const command = registry.get(call.command);
      // The caller is not in the key: a reply behind a permission check is never given again.
      const reusable = command?.reply.reuse === 'same-minute' && !command.preconditions?.length;
      if (reusable && result.outcome === 'ok' && !result.reply.effect) {
        return renderKept(keep(replyKey(call, env), result.reply), call, env, shown);
      }
      return { result, rendered: render(result.reply, call, env, shown) };
    },
  };
}
