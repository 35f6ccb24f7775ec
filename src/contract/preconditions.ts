/**
 * Permission checks, kept apart from command logic: a command declares what it needs, the adapter
 * checks it at run time (Discord's `default_member_permissions` only hides the command).
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { notice } from '../briefing/model.js';
import { privately } from './respond.js';
import type { Caller, CommandInput, CommandReply, Precondition } from './types.js';

/** "Manage Server", as discord-api-types names Discord's permission bit. */
export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;

/** A refusal to show, or null when the caller may run the command. */
export function refusal(
  preconditions: readonly Precondition[] | undefined,
  input: CommandInput,
  caller: Caller,
): CommandReply | null {
  for (const p of preconditions ?? []) {
    const applies =
      !p.subcommands || (input.subcommand !== undefined && p.subcommands.includes(input.subcommand));
    if (!applies) continue;
    if (!holds(caller, p.permission)) return privately(notice('Not allowed', [p.explanation]));
  }
  return null;
}

/**
 * Administrator grants every permission, as Discord itself treats it: Discord sends every bit to
 * administrators today, but a caller's permissions are not to depend on that.
 */
function holds(caller: Caller, permission: bigint): boolean {
  if (caller.permissions === null) return false;
  if ((caller.permissions & PermissionFlagsBits.Administrator) !== 0n) return true;
  return (caller.permissions & permission) === permission;
}
