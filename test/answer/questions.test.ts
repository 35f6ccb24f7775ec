/**
 * The public question set (test/questions/*.yaml): every question's first sentence, as /ask shows
 * it, holds the facts written beside it, and the answer is of the kind and incident it names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { answerQuestion } from '../../src/answer/answer.js';
import { incidentNamedIn } from '../../src/answer/kinds.js';
import { answerSentence } from '../../src/answer/sentence.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { loadSeeds, loadStory, loadTwoIncidents } from '../helpers/dataset-fixture.js';

const QUESTIONS_DIR = fileURLToPath(new URL('../questions/', import.meta.url));

const QuestionFile = z.object({
  dataset: z.enum(['seeds', 'story', 'two-incidents']),
  questions: z.array(
    z.object({
      q: z.string(),
      kind: z.string(),
      incident: z.string().optional(),
      holds: z.array(z.union([z.string(), z.number()]).transform(String)),
    }),
  ),
});

const LOADERS = { seeds: loadSeeds, story: loadStory, 'two-incidents': loadTwoIncidents };

const files = readdirSync(QUESTIONS_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ name: f, ...QuestionFile.parse(parse(readFileSync(`${QUESTIONS_DIR}${f}`, 'utf8'))) }));

describe.each(files)('the questions of $name', ({ dataset: which, questions }) => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = await LOADERS[which]();
  });

  it.each(questions)('“$q” is answered in the first sentence', ({ q, kind, incident, holds }) => {
    const chosen = incidentNamedIn(dataset, q) ?? defaultIncident(dataset)?.id ?? '';
    if (incident !== undefined) expect(chosen).toBe(incident);
    const value = answerQuestion(dataset, q, chosen);
    const sentence = answerSentence(dataset, value);
    expect(value.kind, sentence).toBe(kind);
    for (const fact of holds) expect(sentence.toLowerCase(), `“${fact}”`).toContain(fact.toLowerCase());
  });
});
