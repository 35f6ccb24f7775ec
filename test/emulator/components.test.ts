/**
 * Message components on the emulator: Discord's checks of buttons and menus, and presses on a
 * message the bot sent (a channel post, or an interaction's reply, ephemeral or not) answered as
 * Discord allows: a reply, a deferral, an update of the message, or a deferred update then an edit.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Interaction, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Emulator,
  FormErrors,
  type JsonObject,
  startEmulator,
  validateMessageBody,
} from '../../emulator/index.js';

const button = (customId: string, label = 'Press') => ({ type: 2, style: 2, label, custom_id: customId });
const menu = (customId: string, options: JsonObject[], extra: JsonObject = {}) => ({
  type: 3,
  custom_id: customId,
  options,
  ...extra,
});
const option = (value: string, label = value) => ({ label, value });
const row = (...components: JsonObject[]) => ({ type: 1, components });

/** The error codes Discord would answer a message with these components with, by path. */
function problems(components: unknown[]): Record<string, string[]> {
  const errors = new FormErrors();
  validateMessageBody(errors, { content: 'x', components });
  const found: Record<string, string[]> = {};
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (key === '_errors') found[path.join('.')] = (value as { code: string }[]).map((e) => e.code);
      else walk(value as Record<string, unknown>, [...path, key]);
    }
  };
  walk(errors.tree as Record<string, unknown>, []);
  return found;
}

describe('component checks, as Discord makes them', () => {
  it('accepts rows of up to five buttons and a menu in a row of its own', () => {
    expect(
      problems([
        row(button('a'), button('b'), button('c'), button('d'), button('e')),
        row(menu('m', [option('1'), option('2')], { placeholder: 'p'.repeat(150) })),
      ]),
    ).toEqual({});
  });

  it.each([
    [
      'a button label over 80',
      [row(button('a', 'x'.repeat(81)))],
      { 'components.0.components.0.label': ['BASE_TYPE_MAX_LENGTH'] },
    ],
    [
      'a custom_id over 100',
      [row(button('x'.repeat(101)))],
      { 'components.0.components.0.custom_id': ['BASE_TYPE_BAD_LENGTH'] },
    ],
    [
      'an empty custom_id',
      [row(button(''))],
      { 'components.0.components.0.custom_id': ['BASE_TYPE_BAD_LENGTH'] },
    ],
    [
      'a custom_id used twice in a message',
      [row(button('a')), row(menu('a', [option('1')]))],
      { 'components.1.components.0.custom_id': ['COMPONENT_CUSTOM_ID_DUPLICATED'] },
    ],
    [
      'six buttons in a row',
      [row(...['a', 'b', 'c', 'd', 'e', 'f'].map((id) => button(id)))],
      { 'components.0.components': ['BASE_TYPE_MAX_LENGTH'] },
    ],
    [
      'six rows',
      ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => row(button(id))),
      { components: ['BASE_TYPE_MAX_LENGTH'] },
    ],
    [
      'a menu beside a button',
      [row(button('a'), menu('m', [option('1')]))],
      { 'components.0.components': ['COMPONENT_LAYOUT_WIDTH_EXCEEDED'] },
    ],
    [
      'a menu with no option',
      [row(menu('m', []))],
      { 'components.0.components.0.options': ['BASE_TYPE_BAD_LENGTH'] },
    ],
    [
      'a menu with 26 options',
      [
        row(
          menu(
            'm',
            Array.from({ length: 26 }, (_, i) => option(String(i))),
          ),
        ),
      ],
      { 'components.0.components.0.options': ['BASE_TYPE_BAD_LENGTH'] },
    ],
    [
      'an option label over 100',
      [row(menu('m', [option('1', 'x'.repeat(101))]))],
      { 'components.0.components.0.options.0.label': ['BASE_TYPE_BAD_LENGTH'] },
    ],
    [
      'an option value over 100',
      [row(menu('m', [option('x'.repeat(101), 'one')]))],
      { 'components.0.components.0.options.0.value': ['BASE_TYPE_BAD_LENGTH'] },
    ],
    [
      'two options of the same value',
      [row(menu('m', [option('1', 'one'), option('1', 'uno')]))],
      { 'components.0.components.0.options.1.value': ['SELECT_COMPONENT_OPTION_VALUE_DUPLICATED'] },
    ],
    [
      'a placeholder over 150',
      [row(menu('m', [option('1')], { placeholder: 'p'.repeat(151) }))],
      { 'components.0.components.0.placeholder': ['BASE_TYPE_MAX_LENGTH'] },
    ],
    [
      'a button with neither custom_id nor style',
      [row({ type: 2, label: 'x' })],
      {
        'components.0.components.0.style': ['BASE_TYPE_CHOICES'],
        'components.0.components.0.custom_id': ['BASE_TYPE_REQUIRED'],
      },
    ],
  ])('refuses %s', (_name, components, expected) => {
    expect(problems(components)).toEqual(expected);
  });
});

