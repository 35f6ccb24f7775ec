/**
 * Buttons and menus pressed through the real discord.js client on the emulator: what the person
 * who pressed sees, what happens to the message pressed, and presses after a restart, after the
 * data changed, and on ids the bot cannot read.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST } from '@discordjs/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import {
  type ApiMessage,
  type InteractionExchange,
  type InteractionOption,
  startEmulator,
} from '../../emulator/index.js';
import { decodeCall, memoryCallStore } from '../../src/contract/calls.js';
import { renderCommandReply } from '../../src/contract/render-reply.js';
import type { CommandInput } from '../../src/contract/types.js';
import { restPoster } from '../../src/discord/poster.js';
import { callStoreFile } from '../../src/store/file-calls.js';
import { actionCommands, LONG_TEXT, offers } from '../helpers/action-commands.js';
import { type Harness, serving, startBotOn, startHarness, TEST_TOKEN } from '../helpers/bot-harness.js';
import { chooseOption, componentsOf, messageText, pressButton, replyMessage } from '../helpers/components.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';

/** Someone other than the person who asked (the emulator's default user). */
const OTHER_USER = '990000000000000001';

/** What a press answered with: its reply, the fill of its deferral, or the message it updated. */
function answer(exchange: InteractionExchange): ApiMessage | undefined {
  return exchange.original ?? exchange.followUps[0] ?? exchange.callback?.data;
}

function interactionLines(logs: readonly string[]) {
  return logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'interaction');
}

/** Requests the bot made on an interaction's webhook: edits, follow-ups or deletions of its messages. */
function webhookRequests(h: Harness, exchange: InteractionExchange) {
  return h.emu.requests.filter(
    (r) => r.path.startsWith('/webhooks/') && r.path.includes(`/${exchange.token}`),
  );
}

