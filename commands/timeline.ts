/** /timeline: the dated events around the incident, in order, each with its sources (src/briefing/timeline.ts). */
import { pointHeading } from '../src/briefing/comparisons.js';
import { claimsByEvent, timelineBriefing } from '../src/briefing/timeline.js';
import { allSourcesButton, quotesMenu } from '../src/contract/actions.js';
import {
  type Answer,
  answerAboutIncident,
  INCIDENT_OPTION,
  incidentAutocomplete,
} from '../src/contract/common.js';
import { defineCommand } from '../src/contract/define.js';
import type { Action } from '../src/contract/types.js';
import type { Dataset } from '../src/dataset/dataset.js';
import type { Incident } from '../src/dataset/schema.js';

const definition = {
  name: 'timeline',
  description: 'The dated events around the incident, in order, each with its sources',
  options: [INCIDENT_OPTION],
} as const;

export const timeline = defineCommand(definition, {
  reply: { visibility: 'asked', reuse: 'same-minute' },
  handle: (input, env) => answerAboutIncident(input, env, timelineAnswer),
  autocomplete: incidentAutocomplete,
});

export function timelineAnswer(dataset: Dataset, incident: Incident): Answer {
  return { briefing: timelineBriefing(dataset, incident), actions: timelineActions(dataset, incident) };
}

/** The quotes behind the incident's time and each dated event, a click away; and every source. */
function timelineActions(dataset: Dataset, incident: Incident): Action[] {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const { byEvent } = claimsByEvent(dataset, incident);
  const timePoints = [...new Set(claims.flatMap((c) => (c.topic === 'time' && c.point ? [c.point] : [])))];
  const events = dataset.events.filter((e) => byEvent.has(e.id)).map((e) => ({ name: e.title, value: e.id }));
  return [
    ...quotesMenu(incident.id, [
      ...timePoints.map((p) => ({ name: pointHeading(dataset, p), value: p })),
      ...events,
    ]),
    allSourcesButton(),
  ];
}
