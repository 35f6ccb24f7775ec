/**
 * A curator adds reports to `data/` by following docs/curating.md: the tests must hold whatever
 * `data/` then contains. This copies the whole of `data/`, adds the developing-story reports as a
 * curator would, and runs the checks and every command on the result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { compareFigures } from '../../src/compare/figures.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { expectSendable, NOW } from '../commands/support.js';
import { DATA_DIR, DatasetCopy } from '../helpers/dataset-fixture.js';

let copy: DatasetCopy;
let dataset: Dataset;
beforeAll(async () => {
  copy = await DatasetCopy.create(DATA_DIR);
  await copy.addStory();
  dataset = await copy.load();
});
afterAll(() => copy.cleanup());

/** What each command is asked: its defaults, and a few typical options. */
const ASKED: Record<string, Record<string, string | boolean>[]> = {
  compare: ['casualties', 'attackers', 'target', 'location', 'responsibility', 'group profile'].map(
    (topic) => ({
      topic,
    }),
  ),
  ask: [
    'how many were killed',
    'how many wounded',
    'who claimed it',
    'where did it happen',
    'what did the military say',
  ].map((question) => ({ question })),
  group: [{}, { name: 'TTP' }],
  context: [{}, { topic: 'groups' }],
};

describe('the bundled data with the developing-story reports added', () => {
  it('validates: every quote found, every reference known', () => {
    expect(dataset.sources.length).toBeGreaterThanOrEqual(9);
    expect(dataset.claims.length).toBeGreaterThan(100);
  });

  it('answers every command with replies Discord accepts', () => {
    for (const command of commands) {
      const name = command.definition.name;
      const subcommands = name === 'digest' ? [{ subcommand: 'preview' }] : [{}];
      const inputs =
        command.definition.type === 3 ? [{ targetText: 'how many soldiers were killed?' }] : subcommands;
      for (const input of inputs)
        for (const options of ASKED[name] ?? [{}]) {
          const reply = command.handle({ options, ...input }, { dataset, now: NOW });
          expectSendable(reply);
        }
    }
  });

  it('still shows what the seed reports say, each with its figure', () => {
    const killed = compareFigures(dataset.claimsByIncident.get('daraban-2023-12-12') ?? [], dataset).find(
      (c) => c.subject === 'daraban-2023-12-12' && c.measure === 'killed.security_forces',
    );
    const bySource = new Map(killed?.reports.map((r) => [r.claim.id, r.figure]));
    expect(bySource.get('indileak.killed')).toMatchObject({ value: 24, qualifier: 'at_least' });
    expect(bySource.get('atleast23.killed.officials')).toMatchObject({ value: 23, qualifier: 'exact' });
    expect(killed?.verdict).toBe('differ');
  });
});