describe('presses on a public reply', () => {
  let h: Harness;
  let reply: InteractionExchange;
  beforeAll(async () => {
    h = await startHarness({ commands: [...commands, ...actionCommands] });
    reply = await h.emu.sendInteraction({ type: 'command', name: 'offers' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('offers its actions as components Discord accepts', () => {
    expect(reply.ephemeral).toBe(false);
    const components = componentsOf(replyMessage(reply));
    expect(components.map((c) => c.label ?? c.placeholder)).toEqual([
      'Echo hello',
      'Echo long',
      'Guarded',
      'Echo a word…',
    ]);
    expect(components.every((c) => c.customId.length <= 100)).toBe(true);
    expect(h.emu.requests.filter((r) => r.status === 400)).toEqual([]);
  });

  it('a button runs its call, with every option of its type, for the person who pressed, privately', async () => {
    const message = replyMessage(reply);
    const pressed = await pressButton(h.emu, message, 'Echo hello', { userId: OTHER_USER });
    expect(pressed.callback?.type).toBe(4);
    expect(pressed.ephemeral).toBe(true);
    const text = messageText(answer(pressed));
    expect(text).toMatch(/text="hello" \(string\)/);
    expect(text).toMatch(/count=3 \(number\)/);
    expect(text).toMatch(/ratio=0\.5 \(number\)/);
    expect(text).toMatch(/loud=true \(boolean\)/);
    expect(text).toContain(`data version ${h.dataset.version}`);
    expect(text).not.toMatch(/changed since/);
    // The public message is as it was: never edited, nothing sent on its webhook.
    expect(h.emu.getInteraction(reply.id)?.original).toEqual(message);
    expect(webhookRequests(h, reply)).toEqual([]);
  });

  it('a menu fills the option it names with the choice', async () => {
    const pressed = await chooseOption(h.emu, replyMessage(reply), 'Beta', { userId: OTHER_USER });
    expect(pressed.ephemeral).toBe(true);
    expect(messageText(answer(pressed))).toMatch(/count=1 \(number\)\ntext="beta" \(string\)/);
    expect(h.emu.getInteraction(reply.id)?.original).toEqual(replyMessage(reply));
  });

  it('a call too long for its id is kept by the bot and runs in full', async () => {
    const button = componentsOf(replyMessage(reply)).find((c) => c.label === 'Echo long');
    expect(button?.customId).toMatch(new RegExp(`^b1\\|${h.dataset.version}\\|@`));
    const pressed = await pressButton(h.emu, replyMessage(reply), 'Echo long');
    expect(messageText(answer(pressed))).toContain(`text=${JSON.stringify(LONG_TEXT)}`);
  });

  it('checks the permissions of the person who pressed', async () => {
    const refused = await pressButton(h.emu, replyMessage(reply), 'Guarded', {
      userId: OTHER_USER,
      permissions: '0',
    });
    expect(refused.ephemeral).toBe(true);
    expect(messageText(answer(refused))).toMatch(/Not allowed\nOnly server managers may run this\./);
    const allowed = await pressButton(h.emu, replyMessage(reply), 'Guarded');
    expect(messageText(answer(allowed))).toMatch(/Guarded\nIt ran\./);
  });

  it('logs one line per press: kind, component, command, outcome and time', async () => {
    await pressButton(h.emu, replyMessage(reply), 'Echo hello');
    await expect
      .poll(() => interactionLines(h.logs).filter((l) => l.kind === 'component').length)
      .toBeGreaterThanOrEqual(6);
    const presses = interactionLines(h.logs).filter((l) => l.kind === 'component');
    expect(presses.at(-1)).toMatchObject({ component: 'button', command: 'echo', outcome: 'ok' });
    expect(presses.map((l) => l.outcome)).toEqual(['ok', 'ok', 'ok', 'refused', 'ok', 'ok']);
    expect(presses.find((l) => l.component === 'menu')).toMatchObject({ command: 'echo', outcome: 'ok' });
    expect(presses.every((l) => typeof l.ms === 'number')).toBe(true);
  });
});

describe('an answer in parts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ commands: actionCommands });
  });
  afterAll(async () => {
    await h.close();
  });

  const long = (priv: boolean): InteractionOption[] => [
    { name: 'long', type: 5, value: true },
    ...(priv ? [{ name: 'private', type: 5, value: true }] : []),
  ];

  it('is one message, the first part, with a button to the next', async () => {
    const reply = await h.emu.sendInteraction({ type: 'command', name: 'offers', options: long(false) });
    const message = replyMessage(reply);
    expect(reply.followUps).toEqual([]);
    expect(messageText(message)).toMatch(/Part 1 of 2/);
    expect(componentsOf(message).map((c) => c.label ?? c.placeholder)).toEqual([
      'Part 2 of 2',
      'Echo hello',
      'Echo long',
      'Guarded',
      'Echo a word…',
    ]);
  });

  it('on a public reply, the next part comes privately; on that private message, the asker turns the page in place', async () => {
    const reply = await h.emu.sendInteraction({ type: 'command', name: 'offers', options: long(false) });
    const second = await pressButton(h.emu, replyMessage(reply), 'Part 2 of 2');
    expect(second.callback?.type).toBe(4);
    expect(second.ephemeral).toBe(true);
    expect(messageText(answer(second))).toMatch(/Part 2 of 2/);
    expect(webhookRequests(h, reply)).toEqual([]);

    const privateMessage = replyMessage(second);
    const first = await pressButton(h.emu, privateMessage, 'Part 1 of 2');
    expect(first.callback?.type).toBe(7);
    expect(messageText(answer(first))).toMatch(/Part 1 of 2/);
    expect(componentsOf(answer(first)).map((c) => c.label)).toContain('Part 2 of 2');
    // The private message itself now shows part 1: the emulator keeps it as Discord would.
    const updated = h.emu.getInteraction(second.id)?.original;
    expect(updated?.id).toBe(privateMessage.id);
    expect(messageText(updated)).toMatch(/Part 1 of 2/);
    expect(updated?.flags).toBe(64);
  });

  it('on a private reply, a part button edits it in place, and any other action answers with a new private message', async () => {
    const reply = await h.emu.sendInteraction({ type: 'command', name: 'offers', options: long(true) });
    expect(reply.ephemeral).toBe(true);
    const turned = await pressButton(h.emu, replyMessage(reply), 'Part 2 of 2');
    expect(turned.callback?.type).toBe(7);
    const page = h.emu.getInteraction(reply.id)?.original;
    expect(messageText(page)).toMatch(/Part 2 of 2/);

    const echoed = await pressButton(h.emu, page as ApiMessage & { id: string }, 'Echo hello');
    expect(echoed.callback?.type).toBe(4);
    expect(echoed.ephemeral).toBe(true);
    expect(messageText(answer(echoed))).toMatch(/text="hello"/);
    // The answer in parts is still there, on its second part.
    expect(h.emu.getInteraction(reply.id)?.original).toEqual(page);
  });
});

/** A clock a minute further at every reading: no answer is ever given again from those kept. */
function minuteByMinute(): () => Date {
  let minutes = 0;
  return () => new Date(Date.UTC(2026, 0, 1, 0, minutes++));
}

describe('presses under load', () => {
  it('are acknowledged first and answered after, privately, or in place for a page of a private answer', async () => {
    // Every answer worked out again, and deferred: what matters is what users see, not when.
    const h = await startHarness({
      commands: actionCommands,
      backlog: { deferAt: 0, answering: 1 },
      now: minuteByMinute(),
    });
    try {
      const reply = await h.emu.sendInteraction({
        type: 'command',
        name: 'offers',
        options: [{ name: 'long', type: 5, value: true }],
      });
      expect(reply.callback?.type).toBe(5);
      const echoed = await pressButton(h.emu, replyMessage(reply), 'Echo hello', { userId: OTHER_USER });
      expect(echoed.callback?.type).toBe(5);
      expect(echoed.ephemeral).toBe(true);
      expect(messageText(answer(echoed))).toMatch(/text="hello"/);

      const second = await pressButton(h.emu, replyMessage(reply), 'Part 2 of 2');
      expect(second.callback?.type).toBe(5);
      const turned = await pressButton(h.emu, replyMessage(second), 'Part 1 of 2');
      expect(turned.callback?.type).toBe(6);
      expect(turned.edits).toHaveLength(1);
      expect(messageText(h.emu.getInteraction(second.id)?.original)).toMatch(/Part 1 of 2/);
      const lines = () => interactionLines(h.logs).filter((l) => l.kind === 'component');
      await expect.poll(() => lines().length).toBe(3);
      expect(lines().every((l) => l.deferred === true && l.outcome === 'ok')).toBe(true);
      expect(lines().at(-1)).toMatchObject({ inPlace: true, part: 0 });
    } finally {
      await h.close();
    }
  });

  it('a page already kept is the acknowledgement itself: one request, in place or privately', async () => {
    const h = await startHarness({ commands: actionCommands, backlog: { deferAt: 0, answering: 1 } });
    try {
      const reply = await h.emu.sendInteraction({
        type: 'command',
        name: 'offers',
        options: [{ name: 'long', type: 5, value: true }],
      });
      // Worked out past the backlog: acknowledged first.
      expect(reply.callback?.type).toBe(5);
      // Its other part comes from the same reply, kept.
      const second = await pressButton(h.emu, replyMessage(reply), 'Part 2 of 2');
      expect(second.callback?.type).toBe(4);
      expect(second.ephemeral).toBe(true);
      expect(messageText(answer(second))).toMatch(/Part 2 of 2/);
      const turned = await pressButton(h.emu, replyMessage(second), 'Part 1 of 2');
      expect(turned.callback?.type).toBe(7);
      expect(turned.edits).toEqual([]);
      expect(messageText(h.emu.getInteraction(second.id)?.original)).toMatch(/Part 1 of 2/);
      const lines = () => interactionLines(h.logs).filter((l) => l.kind === 'component');
      await expect.poll(() => lines().length).toBe(2);
      expect(lines().every((l) => l.kept === true && l.deferred === undefined)).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe('ids the bot cannot use', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ commands: actionCommands });
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['a button from an older bot', { customId: 'old-button' }, /This button cannot be read/],
    [
      'a menu from an older bot',
      { customId: 'old-select', componentType: 3, values: ['a'] },
      /This menu cannot be read/,
    ],
    ['a damaged id', { customId: 'b1|0123456789|o.text=%27x' }, /This button cannot be read/],
    ['a value of no type', { customId: "b1|0123456789|c=echo&o.text=%7B'" }, /This button cannot be read/],
    [
      'a menu id that fills nothing',
      { customId: 'b1|0123456789|c=echo', componentType: 3, values: ['a'] },
      /This menu cannot be read/,
    ],
    [
      'a button id that fills an option',
      { customId: 'b1|0123456789|c=echo&f=text' },
      /This button cannot be read/,
    ],
    [
      'a stored call the bot no longer holds',
      { customId: 'b1|0123456789|@AAAAAAAAAAAAAAAA' },
      /This button has expired/,
    ],
  ])('%s gets a clear private answer', async (_name, press, says) => {
    const exchange = await h.emu.sendInteraction({ type: 'component', ...press });
    expect(exchange.callback?.type).toBe(4);
    expect(exchange.ephemeral).toBe(true);
    expect(messageText(answer(exchange))).toMatch(says);
    expect(h.bot.client.isReady()).toBe(true);
  });

  it('logs each as malformed or expired, with the id’s length only', async () => {
    await expect.poll(() => interactionLines(h.logs).length).toBe(7);
    const lines = interactionLines(h.logs);
    expect(lines.map((l) => l.outcome)).toEqual([
      'malformed',
      'malformed',
      'malformed',
      'malformed',
      'malformed',
      'malformed',
      'expired',
    ]);
    expect(lines[0]).toMatchObject({ kind: 'component', component: 'button', idLength: 'old-button'.length });
    expect(h.logs.join('')).not.toContain('old-button');
  });
});

describe('a restart, and new data', () => {
  it('a kept call still runs after the bot restarts, and a press on older data answers from the current data and says so', async () => {
    const emu = await startEmulator({ token: TEST_TOKEN });
    const stateDir = await mkdtemp(path.join(tmpdir(), 'briefing-state-'));
    try {
      const seeds = await loadSeeds();
      const first = await startBotOn(emu, stateDir, { commands: actionCommands, dataset: serving(seeds) });
      const reply = await emu.sendInteraction({ type: 'command', name: 'offers' });
      await first.bot.stop();
      expect(existsSync(callStoreFile(stateDir))).toBe(true);

      // Restarted on the same data and state folder.
      const second = await startBotOn(emu, stateDir, { commands: actionCommands, dataset: serving(seeds) });
      const long = await pressButton(emu, replyMessage(reply), 'Echo long');
      expect(messageText(answer(long))).toContain(`text=${JSON.stringify(LONG_TEXT)}`);
      expect(messageText(answer(long))).not.toMatch(/changed since/);
      await second.bot.stop();

      // Restarted on data with another report: another version.
      const story = await loadStory();
      expect(story.version).not.toBe(seeds.version);
      const third = await startBotOn(emu, stateDir, { commands: actionCommands, dataset: serving(story) });
      for (const label of ['Echo hello', 'Echo long']) {
        const pressed = await pressButton(emu, replyMessage(reply), label);
        const text = messageText(answer(pressed));
        expect(text).toMatch(
          /^Echo\n_The reports have changed since this message: this answer is from the current data\._/,
        );
        expect(text).toContain(`data version ${story.version}`);
      }
      await expect
        .poll(() => interactionLines(third.logs).filter((l) => l.kind === 'component').length)
        .toBe(2);
      expect(interactionLines(third.logs).filter((l) => l.kind === 'component')).toMatchObject([
        { stale: true, outcome: 'ok' },
        { stale: true, outcome: 'ok' },
      ]);
      await third.bot.stop();
    } finally {
      await emu.close();
      await rm(stateDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a digest post with components', () => {
  it('is posted with them, and a press on it answers privately and leaves the post as it was', async () => {
    const h = await startHarness({ commands: actionCommands });
    try {
      const reply = offers.handle({ options: {} }, { dataset: h.dataset, now: new Date(0) });
      const rendered = renderCommandReply(reply, {
        call: { command: 'offers', input: { options: {} } },
        version: h.dataset.version,
        // The bot's store is not needed: the long call is not pressed here.
        store: memoryCallStore(),
      });
      const poster = restPoster(new REST({ api: h.emu.apiUrl, retries: 0 }).setToken(TEST_TOKEN));
      const [id] = await poster.post(h.emu.channelId, rendered.messages, ['press-test-nonce']);
      const post = h.emu.channelMessages.get(h.emu.channelId)?.find((m) => m.id === id);
      expect(componentsOf(post).map((c) => c.label ?? c.placeholder)).toContain('Echo hello');
      const pressed = await pressButton(h.emu, post as ApiMessage & { id: string }, 'Echo hello', {
        userId: OTHER_USER,
      });
      expect(pressed.ephemeral).toBe(true);
      expect(messageText(answer(pressed))).toMatch(/text="hello"/);
      expect(h.emu.channelMessages.get(h.emu.channelId)?.find((m) => m.id === id)).toEqual(post);
    } finally {
      await h.close();
    }
  });
});

/** A call's options as Discord sends a slash command's. */
function slashOptions(input: CommandInput): InteractionOption[] {
  const options = Object.entries(input.options).map(([name, value]) => ({
    name,
    type: typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : Number.isInteger(value) ? 4 : 10,
    value,
  }));
  return input.subcommand ? [{ name: input.subcommand, type: 1, options }] : options;
}

describe('the bundled commands’ actions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(['casualties', 'incident', 'compare', 'sources', 'timeline'])(
    'each of /%s’s buttons and menu choices answers privately what typing its command answers',
    async (name) => {
      const options = name === 'compare' ? [{ name: 'topic', type: 3, value: 'casualties' }] : [];
      const reply = await h.emu.sendInteraction({ type: 'command', name, options });
      const message = replyMessage(reply);
      const presses = componentsOf(message).flatMap((c): { id: string; value?: string }[] =>
        c.type === 2 ? [{ id: c.customId }] : c.options.map((o) => ({ id: c.customId, value: o.value })),
      );
      expect(presses.length, `/${name} offers no action`).toBeGreaterThan(0);
      for (const press of presses) {
        const decoded = decodeCall(press.id, memoryCallStore());
        if ('problem' in decoded) throw new Error(`${name}: an id kept in the store: ${press.id}`);
        const input =
          press.value === undefined
            ? decoded.call.input
            : {
                ...decoded.call.input,
                options: { ...decoded.call.input.options, [decoded.fill ?? '']: press.value },
              };
        const pressed = await h.emu.sendInteraction({
          type: 'component',
          customId: press.id,
          messageId: message.id,
          userId: OTHER_USER,
          ...(press.value === undefined ? {} : { componentType: 3, values: [press.value] }),
        });
        expect(pressed.ephemeral, press.id).toBe(true);
        const typed = await h.emu.sendInteraction({
          type: 'command',
          name: decoded.call.command,
          options: slashOptions(input),
        });
        const partOf = (m: ApiMessage | undefined) =>
          (m?.embeds ?? []).map((e) => ({ ...e, footer: undefined }));
        // Each message has its own copy of a picture: the same file, at its own address.
        const shown = (m: ApiMessage | undefined) => ({
          embeds: (m?.embeds ?? []).map(({ image, ...e }) => ({ ...e, picture: image !== undefined })),
          files: (m?.attachments ?? []).map((a) => a.filename),
        });
        if (decoded.call.part === undefined)
          expect(shown(answer(pressed)), press.id).toEqual(shown(replyMessage(typed)));
        else expect(partOf(answer(pressed)).length, press.id).toBe(1);
      }
      expect(h.emu.getInteraction(reply.id)?.original).toEqual(message);
      expect(h.emu.requests.filter((r) => r.status >= 400)).toEqual([]);
    },
    60_000,
  );
});
