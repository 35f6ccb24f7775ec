/** /ask and the "Look up in briefing" message menu, on the seed reports. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask, askBriefing } from '../../commands/ask.js';
import { LOOKUP_NAME, lookup } from '../../commands/lookup.js';
import type { CommandInput } from '../../src/command/types.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { LIMITS } from '../../src/render/limits.js';
import type { Rendered } from '../../src/render/payload.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { renderedText } from '../helpers/payload-text.js';
import { sent } from './support.js';

const NOW = new Date('2024-01-01T00:00:00Z');

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

function askReply(question: string, options: CommandInput['options'] = {}): Rendered {
  return sent(ask.handle({ options: { question, ...options } }, { dataset, now: NOW }));
}

function lookupReply(targetText: string | undefined): Rendered {
  return sent(lookup.handle({ options: {}, targetText }, { dataset, now: NOW }));
}

/** The heading of the first answer ("1. People injured"). */
function firstHeading(reply: Rendered): string | undefined {
  return reply.messages[0]?.embeds?.[0]?.fields?.[0]?.name;
}

/** The lines of the first answer, across its "(cont.)" fields. */
function firstAnswerText(reply: Rendered): string {
  const fields = reply.messages.flatMap((m) => m.embeds ?? []).flatMap((e) => e.fields ?? []);
  const first = fields[0]?.name ?? '';
  return fields
    .filter((f) => f.name === first || f.name === `${first} (cont.)`)
    .map((f) => f.value)
    .join('\n');
}

