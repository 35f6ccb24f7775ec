import { readdirSync, readFileSync } from 'node:fs';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { casualties } from '../../commands/casualties.js';
import { compare } from '../../commands/compare.js';
import { context } from '../../commands/context.js';
import { group } from '../../commands/group.js';
import { incident } from '../../commands/incident.js';
import { commands, help } from '../../commands/index.js';
import { sources } from '../../commands/sources.js';
import { timeline } from '../../commands/timeline.js';
import { FormErrors, validateAutocompleteChoices, validateCommandList } from '../../emulator/index.js';
import type { CommandModule, OptionValue } from '../../src/contract/types.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { fitChoices } from '../../src/render/render.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { expectSendable, NOW } from './support.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

const OWNED: readonly CommandModule[] = [
  incident,
  casualties,
  compare,
  timeline,
  group,
  context,
  sources,
  help,
];

function optionsOf(command: CommandModule) {
  const def = command.definition;
  return 'options' in def && Array.isArray(def.options) ? def.options : [];
}

describe('the command index', () => {
  it('lists every command once', () => {
    const names = commands.map((c) => c.definition.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of [
      'incident',
      'casualties',
      'compare',
      'timeline',
      'group',
      'context',
      'sources',
      'help',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('holds definitions Discord accepts', () => {
    const errors = new FormErrors();
    validateCommandList(
      errors,
      commands.map((c) => c.definition),
    );
    expect(errors.tree).toEqual({});
  });

  it('gives every slash command a `private` flag, last', () => {
    for (const command of commands) {
      if (command.definition.type === ApplicationCommandType.Message) continue;
      const options = optionsOf(command);
      const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
      if (subcommands.length > 0) continue; // /digest declares per subcommand who sees what
      expect(options.at(-1)?.name, command.definition.name).toBe('private');
    }
  });

  // A command keeps its definition and a thin handler: a reply is reused only through the reply
  // cache, and a view of a dataset several replies read is kept by the layer it belongs to, where
  // the other commands, the digest and the console find it too (docs/architecture.md, What is kept).
  it('keeps nothing per dataset in a command file', () => {
    const folder = new URL('../../commands/', import.meta.url);
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('context.ts');
    for (const file of files) {
      const text = readFileSync(new URL(file, folder), 'utf8');
      expect(text, file).not.toMatch(/from '\.\.\/src\/dataset\/memo\.js'/);
    }
  });
});

describe('every handler', () => {
  const optionValue = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom('@everyone', '<@123>', '**', '`', '\\', 'T.J.P.', 'casualties', 'daraban-2023-12-12'),
    fc.boolean(),
    fc.integer(),
  );

  it.each(OWNED.map((c) => [c.definition.name, c] as const))(
    '/%s never throws and always replies within limits',
    (_name, command) => {
      const names = optionsOf(command).map((o) => o.name);
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...names, 'unknown'), optionValue), (options) => {
          const reply = command.handle(
            { options: options as Record<string, OptionValue> },
            { dataset, now: NOW },
          );
          expectSendable(reply);
        }),
        { numRuns: 40 },
      );
    },
  );

  it.each(OWNED.filter((c) => c.autocomplete).map((c) => [c.definition.name, c] as const))(
    '/%s autocompletes at most 25 valid choices, whatever is typed',
    (_name, command) => {
      const focusable = optionsOf(command)
        .filter((o) => 'autocomplete' in o && o.autocomplete)
        .map((o) => o.name);
      expect(focusable.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.constantFrom(...focusable), fc.string({ maxLength: 200 }), (name, value) => {
          const choices =
            command.autocomplete?.({ name, value }, { options: {} }, { dataset, now: NOW }) ?? [];
          const errors = new FormErrors();
          // As the adapter sends them: the first 25, within Discord's limits.
          validateAutocompleteChoices(errors, { choices: fitChoices(choices) });
          expect(errors.tree).toEqual({});
        }),
        { numRuns: 60 },
      );
    },
  );
});
