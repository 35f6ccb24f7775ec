/**
 * One message per reply, however many reports there are: on the seed reports and on the developing
 * story, every command answers with one message Discord accepts, as the adapters send it. A reply
 * longer than a message is shown a part at a time, each part a click away; the replies that compare
 * figures and sources fit in one part.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { aboutChoices } from '../../commands/quotes.js';
import { REPLY_BUDGET } from '../../src/briefing/budget.js';
import type { CommandInput, CommandModule } from '../../src/contract/types.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { LIMITS } from '../../src/render/limits.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';
import { ASKED, embedCharacters, everyPart, type Ran, run } from './support.js';

const datasets: Record<string, Dataset> = {};
beforeAll(async () => {
  datasets.seeds = await loadSeeds();
  datasets.story = await loadStory();
});

/** What a user would ask each command on this dataset: every topic, report, figure, point and name. */
function inputsOf(command: CommandModule, dataset: Dataset): CommandInput[] {
  const incident = defaultIncident(dataset);
  if (!incident) throw new Error('no incident');
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  switch (command.definition.name) {
    case 'compare':
      return [...new Set(claims.map((c) => c.topic))].map((topic) => ({ options: { topic } }));
    case 'quotes':
      return aboutChoices(dataset, incident).map((c) => ({ options: { about: c.value } }));
    case 'sources':
      return [{ options: {} }, ...dataset.sources.map((s) => ({ options: { report: s.id } }))];
    case 'ask':
      return ASKED.map((question) => ({ options: { question } }));
    case 'Look up in briefing':
      return ASKED.map((targetText) => ({ options: {}, targetText }));
    case 'digest':
      return [{ subcommand: 'preview', options: {} }];
    case 'group':
      return [{ options: {} }, ...dataset.groups.map((g) => ({ options: { name: g.id } }))];
    case 'context':
      return ['all', 'places', 'relations', 'groups', 'related-events'].map((topic) => ({
        options: { topic },
      }));
    default:
      return [{ options: {} }];
  }
}

/**
 * The commands whose replies compare figures, points and sources: each fits in one part, its first
 * message choosing its lines (src/briefing/budget.ts). /quotes and /sources list every quote and
 * every report, a part of the budget's size at a time.
 */
const IN_ONE_PART = new Set(['incident', 'casualties', 'compare', 'ask', 'digest', 'Look up in briefing']);

/** Every reply to what a user would ask, each part of a longer one checked: the replies that have more than one part. */
function pagedReplies(dataset: Dataset): string[] {
  const paged: string[] = [];
  for (const command of commands) {
    for (const input of inputsOf(command, dataset)) {
      const what = `${command.definition.name} ${JSON.stringify(input)}`;
      const first = run(command, dataset, input.options, input);
      if (first.parts === 1) continue;
      paged.push(what);
      // Every part is one message within the limits, reached by its button.
      const parts = everyPart(first);
      expect(parts, what).toHaveLength(first.parts);
      for (const part of parts)
        expect(embedCharacters(part.message), what).toBeLessThanOrEqual(LIMITS.embedTotal);
    }
  }
  return paged;
}

function expectComparisonsInOnePart(dataset: Dataset): void {
  expect(
    pagedReplies(dataset).filter((p) => IN_ONE_PART.has(p.slice(0, p.indexOf(' {')))),
    'replies comparing figures and sources fit in one part',
  ).toEqual([]);
}

describe('replies comparing figures and sources', () => {
  it('fit in one part on the seeds', () => expectComparisonsInOnePart(datasets.seeds as Dataset));

  it('fit in one part on the story', () => expectComparisonsInOnePart(datasets.story as Dataset));
});

describe.each(['seeds', 'story'])('every reply on the %s', (name) => {
  it('is one message Discord accepts, each part of a longer one a click away', () => {
    pagedReplies(datasets[name] as Dataset);
  });

  it('shows each part of a paged reply once, in order, with buttons to its neighbours', () => {
    const dataset = datasets[name] as Dataset;
    const command = commands.find((c) => c.definition.name === 'context') as CommandModule;
    // Everything in context, each item once: the longest reply on both datasets.
    const first: Ran = run(command, dataset, { topic: 'all' });
    expect(first.parts).toBeGreaterThan(1);
    const parts = everyPart(first);
    const headings = parts.flatMap((p) => p.fields.map((f) => f.name));
    expect(new Set(headings).size).toBe(headings.length);
    for (const [i, part] of parts.entries()) {
      expect(part.embeds.at(-1)?.footer?.text).toMatch(new RegExp(`Part ${i + 1} of ${parts.length}$`));
      // The part asked for again is the same message: a part button works however often it is pressed.
      expect(run(command, dataset, { topic: 'all' }, {}, i).message.embeds).toEqual(part.message.embeds);
    }
  });
});

describe('/casualties on the developing story', () => {
  const casualtiesReply = () =>
    run(commands.find((c) => c.definition.name === 'casualties') as CommandModule, datasets.story as Dataset);

  it('is one message', () => {
    expect(casualtiesReply().parts).toBe(1);
  });

  it('is within the budget of a reply, title, description, fields and footer counted', () => {
    expect(embedCharacters(casualtiesReply().message)).toBeLessThanOrEqual(REPLY_BUDGET);
  });
});
