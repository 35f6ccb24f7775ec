/** The search index: synonyms, stemming, typos, intents, and ranking on the seed reports. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import { comparisonOf, condenseQuestion, findAnswers } from '../../src/search/answers.js';
import { prepareSearchIndex, searchDataset, searchIndex } from '../../src/search/search.js';
import { CONCEPTS, STOP_WORDS } from '../../src/search/synonyms.js';
import {
  editDistance,
  fold,
  processQueryTerm,
  processTerm,
  soundKey,
  stem,
  tokenize,
} from '../../src/search/terms.js';
import { loadSeeds, loadStory, withDatasetCopy } from '../helpers/dataset-fixture.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

/** "kind:id" of the first hit, e.g. "claim:indileak.injured". */
function firstHit(question: string): string | undefined {
  const hit = searchDataset(dataset, question).hits[0];
  return hit ? `${hit.kind}:${hit.item.id}` : undefined;
}

/** The ids of the claims in the first answer (its whole comparison, or the entity's claims). */
function firstAnswerClaims(question: string, from: Dataset = dataset): string[] {
  const answer = findAnswers(from, question).answers[0];
  if (!answer) return [];
  if (answer.kind === 'claim') return [answer.claim.id];
  if (answer.kind === 'entity') return [answer.entity.value.id, ...answer.claims.map((c) => c.id)];
  const c = answer.comparison;
  return c.kind === 'figures'
    ? [...c.reports, ...c.perpetratorClaims].map((r) => r.claim.id)
    : [...c.positions.flatMap((p) => p.claims), ...c.perpetratorClaims].map((claim) => claim.id);
}

function firstMeasure(question: string): string | undefined {
  const answer = findAnswers(dataset, question).answers[0];
  return answer?.kind === 'comparison' && answer.comparison.kind === 'figures'
    ? answer.comparison.measure
    : undefined;
}

function firstPoint(question: string): string | undefined {
  const answer = findAnswers(dataset, question).answers[0];
  return answer?.kind === 'comparison' && answer.comparison.kind === 'statements'
    ? answer.comparison.point
    : undefined;
}

describe('the synonym table', () => {
  it('gives each word one concept, and no concept word is a stop word', () => {
    const seen = new Map<string, string>();
    for (const [concept, words] of Object.entries(CONCEPTS)) {
      expect(concept).toMatch(/^[A-Z]+$/);
      for (const word of words) {
        expect(seen.get(word), `${word} is in ${seen.get(word)} and ${concept}`).toBeUndefined();
        seen.set(word, concept);
        expect(STOP_WORDS.has(word), `${word} is a stop word`).toBe(false);
      }
    }
  });

  it.each([
    ['wounded', 'injured', 'INJURED'],
    ['hurt', 'injuries', 'INJURED'],
    ['dead', 'killed', 'KILLED'],
    ['died', 'fatalities', 'KILLED'],
    ['gunmen', 'attackers', 'ATTACKER'],
    ['militants', 'terrorists', 'ATTACKER'],
    ['behind', 'responsibility', 'CLAIM'],
    ['explosion', 'bomb', 'BLAST'],
    ['cops', 'policemen', 'POLICE'],
    ['troops', 'army', 'SOLDIER'],
    ['organisation', 'outfit', 'GROUP'],
    ['spokesperson', 'spokesman', 'SPOKESMAN'],
  ])('reads %s and %s as one concept (%s)', (a, b, concept) => {
    expect(processTerm(a)).toBe(concept);
    expect(processTerm(b)).toBe(concept);
  });

  it('reads phrases as their concept: suicide bomber, security forces, death toll', () => {
    expect(tokenize('two suicide bombers')).toEqual(['two', 'BLAST']);
    expect(tokenize('Security  Forces killed')).toEqual(['SOLDIER', 'killed']);
    expect(tokenize('the death toll')).toEqual(['the', 'KILLED']);
  });

  it('drops stop words, single letters and "took place"', () => {
    expect(tokenize('How many were there in the attack?').map((t) => processTerm(t))).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      'ATTACK',
    ]);
    expect(tokenize('Tehreek-e-Jihad').map((t) => processTerm(t))).toEqual(['tehreek', null, 'jihad']);
    expect(tokenize('The attack took place in Daraban')).not.toContain('place');
  });

  it('reads "when", "where" and "why" as concepts in questions only, not in report prose', () => {
    expect(processTerm('when', { question: true })).toBe('TIME');
    expect(processTerm('when')).toBeNull();
    expect(processTerm('where', { question: true })).toBe('LOCATION');
    expect(processTerm('why', { question: true })).toBe('MOTIVE');
  });
});

