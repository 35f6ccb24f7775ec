/**
 * The first stage of answering: an interaction read into what it asks (a command call, or a notice
 * when there is nothing to run), how the answer is to be shown, and what its log record says.
 * Slash commands and message menu commands are read here; presses of buttons and menus in
 * presses.ts.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
  MessageContextMenuCommandInteraction,
  RepliableInteraction,
} from 'discord.js';
import { type Outcome, unreadableReply, unsupportedReply } from '../contract/dispatch.js';
import type { CommandRegistry } from '../contract/registry.js';
import { repliesPrivately } from '../contract/respond.js';
import type { CommandCall, CommandInput, CommandReply, OptionValue } from '../contract/types.js';
import type { Shown } from './responder.js';

/** How an interaction ended, as logged. */
export type Logged = Outcome | 'reply_failed' | 'unreadable' | 'unsupported' | 'expired' | 'malformed';

/** An interaction read: what to run or say, how the answer is shown, and what its log record says of it. */
export interface Asked {
  /** The call to run; or, when there is none, the notice to send and the outcome to log. */
  what: { call: CommandCall } | { notice: CommandReply; outcome: Logged };
  shown: Shown;
  /** A press on a message made from older data: the answer, from the current data, says so. */
  fromOlderData?: boolean;
  /** What the log record says of the interaction besides how it went. */
  log: Record<string, unknown>;
}

export type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

/** A slash command or a message menu command: its call, shown as its command declares. */
export function readCommand(registry: CommandRegistry, interaction: CommandInteraction): Asked {
  const input = interaction.isChatInputCommand()
    ? slashCommandInput(interaction)
    : messageMenuToInput(interaction);
  const log = {
    kind: interaction.isChatInputCommand() ? 'command' : 'context_menu',
    command: interaction.commandName,
    subcommand: input?.subcommand,
    options: optionSizes(input),
  };
  if (!input) {
    const notice = unreadableReply('Discord did not send the message this was used on.');
    return { what: { notice, outcome: 'unreadable' }, shown: { private: true }, log };
  }
  // A payload with no name is a command the bot does not have.
  const call: CommandCall = { command: interaction.commandName ?? '', input };
  return { what: { call }, shown: { private: repliesPrivately(registry.get(call.command), input) }, log };
}

/** User and channel menus, forms: the bot makes none, so any that arrives is someone else's. */
export function readUnsupported(interaction: RepliableInteraction): Asked {
  const kind = interaction.isMessageComponent()
    ? 'component'
    : interaction.isModalSubmit()
      ? 'form'
      : 'user_menu';
  return {
    what: { notice: unsupportedReply(), outcome: 'unsupported' },
    shown: { private: true },
    log: { kind },
  };
}

/** Option names and sizes only: what people typed may be personal. */
function optionSizes(input: CommandInput | undefined) {
  return Object.fromEntries(
    Object.entries(input?.options ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' ? `${v.length} chars` : v,
    ]),
  );
}

/** A slash command's (or its autocomplete's) subcommand and options, flattened by name. */
export function slashCommandInput(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): CommandInput {
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  const options = Object.fromEntries(flattenOptions(interaction.options.data));
  return subcommand ? { subcommand, options } : { options };
}

/** Options with a text, number or true/false value; any other value (a stale definition's) is left out. */
function flattenOptions(data: readonly CommandInteractionOption[]): [string, OptionValue][] {
  return data.flatMap((option) =>
    option.options
      ? flattenOptions(option.options)
      : isOptionValue(option.value)
        ? [[option.name, option.value] as [string, OptionValue]]
        : [],
  );
}

function isOptionValue(value: unknown): value is OptionValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The text of the message a context-menu command was used on: its content, else its embeds' text;
 * undefined when Discord did not send the message.
 */
export function messageMenuToInput(
  interaction: MessageContextMenuCommandInteraction,
): CommandInput | undefined {
  const message = interaction.targetMessage as Partial<typeof interaction.targetMessage> | null;
  if (!message) return undefined;
  const texts = (message.embeds ?? []).flatMap((e) => [e.title, e.description]);
  const content = typeof message.content === 'string' ? message.content : '';
  return { options: {}, targetText: content || texts.filter((t) => typeof t === 'string' && t).join('\n') };
}
