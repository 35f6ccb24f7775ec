/**
 * Interactions as Discord could send them but the bot never expects: stale commands and options, a
 * message the menu cannot see, kinds of interaction the bot has none of, payloads discord.js itself
 * cannot build. Each gets a clear private reply (autocomplete: an empty list) through the real
 * discord.js client on the emulator, and the bot lives on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionExchange, InteractionInput, JsonObject } from '../../emulator/index.js';
import { type Harness, startHarness } from '../helpers/bot-harness.js';

const LOOKUP = 'Look up in briefing';

function data(payload: JsonObject): JsonObject {
  return payload.data as JsonObject;
}

function resolvedMessage(payload: JsonObject): JsonObject {
  const messages = (data(payload).resolved as JsonObject).messages as JsonObject;
  return Object.values(messages)[0] as JsonObject;
}

/** What the user sees: the reply's title and text. */
function shown(exchange: InteractionExchange): string {
  const message = exchange.original ?? exchange.callback?.data ?? {};
  return (message.embeds ?? []).map((e) => `${e.title}\n${e.description ?? ''}`).join('\n');
}

/** Each malformed interaction, and what its private reply says. */
const cases: [string, InteractionInput, RegExp][] = [
  [
    'a message menu without the message it was used on',
    {
      type: 'message-context',
      name: LOOKUP,
      targetMessage: { content: 'how many died?' },
      tamper: (p) => {
        delete (data(p).resolved as JsonObject).messages;
      },
    },
    /Could not read this request[\s\S]*did not send the message/,
  ],
  [
    'a message menu with nothing resolved at all',
    {
      type: 'message-context',
      name: LOOKUP,
      targetMessage: { content: 'how many died?' },
      tamper: (p) => {
        delete data(p).resolved;
      },
    },
    /Could not read this request/,
  ],
  [
    'a message menu on a message whose text is not text',
    {
      type: 'message-context',
      name: LOOKUP,
      targetMessage: { content: 'x' },
      tamper: (p) => {
        resolvedMessage(p).content = 42;
        resolvedMessage(p).embeds = [{ title: 7, description: null }];
      },
    },
    /Nothing to look up/,
  ],
  [
    'a command with options that are not a list',
    {
      type: 'command',
      name: 'ask',
      tamper: (p) => {
        data(p).options = { question: 'how many died' };
      },
    },
    /Could not read this request/,
  ],
  [
    'a command with no name',
    {
      type: 'command',
      name: 'ask',
      tamper: (p) => {
        delete data(p).name;
      },
    },
    /Unknown command/,
  ],
  [
    'a command with no data at all',
    {
      type: 'command',
      name: 'ask',
      tamper: (p) => {
        delete p.data;
      },
    },
    /Could not read this request/,
  ],
  [
    'an option of another type, as from a stale definition',
    { type: 'command', name: 'ask', options: [{ name: 'question', type: 4, value: 5 }] },
    /Could not read this request[\s\S]*“question” should be a text/,
  ],
  [
    'an option whose value is neither text, number nor true/false',
    {
      type: 'command',
      name: 'ask',
      tamper: (p) => {
        data(p).options = [{ name: 'question', type: 3, value: { text: 'how many died' } }];
      },
    },
    /Could not read this request[\s\S]*“question” is missing/,
  ],
  [
    'a required option missing, as from a stale definition',
    { type: 'command', name: 'compare' },
    /Could not read this request[\s\S]*“topic” is missing/,
  ],
  ['a command this bot does not have', { type: 'command', name: 'weather' }, /Unknown command[\s\S]*weather/],
  [
    'a user menu (the bot has none)',
    { type: 'user-context', name: LOOKUP },
    /Nothing to answer here[\s\S]*\/help/,
  ],
  [
    'a button the bot cannot read',
    { type: 'component', customId: 'old-button' },
    /This button cannot be read/,
  ],
  [
    'a select menu the bot cannot read',
    { type: 'component', customId: 'old-select', componentType: 3, values: ['a'] },
    /This menu cannot be read/,
  ],
  [
    'a user menu (the bot makes none)',
    { type: 'component', customId: 'old-user-select', componentType: 5, values: [] },
    /Nothing to answer here/,
  ],
  ['a form submitted (the bot has none)', { type: 'modal', customId: 'old-form' }, /Nothing to answer here/],
  ...(
    [
      ['no custom_id', undefined],
      ['a numeric custom_id', 42],
      ['a null custom_id', null],
    ] as const
  ).map(([what, value]): [string, InteractionInput, RegExp] => [
    `a button with ${what}`,
    {
      type: 'component',
      customId: 'old-button',
      tamper: (p) => {
        if (value === undefined) delete data(p).custom_id;
        else data(p).custom_id = value;
      },
    },
    /This button cannot be read/,
  ]),
  [
    'a menu with a numeric custom_id',
    {
      type: 'component',
      customId: 'old-select',
      componentType: 3,
      values: ['a'],
      tamper: (p) => {
        data(p).custom_id = 7;
      },
    },
    /This menu cannot be read/,
  ],
  [
    'a component of type 4 (a text input, which only forms hold)',
    { type: 'component', customId: 'old-text', componentType: 4, values: ['a'] },
    /Could not read this request/,
  ],
  [
    'a component of a type Discord has not made (99)',
    { type: 'component', customId: 'future', componentType: 99, values: ['a'] },
    /Could not read this request/,
  ],
];

describe('malformed interactions on the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(cases)('%s gets a clear private reply', async (_name, input, says) => {
    const exchange = await h.emu.sendInteraction(input);
    expect(exchange.callback?.type).toBe(4);
    expect(exchange.ephemeral).toBe(true);
    expect(shown(exchange)).toMatch(says);
    expect(h.bot.client.isReady()).toBe(true);
  });

  it.each([
    ['no focused option', 'ask', [{ name: 'incident', type: 3, value: 'dar' }]],
    ['a command without autocomplete', 'sources', [{ name: 'x', type: 3, value: 'x', focused: true }]],
    ['a command this bot does not have', 'weather', [{ name: 'x', type: 3, value: 'x', focused: true }]],
  ])('autocomplete with %s gets an empty list', async (_name, name, options) => {
    const exchange = await h.emu.sendInteraction({ type: 'autocomplete', name, options });
    expect(exchange.callback).toEqual({ type: 8, data: { choices: [] } });
  });

  it('autocomplete discord.js cannot build gets an empty list', async () => {
    const exchange = await h.emu.sendInteraction({
      type: 'autocomplete',
      name: 'ask',
      options: [{ name: 'incident', type: 3, value: 'dar', focused: true }],
      tamper: (p) => {
        data(p).options = 'incident';
      },
    });
    expect(exchange.callback).toEqual({ type: 8, data: { choices: [] } });
  });

  it('answers a well-formed command after all of them', async () => {
    const exchange = await h.emu.sendInteraction({ type: 'command', name: 'casualties' });
    expect(exchange.callback?.type).toBe(4);
    expect(shown(exchange)).toMatch(/Casualties/);
  });
});
