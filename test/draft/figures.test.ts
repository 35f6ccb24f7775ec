/**
 * Figure phrases and attributions, read by the dataset's own vocabulary (data/context), in
 * sentences written for the test: every qualifier, vague words, "including", and speakers named by
 * name, alias, a statement's title, or a pronoun for the speaker before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import { draftReport } from '../../src/draft/draft.js';
import { DatasetCopy } from '../helpers/dataset-fixture.js';

let dataset: Dataset;
beforeAll(async () => {
  const copy = await DatasetCopy.seeds();
  dataset = await copy.load();
  await copy.cleanup();
});

function draftOf(text: string) {
  return draftReport(text, dataset, { textFile: 'test-report.txt' }).claims.map((c) => c.claim);
}

function figuresOf(text: string) {
  return draftOf(text)
    .filter((c) => c.measure)
    .map((c) => ({ measure: c.measure, ...(c.figure as object) }));
}

describe('figures', () => {
  it.each([
    [
      'At least 12 troops were killed.',
      { measure: 'killed.security_forces', value: 12, qualifier: 'at_least' },
    ],
    ['More than 40 people were wounded.', { measure: 'injured', value: 40, qualifier: 'more_than' }],
    ['Over 40 people were hurt.', { measure: 'injured', value: 40, qualifier: 'more_than' }],
    ['About 30 people died.', { measure: 'killed', value: 30, qualifier: 'about' }],
    ['Nearly fifty people were injured.', { measure: 'injured', value: 50, qualifier: 'nearly' }],
    ['Up to 9 soldiers were killed.', { measure: 'killed.security_forces', value: 9, qualifier: 'up_to' }],
    [
      'Thirty-one soldiers were killed.',
      { measure: 'killed.security_forces', value: 31, qualifier: 'exact' },
    ],
    ['Dozens were wounded.', { measure: 'injured', words: 'dozens', counted: 'wounded' }],
  ])('%s', (text, expected) => {
    expect(figuresOf(text)).toEqual([expect.objectContaining(expected)]);
  });

  it('takes a count "including" another as part of the first, not a figure of its own', () => {
    expect(figuresOf('The attack left 30 dead, including two attackers.')).toEqual([
      expect.objectContaining({
        measure: 'killed',
        value: 30,
        includes: [{ measure: 'attackers.killed', value: 2, qualifier: 'exact' }],
      }),
    ]);
  });

  it('gives each of two counts its own words, and leaves years and dates alone', () => {
    expect(figuresOf('On Dec. 12, 2023, the blast injured 40, of whom three are critical.')).toEqual([
      expect.objectContaining({ measure: 'injured', value: 40 }),
      expect.objectContaining({ measure: 'injured.critical', value: 3 }),
    ]);
  });

  it('gives a count the verb after it, and of two words as near the one after it', () => {
    expect(figuresOf('At least 9 soldiers were killed and more than 30 troops were wounded.')).toEqual([
      expect.objectContaining({ measure: 'killed.security_forces', value: 9 }),
      expect.objectContaining({ measure: 'injured', value: 30, qualifier: 'more_than' }),
    ]);
    expect(figuresOf('11 dead, 40 injured in an attack')).toEqual([
      expect.objectContaining({ measure: 'killed', value: 11 }),
      expect.objectContaining({ measure: 'injured', value: 40 }),
    ]);
  });

  it('drafts no figure where no measure is named', () => {
    expect(figuresOf('Several roads were closed for 3 hours.')).toEqual([]);
  });
});

describe('speakers', () => {
  it('finds the speaker of an attribution, a statement relayed, and "it said" for the one before', () => {
    const claims = draftOf(
      'Ten soldiers were killed, the Pakistani military said in a statement. Four attackers were killed too, it said.\n' +
        'According to the police, 7 people were wounded.\n' +
        'Asfandyar Mir, an analyst, said the group was weak.\n' +
        'The weather was cold.',
    );
    expect(claims.map((c) => [c.speaker, c.origin])).toEqual([
      [undefined, 'ispr-2023-12-12'],
      [undefined, 'ispr-2023-12-12'],
      [{ id: 'the-police', verb: 'according_to' }, undefined],
      ['asfandyar-mir', undefined],
      ['report', undefined],
    ]);
  });

  it('quotes exact spans of the text', () => {
    const text = 'Officials said 5 soldiers were killed.\n\nThe TTP denied it.';
    for (const claim of draftOf(text)) expect(text).toContain(claim.quote);
  });
});
