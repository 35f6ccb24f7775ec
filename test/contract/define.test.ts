/**
 * One way to define a command: the options a handler reads are typed from its `as const`
 * definition (a name the definition lacks fails to compile: the `@ts-expect-error` lines below
 * fail `npm run check` the day they compile), and the reply's visibility is declared once.
 */
import { ApplicationCommandOptionType as Type } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { notice } from '../../src/briefing/model.js';
import { defineCommand } from '../../src/contract/define.js';
import { dispatchCommand } from '../../src/contract/dispatch.js';
import { booleanOption, stringOption } from '../../src/contract/options.js';
import { commandRegistry, optionsOf } from '../../src/contract/registry.js';
import { respond } from '../../src/contract/respond.js';
import { NOW } from '../commands/support.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';

const definition = {
  name: 'weather',
  description: 'Says what was asked',
  options: [
    { type: Type.String, name: 'city', description: 'Where', required: true },
    { type: Type.Integer, name: 'days', description: 'How many days' },
    { type: Type.Boolean, name: 'rain', description: 'Rain only' },
  ],
} as const;

const weather = defineCommand(definition, {
  reply: { visibility: 'asked', reuse: 'same-minute' },
  handle(input) {
    const city: string = input.options.city;
    const days: number | undefined = input.options.days;
    // @ts-expect-error: the definition has no option "town"
    stringOption(input, 'town');
    // @ts-expect-error: "days" is a number, not a text
    const wrong: string | undefined = input.options.days;
    const said = [city, String(days ?? wrong), String(booleanOption(input, 'rain'))];
    return respond(input, notice('Weather', said));
  },
});

const settings = defineCommand(
  {
    name: 'settings',
    description: 'Subcommands',
    options: [
      {
        type: Type.Subcommand,
        name: 'set',
        description: 'Sets',
        options: [{ type: Type.String, name: 'value', description: 'To what', required: true }],
      },
      { type: Type.Subcommand, name: 'show', description: 'Shows' },
    ],
  } as const,
  {
    reply: { visibility: 'private', reuse: 'never' },
    handle(input) {
      if (input.subcommand === 'set') return respond(input, notice('Set', [input.options.value]));
      // @ts-expect-error: "show" takes no option "value"
      const none: string = input.options.value;
      // @ts-expect-error: a command declared private takes no `private` option
      const asked = input.options.private;
      return respond(input, notice('Settings', [String(none ?? asked)]));
    },
  },
);

describe('defineCommand', () => {
  const caller = { permissions: 0n };

  it('writes the definition as Discord takes it, with `private` last for a command whose visibility is asked', () => {
    expect(weather.definition).toMatchObject({ name: 'weather', type: 1 });
    expect(optionsOf(weather).map((o) => o.name)).toEqual(['city', 'days', 'rain', 'private']);
    expect(optionsOf(settings).map((o) => o.name)).toEqual(['set', 'show']);
  });

  it('hands the handler the options the definition types, and declares who sees the reply', async () => {
    const dataset = await loadSeeds();
    const registry = commandRegistry([weather, settings]);
    const env = { dataset, now: NOW };
    const run = (name: string, input: Parameters<typeof dispatchCommand>[2]) =>
      dispatchCommand(registry, name, input, env, caller).reply;
    const asked = run('weather', { options: { city: 'Daraban', days: 2 } });
    expect(asked.briefing).toEqual(notice('Weather', ['Daraban', '2', 'false']));
    expect(asked.private).toBe(false);
    expect(run('weather', { options: { city: 'Daraban', private: true } }).private).toBe(true);
    // Declared private: private whatever the handler's reply says.
    expect(run('settings', { subcommand: 'set', options: { value: 'x' } }).private).toBe(true);
  });

  it('every bundled command declares its reply, and takes `private` exactly when asked', () => {
    for (const command of commands) {
      const takesPrivate = optionsOf(command).some((o) => o.name === 'private');
      expect(takesPrivate, command.definition.name).toBe(command.reply.visibility === 'asked');
    }
  });
});
