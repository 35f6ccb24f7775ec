/**
 * The buttons and menus of every reply run a command by its options' names, written as data
 * (src/contract/actions.ts). A renamed option would still compile there: this test makes it fail,
 * by asking every command on the story and checking each action's call against the definition of
 * the command it runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { commandRegistry, optionsFor, subcommandsOf } from '../../src/contract/registry.js';
import type { Action, CommandInput } from '../../src/contract/types.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadStory } from '../helpers/dataset-fixture.js';

const NOW = new Date('2024-01-15T12:00:00Z');
const registry = commandRegistry(commands);

/** Each command asked as a reader first would: bare, and each subcommand bare. */
function firstAsks(): { name: string; input: CommandInput }[] {
  return commands.flatMap((command): { name: string; input: CommandInput }[] => {
    const name = command.definition.name;
    const subcommands = subcommandsOf(command).map((s) => s.name);
    if (subcommands.length === 0) return [{ name, input: { options: {}, targetText: 'how many died' } }];
    return subcommands.map((subcommand) => ({ name, input: { subcommand, options: {} } }));
  });
}

/** The option names an action's call uses, and the command it runs. */
function namesUsed(action: Action): { command: string; subcommand: string | undefined; names: string[] } {
  const names = Object.keys(action.call.input.options);
  if (action.kind === 'menu') names.push(action.option);
  return { command: action.call.command, subcommand: action.call.input.subcommand, names };
}

describe('the actions of every reply', () => {
  let story: Dataset;
  beforeAll(async () => {
    story = await loadStory();
  });

  it('run commands by options their definitions declare', () => {
    const checked = new Set<string>();
    for (const { name, input } of firstAsks()) {
      const command = registry.get(name);
      const reply = command?.handle(input, { dataset: story, now: NOW });
      for (const action of reply?.actions ?? []) {
        const used = namesUsed(action);
        const target = registry.get(used.command);
        expect(target, `/${name} offers /${used.command}`).toBeDefined();
        if (!target) continue;
        const declared = optionsFor(target, used.subcommand).map((o) => o.name);
        for (const option of used.names) {
          expect(declared, `/${name}'s "${action.kind}" runs /${used.command} with ${option}`).toContain(
            option,
          );
          checked.add(`${used.command} ${option}`);
        }
      }
    }
    // The replies offer the quotes menu, All sources, Compare and Chart at least.
    expect([...checked]).toEqual(
      expect.arrayContaining(['quotes about', 'compare topic', 'casualties chart']),
    );
  });
});
