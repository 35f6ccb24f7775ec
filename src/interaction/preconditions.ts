/**
 * Permission checks, kept apart from command logic: a command declares what it needs, the adapter
 * checks it at run time (Discord's `default_member_permissions` only hides the command).
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Reply } from '../render/briefing.js';
import { renderNotice } from '../render/render.js';
import type { CommandInput } from './types.js';

/** "Manage Server", as discord-api-types names Discord's permission bit. */
export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;

export interface Precondition {
  /** The subcommands it applies to; all of the command when absent. */
  subcommands?: readonly string[];
  permission: bigint;
  /** Said to a user who lacks the permission. */
  explanation: string;
}

export interface Caller {
  /** The member's permissions in the channel; null outside a server. */
  permissions: bigint | null;
}

/** A refusal to show, or null when the caller may run the command. */
export function refusal(
  preconditions: readonly Precondition[] | undefined,
  input: CommandInput,
  caller: Caller,
): Reply | null {
  for (const p of preconditions ?? []) {
    const applies =
      !p.subcommands || (input.subcommand !== undefined && p.subcommands.includes(input.subcommand));
    if (!applies) continue;
    if (caller.permissions === null || (caller.permissions & p.permission) !== p.permission) {
      return renderNotice('Not allowed', [p.explanation], { ephemeral: true });
    }
  }
  return null;
}
