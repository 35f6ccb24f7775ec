/**
 * Reading a command typed as in Discord: `/ask question: how many were wounded`,
 * `/group name: TTP private: true`, `/digest set cron: 0 9 * * *`, or a context-menu command as
 * `Look up in briefing: some message text`. Options are typed from the command's own definition.
 */
import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describeOptionType } from './options.js';
import { type CommandRegistry, isMessageCommand, optionsOf, subcommandsOf } from './registry.js';
import type { CommandInput, OptionValue } from './types.js';

export type ParseResult =
  | { ok: true; name: string; input: CommandInput }
  | { ok: false; name?: string; problem: string };

export function parseCommandLine(registry: CommandRegistry, line: string): ParseResult {
  const text = line.trim();
  const menu = registry.all.find(
    (c) => isMessageCommand(c) && text.toLowerCase().startsWith(`${c.definition.name.toLowerCase()}:`),
  );
  if (menu) {
    return {
      ok: true,
      name: menu.definition.name,
      input: { options: {}, targetText: text.slice(menu.definition.name.length + 1).trim() },
    };
  }
  const match = /^\/(\S+)\s*(.*)$/s.exec(withSlash(registry, text));
  if (!match)
    return {
      ok: false,
      problem: 'Commands start with “/”, e.g. /casualties or /ask question: how many were wounded.',
    };
  const [, name = '', rest = ''] = match;
  const command = registry.get(name);
  if (!command) return { ok: true, name, input: { options: {} } };

  let options = optionsOf(command);
  let args = rest;
  let subcommand: string | undefined;
  const subcommands = subcommandsOf(command);
  if (subcommands.length > 0) {
    const [word = '', ...more] = rest.split(/\s+/);
    const chosen = subcommands.find((o) => o.name === word.toLowerCase());
    if (!chosen) {
      return {
        ok: false,
        name,
        problem: `/${name} needs one of: ${subcommands.map((o) => o.name).join(', ')}, e.g. /${name} ${subcommands[0]?.name}.`,
      };
    }
    subcommand = chosen.name;
    options = ('options' in chosen ? chosen.options : undefined) ?? [];
    args = more.join(' ');
  }
  const parsed = parseOptions(options as APIApplicationCommandBasicOption[], args);
  if ('problem' in parsed) return { ok: false, name, problem: `/${name}: ${parsed.problem}` };
  return {
    ok: true,
    name: command.definition.name,
    input: subcommand ? { subcommand, options: parsed.values } : { options: parsed.values },
  };
}

/**
 * A line as a command: one without a slash is a question for /ask (`how many died?`), and `help`
 * is /help, when the console has those commands.
 */
function withSlash(registry: CommandRegistry, text: string): string {
  if (text.startsWith('/')) return text;
  if (/^help$/i.test(text) && registry.get('help')) return '/help';
  return registry.get('ask') ? `/ask ${text}` : text;
}

function parseOptions(
  options: readonly APIApplicationCommandBasicOption[],
  text: string,
): { values: Record<string, OptionValue> } | { problem: string } {
  const values: Record<string, OptionValue> = {};
  const names = options.map((o) => o.name);
  const keyPattern =
    names.length > 0 ? new RegExp(`(?:^|\\s)(${names.map(escapeRegExp).join('|')}):`, 'gi') : null;
  const marks = keyPattern ? [...text.matchAll(keyPattern)] : [];

  // Text before the first `name:` is the value of the first text option, so `/ask how many died` works.
  const leading = (marks[0] ? text.slice(0, marks[0].index) : text).trim();
  if (leading) {
    const first = options.find((o) => o.type === ApplicationCommandOptionType.String);
    if (!first) return { problem: `unexpected “${leading}”. ${usage(options)}` };
    values[first.name] = leading;
  }
  marks.forEach((mark, i) => {
    const key = (mark[1] ?? '').toLowerCase();
    const start = (mark.index ?? 0) + mark[0].length;
    values[key] = text.slice(start, marks[i + 1]?.index ?? text.length).trim();
  });

  for (const option of options) {
    const raw = values[option.name];
    if (raw === undefined || raw === '') {
      delete values[option.name];
      if (option.required) return { problem: `the option “${option.name}” is required. ${usage(options)}` };
      continue;
    }
    const typed = typeValue(option, String(raw));
    if (typed === undefined)
      return { problem: `“${raw}” is not a valid ${describeOptionType(option.type)} for ${option.name}.` };
    values[option.name] = typed;
  }
  return { values };
}

function typeValue(option: APIApplicationCommandBasicOption, raw: string): OptionValue | undefined {
  switch (option.type) {
    case ApplicationCommandOptionType.Boolean:
      return /^(true|yes|y|1)$/i.test(raw) ? true : /^(false|no|n|0)$/i.test(raw) ? false : undefined;
    case ApplicationCommandOptionType.Integer:
      return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    case ApplicationCommandOptionType.Number:
      return Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case ApplicationCommandOptionType.Channel:
      return /^<#(\d+)>$/.exec(raw)?.[1] ?? (/^\d+$/.test(raw) ? raw : undefined);
    default:
      return raw;
  }
}

function usage(options: readonly APIApplicationCommandBasicOption[]): string {
  if (options.length === 0) return 'It takes no options.';
  return `Options: ${options.map((o) => (o.required ? `${o.name}: …` : `[${o.name}: …]`)).join(' ')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
