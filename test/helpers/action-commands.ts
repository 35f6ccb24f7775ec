/**
 * Commands written for the tests of actions: one that offers every kind (a button, a menu filling
 * an option, a call too long for a component's id, a command only managers may run, and an answer
 * long enough to come in parts), and the commands they run. The bundled commands' actions change
 * with the commands; these stay put, so the tests say what a press does, whatever a reply offers.
 */
import { ApplicationCommandOptionType as Type } from 'discord-api-types/v10';
import { notice } from '../../src/briefing/model.js';
import { defineCommand } from '../../src/contract/define.js';
import { MANAGE_GUILD } from '../../src/contract/preconditions.js';
import { respond } from '../../src/contract/respond.js';
import type { Action, CommandModule } from '../../src/contract/types.js';

/** A text that does not fit in a component's id with its call: it is kept in the store. */
export const LONG_TEXT = `a long request, ${'word '.repeat(40)}end`;

/** Says what it was given, each value with its type, and the dataset's version. */
const PUBLIC_KEPT = { visibility: 'asked', reuse: 'same-minute' } as const;

export const echo = defineCommand(
  {
    name: 'echo',
    description: 'Says what it was given',
    options: [
      { type: Type.String, name: 'text', description: 'What to say', required: true },
      { type: Type.Integer, name: 'count', description: 'A whole number' },
      { type: Type.Number, name: 'ratio', description: 'A number' },
      { type: Type.Boolean, name: 'loud', description: 'True or false' },
    ],
  } as const,
  {
    reply: PUBLIC_KEPT,
    handle(input, { dataset }) {
      const given = Object.entries(input.options)
        .filter(([name]) => name !== 'private')
        .map(([name, value]) => `${name}=${JSON.stringify(value)} (${typeof value})`);
      return respond(input, notice('Echo', [...given, `data version ${dataset.version}`]));
    },
  },
);

/** Only server managers may run it. */
export const guarded = defineCommand({ name: 'guarded', description: 'Only for server managers' } as const, {
  reply: { visibility: 'private', reuse: 'never' },
  preconditions: [{ permission: MANAGE_GUILD, explanation: 'Only server managers may run this.' }],
  handle: () => respond({ options: {} }, notice('Guarded', ['It ran.'])),
});

export const OFFERED: readonly Action[] = [
  {
    kind: 'button',
    label: 'Echo hello',
    call: { command: 'echo', input: { options: { text: 'hello', count: 3, ratio: 0.5, loud: true } } },
  },
  { kind: 'button', label: 'Echo long', call: { command: 'echo', input: { options: { text: LONG_TEXT } } } },
  { kind: 'button', label: 'Guarded', call: { command: 'guarded', input: { options: {} } } },
  {
    kind: 'menu',
    placeholder: 'Echo a word…',
    call: { command: 'echo', input: { options: { count: 1 } } },
    option: 'text',
    choices: [
      { name: 'Alpha', value: 'alpha' },
      { name: 'Beta', value: 'beta' },
    ],
  },
];

/** Offers every kind of action; with `long: true` its answer is longer than one message. */
export const offers = defineCommand(
  {
    name: 'offers',
    description: 'Offers actions',
    options: [{ type: Type.Boolean, name: 'long', description: 'An answer in parts' }],
  } as const,
  {
    reply: PUBLIC_KEPT,
    handle(input) {
      const long = input.options.long === true;
      const sections = long
        ? Array.from({ length: 8 }, (_, i) => ({
            heading: `Section ${i + 1}`,
            lines: [`Section ${i + 1} says ${'more '.repeat(170)}`],
          }))
        : [{ heading: 'Offered', lines: ['A short answer.'] }];
      return respond(input, { title: 'Offers', description: 'Actions below.', sections }, OFFERED);
    },
  },
);

export const actionCommands: readonly CommandModule[] = [offers, echo, guarded];
