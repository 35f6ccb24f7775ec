/**
 * The /ask reply around the answer, on the seeds and the developing story, for every question of
 * their public sets: the first sentence leads, at most two blocks of evidence follow, the main
 * embed stays within its budget, and the rest (quotes, every source) is one click away.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ASK_BUDGET, ask } from '../../commands/ask.js';
import { answerQuestion } from '../../src/answer/answer.js';
import { answerSentence } from '../../src/answer/sentence.js';
import { escapeText } from '../../src/briefing/markdown.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { run } from '../commands/support.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';

function questionsOf(file: string): string[] {
  const parsed = parse(readFileSync(new URL(`../questions/${file}`, import.meta.url), 'utf8')) as {
    questions: { q: string }[];
  };
  return parsed.questions.map((q) => q.q);
}

describe.each([
  { name: 'the seeds', load: loadSeeds, questions: questionsOf('seeds.yaml') },
  { name: 'the developing story', load: loadStory, questions: questionsOf('story.yaml') },
])('/ask on $name', ({ load, questions }) => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = await load();
  });

  it.each(questions)('“%s”: the answer first, two blocks at most, within the budget', (question) => {
    const reply = run(ask, dataset, { question });
    const [embed] = reply.embeds;
    expect(embed).toBeDefined();
    if (!embed) return;
    const length =
      (embed.title ?? '').length +
      (embed.description ?? '').length +
      (embed.footer?.text ?? '').length +
      (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(length).toBeLessThanOrEqual(ASK_BUDGET);

    const incident = defaultIncident(dataset)?.id ?? '';
    const sentence = answerSentence(dataset, answerQuestion(dataset, question, incident));
    const blocks = (embed.fields ?? []).filter((f) => /^\d+\. /.test(f.name));
    expect(blocks.length).toBeLessThanOrEqual(2);
    // A question nothing matches says so instead, with the commands that show what there is.
    if (embed.title !== 'Answer from the briefing') return;
    expect(embed.description?.startsWith(escapeText(sentence))).toBe(true);
    expect(reply.components.map((c) => c.label)).toContain('All sources');
  });
});
