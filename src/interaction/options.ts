/** Reading options from a CommandInput with the right type, whatever the caller sent. */
import type { CommandInput } from './types.js';

export function stringOption(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  if (value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

export function booleanOption(input: CommandInput, name: string): boolean {
  const value = input.options[name];
  return value === true || value === 'true' || value === 'yes';
}

/** Every command's `private` flag: the reply is ephemeral, seen only by the person who asked. */
export function isPrivate(input: CommandInput): boolean {
  return booleanOption(input, 'private');
}
