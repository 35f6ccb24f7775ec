/**
 * Buttons and menus as Discord's action rows, within its limits: up to five buttons a row, a menu
 * in a row of its own, at most five rows; labels and options cut to size. What does not fit is
 * left out (the commands offer few enough that nothing is, on any dataset the tests use), and so
 * is what Discord would refuse the whole message for: a second control with the same id, a menu
 * with no options, an option whose value another already has.
 */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { visibleText } from '../briefing/markdown.js';
import { truncate } from '../briefing/truncate.js';
import { LIMITS } from './limits.js';
import type { Control } from './payload.js';

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

export function componentRows(controls: readonly Control[]): Row[] {
  const rows: Row[] = [];
  const distinct = controls.filter((c, i) => controls.findIndex((o) => o.customId === c.customId) === i);
  const menus = distinct
    .flatMap((c) => (c.kind === 'menu' ? [menu(c)] : []))
    .filter((m) => m.options.length > 0);
  const buttons = distinct.filter((c) => c.kind === 'button');
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow)
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + LIMITS.buttonsPerRow).map(button),
    });
  for (const component of menus) rows.push({ type: ComponentType.ActionRow, components: [component] });
  return rows.slice(0, LIMITS.actionRows);
}

function button(control: Extract<Control, { kind: 'button' }>) {
  return {
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label: shown(control.label, LIMITS.buttonLabel),
    custom_id: control.customId,
  };
}

function menu(control: Extract<Control, { kind: 'menu' }>) {
  return {
    type: ComponentType.StringSelect as const,
    custom_id: control.customId,
    placeholder: shown(control.placeholder, LIMITS.menuPlaceholder),
    options: distinctValues(
      control.options.map((o) => ({
        label: shown(o.name, LIMITS.menuOptionLabel),
        value: o.value.slice(0, LIMITS.menuOptionValue),
      })),
    ).slice(0, LIMITS.menuOptions),
  };
}

function distinctValues<T extends { value: string }>(options: T[]): T[] {
  const seen = new Set<string>();
  return options.filter((o) => o.value !== '' && !seen.has(o.value) && seen.add(o.value));
}

/** A label as Discord takes it: visible, within its limit, never empty (Discord refuses that). */
function shown(label: string, limit: number): string {
  return truncate(visibleText(label).trim(), limit) || '—';
}
