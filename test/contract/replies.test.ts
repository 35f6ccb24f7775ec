/** Replies kept for identical requests: the handler runs once, and only where that is safe. */
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { notice } from '../../src/briefing/model.js';
import { commandRegistry } from '../../src/contract/registry.js';
import { answerCommandInput } from '../../src/contract/replies.js';
import type { CommandModule } from '../../src/contract/types.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { renderReply } from '../../src/render/render.js';
import { NOW } from '../commands/support.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';

function counting(name: string, preconditions?: CommandModule['preconditions']) {
  const calls = { count: 0 };
  const command: CommandModule = {
    definition: { name, description: 'counts its calls' },
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

describe('replies kept for identical requests', () => {
  const caller = { permissions: 0n };

  it('the same request in the same minute runs the handler once; another question or minute runs it again', async () => {
    const dataset = await loadSeeds();
    const { command, calls } = counting('count');
    const ask = (q: string, now = NOW) =>
      answerCommandInput(commandRegistry([command]), 'count', { options: { q } }, { dataset, now }, caller);
    const first = ask('a');
    expect(ask('a').reply).toBe(first.reply);
    expect(calls.count).toBe(1);
    ask('b');
    expect(calls.count).toBe(2);
    ask('a', new Date(NOW.getTime() + 60_000));
    expect(calls.count).toBe(3);
  });

  it('commands with permission checks, failures and unknown commands are never kept', async () => {
    const dataset = await loadSeeds();
    const guarded = counting('guarded', [{ permission: 1n, explanation: 'no' }]);
    for (let i = 0; i < 2; i++) {
      answerCommandInput(
        commandRegistry([guarded.command]),
        'guarded',
        { options: {} },
        { dataset, now: NOW },
        { permissions: 1n },
      );
    }
    expect(guarded.calls.count).toBe(2);
    const failing: CommandModule = {
      definition: { name: 'failing', description: 'throws' },
      handle: () => {
        throw new Error('boom');
      },
    };
    const run = () =>
      answerCommandInput(
        commandRegistry([failing]),
        'failing',
        { options: {} },
        { dataset, now: NOW },
        caller,
      );
    expect(run().outcome).toBe('error');
    expect(run().outcome).toBe('error');
  });

  it('keeps a bounded number of replies per dataset', async () => {
    const dataset: Dataset = await loadSeeds();
    const { command, calls } = counting('count');
    const ask = (q: string) =>
      answerCommandInput(
        commandRegistry([command]),
        'count',
        { options: { q } },
        { dataset, now: NOW },
        caller,
      );
    for (let i = 0; i < 600; i++) ask(`question ${i}`);
    expect(calls.count).toBe(600);
    ask('question 599');
    expect(calls.count).toBe(600);
    // The oldest were let go.
    ask('question 0');
    expect(calls.count).toBe(601);
  });

  it('gives what dispatching gives, for the real commands', async () => {
    const dataset = await loadSeeds();
    const input = { options: { question: 'how many were wounded' } };
    const kept = answerCommandInput(commandRegistry(commands), 'ask', input, { dataset, now: NOW }, caller);
    const again = answerCommandInput(commandRegistry(commands), 'ask', input, { dataset, now: NOW }, caller);
    expect(again.reply).toBe(kept.reply);
    expect(renderReply(kept.reply).messages[0]?.embeds?.[0]?.title).toBeTruthy();
  });
});
