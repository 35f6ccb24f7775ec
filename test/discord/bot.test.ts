/**
 * The real bot against the local Discord emulator: every command as Discord sends it, replies as
 * Discord receives them, and the faults a live connection meets.
 */
import { InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { InteractionExchange } from '../../emulator/index.js';
import type { CommandModule } from '../../src/contract/types.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { readable } from '../commands/support.js';
import { type Harness, startHarness, stringOptions, TEST_TOKEN } from '../helpers/bot-harness.js';
import { chooseOption, messageText, replyMessage } from '../helpers/components.js';

/** What a user sees of a reply: the first message and its follow-ups. */
function visibleText(exchange: InteractionExchange): string {
  return [exchange.original ?? exchange.callback?.data ?? {}, ...exchange.followUps]
    .map(messageText)
    .join('\n');
}

function expectNoMentions(exchange: InteractionExchange) {
  for (const message of [exchange.callback?.data, ...exchange.edits, ...exchange.followUps]) {
    if (message && 'embeds' in message) expect(message.allowed_mentions).toEqual({ parse: [] });
  }
}

describe('the bot on the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('logs in, reaches ready and sees the server', async () => {
    expect(h.bot.client.isReady()).toBe(true);
    expect(h.bot.client.guilds.cache.has(h.emu.guildId)).toBe(true);
    expect(h.emu.gatewayStats.identifies).toBe(1);
  });

  const samples: Record<string, Record<string, string | boolean>> = {
    incident: {},
    casualties: {},
    compare: { topic: 'casualties' },
    timeline: {},
    group: { name: 'TJP' },
    context: {},
    sources: {},
    ask: { question: 'how many were wounded' },
    help: {},
  };

  it.each(Object.entries(samples))(
    '/%s answers with embeds, no mentions, within limits',
    async (name, options) => {
      const exchange = await h.emu.sendInteraction({
        type: 'command',
        name,
        options: stringOptions(options),
      });
      expect(exchange.callback?.type).toBe(4);
      expect(exchange.callback?.data?.embeds?.length).toBeGreaterThan(0);
      expect(exchange.ephemeral).toBe(false);
      expectNoMentions(exchange);
      // The emulator answers 400 to anything over Discord's limits, so arriving is the proof.
      expect(h.emu.requests.filter((r) => r.status === 400)).toEqual([]);
    },
  );

  it('/casualties shows both death tolls with their sources, and the quotes behind them a choice away', async () => {
    const reply = await h.emu.sendInteraction({ type: 'command', name: 'casualties' });
    const text = visibleText(reply);
    expect(text).toMatch(
      /^⚠️ conflicting · 23 to at least 24 · conservative 23 · 🏴 claimed: 20 indileak\.com$/m,
    );
    expect(text).toMatch(
      /^\*\*23\*\* countryroque\.com · \*\*at least 23\*\* countryroque\.com · \*\*at least 24\*\* indileak\.com$/m,
    );
    expect(text).toMatch(/indileak\.com/);
    const quotes = visibleText(
      await chooseOption(h.emu, replyMessage(reply), 'Security forces killed (officers, soldiers)'),
    );
    expect(quotes).toMatch(/^ {2}◦ — indileak\.com: “killing at least 24 officers”$/m);
    expect(quotes).toMatch(
      /^ {2}◦ _\(official\)_ — countryroque\.com, officials said: “Twenty-three soldiers/m,
    );
    expect(quotes).toMatch(/Perpetrators’ claim: \*\*20 officers\*\*/);
  });

  it('/digest preview is private and compares the sources', async () => {
    const exchange = await h.emu.sendInteraction({
      type: 'command',
      name: 'digest',
      options: [{ name: 'preview', type: 1, options: [] }],
    });
    expect(exchange.ephemeral).toBe(true);
    const text = visibleText(exchange);
    expect(text).toMatch(/Where they differ/);
    expect(text).toMatch(
      /^⚠️ \*\*Security forces killed \(officers, soldiers\)\*\*: 23 to at least 24; 23 \(countryroque\.com\) against at least 24 \(indileak\.com\)$/m,
    );
  });

  it('private: true gives an ephemeral reply', async () => {
    const exchange = await h.emu.sendInteraction({
      type: 'command',
      name: 'sources',
      options: stringOptions({ private: true }),
    });
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.callback?.data?.flags).toBe(64);
  });

  it('the message context menu looks up the message’s text, privately', async () => {
    const exchange = await h.emu.sendInteraction({
      type: 'message-context',
      name: 'Look up in briefing',
      targetMessage: { content: 'did they really kill 6 attackers?' },
    });
    expect(exchange.ephemeral).toBe(true);
    expect(visibleText(exchange)).toMatch(
      /^\*\*5\*\* indileak\.com · \*\*6\*\* \(ISPR statement, via countryroque\.com\)\n⚠️ 5 conflicts with 6$/m,
    );
  });

  it('autocomplete answers with at most 25 choices', async () => {
    const exchange = await h.emu.sendInteraction({
      type: 'autocomplete',
      name: 'group',
      options: [{ name: 'name', type: 3, value: 'teh', focused: true }],
    });
    expect(exchange.callback?.type).toBe(8);
    const choices = exchange.callback?.data?.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('tjp');
  });

  it('/digest set is refused to a member without Manage Server, at run time', async () => {
    const exchange = await h.emu.sendInteraction({
      type: 'command',
      name: 'digest',
      permissions: '0',
      options: [{ name: 'set', type: 1, options: [{ name: 'channel', type: 7, value: h.emu.channelId }] }],
    });
    expect(exchange.ephemeral).toBe(true);
    expect(visibleText(exchange)).toMatch(/Manage Server/);
  });

  it('/digest status is answered for an administrator, whose Administrator bit is all they hold', async () => {
    const status = (permissions: string) =>
      h.emu.sendInteraction({
        type: 'command',
        name: 'digest',
        permissions,
        options: [{ name: 'status', type: 1 }],
      });
    const administrator = visibleText(await status(String(PermissionFlagsBits.Administrator)));
    expect(administrator).not.toMatch(/Not allowed/);
    expect(administrator).toMatch(/schedule|digest/i);
    expect(visibleText(await status('0'))).toMatch(/Not allowed/);
  });

  it('/digest set with a bad cron expression or time zone is refused with an example', async () => {
    const set = (options: { name: string; type: number; value: string }[]) =>
      h.emu.sendInteraction({
        type: 'command',
        name: 'digest',
        options: [
          {
            name: 'set',
            type: 1,
            options: [{ name: 'channel', type: 7, value: h.emu.channelId }, ...options],
          },
        ],
      });
    const badCron = visibleText(await set([{ name: 'cron', type: 3, value: 'every day at nine' }]));
    expect(badCron).toMatch(/not a cron expression|fields/);
    expect(readable(badCron)).toMatch(/0 9 \* \* 1-5/);
    const badZone = visibleText(await set([{ name: 'timezone', type: 3, value: 'Mars/Olympus' }]));
    expect(badZone).toMatch(/not an IANA time zone/);
    expect(badZone).toMatch(/Asia\/Karachi/);
  });

  it('/digest set by a manager defers, saves the schedule and says when the next digest is', async () => {
    const exchange = await h.emu.sendInteraction({
      type: 'command',
      name: 'digest',
      options: [
        {
          name: 'set',
          type: 1,
          options: [
            { name: 'channel', type: 7, value: h.emu.channelId },
            { name: 'cron', type: 3, value: '0 9 * * *' },
          ],
        },
      ],
    });
    expect(exchange.callback?.type).toBe(5);
    expect(exchange.ephemeral).toBe(true);
    expect(visibleText(exchange)).toMatch(/Next digest <t:\d+:F>/);
    const status = visibleText(
      await h.emu.sendInteraction({
        type: 'command',
        name: 'digest',
        options: [{ name: 'status', type: 1, options: [] }],
      }),
    );
    expect(status).toMatch(/`0 9 \* \* \*` in Asia\/Karachi/);
  });

  it('an unknown command gets a helpful private reply', async () => {
    const exchange = await h.emu.sendInteraction({ type: 'command', name: 'weather' });
    expect(exchange.ephemeral).toBe(true);
    expect(visibleText(exchange)).toMatch(/no command “weather”/);
  });
});

