/**
 * /context: the regional context, by topic, with dates (the topics and what falls under each:
 * src/briefing/context.ts).
 */

import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import {
  CONTEXT_TOPICS,
  contextBriefing,
  findContextTopic,
  sortContext,
  TOPIC_INFO,
  topicNames,
} from '../src/briefing/context.js';
import { plainEntityName } from '../src/briefing/entities.js';
import { escapeText } from '../src/briefing/markdown.js';
import { truncate } from '../src/briefing/truncate.js';
import { quotesMenu } from '../src/contract/actions.js';
import { didYouMean, incidentChoices, nearest } from '../src/contract/choices.js';
import { INCIDENT_OPTION, unknownIncident } from '../src/contract/common.js';
import { defineCommand } from '../src/contract/define.js';
import { stringOption } from '../src/contract/options.js';
import { respond } from '../src/contract/respond.js';
import type { Action, Choice, CommandInput, CommandReply } from '../src/contract/types.js';
import type { Dataset } from '../src/dataset/dataset.js';
import { findIncident, nameKey } from '../src/dataset/names.js';
import { plural } from '../src/plural.js';

const definition = {
  name: 'context',
  description: 'The regional context by topic: places, relations, groups, related events, with dates',
  options: [
    INCIDENT_OPTION,
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'places, relations, groups, related-events or all (default: all)',
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const;

export const context = defineCommand(definition, {
  reply: { visibility: 'asked', reuse: 'same-minute' },
  handle(input, { dataset }) {
    const incident = findIncident(dataset, stringOption(input, 'incident'));
    if (!incident) return respond(input, unknownIncident(input, dataset));
    const typed = stringOption(input, 'topic');
    const topic = typed === undefined ? 'all' : findContextTopic(typed);
    if (!topic) return unknownTopic(input, dataset, incident.id, typed ?? '');
    return respond(
      input,
      contextBriefing(dataset, { incident: incident.id, topic }),
      contextActions(dataset, incident.id),
    );
  },

  autocomplete: (focused, input, { dataset }) => {
    if (focused.name === 'incident') return incidentChoices(dataset, focused.value);
    const incident = findIncident(dataset, stringOption(input, 'incident'));
    return incident ? contextTopicChoices(dataset, incident.id, focused.value) : [];
  },
});

/** The quotes behind what the context names: its places, groups and events, with the most claims first. */
function contextActions(dataset: Dataset, incidentId: string): Action[] {
  const claims = (dataset.claimsByIncident.get(incidentId) ?? []).filter((c) => c.topic === 'context');
  const named = new Map<string, number>();
  for (const claim of claims) for (const id of claim.about) named.set(id, (named.get(id) ?? 0) + 1);
  const ids = [...named].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  return quotesMenu(
    incidentId,
    ids.map((id) => ({ name: plainEntityName(dataset, id), value: id })),
  );
}

function contextTopicChoices(dataset: Dataset, incidentId: string, typed: string): Choice[] {
  const key = nameKey(typed);
  const sorted = sortContext(dataset, incidentId);
  return CONTEXT_TOPICS.filter((t) => sorted.get(t)?.length)
    .filter((t) => key === '' || topicNames(t).some((n) => nameKey(n).includes(key)))
    .map((t) => {
      const n = sorted.get(t)?.length ?? 0;
      return {
        name: `${TOPIC_INFO[t].label}: ${TOPIC_INFO[t].about} (${plural(n, 'item')})`,
        value: t,
      };
    });
}

function unknownTopic(
  input: CommandInput,
  dataset: Dataset,
  incidentId: string,
  typed: string,
): CommandReply {
  const sorted = sortContext(dataset, incidentId);
  return respond(input, {
    title: 'Unknown context topic',
    description: `No context topic matches “${escapeText(truncate(typed, 100))}”.${didYouMean(
      nearest(CONTEXT_TOPICS, topicNames, typed),
    )} Pick one from the list as you type, or leave it empty for all.`,
    sections: [
      {
        heading: 'Topics',
        lines: CONTEXT_TOPICS.filter((t) => sorted.get(t)?.length).map(
          (t) => `• \`${t}\`: ${TOPIC_INFO[t].about} (${sorted.get(t)?.length ?? 0})`,
        ),
      },
    ],
    tone: 'notice',
  });
}
