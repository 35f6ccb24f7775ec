/**
 * Whatever anyone types, every reply is one Discord accepts, within every limit; it pings no one,
 * shows what was typed as written (no markdown, mention or timestamp of the typist's comes alive),
 * and carries nothing invisible to Discord or to the terminal; nothing throws. Thousands of
 * generated inputs across every command, its autocomplete and the console.
 */
import type { APIApplicationCommandOption } from 'discord-api-types/v10';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { FormErrors, validateAutocompleteChoices } from '../../emulator/index.js';
import { answerLine, formatReply } from '../../src/console/console.js';
import { commandRegistry, invocation, isMessageCommand } from '../../src/contract/registry.js';
import type { CommandInput, OptionValue } from '../../src/contract/types.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { fitChoices, MAX_MESSAGES_PER_REPLY, renderBriefing, renderReply } from '../../src/render/render.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { expectSafe, hostileText } from '../helpers/hostile.js';
import { renderedText } from '../helpers/payload-text.js';
import { expectSendable, NOW } from './support.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

/** Hostile and ordinary text alike: huge, markdown, mentions, timestamps, controls, unicode, empty. */
const text = fc.oneof(
  hostileText,
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ minLength: 2000, maxLength: 7000 }),
  fc.constantFrom(
    '',
    ' ',
    '@everyone',
    '@here',
    '<@123456789012345678>',
    '<@&1>',
    '<#1>',
    '**bold** __u__ `x` ||s||',
    '> quote',
    '# title',
    'how many were wounded',
    'T.J.P.',
    'Asia/Karachi',
    '0 9 * * *',
    '12345678901234567890',
  ),
);
const value: fc.Arbitrary<OptionValue> = fc.oneof(text, fc.boolean(), fc.integer(), fc.double());

function optionNames(options: readonly APIApplicationCommandOption[] | undefined): string[] {
  return (options ?? []).flatMap((o) =>
    'options' in o && o.type <= 2 ? optionNames(o.options as APIApplicationCommandOption[]) : [o.name],
  );
}

function subcommandsOf(options: readonly APIApplicationCommandOption[] | undefined): string[] {
  return (options ?? []).filter((o) => o.type === 1).map((o) => o.name);
}

describe.each(commands.map((c) => [c.definition.name, c] as const))('%s', (_name, command) => {
  const options =
    'options' in command.definition
      ? (command.definition.options as APIApplicationCommandOption[])
      : undefined;
  const names = [...optionNames(options), 'private', 'unknown'];
  const subcommands = subcommandsOf(options);
  const input: fc.Arbitrary<CommandInput> = fc.record(
    {
      subcommand: subcommands.length ? fc.constantFrom(...subcommands, 'bogus') : fc.constant(undefined),
      options: fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 6 }),
      targetText: text,
    },
    { requiredKeys: ['options'] },
  ) as fc.Arbitrary<CommandInput>;

  it('replies within every limit, as written, with nothing alive or invisible, whatever the input', () => {
    fc.assert(
      fc.property(input, (i) => {
        expectSafe(command.handle(i, { dataset, now: NOW }));
      }),
      { numRuns: 300 },
    );
  });
});

describe.each(commands.filter((c) => c.autocomplete).map((c) => [c.definition.name, c] as const))(
  '%s autocomplete',
  (_name, command) => {
    const options =
      'options' in command.definition
        ? (command.definition.options as APIApplicationCommandOption[])
        : undefined;
    const names = [...optionNames(options), 'unknown'];
    it('answers within Discord’s limits, whatever is typed', () => {
      fc.assert(
        fc.property(fc.constantFrom(...names), text, (name, typed) => {
          const choices =
            command.autocomplete?.({ name, value: typed }, { options: {} }, { dataset, now: NOW }) ?? [];
          const errors = new FormErrors();
          // As the adapter sends them: the first 25, within Discord's limits.
          validateAutocompleteChoices(errors, { choices: fitChoices(choices) });
          expect(errors.tree).toEqual({});
        }),
        { numRuns: 200 },
      );
    });
  },
);

describe('the renderer', () => {
  const line = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ minLength: 1000, maxLength: 5000 }),
    fc.constantFrom('@everyone', '<@1>'),
  );
  const briefing = fc.record({
    title: fc.oneof(fc.string({ maxLength: 400 }), fc.constant('')),
    description: fc.option(fc.string({ maxLength: 9000 }), { nil: undefined }),
    sections: fc.array(
      fc.record({ heading: fc.string({ maxLength: 400 }), lines: fc.array(line, { maxLength: 12 }) }),
      { maxLength: 40 },
    ),
    sources: fc.option(fc.array(line, { maxLength: 10 }), { nil: undefined }),
    footer: fc.option(fc.string({ maxLength: 3000 }), { nil: undefined }),
  });

  it('fits any briefing into messages Discord accepts, losing no line', () => {
    fc.assert(
      fc.property(briefing, fc.boolean(), (b, ephemeral) => {
        const reply = renderBriefing(b, { ephemeral });
        expectSendable(reply);
        expect(reply.messages.every((m) => (m.flags === 64) === ephemeral)).toBe(true);
        // Every short line arrives whole somewhere (long ones are split with … marks), unless the
        // answer was capped, which its last message then says.
        const capped =
          reply.messages.length === MAX_MESSAGES_PER_REPLY && /not shown/.test(renderedText(reply));
        if (capped) return;
        const all = reply.messages
          .flatMap((m) => m.embeds ?? [])
          .flatMap((e) => (e.fields ?? []).map((f) => f.value))
          .join('\n');
        for (const l of b.sections.flatMap((s) => s.lines))
          if (l.length > 0 && l.length < 1000) expect(all).toContain(l);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the console', () => {
  it('answers any typed line as Discord would, and prints it with nothing invisible, in text and JSON', () => {
    const commandNames = commands.map((c) =>
      isMessageCommand(c) ? `${c.definition.name}: ` : `${invocation(c)} `,
    );
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          text.map((t) => `/${t}`),
          fc.constantFrom(...commandNames).chain((p) => text.map((t) => p + t)),
          fc
            .constantFrom(...commandNames)
            .chain((p) =>
              fc
                .tuple(fc.constantFrom('question', 'incident', 'name', 'topic', 'cron', 'private'), text)
                .map(([o, t]) => `${p}${o}: ${t}`),
            ),
        ),
        (line) => {
          const reply = answerLine(line, { registry: commandRegistry(commands), dataset, now: () => NOW });
          expectSafe(reply);
          const json = formatReply(reply, true).split('\n');
          expect(json.map((l) => JSON.parse(l))).toEqual(renderReply(reply).messages);
          expect(formatReply(reply, false)).not.toMatch(/(?![\t\n])\p{Cc}|[\u202a-\u202e\u2066-\u2069]/u);
        },
      ),
      { numRuns: 500 },
    );
  });
});
