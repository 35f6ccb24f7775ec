/**
 * /compare: one topic of an incident side by side across all its sources, sorted by the
 * comparison into where the sources agree, where they differ, what only one source reports, and,
 * kept apart, what the perpetrators claim. Nothing here assumes how many sources there are.
 */

import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { bottomLine, mainDisagreementSentence, mostReportedSentence } from '../src/briefing/bottom-line.js';
import {
  comparisonRank,
  PLAIN,
  QUOTES_BELOW,
  type RankedSection,
  REPLY_BUDGET,
  ranked,
  withinBudget,
} from '../src/briefing/budget.js';
import { comparisonHeading, measureLabel, pointHeading } from '../src/briefing/comparisons.js';
import { measureGlance, pointGlance } from '../src/briefing/glance.js';
import { claimBrief, claimsOnce, SORTED_UNDER } from '../src/briefing/lines.js';
import { escapeText } from '../src/briefing/markdown.js';
import type { Briefing } from '../src/briefing/model.js';
import { citedSources } from '../src/briefing/sources.js';
import { findTopic, TOPIC_LABELS, topicCounts } from '../src/briefing/topics.js';
import { truncate } from '../src/briefing/truncate.js';
import {
  type Comparison,
  type ComparisonSummary,
  countedClaims,
  summariseComparison,
} from '../src/compare/compare.js';
import { claimsOnTopic, withoutPerpetratorClaims } from '../src/compare/views.js';
import { allSourcesButton, quotesMenu } from '../src/contract/actions.js';
import { didYouMean, incidentChoices, nearest, topicChoices } from '../src/contract/choices.js';
import { INCIDENT_OPTION, unknownIncident } from '../src/contract/common.js';
import { defineCommand } from '../src/contract/define.js';
import { stringOption } from '../src/contract/options.js';
import { respond } from '../src/contract/respond.js';
import type { Action, CommandInput, CommandReply } from '../src/contract/types.js';
import type { ClaimRecord, Dataset } from '../src/dataset/dataset.js';
import { findIncident } from '../src/dataset/names.js';
import type { Incident, Topic } from '../src/dataset/schema.js';
import { plural } from '../src/plural.js';

const definition = {
  name: 'compare',
  description: 'One topic side by side across all sources: agree, differ, only one source',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'casualties, attackers, target, location, time, sequence, responsibility…',
      required: true,
      autocomplete: true,
      max_length: 100,
    },
    INCIDENT_OPTION,
  ],
} as const;

export const compare = defineCommand(definition, {
  reply: { visibility: 'asked', reuse: 'same-minute' },
  handle(input, { dataset }) {
    const incident = findIncident(dataset, stringOption(input, 'incident'));
    if (!incident) return respond(input, unknownIncident(input, dataset));
    const typed = stringOption(input, 'topic');
    const topic = typed === undefined ? undefined : findTopic(typed);
    const claims = topic ? claimsOnTopic(dataset, incident.id, topic) : [];
    if (!topic || claims.length === 0) return unknownTopic(input, dataset, incident, typed ?? '', topic);
    return respond(
      input,
      compareBriefing(dataset, incident, topic),
      compareActions(dataset, incident, topic),
    );
  },

  autocomplete(focused, input, { dataset }) {
    if (focused.name === 'incident') return incidentChoices(dataset, focused.value);
    const incident = findIncident(dataset, stringOption(input, 'incident'));
    const claims = incident ? (dataset.claimsByIncident.get(incident.id) ?? []) : dataset.claims;
    return topicChoices(claims, focused.value);
  },
});

function unknownTopic(
  input: CommandInput,
  dataset: Dataset,
  incident: Incident,
  typed: string,
  topic: Topic | undefined,
): CommandReply {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  return respond(input, {
    title: topic ? `Nothing on ${TOPIC_LABELS[topic].toLowerCase()}` : 'Unknown topic',
    description: topic
      ? `No source says anything on ${TOPIC_LABELS[topic].toLowerCase()} about ${escapeText(incident.title)}. These topics have claims:`
      : typed === ''
        ? 'Choose a topic to compare; these have claims:'
        : `No topic matches “${escapeText(truncate(typed, 100))}”.${didYouMean(nearestTopics(claims, typed))} Pick one from the list as you type; these have claims:`,
    sections: [
      {
        heading: 'Topics',
        lines: topicCounts(claims).map(
          ({ topic: t, count }) => `• \`${t}\`: ${TOPIC_LABELS[t]} (${plural(count, 'claim')})`,
        ),
      },
    ],
    tone: 'notice',
  });
}

/** The topics with claims nearest a typo, by id or label. */
function nearestTopics(claims: readonly ClaimRecord[], typed: string): Topic[] {
  return nearest(
    topicCounts(claims).map((t) => t.topic),
    (t) => [t, TOPIC_LABELS[t]],
    typed,
  );
}

