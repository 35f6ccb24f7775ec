/** Shared helpers for the command tests: run a command as a user would, read its reply as text. */
import type { APIEmbed } from 'discord-api-types/v10';
import { expect } from 'vitest';
import type { CommandInput, CommandModule, CommandReply, OptionValue } from '../../src/command/types.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import type { Rendered } from '../../src/render/payload.js';
import { renderReply } from '../../src/render/render.js';
import { replyToText } from '../../src/render/text.js';
import { FormErrors, validateMessageBody } from '../emulator/index.js';

export const NOW = new Date('2024-06-01T12:00:00Z');

export interface Ran {
  reply: CommandReply;
  /** The reply as Discord receives it. */
  rendered: Rendered;
  /** The reply as the console shows it (Discord markdown and escapes removed). */
  text: string;
  embeds: APIEmbed[];
  /** Every field of every embed, in order. */
  fields: { name: string; value: string }[];
}

export function run(
  command: CommandModule,
  dataset: Dataset,
  options: Record<string, OptionValue> = {},
  extra: Partial<CommandInput> = {},
): Ran {
  const reply = command.handle({ options, ...extra }, { dataset, now: NOW });
  const rendered = expectSendable(reply);
  const embeds = rendered.messages.flatMap((m) => m.embeds ?? []);
  return {
    reply,
    rendered,
    text: replyToText(reply),
    embeds,
    fields: embeds.flatMap((e) => e.fields ?? []),
  };
}

/** A command's reply as Discord receives it (a rendered reply as it is). */
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
