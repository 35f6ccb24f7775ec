/** /ask and the "Look up in briefing" message menu, on the seed reports. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask, askAnswer } from '../../commands/ask.js';
import { LOOKUP_NAME, lookup } from '../../commands/lookup.js';
import type { CommandInput } from '../../src/contract/types.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { LIMITS } from '../../src/render/limits.js';
import { loadSeeds, withDatasetCopy } from '../helpers/dataset-fixture.js';
import { choose, NOW, QUOTES_MENU, quotesOffered, type Ran, readable, run, section } from './support.js';

const INCIDENT = 'daraban-2023-12-12';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

function askReply(question: string, options: CommandInput['options'] = {}, from: Dataset = dataset): Ran {
  return run(ask, from, { question, ...options });
}

function lookupReply(targetText: string | undefined): Ran {
  return run(lookup, dataset, {}, { targetText });
}

/** The heading of the first answer ("1. People injured"). */
function firstHeading(reply: Ran): string | undefined {
  return reply.fields[0]?.name;
}

/** The lines of the first answer, across its "(cont.)" fields, as a reader sees them. */
function firstAnswerText(reply: Ran): string {
  const first = firstHeading(reply) ?? '';
  return reply.fields
    .filter((f) => f.name === first || f.name === `${first} (cont.)`)
    .map((f) => readable(f.value))
    .join('\n');
}

