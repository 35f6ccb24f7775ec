/** Reading options from a CommandInput with the right type, whatever the caller sent. */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { optionsFor } from './registry.js';
import type { CommandInput, CommandModule, OptionValue } from './types.js';

/** The names of the options an input has: a command's own, as its definition types them (src/contract/define.ts). */
export type OptionName<I extends CommandInput> = keyof I['options'] & string;

export function stringOption<I extends CommandInput>(input: I, name: OptionName<I>): string | undefined {
  const value = input.options[name];
  if (value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

export function booleanOption<I extends CommandInput>(input: I, name: OptionName<I>): boolean {
  const value = input.options[name];
  return value === true || value === 'true' || value === 'yes';
}

/** Every command's `private` flag: the reply is ephemeral, seen only by the person who asked. */
export function isPrivate(input: CommandInput): boolean {
  return booleanOption(input, 'private');
}

/**
 * What is wrong with the options a command was given, against its own definition, or null. Discord
 * checks options against the definition it holds, which may be older than the bot's (until the
 * commands are deployed again): a required option can then be missing, or a value of another type.
 */
export function optionProblem(command: CommandModule, input: CommandInput): string | null {
  for (const option of optionsFor(command, input.subcommand)) {
    const value = input.options[option.name];
    if (value === undefined) {
      if ('required' in option && option.required) return `The option “${option.name}” is missing.`;
    } else if (!hasType(value, option.type)) {
      return `The option “${option.name}” should be a ${describeOptionType(option.type)}.`;
    }
  }
  return null;
}

function hasType(value: OptionValue, type: ApplicationCommandOptionType): boolean {
  switch (type) {
    case ApplicationCommandOptionType.Boolean:
      return typeof value === 'boolean';
    case ApplicationCommandOptionType.Integer:
      return Number.isInteger(value);
    case ApplicationCommandOptionType.Number:
      return typeof value === 'number';
    default:
      return typeof value === 'string';
  }
}

export function describeOptionType(type: ApplicationCommandOptionType): string {
  return (
    (
      {
        [ApplicationCommandOptionType.Boolean]: 'true/false value',
        [ApplicationCommandOptionType.Integer]: 'whole number',
        [ApplicationCommandOptionType.Number]: 'number',
        [ApplicationCommandOptionType.Channel]: 'channel id',
      } as Partial<Record<ApplicationCommandOptionType, string>>
    )[type] ?? 'text'
  );
}
