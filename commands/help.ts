/**
 * /help: what each command does, read from the command definitions themselves (names,
 * descriptions, options, subcommands, permissions), so it stays right when commands are added.
 *
 * No import cycle: the index imports this file, so this file cannot import the index. Instead
 * `helpCommand` takes a function that returns the list, and the index builds /help with
 * `helpCommand(() => commands)`. The function is only called when /help runs, after the index
 * module has finished loading, so the list is always complete (it includes /help itself).
 */
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
} from 'discord-api-types/v10';
import { VERDICT_MARKS } from '../src/briefing/comparisons.js';
import { escapeText } from '../src/briefing/markdown.js';
import type { Briefing, Section } from '../src/briefing/model.js';
import { defineCommand } from '../src/contract/define.js';
import { MANAGE_GUILD } from '../src/contract/preconditions.js';
import { optionsOf } from '../src/contract/registry.js';
import { respond } from '../src/contract/respond.js';
import type { CommandModule } from '../src/contract/types.js';
import type { Dataset } from '../src/dataset/dataset.js';
import { plural } from '../src/plural.js';
import { LOOKUP_NAME } from './lookup.js';

/** Context-menu commands carry no description in Discord, so /help says what they do here. */
const MENU_HELP: Record<string, string> = {
  [LOOKUP_NAME]: 'Runs the /ask lookup on the text of the message it is used on. Only you see the answer.',
};

const definition = {
  name: 'help',
  description: 'What each command does, and how replies cite their sources',
} as const;

export function helpCommand(listCommands: () => readonly CommandModule[]): CommandModule {
  return defineCommand(definition, {
    reply: { visibility: 'asked', reuse: 'same-minute' },
    handle: (input, { dataset }) => respond(input, helpBriefing(listCommands(), dataset)),
  });
}

export function helpBriefing(commands: readonly CommandModule[], dataset?: Dataset): Briefing {
  const sections: Section[] = commands.map(commandSection);
  const takesPrivate = commands.some((c) => optionsOf(c).some((o) => o.name === 'private'));
  sections.push({
    heading: 'How to read a reply',
    lines: [
      'Reports are named by **label** (their outlet, or a label the dataset sets), the same in every reply; a long list shows two and "+N", the rest one click away. The **Sources** list at the end of a reply gives each one’s date and link; `/sources report:` takes a label.',
      'Every claim is shown with who says it in the report and a verbatim quote: “…”.',
      `**${VERDICT_MARKS.agree}**, **${VERDICT_MARKS.differ}** (the reply shows each side; none is picked), **${VERDICT_MARKS.single_origin}** (one report, or one statement however many reports carry it).`,
      '**❓** marks what the curator judges a probable error of its report: shown with the reason, never counted.',
      '**🏴** marks a perpetrators’ claim (what the group itself says): never verified by the reports, kept apart, never counted towards agreement.',
      '_(official)_, _(analyst’s view)_, _(could not be independently verified)_ say what kind of claim a line is.',
      ...(takesPrivate ? ['Add **private: True** to a command so that only you see the answer.'] : []),
    ],
  });
  return {
    title: 'Help: what each command does',
    description: dataset
      ? `Every answer comes from the curated dataset: ${plural(dataset.sources.length, 'report')}, ${plural(dataset.claims.length, 'claim')} about ${plural(dataset.incidents.length, 'incident')}. Nothing is guessed.`
      : 'Every answer comes from the curated dataset of reports. Nothing is guessed.',
    sections,
    footer: 'Options with autocomplete suggest values as you type.',
    tone: 'neutral',
  };
}

function commandSection(command: CommandModule): Section {
  const def = command.definition;
  const lock = (sub?: string) => {
    const p = (command.preconditions ?? []).find(
      (x) => x.subcommands === undefined || (sub !== undefined && x.subcommands.includes(sub)),
    );
    if (!p) return '';
    return p.permission === MANAGE_GUILD ? ' 🔒 _server managers only_' : ' 🔒 _needs a server permission_';
  };

  if (def.type === ApplicationCommandType.Message || def.type === ApplicationCommandType.User) {
    const where = def.type === ApplicationCommandType.Message ? 'message' : 'user';
    return {
      heading: `“${def.name}” (${where} menu)`,
      lines: [
        escapeText(MENU_HELP[def.name] ?? `A ${where} context-menu command.`),
        `Right-click (or long-press) a ${where}, then **Apps → ${escapeText(def.name)}**.${lock()}`,
      ],
    };
  }

  const description = 'description' in def && typeof def.description === 'string' ? def.description : '';
  const lines = [`${escapeText(description)}${lock()}`];
  for (const option of optionsOf(command)) {
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      lines.push(`• **/${def.name} ${option.name}**: ${escapeText(option.description)}${lock(option.name)}`);
      for (const sub of option.options ?? [])
        if (sub.name !== 'private') lines.push(`  ◦ ${optionLine(sub).slice(2)}`);
    } else if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
      for (const sub of option.options ?? []) {
        lines.push(`• **/${def.name} ${option.name} ${sub.name}**: ${escapeText(sub.description)}`);
      }
    } else if (option.name !== 'private') {
      lines.push(optionLine(option));
    }
  }
  return { heading: `/${def.name}`, lines };
}

/** "• `topic` (required, suggests values): casualties, attackers…" */
function optionLine(option: APIApplicationCommandOption): string {
  const traits = ['required' in option && option.required ? 'required' : 'optional'];
  if ('autocomplete' in option && option.autocomplete) traits.push('suggests values');
  return `• \`${option.name}\` (${traits.join(', ')}): ${escapeText(option.description)}`;
}