export function compareBriefing(dataset: Dataset, incident: Incident, topic: Topic): Briefing {
  const claims = claimsOnTopic(dataset, incident.id, topic);
  const summary = topicSummary(dataset, incident, topic);

  const alone = new Set(
    [...summary.singleOrigin.flatMap(countedClaims), ...summary.uncompared].map((c) => c.id),
  );
  const aloneLines = claimsOnce(
    dataset,
    claims.filter((c) => alone.has(c.id)),
  );
  const perpetratorLines = summary.perpetratorClaims.map(
    (c) => `🏴 ${perpetratorPrefix(dataset, c)}${claimBrief(dataset, c)}`,
  );
  const sourceCount = new Set(claims.filter((c) => c.status !== 'perpetrator_claim').map((c) => c.source))
    .size;

  const sections: RankedSection[] = [
    ...sideBySide(dataset, SORTED_UNDER.agree, summary.agree, 'No point on which two or more sources agree.'),
    ...sideBySide(dataset, SORTED_UNDER.differ, summary.differ, 'No point on which the sources differ.'),
    {
      heading: SORTED_UNDER.alone,
      lines: ranked(
        PLAIN,
        aloneLines.length > 0 ? aloneLines : ['Nothing: every point is made by more than one source.'],
      ),
    },
  ];
  if (perpetratorLines.length > 0)
    sections.push({ heading: SORTED_UNDER.perpetrators, lines: ranked(PLAIN, perpetratorLines) });
  if (summary.likelyErrors.length > 0)
    sections.push({
      heading: SORTED_UNDER.errors,
      lines: ranked(
        PLAIN,
        summary.likelyErrors.map((c) => `❓ ${claimBrief(dataset, c)} (probable error, not counted)`),
      ),
    });

  const label = TOPIC_LABELS[topic];
  const compared = [...summary.differ, ...summary.agree, ...summary.singleOrigin];
  return withinBudget(
    {
      title: `Compare: ${label.toLowerCase()} · ${escapeText(incident.title)}`,
      bottomLine: bottomLine([
        mainDisagreementSentence(dataset, compared),
        mostReportedSentence(dataset, compared),
        `${label} across ${plural(sourceCount, 'report')}: ✅ ${summary.agree.length} agreed · ⚠️ ${summary.differ.length} differing · ℹ️ ${aloneLines.length} from one source only${perpetratorLines.length > 0 ? ` · 🏴 ${plural(perpetratorLines.length, 'perpetrators’ claim')}` : ''}.`,
      ]),
      sections,
      sources: citedSources(
        dataset,
        claims.map((c) => c.source),
      ),
      footer: 'Perpetrators’ claims never count towards agreement. Figures: see also /casualties.',
      tone: summary.differ.length > 0 ? 'conflict' : 'neutral',
    },
    REPLY_BUDGET,
    { pages: false, where: QUOTES_BELOW },
  );
}

/**
 * The incident's comparison narrowed to a topic: the views of the whole incident, so a total is
 * checked against its parts whatever their topic, and reads here as in every other reply.
 */
function topicSummary(dataset: Dataset, incident: Incident, topic: Topic): ComparisonSummary {
  const all = summariseComparison(dataset.claimsByIncident.get(incident.id) ?? [], dataset);
  const onTopic = <T extends { topic: Topic }>(items: readonly T[]) => items.filter((i) => i.topic === topic);
  return {
    agree: onTopic(all.agree),
    differ: onTopic(all.differ),
    singleOrigin: onTopic(all.singleOrigin),
    uncompared: onTopic(all.uncompared),
    perpetratorClaims: onTopic(all.perpetratorClaims),
    likelyErrors: onTopic(all.likelyErrors),
  };
}

/** One section per comparison, named by its category; its perpetrator claims go to their own section. */
function sideBySide(
  dataset: Dataset,
  category: string,
  comparisons: readonly Comparison[],
  none: string,
): RankedSection[] {
  if (comparisons.length === 0) return [{ heading: category, lines: ranked(PLAIN, [none]) }];
  return comparisons.map((c) => {
    const shown = withoutPerpetratorClaims(dataset, c);
    return {
      heading: `${category}: ${escapeText(comparisonHeading(dataset, c))}`,
      lines: ranked(
        comparisonRank(c),
        shown.kind === 'figures' ? measureGlance(dataset, shown) : pointGlance(dataset, shown),
      ),
    };
  });
}

/** The quotes behind each figure and point of the topic, a click away; and every source. */
function compareActions(dataset: Dataset, incident: Incident, topic: Topic): Action[] {
  const claims = claimsOnTopic(dataset, incident.id, topic);
  const measures = [...new Set(claims.flatMap((c) => (c.measure ? [c.measure] : [])))];
  const points = [...new Set(claims.flatMap((c) => (c.point ? [c.point] : [])))];
  return [
    ...quotesMenu(incident.id, [
      ...measures.map((m) => ({ name: measureLabel(dataset, m), value: m })),
      ...points.map((p) => ({ name: pointHeading(dataset, p), value: p })),
    ]),
    allSourcesButton(),
  ];
}

function perpetratorPrefix(dataset: Dataset, claim: ClaimRecord): string {
  return claim.measure ? `**${escapeText(measureLabel(dataset, claim.measure))}:** ` : '';
}
