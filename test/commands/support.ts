/**
 * Shared helpers for the command tests: run a command as a user would, see its reply as the
 * adapters send it (one message: the part asked for, with its buttons and menus), press those as a
 * user does, and read the reply as text.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import { expect } from 'vitest';
import { commands } from '../../commands/index.js';
import { FormErrors, validateMessageBody } from '../../emulator/index.js';
import { type CallStore, decodeCall, memoryCallStore, pressedCall } from '../../src/contract/calls.js';
import { dispatchCommand } from '../../src/contract/dispatch.js';
import { commandRegistry } from '../../src/contract/registry.js';
import { renderCommandReply } from '../../src/contract/render-reply.js';
import type {
  CommandCall,
  CommandInput,
  CommandModule,
  CommandReply,
  OptionValue,
} from '../../src/contract/types.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import type { MessagePayload, Rendered } from '../../src/render/payload.js';
import { renderReply } from '../../src/render/render.js';
import { replyToText } from '../../src/render/text.js';

export const NOW = new Date('2024-06-01T12:00:00Z');

/** A button or a menu under a message, as a user sees it. */
export interface Shown {
  kind: 'button' | 'menu';
  customId: string;
  /** A button's label, or a menu's placeholder. */
  label: string;
  /** A menu's options. */
  options: { label: string; value: string }[];
}

export interface Ran {
  reply: CommandReply;
  /** The call that made it: what its part buttons run again. */
  call: CommandCall;
  dataset: Dataset;
  /** Where the calls too long for a component's id are kept, as the bot keeps them. */
  store: CallStore;
  /** The reply as Discord receives it: one message, the part asked for. */
  rendered: Rendered;
  message: MessagePayload;
  /** The reply as the console shows it (every part; Discord markdown and escapes removed). */
  text: string;
  embeds: APIEmbed[];
  /** Every field of the message's embeds, in order. */
  fields: { name: string; value: string }[];
  /** How many parts the reply has: 1 unless it is longer than a message. */
  parts: number;
  components: Shown[];
}

const registry = commandRegistry(commands);

function nameOf(command: CommandModule): string {
  return command.definition.name;
}

/** Runs a command as a user would, and renders its reply as the adapters do (one part, 0 unless asked). */
export function run(
  command: CommandModule,
  dataset: Dataset,
  options: Record<string, OptionValue> = {},
  extra: Partial<CommandInput> = {},
  part?: number,
): Ran {
  const input: CommandInput = { options, ...extra };
  const reply = command.handle(input, { dataset, now: NOW });
  const call: CommandCall = { command: nameOf(command), input, ...(part === undefined ? {} : { part }) };
  return shown(reply, call, dataset, memoryCallStore());
}

function shown(reply: CommandReply, call: CommandCall, dataset: Dataset, store: CallStore): Ran {
  const rendered = renderCommandReply(reply, { call, version: dataset.version, store });
  expectSendable(rendered);
  expect(rendered.messages, 'a reply is one message').toHaveLength(1);
  const message = rendered.messages[0] as MessagePayload;
  const embeds = message.embeds ?? [];
  const footer = embeds.at(-1)?.footer?.text ?? '';
  return {
    reply,
    call,
    dataset,
    store,
    rendered,
    message,
    text: replyToText(reply),
    embeds,
    fields: embeds.flatMap((e) => e.fields ?? []),
    parts: Number(/Part \d+ of (\d+)$/.exec(footer)?.[1] ?? 1),
    components: componentsOf(message),
  };
}

function componentsOf(message: MessagePayload): Shown[] {
  return (message.components ?? []).flatMap((row) =>
    row.components.flatMap((c): Shown[] => {
      if ('custom_id' in c && c.type === 2)
        return [{ kind: 'button', customId: c.custom_id, label: c.label ?? '', options: [] }];
      if (c.type === 3)
        return [
          {
            kind: 'menu',
            customId: c.custom_id,
            label: c.placeholder ?? '',
            options: c.options.map((o) => ({ label: o.label, value: o.value })),
          },
        ];
      return [];
    }),
  );
}

/** Presses the button labelled `label` under the reply, as a user does: its id's call, run and rendered. */
export function press(ran: Ran, label: string | RegExp): Ran {
  const button = ran.components.find((c) => c.kind === 'button' && matches(c.label, label));
  expect(button, `a button ${String(label)} among ${labels(ran)}`).toBeDefined();
  return pressed(ran, button?.customId ?? '', undefined);
}

/** Chooses the option of value `value` in the menu whose placeholder is `placeholder`. */
export function choose(ran: Ran, placeholder: string | RegExp, value: string): Ran {
  const menu = ran.components.find((c) => c.kind === 'menu' && matches(c.label, placeholder));
  expect(menu, `a menu ${String(placeholder)} among ${labels(ran)}`).toBeDefined();
  expect(menu?.options.map((o) => o.value)).toContain(value);
  return pressed(ran, menu?.customId ?? '', value);
}

/** The options of the "The quotes behind…" menu: what a reply traces to its quotes in one click. */
export function quotesOffered(ran: Ran): { label: string; value: string }[] {
  return ran.components.find((c) => c.kind === 'menu' && c.label === QUOTES_MENU)?.options ?? [];
}