/** Every Discord limit, and no mentions parsed. */
function expectValid(reply: Ran): void {
  expect(reply.rendered.messages).toHaveLength(1);
  for (const message of reply.rendered.messages) {
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect((message.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
    const embeds = message.embeds ?? [];
    expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    let total = 0;
    for (const embed of embeds) {
      expect((embed.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect((embed.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect((embed.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.footer);
      expect((embed.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fieldsPerEmbed);
      total +=
        (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length;
      for (const field of embed.fields ?? []) {
        expect(field.name.length).toBeGreaterThan(0);
        expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
        expect(field.value.length).toBeGreaterThan(0);
        expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
        total += field.name.length + field.value.length;
      }
    }
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  }
}

describe('/ask definition', () => {
  it('takes a required question of at most 300 characters, an incident, and private last', () => {
    const definition = ask.definition as {
      name: string;
      options: { name: string; type: number; required?: boolean; max_length?: number }[];
    };
    expect(definition.name).toBe('ask');
    expect(definition.options.map((o) => o.name)).toEqual(['question', 'incident', 'private']);
    expect(definition.options[0]).toMatchObject({
      type: ApplicationCommandOptionType.String,
      required: true,
      max_length: 300,
    });
    expect(definition.options[2]?.type).toBe(ApplicationCommandOptionType.Boolean);
  });

  it('offers the incidents as autocomplete', () => {
    const choices = ask.autocomplete?.(
      { name: 'incident', value: 'dar' },
      { options: {} },
      { dataset, now: NOW },
    );
    expect(choices?.map((c) => c.value)).toEqual(['daraban-2023-12-12']);
  });
});

describe('/ask answers', () => {
  it.each([
    ['how many were wounded', /^1\. People injured$/i],
    ['how many died', /^1\. Security forces killed/i],
    ['who claimed it', /^1\. Who claimed responsibility$/],
    ['who is behind the attack', /^1\. Who claimed responsibility$/],
    ['who carried out the attack', /^1\. Who claimed responsibility$/],
    ['when did it happen', /^1\. Time of the attack$/],
    ['wher did the atack happen', /^1\. (Town or area|District|Region|Province)$/],
    ['TJP spokesman', /^1\. Person: Mullah Muhammad Qasim$/],
    ['how many attackers', /^1\. Attackers killed$/i],
    ['how many woundd', /^1\. People injured$/i],
    ['how many attakers', /^1\. Attackers killed$/i],
  ])('%s → %s', (question, heading) => {
    const reply = askReply(question);
    expectValid(reply);
    expect(firstHeading(reply)).toMatch(heading);
  });

  it('answers the wounded with the figure and its source, its quote one click away', () => {
    const reply = askReply('how many were wounded');
    expect(firstHeading(reply)).toBe('1. People injured');
    expect(firstAnswerText(reply).split('\n')).toEqual(['ℹ️ one origin', '34 indileak.com']);
    const quotes = section(choose(reply, QUOTES_MENU, 'injured'), 'People injured');
    expect(quotes).toMatch(/^• 34 indileak\.com\n {2}◦ — indileak\.com: “The blast injured 34”$/m);
  });

  it('answers the killed with both death tolls and their sources, the perpetrators apart', () => {
    const reply = askReply('how many died');
    expect(firstAnswerText(reply).split('\n')).toEqual([
      '⚠️ conflicting · 23 to at least 24 · conservative 23 · 🏴 claimed: 20 indileak.com',
      '23 countryroque.com · at least 23 countryroque.com · at least 24 indileak.com',
      '⚠️ 23 conflicts with at least 24',
    ]);
    // The first sentence says the reports differ; the red colour and each block's ⚠️ show it too.
    expect(reply.embeds[0]?.description).toContain('the reports differ');
    expect(reply.text).toContain('indileak.com, 12 Dec 2023');
    expect(reply.text).toContain('countryroque.com (outlet unknown), undated');

    const quotes = section(choose(reply, QUOTES_MENU, 'killed.security_forces'), 'Security forces killed');
    expect(quotes).toMatch(
      /^• at least 24 indileak\.com.*\n {2}◦ — indileak\.com: “killing at least 24 officers”$/m,
    );
    expect(quotes).toMatch(
      /^• 23 countryroque\.com.*; ⚠️ conflicts with at least 24\n {2}◦ \(official\) — countryroque\.com, officials said: /m,
    );
    expect(quotes).toContain(
      '⚠️ Sources differ · range 23 soldiers to at least 24 officers · conservative figure 23',
    );
    const perpetrators = quotes.split('\n').filter((line) => line.includes('20 officers'));
    expect(perpetrators).toHaveLength(1);
    expect(perpetrators[0]).toMatch(/^🏴 Perpetrators’ claim/);
    expect(perpetrators[0]).toContain('couldn’t be independently verified');
  });

  it('shows every position on who claimed it, with both sources', () => {
    const reply = askReply('who claimed it');
    expect(firstAnswerText(reply)).toBe(
      '✅ consistent: Tehreek-e-Jihad Pakistan (TJP) indileak.com and countryroque.com',
    );
    const quotes = section(
      choose(reply, QUOTES_MENU, 'responsibility.claimed-by'),
      'Who claimed responsibility',
    );
    expect(quotes).toMatch(/— indileak\.com: “.*Tehreek-e-Jihad Pakistan/);
    expect(quotes).toMatch(/— countryroque\.com: “Tehreek-e-Jihad Pakistan/);
  });

  it('finds a measure or a point through a synonym a curator declares in the data, with no code change', async () => {
    const taught = await withDatasetCopy(async (copy) => {
      await copy.replace(
        'context/measures.yaml',
        'synonyms: [wounded, hurt, injuries]',
        'synonyms: [wounded, hurt, injuries, hospitalised]',
      );
      await copy.replace(
        'context/points.yaml',
        'synonyms: [hosting, staying, stationed, school]',
        'synonyms: [hosting, staying, stationed, school, billeted]',
      );
      return copy.load();
    });
    expect(firstHeading(askReply('how many were hospitalised'))).not.toBe('1. People injured');
    expect(firstHeading(askReply('how many were hospitalised', {}, taught))).toBe('1. People injured');
    expect(firstHeading(askReply('where were they billeted'))).not.toBe('1. Where the troops were staying');
    expect(firstHeading(askReply('where were they billeted', {}, taught))).toBe(
      '1. Where the troops were staying',
    );
  });

  it('says plainly when nothing matches, echoes the question and suggests commands', () => {
    const reply = askReply('purple elephant banana');
    expectValid(reply);
    const text = reply.text;
    expect(text).toContain('No answer in the dataset');
    expect(text).toContain('“purple elephant banana”');
    for (const command of ['/casualties', '/group', '/context', '/timeline', '/compare']) {
      expect(text).toContain(command);
    }
  });

  it('says so when the question has only common words', () => {
    const text = askReply('how many were there?').text;
    expect(text).toContain('No answer in the dataset');
    expect(text).toContain('common');
  });

  it('answers privately when asked', () => {
    const reply = askReply('how many were wounded', { private: true });
    expect(reply.rendered.ephemeral).toBe(true);
    expect(reply.message.flags).toBe(64);
    expect(askReply('how many were wounded').message.flags).toBeUndefined();
  });

  it('refuses an unknown incident, and keeps to a known one', () => {
    expect(askReply('killed', { incident: 'nowhere' }).text).toContain('Unknown incident');
    expect(firstHeading(askReply('killed', { incident: 'daraban-2023-12-12' }))).toMatch(
      /Security forces killed/,
    );
  });

  it('gives a valid reply for huge, markdown, mention and odd inputs', () => {
    const inputs = [
      'wounded '.repeat(5000),
      '@everyone how many were **killed** <@123> <@&456> @here',
      '```js\nconsole.log(1)\n``` __*~~||spoiler||~~*__ > quote',
      '[click](https://example.com) <t:0:R> # heading',
      '\u0000\u200b\ud83d\ude00 🏴 \ud800',
      ' ',
      '',
      'a'.repeat(10_000),
      '?'.repeat(301),
    ];
    for (const question of inputs) {
      const reply = askReply(question);
      expectValid(reply);
    }
    const echoed = askReply('@everyone **purple** elephant').text;
    expect(echoed).toContain('@everyone');
    const raw = askReply('@everyone **purple** elephant').embeds[0]?.description ?? '';
    expect(raw).toContain('\\*\\*purple\\*\\*');
  });

  it('never throws, whatever the option types', () => {
    const odd: CommandInput[] = [
      { options: {} },
      { options: { question: 42 } },
      { options: { question: true, incident: 7, private: 'yes' } },
    ];
    for (const input of odd) expectValid(run(ask, dataset, input.options));
  });
});

describe('Look up in briefing', () => {
  it('is a message context-menu command with no description and no options', () => {
    expect(lookup.definition).toEqual({ name: LOOKUP_NAME, type: ApplicationCommandType.Message });
    expect(LOOKUP_NAME).toBe('Look up in briefing');
  });

  it('answers privately with the attackers comparison', () => {
    const reply = lookupReply('did they say 6 attackers were killed?');
    expectValid(reply);
    expect(reply.rendered.ephemeral).toBe(true);
    expect(reply.message.flags).toBe(64);
    expect(firstHeading(reply)).toMatch(/^1\. Attackers killed$/);
    expect(firstAnswerText(reply).split('\n')).toEqual([
      '⚠️ conflicting · 5 to 6 · conservative 5',
      '5 indileak.com · 6 (ISPR statement, via countryroque.com)',
      '⚠️ 5 conflicts with 6',
    ]);
    const quotes = section(choose(reply, QUOTES_MENU, 'attackers.killed'), 'Attackers killed');
    expect(quotes).toContain('⚠️ Sources differ · range 5 attackers to 6 attackers');
    expect(quotes).toMatch(/^• 5 indileak\.com; ⚠️ conflicts with 6\n {2}◦ /m);
    expect(quotes).toMatch(/^• 6 \(ISPR statement, via countryroque\.com\); ⚠️ conflicts with 5\n {2}◦ /m);
  });

  it.each([
    ['how many were wounded?', '1. People injured'],
    ['how many were woundd', '1. People injured'],
    ['who claimed it', '1. Who claimed responsibility'],
  ])('leads with the measure or point the message names: %s → %s', (text, heading) => {
    expect(firstHeading(lookupReply(text))).toBe(heading);
  });

  it('gives the same answer as /ask, with the same quotes a click away', () => {
    const question = 'how many were wounded';
    const looked = lookupReply(question);
    const asked = askReply(question);
    expect(looked.fields.map((f) => f.name)).toEqual(asked.fields.map((f) => f.name));
    expect(quotesOffered(looked)).toEqual(quotesOffered(asked));
    expect(askAnswer(dataset, question, { incident: INCIDENT }).briefing.sections[0]?.heading).toBe(
      '1. People injured',
    );
  });

  it('says clearly, privately, when the message has no text', () => {
    for (const target of [undefined, '', '   \n\t ']) {
      const reply = lookupReply(target);
      expectValid(reply);
      expect(reply.rendered.ephemeral).toBe(true);
      expect(reply.message.flags).toBe(64);
      expect(reply.text).toContain('no text to look up');
    }
  });

  it('reads a long message by its informative words', () => {
    const message = `${'So, as I was saying to the others in the channel earlier today, '.repeat(20)}how many attackers were killed in the end? ${'Thanks a lot. '.repeat(300)}`;
    const reply = lookupReply(message);
    expectValid(reply);
    expect(reply.rendered.ephemeral).toBe(true);
    expect(firstHeading(reply)).toMatch(/Attackers killed/);
  });

  it('stays private even when the input says otherwise, and gives a valid reply for odd text', () => {
    const reply = run(lookup, dataset, { private: false }, { targetText: '@everyone purple elephant' });
    expectValid(reply);
    expect(reply.rendered.ephemeral).toBe(true);
    expect(reply.text).toContain('No answer in the dataset');
  });
});

describe('what people type', () => {
  it('is shown as written, never as a clickable masked link, heading or list', async () => {
    const reply = run(ask, dataset, { question: '[official casualty list](https://evil.example)' });
    const raw = JSON.stringify(reply.rendered.messages);
    expect(raw).toContain('\\\\[official casualty list]');
    expect(raw).not.toMatch(/[^\\\\]\[official casualty list\]\(https/);
  });
});