/** Every Discord limit, and no mentions parsed. */
function expectValid(reply: Rendered): void {
  expect(reply.messages.length).toBeGreaterThan(0);
  for (const message of reply.messages) {
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

  it('answers the wounded with the figure, its quote and its source', () => {
    const text = firstAnswerText(askReply('how many were wounded'));
    expect(firstHeading(askReply('how many were wounded'))).toBe('1. People injured');
    expect(text).toMatch(/^• \*\*34\*\* \[1\]\n {2}◦ — \[1\] the report: “The blast injured 34”$/m);
  });

  it('answers the killed with both death tolls and their sources, the perpetrators apart', () => {
    const reply = askReply('how many died');
    const text = firstAnswerText(reply);
    expect(text).toMatch(
      /^• \*\*at least 24\*\* \[1\].*\n {2}◦ — \[1\] the report: “killing at least 24 officers”$/m,
    );
    expect(text).toMatch(
      /^• \*\*23\*\* \[2\].*; ⚠️ conflicts with at least 24\n {2}◦ _\(official\)_ — \[2\] officials said: /m,
    );
    expect(text).toContain(
      '⚠️ Sources differ · range 23 soldiers to at least 24 officers · conservative figure 23',
    );
    const perpetrators = text.split('\n').filter((line) => line.includes('20 officers'));
    expect(perpetrators).toHaveLength(1);
    expect(perpetrators[0]).toMatch(/^🏴 Perpetrators’ claim/);
    expect(perpetrators[0]).toContain('couldn’t be independently verified');
    const all = renderedText(reply);
    expect(all).toContain('indileak.com');
    expect(all).toContain('At Least 23 Soldiers Killed in Attack in Pakistan');
    expect(reply.messages[0]?.embeds?.[0]?.description).toContain('⚠️ The sources differ');
  });

  it('shows every position on who claimed it, with both sources', () => {
    const text = firstAnswerText(askReply('who claimed it'));
    expect(text).toContain('[1] the report');
    expect(text).toContain('[2] the report');
    expect(text).toContain('Tehreek-e-Jihad Pakistan');
  });

  it('says plainly when nothing matches, echoes the question and suggests commands', () => {
    const reply = askReply('purple elephant banana');
    expectValid(reply);
    const text = renderedText(reply);
    expect(text).toContain('No answer in the dataset');
    expect(text).toContain('“purple elephant banana”');
    for (const command of ['/casualties', '/group', '/context', '/timeline', '/compare']) {
      expect(text).toContain(command);
    }
  });

  it('says so when the question has only common words', () => {
    const text = renderedText(askReply('how many were there?'));
    expect(text).toContain('No answer in the dataset');
    expect(text).toContain('common');
  });

  it('answers privately when asked', () => {
    const reply = askReply('how many were wounded', { private: true });
    expect(reply.ephemeral).toBe(true);
    expect(reply.messages.every((m) => m.flags === 64)).toBe(true);
    expect(askReply('how many were wounded').messages[0]?.flags).toBeUndefined();
  });

  it('refuses an unknown incident, and keeps to a known one', () => {
    expect(renderedText(askReply('killed', { incident: 'nowhere' }))).toContain('Unknown incident');
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
    const echoed = renderedText(askReply('@everyone **purple** elephant'));
    expect(echoed).toContain('@everyone');
    const raw = askReply('@everyone **purple** elephant').messages[0]?.embeds?.[0]?.description ?? '';
    expect(raw).toContain('\\*\\*purple\\*\\*');
  });

  it('never throws, whatever the option types', () => {
    const odd: CommandInput[] = [
      { options: {} },
      { options: { question: 42 } },
      { options: { question: true, incident: 7, private: 'yes' } },
    ];
    for (const input of odd) expectValid(sent(ask.handle(input, { dataset, now: NOW })));
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
    expect(reply.ephemeral).toBe(true);
    expect(reply.messages.every((m) => m.flags === 64)).toBe(true);
    expect(firstHeading(reply)).toMatch(/^1\. Attackers killed$/);
    const text = firstAnswerText(reply);
    expect(text).toMatch(/^• \*\*5\*\* \[1\]; ⚠️ conflicts with 6$/m);
    expect(text).toMatch(
      /^• \*\*6\*\* \(ISPR statement of 12 December 2023, carried by \[2\]\); ⚠️ conflicts with 5$/m,
    );
    expect(text).toContain('⚠️ Sources differ · range 5 attackers to 6 attackers');
  });

  it('gives the same answer as /ask', () => {
    const question = 'how many were wounded';
    const asked = askBriefing(dataset, question);
    const looked = lookupReply(question);
    expect(looked.messages[0]?.embeds?.[0]?.fields?.map((f) => f.name)).toEqual(
      askReply(question).messages[0]?.embeds?.[0]?.fields?.map((f) => f.name),
    );
    expect(asked.sections[0]?.heading).toBe('1. People injured');
  });

  it('says clearly, privately, when the message has no text', () => {
    for (const target of [undefined, '', '   \n\t ']) {
      const reply = lookupReply(target);
      expectValid(reply);
      expect(reply.ephemeral).toBe(true);
      expect(reply.messages[0]?.flags).toBe(64);
      expect(renderedText(reply)).toContain('no text to look up');
    }
  });

  it('reads a long message by its informative words', () => {
    const message = `${'So, as I was saying to the others in the channel earlier today, '.repeat(20)}how many attackers were killed in the end? ${'Thanks a lot. '.repeat(300)}`;
    const reply = lookupReply(message);
    expectValid(reply);
    expect(reply.ephemeral).toBe(true);
    expect(firstHeading(reply)).toMatch(/Attackers killed/);
  });

  it('stays private even when the input says otherwise, and gives a valid reply for odd text', () => {
    const reply = sent(
      lookup.handle(
        { options: { private: false }, targetText: '@everyone purple elephant' },
        { dataset, now: NOW },
      ),
    );
    expectValid(reply);
    expect(reply.ephemeral).toBe(true);
    expect(renderedText(reply)).toContain('No answer in the dataset');
  });
});

describe('what people type', () => {
  it('is shown as written, never as a clickable masked link, heading or list', async () => {
    const reply = ask.handle(
      { options: { question: '[official casualty list](https://evil.example)' } },
      { dataset, now: new Date(0) },
    );
    const raw = JSON.stringify(sent(reply).messages);
    expect(raw).toContain('\\\\[official casualty list]');
    expect(raw).not.toMatch(/[^\\\\]\[official casualty list\]\(https/);
  });
});