describe('faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('a 429 on the reply is retried and the reply arrives exactly once', async () => {
    h.emu.injectFault({
      method: 'POST',
      path: /^\/interactions\/.+\/callback$/,
      status: 429,
      retryAfterSeconds: 0.05,
      times: 1,
    });
    const exchange = await h.emu.sendInteraction({ type: 'command', name: 'casualties' });
    const callbacks = h.emu.requests.filter(
      (r) => r.path === `/interactions/${exchange.id}/${exchange.token}/callback`,
    );
    expect(callbacks.map((r) => r.status)).toEqual([429, 204]);
    expect(exchange.callback?.type).toBe(4);
  });

  it('a 500 on the reply is retried and the reply arrives exactly once', async () => {
    h.emu.injectFault({ method: 'POST', path: /^\/interactions\/.+\/callback$/, status: 500, times: 1 });
    const exchange = await h.emu.sendInteraction({ type: 'command', name: 'incident' });
    const callbacks = h.emu.requests.filter(
      (r) => r.path === `/interactions/${exchange.id}/${exchange.token}/callback`,
    );
    expect(callbacks.map((r) => r.status)).toEqual([500, 204]);
  });

  it.each(['close', 'destroy'] as const)(
    'a gateway connection dropped (%s) is resumed and the next interaction answered',
    async (mode) => {
      const before = h.emu.gatewayStats.connections;
      h.emu.dropGateway(mode);
      await expect.poll(() => h.emu.gatewayStats.connections, { timeout: 10_000 }).toBeGreaterThan(before);
      await h.emu.waitForReady();
      const exchange = await h.emu.sendInteraction({ type: 'command', name: 'sources' });
      expect(exchange.callback?.type).toBe(4);
    },
  );

  it('a slow response to one reply does not hold up another interaction', async () => {
    const slow = h.emu.dispatchInteraction({ type: 'command', name: 'timeline' });
    h.emu.injectFault({
      method: 'POST',
      path: new RegExp(`^/interactions/${slow.id}/`),
      delayMs: 1_500,
      times: 1,
    });
    const quick = await h.emu.sendInteraction({ type: 'command', name: 'help' });
    expect(quick.callback?.type).toBe(4);
    // The quick one was answered while the slow one's callback was still held by the emulator.
    expect(h.emu.getInteraction(slow.id)?.callback).toBeUndefined();
    const done = await h.emu.waitForInteraction(slow.id);
    expect(done.callback?.type).toBe(4);
  });
});