export const QUOTES_MENU = 'The quotes behind…';

/** Every part of a reply, the first one given, each reached by pressing its part button. */
export function everyPart(first: Ran): Ran[] {
  const all = [first];
  for (let part = 2; part <= first.parts; part++)
    all.push(press(all.at(-1) as Ran, `Part ${part} of ${first.parts}`));
  return all;
}

/** A reply that lists, read to its end: its first part, with the fields of every part in order. */
export function wholeReply(first: Ran): Ran {
  return { ...first, fields: everyPart(first).flatMap((part) => part.fields) };
}

function pressed(ran: Ran, customId: string, choice: string | undefined): Ran {
  const decoded = decodeCall(customId, ran.store);
  if ('problem' in decoded) throw new Error(`the id ${customId} is ${decoded.problem}`);
  expect(decoded.version).toBe(ran.dataset.version);
  const call = pressedCall(decoded, choice);
  if (!call) throw new Error(`the id ${customId} does not take the choice ${String(choice)}`);
  const result = dispatchCommand(
    registry,
    call.command,
    call.input,
    { dataset: ran.dataset, now: NOW },
    {
      permissions: null,
    },
  );
  expect(result.outcome, `${call.command} ran`).toBe('ok');
  return shown(result.reply, call, ran.dataset, ran.store);
}

function matches(text: string, wanted: string | RegExp): boolean {
  return typeof wanted === 'string' ? text === wanted : wanted.test(text);
}

function labels(ran: Ran): string {
  return JSON.stringify(ran.components.map((c) => c.label));
}

/** The characters Discord counts against a message's 6,000: titles, descriptions, fields, footers. */
export function embedCharacters(message: MessagePayload): number {
  return (message.embeds ?? []).reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
      (e.footer?.text?.length ?? 0) +
      (e.author?.name?.length ?? 0),
    0,
  );
}

/** A command's reply with every part sent at once (what the console and `--json` print). */
export function sent(reply: CommandReply | Rendered): Rendered {
  return 'briefing' in reply ? renderReply(reply) : reply;
}

/** Every message is one Discord would accept, and none can ping anyone; the messages, for more checks. */
export function expectSendable(reply: CommandReply | Rendered): Rendered {
  const rendered = sent(reply);
  expect(rendered.messages.length).toBeGreaterThan(0);
  for (const message of rendered.messages) {
    const errors = new FormErrors();
    validateMessageBody(errors, message as unknown as Record<string, unknown>);
    expect(errors.tree).toEqual({});
    expect(message.allowed_mentions).toEqual({ parse: [] });
  }
  return rendered;
}

/**
 * The text of the sections whose heading starts with `heading` (in any case), continuations included, as a
 * reader sees it: bold marks and markdown escapes removed (Discord timestamps are kept raw).
 */
export function section(ran: Ran, heading: string): string {
  const wanted = heading.toLowerCase();
  const fields = ran.fields.filter((f) =>
    f.name
      .replace(/ \(cont\.\)$/, '')
      .toLowerCase()
      .startsWith(wanted),
  );
  expect(fields.length, `a section headed “${heading}”`).toBeGreaterThan(0);
  return fields.map((f) => readable(f.value)).join('\n');
}

export function readable(markdown: string): string {
  return markdown
    .replace(/\*\*/g, '')
    .replace(/(^|\s)_([^_\n]+)_(?=\s|$)/gm, '$1$2')
    .replace(/\\([\\*_~`|<>#[\]().+-])/g, '$1');
}

/**
 * The Discord markdown in a text that is live, not escaped: masked links and Discord's tags in angle
 * brackets (timestamps, mentions, channels, commands, custom emoji).
 */
export function liveMarkup(markdown: string): string[] {
  return markdown.match(LIVE_MARKUP) ?? [];
}

/** After an even number of backslashes: a masked link's `[text](http…`, or a whole `<@…>`, `<#…>`, `<t:…>`… */
const LIVE_MARKUP =
  /(?<=(?:^|[^\\])(?:\\\\)*)(?:\[[^\]\n]+\]\(<?[hH][tT][tT][pP][sS]?:|<(?:[@#/:]|a:|t:|id:)[^\s>]*>?)/g;

/** Positions of the needles in the haystack, each expected to be found. */
export function positions(haystack: string, needles: readonly string[]): number[] {
  return needles.map((needle) => {
    const at = haystack.indexOf(needle);
    expect(at, `“${needle}” in the reply`).toBeGreaterThanOrEqual(0);
    return at;
  });
}

export function expectIncreasing(numbers: readonly number[]): void {
  expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
}

/** Strings a user could type that must neither break a reply nor ping anyone. */
export const HOSTILE_INPUTS = [
  '',
  ' ',
  '@everyone',
  '@here <@123> <@&456> <#789>',
  '**bold** _it_ `code` ||spoiler|| > quote',
  '```\nblock\n```',
  'x'.repeat(6000),
  '🏴‍☠️ العربية 中文 \u0000 \u200b',
  '\\',
  'T.J.P.',
];

/** Questions a desk asks on any day of a story: figures, who, what, where. */
export const ASKED = [
  'how many were wounded',
  'how many died',
  'how many attackers',
  'who claimed it',
  'what was the target',
  'how far is Daraban',
  'TJP spokesman',
];
