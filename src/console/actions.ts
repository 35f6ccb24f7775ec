/**
 * A reply's actions in the console: numbered under the reply, a button as one entry and a menu as
 * one entry per choice ("[3] The quotes behind: People injured"), and run by typing `press 3`.
 * Each entry holds the component id Discord would get, read back as the bot reads a press, so the
 * console runs every action through the same calls as Discord does.
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';
import { type CallStore, decodeCall, encodeCall, pressedCall } from '../contract/calls.js';
import type { CommandCall, CommandReply } from '../contract/types.js';
import { plainText } from '../render/text.js';

export interface ConsoleAction {
  label: string;
  customId: string;
  /** A menu's choice: the value it fills in. */
  value?: string;
}

/**
 * The reply's actions, in the order Discord shows them (buttons, then menus): what the text view
 * lists (it prints every part of a long answer at once, so it needs no part buttons).
 */
export function actionsOfReply(reply: CommandReply, version: string, store: CallStore): ConsoleAction[] {
  const actions = reply.actions ?? [];
  const inOrder = [
    ...actions.filter((a) => a.kind === 'button'),
    ...actions.filter((a) => a.kind === 'menu'),
  ];
  return inOrder.flatMap((action): ConsoleAction[] =>
    action.kind === 'button'
      ? [{ label: action.label, customId: encodeCall({ call: action.call }, version, store) }]
      : action.choices.map((choice) => ({
          label: `${menuLabel(action.placeholder)}: ${choice.name}`,
          customId: encodeCall({ call: action.call, fill: action.option }, version, store),
          value: choice.value,
        })),
  );
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message's components in Discord's order, row by row: what `--json` printed, part buttons included. */
export function actionsOfComponents(rows: readonly Row[] | undefined): ConsoleAction[] {
  return (rows ?? []).flatMap((row) =>
    row.components.flatMap((component): ConsoleAction[] => {
      if (component.type === ComponentType.Button && 'custom_id' in component) {
        return [{ label: component.label ?? component.custom_id, customId: component.custom_id }];
      }
      if (component.type === ComponentType.StringSelect) {
        return component.options.map((option) => ({
          label: `${menuLabel(component.placeholder ?? 'Choose')}: ${option.label}`,
          customId: component.custom_id,
          value: option.value,
        }));
      }
      return [];
    }),
  );
}

/** "The quotes behind…" → "The quotes behind", to read "The quotes behind: People injured". */
function menuLabel(placeholder: string): string {
  return placeholder.replace(/\s*(…|\.\.\.)\s*$/, '').trim() || 'Choose';
}

/** The numbered list printed under a reply, or nothing when it offers no action. */
export function formatActions(actions: readonly ConsoleAction[]): string {
  if (actions.length === 0) return '';
  const lines = actions.map((a, i) => `[${i + 1}] ${plainText(a.label)}`);
  return [`Actions (type press and a number):`, ...lines].join('\n');
}

/** `press 3` → 3; `press` with anything else → NaN; any other line → null. */
export function readPress(line: string): number | null {
  const match = /^press\b\s*(.*)$/i.exec(line.trim());
  if (!match) return null;
  const number = (match[1] ?? '').trim();
  return /^\d{1,6}$/.test(number) ? Number(number) : Number.NaN;
}

/** The call an action runs, read from its id as the bot reads a press; null if the id cannot be. */
export function callOfAction(action: ConsoleAction, store: CallStore): CommandCall | null {
  const decoded = decodeCall(action.customId, store);
  return 'problem' in decoded ? null : pressedCall(decoded, action.value);
}