describe('a handler that throws', () => {
  const broken: CommandModule = {
    definition: { name: 'broken', description: 'always fails' },
    reply: { visibility: 'asked', reuse: 'same-minute' },
    handle() {
      throw new Error('boom');
    },
  };
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ commands: [...commands, broken] });
  });
  afterAll(async () => {
    await h.close();
  });

  it('gets a short private apology, one logged error, and the bot lives on', async () => {
    const exchange = await h.emu.sendInteraction({ type: 'command', name: 'broken' });
    expect(exchange.ephemeral).toBe(true);
    expect(visibleText(exchange)).toMatch(/Sorry, that went wrong/);
    expect(h.logs.filter((l) => l.includes('"handler failed"'))).toHaveLength(1);
    const next = await h.emu.sendInteraction({ type: 'command', name: 'casualties' });
    expect(next.callback?.type).toBe(4);
  });
});

describe('logging', () => {
  it('never writes the token, even at debug level, and logs one line per interaction', async () => {
    const h = await startHarness({ logLevel: 'trace' });
    try {
      await h.emu.sendInteraction({
        type: 'command',
        name: 'ask',
        options: stringOptions({ question: `what is ${TEST_TOKEN}` }),
      });
      await h.emu.sendInteraction({ type: 'command', name: 'casualties' });
      // The log line is written once the reply is sent, just after the emulator has it.
      const interactionLines = () => h.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'interaction');
      await expect.poll(() => interactionLines().length).toBe(2);
      const interactions = interactionLines();
      expect(interactions.map((l) => l.command)).toEqual(['ask', 'casualties']);
      expect(interactions[0]).toMatchObject({
        outcome: 'ok',
        options: { question: expect.stringMatching(/chars$/) },
      });
      expect(typeof interactions[0].ms).toBe('number');
      expect(h.logs.length).toBeGreaterThan(5);
      expect(h.logs.join('')).not.toContain(TEST_TOKEN);
    } finally {
      await h.close();
    }
  });
});

describe('deploy-commands', () => {
  it('registers every command and the emulator accepts each definition', async () => {
    const h = await startHarness({ start: false });
    try {
      const { registered, scope } = await deployCommands({
        token: TEST_TOKEN,
        clientId: h.emu.applicationId,
        guildId: h.emu.guildId,
        apiUrl: h.emu.apiUrl,
        commands,
      });
      expect(scope).toBe(`server ${h.emu.guildId}`);
      expect(registered.map((c) => c.name).sort()).toEqual(commands.map((c) => c.definition.name).sort());
      expect(h.emu.commands.guild.get(h.emu.guildId)).toHaveLength(commands.length);
      const global = await deployCommands({
        token: TEST_TOKEN,
        clientId: h.emu.applicationId,
        apiUrl: h.emu.apiUrl,
        commands,
      });
      expect(global.scope).toBe('global');
      expect(h.emu.commands.global).toHaveLength(commands.length);
      // /digest is a server's schedule: offered in servers only, through interaction contexts.
      const digest = global.registered.find((c) => c.name === 'digest');
      expect(digest?.contexts).toEqual([InteractionContextType.Guild]);
      expect(digest).not.toHaveProperty('dm_permission', false);
    } finally {
      await h.close();
    }
  });
});

