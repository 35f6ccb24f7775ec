/** The one cache of replies: the handler runs and the reply is rendered once, only where the command allows. */
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { notice } from '../../src/briefing/model.js';
import { memoryCallStore } from '../../src/contract/calls.js';
import { commandRegistry } from '../../src/contract/registry.js';
import { replyCache } from '../../src/contract/replies.js';
import type { CommandCall, CommandModule, Reuse } from '../../src/contract/types.js';
import { loadDataset } from '../../src/dataset/load.js';
import { NOW } from '../commands/support.js';
import { loadSeeds, seedsDir } from '../helpers/dataset-fixture.js';

function counting(name: string, reuse: Reuse, preconditions?: CommandModule['preconditions']) {
  const calls = { count: 0 };
  const command: CommandModule = {
    definition: { name, description: 'counts its calls' },
    reply: { visibility: 'asked', reuse },
    handle: (input) => {
      calls.count++;
      return {
        briefing: notice('Counted', [`call ${calls.count}: ${String(input.options.q ?? '')}`]),
        private: false,
      };
    },
    ...(preconditions ? { preconditions } : {}),
  };
  return { command, calls };
}

const call = (command: string, q: string, part?: number): CommandCall => ({
  command,
  input: { options: { q } },
  ...(part === undefined ? {} : { part }),
});

describe('replies kept for identical calls', () => {
  const caller = { permissions: 0n };

  it('the same call in the same minute runs the handler once and renders it once; another question or minute runs it again', async () => {
    const dataset = await loadSeeds();
    const { command, calls } = counting('count', 'same-minute');
    const cache = replyCache(commandRegistry([command]), memoryCallStore());
    const ask = (q: string, now = NOW) => cache.answer(call('count', q), { dataset, now }, caller);
    expect(cache.kept(call('count', 'a'), { dataset, now: NOW })).toBeUndefined();
    const first = ask('a');
    const again = ask('a');
    expect(again.result.reply).toBe(first.result.reply);
    expect(again.rendered).toBe(first.rendered);
    expect(cache.kept(call('count', 'a'), { dataset, now: NOW })?.rendered).toBe(first.rendered);
    expect(calls.count).toBe(1);
    ask('b');
    expect(calls.count).toBe(2);
    ask('a', new Date(NOW.getTime() + 60_000));
    expect(calls.count).toBe(3);
  });

  it('another dataset, even of the same version, is another environment', async () => {
    const seeds = await loadSeeds();
    const copy = await loadDataset(await seedsDir());
    expect(copy.version).toBe(seeds.version);
    const { command, calls } = counting('count', 'same-minute');
    const cache = replyCache(commandRegistry([command]), memoryCallStore());
    cache.answer(call('count', 'a'), { dataset: seeds, now: NOW }, caller);
    expect(cache.kept(call('count', 'a'), { dataset: copy, now: NOW })).toBeUndefined();
    cache.answer(call('count', 'a'), { dataset: copy, now: NOW }, caller);
    expect(calls.count).toBe(2);
  });

  it('a part, or a reply shown privately, is rendered apart from the same reply', async () => {
    const dataset = await loadSeeds();
    const { command, calls } = counting('count', 'same-minute');
    const cache = replyCache(commandRegistry([command]), memoryCallStore());
    const env = { dataset, now: NOW };
    const shown = cache.answer(call('count', 'a'), env, caller);
    const privately = cache.answer(call('count', 'a'), env, caller, { privately: true });
    expect(shown.rendered.ephemeral).toBe(false);
    expect(privately.rendered.ephemeral).toBe(true);
    expect(privately.result.reply).toBe(shown.result.reply);
    const newer = cache.answer(call('count', 'a'), env, caller, { fromOlderData: true });
    expect(JSON.stringify(newer.rendered)).toMatch(/this answer is from the current data/);
    expect(JSON.stringify(shown.rendered)).not.toMatch(/this answer is from the current data/);
    expect(calls.count).toBe(1);
  });

  it('a command that declares its reply not reusable, or checks permissions, runs every time', async () => {
    const dataset = await loadSeeds();
    const never = counting('never', 'never');
    const guarded = counting('guarded', 'same-minute', [{ permission: 1n, explanation: 'no' }]);
    const cache = replyCache(commandRegistry([never.command, guarded.command]), memoryCallStore());
    for (let i = 0; i < 2; i++) {
      cache.answer(call('never', 'a'), { dataset, now: NOW }, caller);
      cache.answer(call('guarded', 'a'), { dataset, now: NOW }, { permissions: 1n });
    }
    expect(never.calls.count).toBe(2);
    expect(guarded.calls.count).toBe(2);
    expect(cache.kept(call('guarded', 'a'), { dataset, now: NOW })).toBeUndefined();
  });

  it('failures and unknown commands are never kept', async () => {
    const dataset = await loadSeeds();
    const failing: CommandModule = {
      definition: { name: 'failing', description: 'throws' },
      reply: { visibility: 'asked', reuse: 'same-minute' },
      handle: () => {
        throw new Error('boom');
      },
    };
    const cache = replyCache(commandRegistry([failing]), memoryCallStore());
    const run = () => cache.answer(call('failing', 'a'), { dataset, now: NOW }, caller);
    expect(run().result.outcome).toBe('error');
    expect(run().result.outcome).toBe('error');
    expect(cache.kept(call('failing', 'a'), { dataset, now: NOW })).toBeUndefined();
    expect(cache.answer(call('nothing', 'a'), { dataset, now: NOW }, caller).result.outcome).toBe(
      'unknown_command',
    );
    expect(cache.kept(call('nothing', 'a'), { dataset, now: NOW })).toBeUndefined();
  });

  it('keeps a bounded number of calls, the least recently used going first', async () => {
    const dataset = await loadSeeds();
    const { command, calls } = counting('count', 'same-minute');
    const cache = replyCache(commandRegistry([command]), memoryCallStore(), 50);
    const ask = (q: string) => cache.answer(call('count', q), { dataset, now: NOW }, caller);
    for (let i = 0; i < 60; i++) ask(`question ${i}`);
    expect(calls.count).toBe(60);
    ask('question 59');
    expect(calls.count).toBe(60);
    ask('question 0');
    expect(calls.count).toBe(61);
  });

  it('gives what dispatching gives, for the real commands, and their declared privacy', async () => {
    const dataset = await loadSeeds();
    const cache = replyCache(commandRegistry(commands), memoryCallStore());
    const env = { dataset, now: NOW };
    const ask: CommandCall = { command: 'ask', input: { options: { question: 'how many were wounded' } } };
    const kept = cache.answer(ask, env, caller);
    expect(cache.answer(ask, env, caller).result.reply).toBe(kept.result.reply);
    expect(kept.rendered.messages[0]?.embeds?.[0]?.title).toBeTruthy();
    expect(kept.result.reply.private).toBe(false);
    const lookup = cache.answer(
      { command: 'Look up in briefing', input: { options: {}, targetText: 'how many were wounded' } },
      env,
      caller,
    );
    expect(lookup.result.reply.private).toBe(true);
    expect(lookup.rendered.ephemeral).toBe(true);
  });
});
