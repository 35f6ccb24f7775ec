/** The schema's claim topics, with the labels readers see, and lenient matching of what users type. */
import type { ClaimRecord } from '../dataset/dataset.js';
import { nameKey } from '../dataset/lookup.js';
import { Topic } from '../dataset/schema.js';
import type { Choice } from '../render/briefing.js';

export const TOPIC_LABELS: Record<Topic, string> = {
  casualties: 'Casualties',
  attackers: 'Attackers',
  target: 'Target',
  location: 'Location',
  time: 'Time',
  sequence: 'Sequence of events',
  responsibility: 'Responsibility',
  group_profile: 'Group profile',
  reactions: 'Reactions',
  context: 'Context',
};

export const TOPICS: readonly Topic[] = Topic.options;

export function topicLabel(topic: Topic): string {
  return TOPIC_LABELS[topic];
}

/**
 * The topic a user typed: its id or label in any case or punctuation ("group profile",
 * "Group_Profile", "CASUALTIES"), or an unambiguous start of one ("cas"). Undefined otherwise.
 */
export function findTopic(typed: string): Topic | undefined {
  const key = nameKey(typed);
  if (key === '') return undefined;
  const keys = (t: Topic) => [nameKey(t), nameKey(TOPIC_LABELS[t])];
  const exact = TOPICS.find((t) => keys(t).includes(key));
  if (exact) return exact;
  const started = TOPICS.filter((t) => keys(t).some((k) => k.startsWith(key)));
  return started.length === 1 ? started[0] : undefined;
}

/** Topics that have claims among these, in the schema's order, with their claim counts. */
export function topicCounts(claims: readonly ClaimRecord[]): { topic: Topic; count: number }[] {
  return TOPICS.map((topic) => ({ topic, count: claims.filter((c) => c.topic === topic).length })).filter(
    (t) => t.count > 0,
  );
}

/** Autocomplete choices for the topics that have claims, matching what was typed. */
export function topicChoices(claims: readonly ClaimRecord[], typed: string): Choice[] {
  const key = nameKey(typed);
  return topicCounts(claims)
    .filter(
      ({ topic }) =>
        key === '' || [nameKey(topic), nameKey(TOPIC_LABELS[topic])].some((k) => k.includes(key)),
    )
    .map(({ topic, count }) => ({
      name: `${TOPIC_LABELS[topic]} (${count} claim${count === 1 ? '' : 's'})`,
      value: topic,
    }));
}
