/** The schema's claim topics, with the labels readers see, and lenient matching of what users type. */
import type { ClaimRecord } from '../dataset/dataset.js';
import { nameKey } from '../dataset/names.js';
import { Topic } from '../dataset/schema.js';

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
