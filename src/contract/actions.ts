/**
 * The actions replies offer, one definition each: the quotes behind a figure or point, every
 * source, a topic compared across the sources. Each runs a command, so a click gives what typing
 * the command would.
 */
import { measureLabel, pointHeading } from '../briefing/comparisons.js';
import type { Comparison } from '../compare/compare.js';
import type { Dataset } from '../dataset/dataset.js';
import type { Topic } from '../dataset/schema.js';
import type { Action, Choice } from './types.js';

/** "The quotes behind…": a menu of the measures and points a reply shows, running /quotes on the choice. */
export function quotesMenu(incidentId: string, offered: readonly Choice[]): Action[] {
  const choices = offered.filter((c, i) => offered.findIndex((o) => o.value === c.value) === i);
  if (choices.length === 0) return [];
  return [
    {
      kind: 'menu',
      placeholder: 'The quotes behind…',
      call: { command: 'quotes', input: { options: { incident: incidentId } } },
      option: 'about',
      choices,
    },
  ];
}

/** The quotes menu for the comparisons a reply shows: each measure or point once, in their order. */
export function quotesMenuFor(dataset: Dataset, incidentId: string, shown: readonly Comparison[]): Action[] {
  return quotesMenu(
    incidentId,
    shown.map((c) => comparisonChoice(dataset, c)),
  );
}

/** A comparison as /quotes is asked about it: its measure or its point. */
export function comparisonChoice(dataset: Dataset, c: Comparison): Choice {
  return c.kind === 'figures'
    ? { name: measureLabel(dataset, c.measure), value: c.measure }
    : { name: pointHeading(dataset, c.point), value: c.point };
}

export function allSourcesButton(): Action {
  return { kind: 'button', label: 'All sources', call: { command: 'sources', input: { options: {} } } };
}

/** /casualties with its chart: a picture on demand, so a quick look stays light. */
export function chartButton(incidentId: string): Action {
  return {
    kind: 'button',
    label: 'Chart',
    call: { command: 'casualties', input: { options: { incident: incidentId, chart: true } } },
  };
}

export function compareButton(incidentId: string, topic: Topic, label: string): Action {
  return {
    kind: 'button',
    label: `Compare: ${label.toLowerCase()}`,
    call: { command: 'compare', input: { options: { topic, incident: incidentId } } },
  };
}
