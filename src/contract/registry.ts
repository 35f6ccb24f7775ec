/**
 * The commands by name, and what each definition says: its kind, its options, how a user calls
 * it. The router, the dispatcher, the console, /help and the tests read commands through here.
 */
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
} from 'discord-api-types/v10';
import type { CommandModule } from './types.js';

export interface CommandRegistry {
  readonly all: readonly CommandModule[];
  /** The command of this name (as Discord sends it, or typed in any case), if there is one. */
  get(name: string): CommandModule | undefined;
}

export function commandRegistry(commands: readonly CommandModule[]): CommandRegistry {
  const byName = new Map(commands.map((c) => [c.definition.name.toLowerCase(), c]));
  return { all: commands, get: (name) => byName.get(name.toLowerCase()) };
}

/** A message context-menu command ("Look up in briefing"), not a slash command. */
export function isMessageCommand(command: CommandModule): boolean {
  return command.definition.type === ApplicationCommandType.Message;
}

/** How a user calls it: `/casualties`, or “Look up in briefing” from a message's menu. */
export function invocation(command: CommandModule): string {
  return isMessageCommand(command) ? `“${command.definition.name}”` : `/${command.definition.name}`;
}

/** The command's top-level options (its subcommands, for a command that has them). */
export function optionsOf(command: CommandModule): APIApplicationCommandOption[] {
  const { definition } = command;
  return ('options' in definition ? definition.options : undefined) ?? [];
}

export function subcommandsOf(command: CommandModule): APIApplicationCommandOption[] {
  return optionsOf(command).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
}

/** The options a call takes: the command's, or its subcommand's (none for a subcommand it lacks). */
export function optionsFor(
  command: CommandModule,
  subcommand: string | undefined,
): APIApplicationCommandOption[] {
  const subcommands = subcommandsOf(command);
  if (subcommands.length === 0) return optionsOf(command);
  const sub = subcommands.find((o) => o.name === subcommand);
  return (sub && 'options' in sub ? sub.options : undefined) ?? [];
}