/** A bot written against discord.js: replies with a button and a menu, and answers presses as told by the id. */
async function handle(i: Interaction): Promise<void> {
  if (i.isChatInputCommand()) {
    await i.reply({
      content: 'choose',
      components: [
        row(button('update'), button('defer-update'), button('reply')),
        row(menu('pick', [option('a'), option('b')])),
      ],
      ...(i.commandName === 'secret' ? { flags: MessageFlags.Ephemeral } : {}),
    });
    return;
  }
  if (i.isStringSelectMenu()) {
    await i.reply({
      content: `picked ${i.values.join(',')} on ${i.message.flags.has(MessageFlags.Ephemeral) ? 'ephemeral' : 'public'}`,
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  if (!i.isButton()) return;
  if (i.customId === 'update') await i.update({ content: `updated by ${i.user.id}`, components: [] });
  else if (i.customId === 'defer-update') {
    await i.deferUpdate();
    await i.editReply({ content: 'edited after deferring', components: [] });
  } else
    await i.reply({
      content: `pressed by ${i.user.id} with ${i.memberPermissions?.bitfield}`,
      flags: MessageFlags.Ephemeral,
    });
}

describe('presses on messages the bot sent', () => {
  let emu: Emulator;
  let client: Client;
  const errors: unknown[] = [];
  beforeAll(async () => {
    emu = await startEmulator();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
    client.on(Events.InteractionCreate, (i) => void handle(i).catch((e: unknown) => errors.push(e)));
    const ready = once(client, Events.ClientReady);
    await client.login(emu.token);
    await ready;
  });
  afterAll(async () => {
    expect(errors).toEqual([]);
    await client.destroy();
    await emu.close();
  });

  const reply = async (name: string) => {
    const exchange = await emu.sendInteraction({ type: 'command', name });
    if (!exchange.original) throw new Error('no reply');
    return { exchange, message: exchange.original };
  };

  it('carries the presser, their permissions and the message with its flags', async () => {
    const { message } = await reply('public');
    const pressed = await emu.sendInteraction({
      type: 'component',
      customId: 'reply',
      messageId: message.id,
      userId: '880000000000000001',
      permissions: '32',
    });
    expect(pressed.callback?.data?.content).toBe('pressed by 880000000000000001 with 32');
    const picked = await emu.sendInteraction({
      type: 'component',
      customId: 'pick',
      componentType: 3,
      values: ['b'],
      messageId: (await reply('secret')).message.id,
    });
    expect(picked.callback?.data?.content).toBe('picked b on ephemeral');
  });

  it('an update (7) replaces the message where it is: an ephemeral reply stays ephemeral', async () => {
    const { exchange, message } = await reply('secret');
    const pressed = await emu.sendInteraction({
      type: 'component',
      customId: 'update',
      messageId: message.id,
    });
    expect(pressed.callback?.type).toBe(7);
    const updated = emu.getInteraction(exchange.id)?.original;
    expect(updated).toMatchObject({
      id: message.id,
      content: `updated by ${emu.userId}`,
      components: [],
      flags: 64,
    });
  });

  it('a deferred update (6) then an edit of @original edits the message pressed', async () => {
    const { exchange, message } = await reply('public');
    const pressed = await emu.sendInteraction({
      type: 'component',
      customId: 'defer-update',
      messageId: message.id,
    });
    expect(pressed.callback?.type).toBe(6);
    expect(pressed.edits).toHaveLength(1);
    expect(emu.getInteraction(exchange.id)?.original).toMatchObject({
      id: message.id,
      content: 'edited after deferring',
    });
  });

  it('refuses to send what no user could: a component not on the message, a value not in the menu', async () => {
    const { message } = await reply('public');
    expect(() =>
      emu.dispatchInteraction({ type: 'component', customId: 'absent', messageId: message.id }),
    ).toThrow(/no component with custom_id absent/);
    expect(() =>
      emu.dispatchInteraction({
        type: 'component',
        customId: 'pick',
        componentType: 3,
        values: ['z'],
        messageId: message.id,
      }),
    ).toThrow(/no option z/);
    expect(() =>
      emu.dispatchInteraction({
        type: 'component',
        customId: 'pick',
        componentType: 3,
        values: ['a', 'b'],
        messageId: message.id,
      }),
    ).toThrow(/1 to 1 choices/);
  });

  it('a stub message can be ephemeral', async () => {
    const picked = await emu.sendInteraction({
      type: 'component',
      customId: 'pick',
      componentType: 3,
      values: ['a'],
      messageFlags: 64,
    });
    expect(picked.callback?.data?.content).toBe('picked a on ephemeral');
  });
});
