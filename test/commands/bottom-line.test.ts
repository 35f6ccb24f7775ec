/**
 * The bottom line first, and a first message that fits a phone's screen: on the seeds, on the
 * developing story, and on a data folder a curator filled by copying the story's reports in beside
 * the seeds. The budget comes from choosing lines, so it holds whatever the number of reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import { casualties } from '../../commands/casualties.js';
import { compare } from '../../commands/compare.js';
import { context } from '../../commands/context.js';
import { group } from '../../commands/group.js';
import { incident } from '../../commands/incident.js';
import { aboutChoices, quotes } from '../../commands/quotes.js';
import { sources } from '../../commands/sources.js';
import { timeline } from '../../commands/timeline.js';
import { BOTTOM_LINE_MAX } from '../../src/briefing/bottom-line.js';
import { DIGEST_BUDGET, REPLY_BUDGET } from '../../src/briefing/budget.js';
import { compareFigures } from '../../src/compare/figures.js';
import type { CommandModule } from '../../src/contract/types.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { labelOf } from '../../src/dataset/labels.js';
import type { Incident } from '../../src/dataset/schema.js';
import { buildDigest } from '../../src/digest/build.js';
import { takeSnapshot } from '../../src/digest/snapshot.js';
import type { MessagePayload } from '../../src/render/payload.js';
import { renderBriefing } from '../../src/render/render.js';
import { DatasetCopy, loadSeeds, loadStory } from '../helpers/dataset-fixture.js';
import { embedCharacters, QUOTES_MENU, run } from './support.js';

const datasets: Record<string, Dataset> = {};
let added: DatasetCopy;
beforeAll(async () => {
  datasets.seeds = await loadSeeds();
  datasets.story = await loadStory();
  // A curator adds reports: the story's files copied into a data folder that holds the seeds.
  added = await DatasetCopy.seeds();
  await added.addStory();
  datasets['reports added to a data folder'] = await added.load();
});
afterAll(() => added.cleanup());

/** Whole sentences: at most three, within the bottom line's length. */
function expectBottomLine(text: string | undefined): void {
  expect(text, 'a bottom line').toBeTruthy();
  expect((text ?? '').length).toBeLessThanOrEqual(BOTTOM_LINE_MAX);
  expect((text ?? '').split(/(?<=\.)\s+(?=\p{Lu})/u).length).toBeLessThanOrEqual(3);
  expect(text).toMatch(/\.$/);
}

/** The measure most independent origins give a figure for, and the labels of its most given figure. */
function leadFigure(dataset: Dataset): { measure: string; labels: string[] } {
  const inc = defaultIncident(dataset);
  if (!inc) throw new Error('no incident');
  const [lead] = compareFigures(dataset.claimsByIncident.get(inc.id) ?? [], dataset)
    .filter((c) => c.subject === inc.id && (c.topic === 'casualties' || c.topic === 'attackers'))
    .sort((a, b) => b.origins.length - a.origins.length);
  const most = [...(lead?.groups ?? [])].sort((a, b) => b.origins.length - a.origins.length)[0];
  return {
    measure: dataset.measureById.get(lead?.measure ?? '')?.label ?? '',
    labels: (most?.sources ?? []).map((s) => labelOf(dataset, s)),
  };
}

const NAMES = ['seeds', 'story', 'reports added to a data folder'];

describe.each(NAMES)('on the %s', (name) => {
  const dataset = () => datasets[name] as Dataset;

  it.each([
    ['/incident', incident],
    ['/casualties', casualties],
  ] as [string, CommandModule][])(
    '%s opens with the figure most reports give, by whom, and fits the budget',
    (_n, command) => {
      const ran = run(command, dataset());
      const opening = ran.embeds[0]?.description;
      expectBottomLine(opening);
      const { measure, labels } = leadFigure(dataset());
      expect(opening?.startsWith(`${measure}: `)).toBe(true);
      // A report giving it is named by its label (a long list is cut short after two).
      expect(labels.some((label) => opening?.includes(label))).toBe(true);
      // One truth: /ask, asked for that measure, opens with the same figure in the same words.
      const asked = run(ask, dataset(), { question: `how many ${measure.replace(/\(.*\)/, '')}` });
      const lead = (opening ?? '').replace(/(, of figures from .*)?\. .*$/, '');
      expect(asked.embeds[0]?.description?.startsWith(lead), lead).toBe(true);
      expect(opening).toMatch(/They differ on/);
      expect(embedCharacters(ran.message)).toBeLessThanOrEqual(REPLY_BUDGET);
      expect(ran.parts).toBe(1);
      // What the first message leaves out is one click away: the quotes of every figure and point it compares.
      expect(ran.components.some((c) => c.label === QUOTES_MENU)).toBe(true);
    },
  );

  it('/compare, on every topic, opens with a bottom line and fits the budget', () => {
    const inc = defaultIncident(dataset());
    const topics = new Set((dataset().claimsByIncident.get(inc?.id ?? '') ?? []).map((c) => c.topic));
    for (const topic of topics) {
      const ran = run(compare, dataset(), { topic });
      expectBottomLine(ran.embeds[0]?.description);
      expect(embedCharacters(ran.message), topic).toBeLessThanOrEqual(REPLY_BUDGET);
      expect(ran.parts, topic).toBe(1);
    }
  });

  it('every other reply opens with a bottom line and its first message fits the budget', () => {
    const inc = defaultIncident(dataset()) as Incident;
    const asked: [CommandModule, Record<string, string>][] = [
      [group, {}],
      [context, { topic: 'all' }],
      [timeline, {}],
      [sources, {}],
      ...aboutChoices(dataset(), inc).map((c): [CommandModule, Record<string, string>] => [
        quotes,
        { about: c.value },
      ]),
    ];
    for (const [command, options] of asked) {
      const what = `/${command.definition.name} ${JSON.stringify(options)}`;
      const ran = run(command, dataset(), options);
      expect(ran.embeds[0]?.description, what).toBeTruthy();
      expectBottomLine(ran.embeds[0]?.description?.replace(/ Dataset version `\w+`\.$/, ''));
      expect(embedCharacters(ran.message), what).toBeLessThanOrEqual(REPLY_BUDGET);
    }
  });

  it('the digest opens with a bottom line and fits its budget, first or after the seeds’ digest', () => {
    const inc = defaultIncident(dataset());
    if (!inc) throw new Error('no incident');
    for (const previous of [null, takeSnapshot(datasets.seeds as Dataset, inc.id)]) {
      const d = buildDigest({ dataset: dataset(), incident: inc, previous });
      expectBottomLine(d.briefing.description);
      const messages = renderBriefing(d.briefing, { maxMessages: 2 }).messages;
      expect(messages).toHaveLength(1);
      expect(embedCharacters(messages[0] as MessagePayload)).toBeLessThanOrEqual(DIGEST_BUDGET);
    }
  });
});
