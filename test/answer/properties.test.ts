/**
 * Over generated datasets and questions made of their own words: an answer value never cites a
 * figure, a report, an origin or a verdict that the comparison does not hold, and its sentence
 * never throws.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { type AnswerValue, answerQuestion } from '../../src/answer/answer.js';
import { answerSentence } from '../../src/answer/sentence.js';
import { KIND_CUES } from '../../src/answer/vocabulary.js';
import { compareFigures } from '../../src/compare/figures.js';
import { compareStatements } from '../../src/compare/statements.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { labelOf } from '../../src/dataset/labels.js';
import { loadDataset } from '../../src/dataset/load.js';

const dirs: string[] = [];
const datasets: Dataset[] = [];

beforeAll(async () => {
  for (const seed of [1, 2, 3]) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'answer-generated-'));
    dirs.push(dir);
    await generateDataset({ dir, claims: 600, incidents: 3, sources: 40, seed, format: 'yaml' });
    datasets.push(await loadDataset(dir));
  }
});

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Every figure, report, origin and verdict an answer value cites is one its comparison holds. */
function expectHeldByComparison(dataset: Dataset, answer: AnswerValue): void {
  const claims = dataset.claimsByIncident.get(answer.incident) ?? [];
  if (answer.about?.kind === 'measure' && answer.figures.length > 0) {
    const comparison = compareFigures(claims, dataset).find(
      (c) => c.subject === answer.subject && c.measure === answer.about?.id,
    );
    expect(comparison, 'the comparison of the measure cited').toBeDefined();
    if (!comparison) return;
    for (const cited of answer.figures) {
      for (const amount of cited.amounts) expect(comparison.groups.map((g) => g.amount)).toContain(amount);
      const groups = comparison.groups.filter((g) => cited.amounts.includes(g.amount));
      const sources = new Set(groups.flatMap((g) => g.sources));
      const origins = new Set(groups.flatMap((g) => g.origins));
      for (const source of cited.sources) expect(sources.has(source)).toBe(true);
      for (const origin of cited.origins) expect(origins.has(origin)).toBe(true);
    }
    if (answer.kind !== 'check' && answer.missing.length === 0)
      expect(answer.verdict).toBe(comparison.verdict);
  }
  if (answer.about?.kind === 'report') {
    // One report's account: each figure is that report's, in the comparison of its measure.
    const compared = compareFigures(claims, dataset);
    for (const cited of answer.figures) {
      const comparison = compared.find((c) => c.subject === answer.incident && c.measure === cited.measure);
      expect(comparison, `the comparison of ${cited.measure}`).toBeDefined();
      for (const amount of cited.amounts) {
        const group = comparison?.groups.find((g) => g.amount === amount);
        expect(group?.sources).toContain(answer.about.id);
      }
      expect(cited.sources).toEqual([answer.about.id]);
    }
  }
  if (answer.positions.length > 0) {
    const points = compareStatements(claims, dataset);
    for (const cited of answer.positions) {
      const [point, position] = cited.position.split('\u0000');
      const held = points.find((p) => p.point === point)?.positions.find((p) => p.position === position);
      expect(held, cited.position).toBeDefined();
      for (const source of cited.sources) expect(held?.sources).toContain(source);
    }
    for (const [point, verdict] of Object.entries(answer.pointVerdicts))
      expect(points.find((p) => p.point === point)?.verdict).toBe(verdict);
  }
  for (const cited of answer.claims) {
    for (const source of cited.sources) {
      const claim = claims.find((c) => c.source === source && c.statement === cited.statement);
      expect(claim, `${source}: ${cited.statement}`).toBeDefined();
    }
  }
}

describe('answers over generated datasets', () => {
  it('cite only what the comparison holds, whatever the question', () => {
    const cues = KIND_CUES.flatMap(([, words]) => words);
    for (const dataset of datasets) {
      const vocabulary = [
        ...dataset.measures.flatMap((m) => [m.label, ...m.synonyms]),
        ...dataset.points.flatMap((p) => [p.label, p.question]),
        ...dataset.speakers.map((s) => s.name),
        ...dataset.groups.map((g) => g.name),
        ...dataset.sources.map((s) => labelOf(dataset, s.id)),
      ];
      const question = fc
        .array(fc.oneof(fc.constantFrom(...cues), fc.constantFrom(...vocabulary), fc.nat(200).map(String)), {
          minLength: 1,
          maxLength: 5,
        })
        .map((words) => words.join(' '));
      fc.assert(
        fc.property(question, fc.constantFrom(...dataset.incidents.map((i) => i.id)), (q, incident) => {
          const answer = answerQuestion(dataset, q, incident);
          expectHeldByComparison(dataset, answer);
          expect(answerSentence(dataset, answer).length).toBeGreaterThan(0);
        }),
        { numRuns: 150 },
      );
    }
  });
});
