/**
 * /group: a group's names, how each source characterises it, its claim of responsibility and its
 * people (a spokesman), its relations to other groups, and its history (src/briefing/group.ts). By
 * default the group recorded as responsible for the latest incident.
 */

import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { pointHeading } from '../src/briefing/comparisons.js';
import { groupTitle } from '../src/briefing/entities.js';
import { groupBriefing } from '../src/briefing/group.js';
import { escapeText } from '../src/briefing/markdown.js';
import { truncate } from '../src/briefing/truncate.js';
import { quotesMenu } from '../src/contract/actions.js';
import { didYouMean, groupChoices, nearest } from '../src/contract/choices.js';
import { defineCommand } from '../src/contract/define.js';
import { stringOption } from '../src/contract/options.js';
import { respond } from '../src/contract/respond.js';
import type { Action, CommandInput, CommandReply } from '../src/contract/types.js';
import { type Dataset, defaultIncident } from '../src/dataset/dataset.js';
import { findGroup, groupNames } from '../src/dataset/names.js';
import type { Group } from '../src/dataset/schema.js';

const definition = {
  name: 'group',
  description: 'A group: names, how each source describes it, its claims, spokesman, relations, history',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'name',
      description: 'Name, short name or alias (default: the group that claimed the latest incident)',
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const;

export const group = defineCommand(definition, {
  reply: { visibility: 'asked', reuse: 'same-minute' },
  handle(input, { dataset }) {
    const typed = stringOption(input, 'name');
    const found = typed === undefined ? defaultGroup(dataset) : findGroup(dataset, typed);
    if (!found) return unknownGroup(input, dataset, typed);
    return respond(input, groupBriefing(dataset, found), groupActions(dataset, found));
  },

  autocomplete: (focused, _input, { dataset }) => groupChoices(dataset, focused.value),
});

/** The quotes behind the group's characterisations, its people and itself, for the latest incident. */
function groupActions(dataset: Dataset, group: Group): Action[] {
  const incident = defaultIncident(dataset);
  if (!incident) return [];
  const claims = (dataset.claimsByEntity.get(group.id) ?? []).filter((c) => c.incident === incident.id);
  const points = [...new Set(claims.flatMap((c) => (c.point ? [c.point] : [])))];
  return quotesMenu(incident.id, [
    { name: group.short ?? group.name, value: group.id },
    ...points.map((p) => ({ name: pointHeading(dataset, p), value: p })),
    ...dataset.people.filter((p) => p.group === group.id).map((p) => ({ name: p.name, value: p.id })),
  ]);
}

/** The group recorded as responsible for the latest incident, if any. */
export function defaultGroup(dataset: Dataset): Group | undefined {
  const id = defaultIncident(dataset)?.responsible_group;
  const entity = id ? dataset.entityById.get(id) : undefined;
  return entity?.kind === 'group' ? entity.value : undefined;
}

function unknownGroup(input: CommandInput, dataset: Dataset, typed: string | undefined): CommandReply {
  return respond(input, {
    title: 'Unknown group',
    description:
      typed === undefined
        ? 'No group is recorded as responsible for the latest incident. Name one of the groups below.'
        : `No group matches “${escapeText(truncate(typed, 100))}”.${didYouMean(nearest(dataset.groups, groupNames, typed).map((g) => g.name))} Try a name, short name or alias below, or pick one from the list as you type.`,
    sections: [
      {
        heading: 'Groups in the dataset',
        lines:
          dataset.groups.length > 0
            ? dataset.groups.map((g) => {
                const aliases = g.aliases.filter((a) => a !== g.short);
                return `• ${groupTitle(g)}${aliases.length > 0 ? `, also ${aliases.map(escapeText).join(', ')}` : ''} (\`${g.id}\`)`;
              })
            : ['No groups are recorded yet.'],
      },
    ],
    tone: 'notice',
  });
}
