/**
 * Buttons and menus as Discord's action rows, within its limits: up to five buttons a row, a menu
 * in a row of its own, at most five rows; labels and options cut to size. What does not fit is
 * left out (the commands offer few enough that nothing is, on any dataset the tests use).
 */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { LIMITS } from './limits.js';
import type { Control } from './payload.js';
import { truncate } from './text-fit.js';

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

export function componentRows(controls: readonly Control[]): Row[] {
  const rows: Row[] = [];
  const menus = controls.filter((c) => c.kind === 'menu');
  const buttons = controls.filter((c) => c.kind === 'button');
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow)
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + LIMITS.buttonsPerRow).map(button),
    });
  for (const control of menus) rows.push({ type: ComponentType.ActionRow, components: [menu(control)] });
  return rows.slice(0, LIMITS.actionRows);
}

function button(control: Extract<Control, { kind: 'button' }>) {
  return {
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label: truncate(control.label, LIMITS.buttonLabel),
    custom_id: control.customId,
  };
}

function menu(control: Extract<Control, { kind: 'menu' }>) {
  return {
    type: ComponentType.StringSelect as const,
    custom_id: control.customId,
    placeholder: truncate(control.placeholder, LIMITS.menuPlaceholder),
    options: control.options.slice(0, LIMITS.menuOptions).map((o) => ({
      label: truncate(o.name, LIMITS.menuOptionLabel),
      value: o.value.slice(0, LIMITS.menuOptionValue),
    })),
  };
}