describe('terms', () => {
  it('stems plurals, -ing and -ed the same way', () => {
    expect(stem('rammed')).toBe(stem('ramming'));
    expect(stem('bombs')).toBe(stem('bomb'));
    expect(stem('collapsed')).toBe(stem('collapse'));
    expect(stem('targets')).toBe(stem('targeted'));
    expect(stem('kill')).toBe('kill');
  });

  it('joins dotted abbreviations and folds accents and case', () => {
    expect(tokenize('The T.J.P. said')).toContain('tjp');
    expect(fold('Peshāwar')).toBe('peshawar');
  });

  it('measures edit distance with swaps', () => {
    expect(editDistance('attakcers', 'attackers')).toBe(1);
    expect(editDistance('woundd', 'wounded')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('corrects a typo of a synonym-table word to its concept, but not a known word', () => {
    const known = (term: string) => term === 'attack';
    expect(processQueryTerm('woundd', known)).toBe('INJURED');
    expect(processQueryTerm('attakers', known)).toBe('ATTACKER');
    expect(processQueryTerm('wher', known)).toBe('LOCATION');
    expect(processQueryTerm('kiled', known)).toBe('KILLED');
    expect(processQueryTerm('banana', known)).toBe('banana');
  });

  it('gives the transliterations of a name one sound key', () => {
    expect(soundKey('Tehrik')).toBe(soundKey('Tehreek'));
    expect(soundKey('Jehad')).toBe(soundKey('Jihad'));
    expect(soundKey('Kasim')).toBe(soundKey('Qasim'));
    expect(soundKey('TJP')).toBeNull();
  });
});

describe('searchDataset', () => {
  it('builds the index once per dataset', () => {
    expect(searchIndex(dataset)).toBe(searchIndex(dataset));
  });

  it.each([
    ['how many were wounded', 'claim:indileak.injured'],
    ['how many injured', 'claim:indileak.injured'],
    ['who claimed it', 'claim:indileak.responsibility'],
    ['TJP spokesman', 'person:qasim'],
    ['how many attackers', 'claim:indileak.attackers.killed'],
    ['TJP', 'group:tjp'],
    ['who is Sarfraz Bugti', 'person:bugti'],
    ['Daraban', 'place:daraban'],
  ])('%s → %s first', (question, expected) => {
    expect(firstHit(question)).toBe(expected);
  });

  it('finds nothing for nonsense or for common words only', () => {
    expect(searchDataset(dataset, 'purple elephant banana').hits).toEqual([]);
    expect(searchDataset(dataset, 'how many were there').hits).toEqual([]);
    expect(searchDataset(dataset, '').hits).toEqual([]);
    expect(searchDataset(dataset, '?!… ** @@').hits).toEqual([]);
  });

  it('reads intents: count, time, location, who', () => {
    expect(searchDataset(dataset, 'how many died').intents).toContain('count');
    expect(searchDataset(dataset, 'when did it happen').intents).toContain('time');
    expect(searchDataset(dataset, 'wher did it happen').intents).toContain('location');
    expect(searchDataset(dataset, 'who is behind it').intents).toContain('who');
  });

  it('keeps to one incident when asked, and finds no claim of an unknown one', () => {
    const hits = searchDataset(dataset, 'killed', { incident: 'no-such-incident' }).hits;
    expect(hits.every((h) => h.kind !== 'claim')).toBe(true);
  });
});

describe('answers', () => {
  it.each([
    ['how many were wounded', 'injured'],
    ['how many died', 'killed.security_forces'],
    ['how many dead', 'killed.security_forces'],
    ['how many were killed', 'killed.security_forces'],
    ['death toll', 'killed.security_forces'],
    ['how many attackers', 'attackers.killed'],
    ['did they say 6 attackers were killed?', 'attackers.killed'],
  ])('%s → the %s comparison first', (question, measure) => {
    expect(firstMeasure(question)).toBe(measure);
  });

  it.each([
    ['who claimed it', 'responsibility.claimed-by'],
    ['who is behind the attack', 'responsibility.claimed-by'],
    ['which group claimed responsibility', 'responsibility.claimed-by'],
    ['when did it happen', 'attack.time'],
    ['what time was the attack', 'attack.time'],
    ['how did the attack unfold', 'attack.sequence'],
  ])('%s → the %s point first', (question, point) => {
    expect(firstPoint(question)).toBe(point);
  });

  it('answers "where" with the location of the attack, typos and all', () => {
    expect(firstPoint('where did the attack happen')).toMatch(/^location\./);
    expect(firstPoint('wher did the atack happen')).toMatch(/^location\./);
  });

  it('applies synonyms both ways: wounded ≈ injured, dead ≈ killed', () => {
    expect(firstAnswerClaims('wounded')).toEqual(firstAnswerClaims('injured'));
    expect(firstAnswerClaims('hurt')).toEqual(firstAnswerClaims('injuries'));
    expect(firstAnswerClaims('dead')).toEqual(firstAnswerClaims('killed'));
    expect(firstAnswerClaims('fatalities')).toEqual(firstAnswerClaims('deaths'));
  });

  it('tolerates typos', () => {
    expect(firstMeasure('how many woundd')).toBe('injured');
    expect(firstMeasure('how many attakers')).toBe('attackers.killed');
    expect(firstMeasure('how many were kiled')).toBe('killed.security_forces');
    for (const misspelt of ['Tehrik-e-Jehad', 'Tehreek-e-Jihaad', 'tehrek e jihad']) {
      const ids = firstAnswerClaims(misspelt);
      expect(
        ids.some((id) => id === 'tjp' || id.includes('tjp') || id.endsWith('responsibility')),
        misspelt,
      ).toBe(true);
    }
  });

  it('shows the whole measure comparison for a figure: both tolls, the perpetrators apart', () => {
    const answer = findAnswers(dataset, 'how many died').answers[0];
    expect(answer?.kind).toBe('comparison');
    if (answer?.kind !== 'comparison' || answer.comparison.kind !== 'figures') return;
    const values = answer.comparison.reports.map((r) => `${r.figure.value}:${r.claim.source}`);
    expect(values).toEqual(expect.arrayContaining(['24:indileak-2023-12-12', '23:at-least-23-soldiers']));
    expect(answer.comparison.perpetratorClaims.map((r) => r.figure.value)).toEqual([20]);
    expect(answer.comparison.verdict).toBe('differ');
  });

  it('never shows one comparison twice', () => {
    for (const question of ['killed', 'TJP', 'attack', 'how many attackers were killed', 'tjp spokesman']) {
      const comparisons = findAnswers(dataset, question).answers.flatMap((a) =>
        a.kind === 'comparison' ? [a.comparison] : a.kind === 'entity' ? a.disputed : [],
      );
      expect(new Set(comparisons).size, question).toBe(comparisons.length);
    }
  });

  it('brings the disputed point along with an entity', async () => {
    // In the developing story, two reports put Daraban 40 km and 60 km from Dera Ismail Khan.
    const story = await loadStory();
    const [first] = findAnswers(story, 'D.I. Khan').answers;
    expect(first?.kind === 'entity' && first.entity.value.id).toBe('dera-ismail-khan');
    const distance = comparisonOf(
      story,
      story.claims.find((c) => c.id === 'fixture-br.distance') as Dataset['claims'][number],
    );
    expect(distance?.verdict).toBe('differ');
    expect(first?.kind === 'entity' && first.disputed).toContain(distance);
  });

  it('brings no point along when the sources do not dispute it', () => {
    // TJP's characterisations are facets, none contradicting another: nothing disputed to add.
    const answers = findAnswers(dataset, 'TJP').answers;
    expect(answers[0]?.kind === 'entity' && answers[0].disputed).toEqual([]);
    const characterisation = comparisonOf(
      dataset,
      dataset.claims.find((c) => c.id === 'indileak.tjp.splinter') as Dataset['claims'][number],
    );
    expect(characterisation?.verdict).toBe('agree');
  });

  it('condenses a long text to its informative words', () => {
    const long = `${'and the of to '.repeat(100)} how many attackers were killed ${'lorem '.repeat(200)}`;
    const condensed = condenseQuestion(long);
    expect(condensed.length).toBeLessThanOrEqual(300);
    expect(condensed).toContain('attackers');
    expect(condenseQuestion('how many died')).toBe('how many died');
  });

  it('answers a huge input from its first words (how fast is measured in npm run bench)', () => {
    const huge = 'wounded attackers '.repeat(50_000);
    expect(findAnswers(dataset, huge).answers.length).toBeGreaterThan(0);
  });
});

describe('a claim added to the dataset', () => {
  it('is findable with no code change, through synonyms both ways', async () => {
    const grown = await withDatasetCopy(async (copy) => {
      const text =
        'Peshawar, 13 December 2023: The provincial hospital in Dera Ismail Khan said its surgeons had treated eleven wounded policemen overnight.';
      await copy.write('sources/900_hospital.txt', text);
      await copy.write(
        'context/hospital.yaml',
        ['speakers:', '  - id: provincial-hospital', '    name: the provincial hospital', ''].join('\n'),
      );
      await copy.write(
        'sources/900_hospital.yaml',
        [
          'id: test-hospital',
          'outlet: Test Wire',
          'headline: Hospital treats wounded policemen',
          'url: null',
          "published: '2023-12-13'",
          'dateline: Peshawar',
          'text_file: 900_hospital.txt',
          'incident: daraban-2023-12-12',
          'claims:',
          '  - id: test-hospital.treated',
          '    topic: reactions',
          '    statement: "The provincial hospital said its surgeons treated eleven wounded policemen overnight."',
          '    speaker: provincial-hospital',
          '    status: official',
          "    quote: 'its surgeons had treated eleven wounded policemen overnight'",
          '    about: [dera-ismail-khan]',
          '',
        ].join('\n'),
      );
      return copy.load();
    });
    expect(firstAnswerClaims('surgeons', grown)).toEqual(['test-hospital.treated']);
    // "injured officers" in the question, "wounded policemen" in the report.
    expect(firstAnswerClaims('which hospital treated the injured officers', grown)).toEqual([
      'test-hospital.treated',
    ]);
    expect(firstAnswerClaims('how many were wounded', grown)).toContain('indileak.injured');
  });
});

describe('answers without repeats', () => {
  it('does not repeat a lone claim already shown on an entity card', () => {
    for (const question of ['who claimed it', 'Tehrik-e-Jehad', 'TJP', 'Bugti', 'Peshawar mosque']) {
      const answers = findAnswers(dataset, question).answers;
      const cards = new Set(answers.flatMap((a) => (a.kind === 'entity' ? a.claims.map((c) => c.id) : [])));
      const lone = answers.flatMap((a) => (a.kind === 'claim' ? [a.claim.id] : []));
      expect(
        lone.filter((id) => cards.has(id)),
        question,
      ).toEqual([]);
    }
  });
});

describe('the words declared with a measure or a point', () => {
  it('let a curator teach /ask a new word without code: a synonym added to a measure finds its figures', async () => {
    const question = 'how many were hospitalised';
    const measureOf = (from: Dataset) => {
      const answer = findAnswers(from, question).answers[0];
      return answer?.kind === 'comparison' && answer.comparison.kind === 'figures'
        ? answer.comparison.measure
        : undefined;
    };
    expect(measureOf(dataset)).not.toBe('injured');
    const taught = await withDatasetCopy(async (copy) => {
      await copy.replace(
        'context/measures.yaml',
        'synonyms: [wounded, hurt, injuries]',
        'synonyms: [wounded, hurt, injuries, hospitalised]',
      );
      return copy.load();
    });
    expect(measureOf(taught)).toBe('injured');
  });

  it('find a point by its label and synonyms, and a position by its label', () => {
    expect(firstPoint('what was the target')).toBe('attack.target');
    expect(firstPoint('was there a gunfight')).toBe('attack.gun-battle');
  });
});

describe('the index built in slices (a reloaded dataset)', () => {
  it('answers exactly as the index built at once, and lets the event loop turn while it is built', async () => {
    const [atOnce, inSlices] = await Promise.all([loadStory(), loadStory()]);
    searchIndex(atOnce);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    await prepareSearchIndex(inSlices);
    expect(turned).toBe(true);
    const questions = [
      'how many were wounded',
      'who claimed the attack',
      'Tehrik-e-Jehad',
      'what did the military say',
      'how many attackers were killd',
      'where did it happen',
    ];
    const hits = (from: Dataset, question: string) =>
      searchDataset(from, question, { limit: 20 }).hits.map((h) => [h.kind, h.item.id, h.score, h.terms]);
    for (const question of questions) expect(hits(inSlices, question)).toEqual(hits(atOnce, question));
  });
});