describe('load', () => {
  it('past a backlog, interactions are acknowledged first, answered after, and private stays private', async () => {
    // A backlog of two is enough to defer: what matters here is what users see, not when.
    const h = await startHarness({ backlog: { deferAt: 2, answering: 2 } });
    try {
      const kinds = [
        { type: 'command', name: 'casualties' },
        { type: 'command', name: 'ask', options: stringOptions({ question: 'how many were wounded' }) },
        { type: 'command', name: 'sources', options: stringOptions({ private: true }) },
        {
          type: 'message-context',
          name: 'Look up in briefing',
          targetMessage: { content: 'attackers killed?' },
        },
        // Its reply is a private notice, though nothing said so beforehand.
        { type: 'command', name: 'weather' },
      ] as const;
      const sent = Array.from({ length: 40 }, (_, i) => {
        const kind = kinds[i % kinds.length] ?? kinds[0];
        return { kind, ...h.emu.dispatchInteraction(kind) };
      });
      const answered = await Promise.all(
        sent.map((s) => h.emu.waitForInteraction(s.id, { timeoutMs: 30_000 })),
      );
      const deferred = answered.filter((a) => a.callback?.type === 5);
      expect(deferred.length).toBeGreaterThan(0);
      for (const [i, exchange] of answered.entries()) {
        const kind = sent[i]?.kind;
        const shown = exchange.original ?? exchange.callback?.data;
        expect(shown?.embeds?.length, kind?.name).toBeGreaterThan(0);
        // Each visibility is known before the answer: acknowledged as it is answered, never taken back.
        expect(exchange.deleted, kind?.name).toBe(false);
        expect(exchange.followUps, kind?.name).toEqual([]);
        if (kind?.name === 'weather') expect(visibleText(exchange)).toMatch(/no command “weather”/);
        expect(exchange.ephemeral, kind?.name).toBe(kind?.name !== 'casualties' && kind?.name !== 'ask');
      }
      await expect.poll(() => h.logs.filter((l) => l.includes('"msg":"interaction"')).length).toBe(40);
      const lines = h.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'interaction');
      expect(lines.some((l) => l.deferred === true)).toBe(true);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a reply already kept is the acknowledgement itself, one request, even past a backlog', async () => {
    // Every answer to be worked out is deferred; one kept is not.
    const h = await startHarness({ backlog: { deferAt: 0, answering: 1 } });
    try {
      const requestsFor = (token: string) => h.emu.requests.filter((r) => r.path.includes(token));
      const first = h.emu.dispatchInteraction({ type: 'command', name: 'casualties' });
      const worked = await h.emu.waitForInteraction(first.id, { timeoutMs: 10_000 });
      expect(worked.callback?.type).toBe(5);
      expect(worked.edits).toHaveLength(1);
      const again = h.emu.dispatchInteraction({ type: 'command', name: 'casualties' });
      const kept = await h.emu.waitForInteraction(again.id, { timeoutMs: 10_000 });
      expect(kept.callback?.type).toBe(4);
      expect(requestsFor(again.token)).toHaveLength(1);
      expect(messageText(kept.callback?.data ?? {})).toBe(messageText(worked.original ?? {}));
      await expect.poll(() => h.logs.filter((l) => l.includes('"msg":"interaction"')).length).toBe(2);
      const lines = h.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'interaction');
      expect(lines.map((l) => [l.deferred, l.kept])).toEqual([
        [true, undefined],
        [undefined, true],
      ]);
    } finally {
      await h.close();
    }
  });

  it('answers every one of 1,000 interactions sent in a burst', async () => {
    const h = await startHarness({ emulator: { interactionDeadlineMs: 0 } });
    try {
      const names = ['casualties', 'ask', 'incident', 'sources'];
      const sent = Array.from({ length: 1000 }, (_, i) => {
        const name = names[i % names.length] ?? 'help';
        return h.emu.dispatchInteraction({
          type: 'command',
          name,
          options: name === 'ask' ? stringOptions({ question: `how many killed ${i}` }) : [],
        });
      });
      const answered = await Promise.all(
        sent.map((s) => h.emu.waitForInteraction(s.id, { timeoutMs: 60_000 })),
      );
      // Answered in full at once, or acknowledged first and filled in after.
      const inFull = answered.filter((a) => a.callback?.type === 4);
      const filledIn = answered.filter(
        (a) => a.callback?.type === 5 && (a.original?.embeds?.length ?? 0) > 0,
      );
      expect(inFull.length + filledIn.length).toBe(1000);
    } finally {
      await h.close();
    }
  }, 90_000);
});
