/** What the emulator's prompt prints of a message: readable text, and what it offers to press, numbered. */
import { describe, expect, it } from 'vitest';
import type { ApiMessage, InteractionExchange } from '../../emulator/index.js';
import { answerMessages, readable, showMessages } from '../../emulator/show.js';

const reply: ApiMessage = {
  id: '900',
  content: '',
  flags: 64,
  embeds: [
    {
      title: 'Casualties \\*at a glance\\*',
      description: 'As of <t:1702382400:F>: two reports.',
      fields: [{ name: 'Security forces killed', value: '23 to 24 ⚠️ conflict' }],
      footer: { text: 'Sources: Dawn · AP' },
      image: { url: 'attachment://figures.png' },
    },
  ],
  attachments: [{ filename: 'figures.png', size: 1234, url: 'http://127.0.0.1:1/attachments/figures.png' }],
  components: [
    {
      type: 1,
      components: [
        { type: 2, style: 2, label: 'Chart', custom_id: 'c1' },
        { type: 2, style: 2, label: 'Next', custom_id: 'c2', disabled: true },
        { type: 2, style: 5, label: 'Read it', url: 'https://example.org' },
      ],
    },
    {
      type: 1,
      components: [
        {
          type: 3,
          custom_id: 'q',
          placeholder: 'The quotes behind…',
          options: [
            { label: 'People injured', value: 'injured' },
            { label: 'Attackers killed', value: 'attackers' },
          ],
        },
      ],
    },
  ],
};

describe('showMessages', () => {
  it('prints an embed as text: title, description, fields, picture, footer, files, then what can be pressed', () => {
    const { text, pressables } = showMessages([reply]);
    expect(text).toBe(
      [
        '(only you see this)',
        '== Casualties *at a glance* ==',
        'As of 2023-12-12 12:00 UTC: two reports.',
        '-- Security forces killed --',
        '23 to 24 ⚠️ conflict',
        '[picture: attachment://figures.png]',
        'Sources: Dawn · AP',
        '📎 figures.png (1234 bytes): http://127.0.0.1:1/attachments/figures.png',
        '[1] Chart',
        '[2] The quotes behind: People injured',
        '[3] The quotes behind: Attackers killed',
      ].join('\n'),
    );
    // A disabled button and a link are not pressed through the bot.
    expect(pressables).toEqual([
      { label: 'Chart', messageId: '900', customId: 'c1', componentType: 2 },
      {
        label: 'The quotes behind: People injured',
        messageId: '900',
        customId: 'q',
        componentType: 3,
        value: 'injured',
      },
      {
        label: 'The quotes behind: Attackers killed',
        messageId: '900',
        customId: 'q',
        componentType: 3,
        value: 'attackers',
      },
    ]);
  });

  it('numbers on across messages, each pressable kept with the message it is on', () => {
    const followUp: ApiMessage = { ...reply, id: '901', flags: 0, embeds: [], attachments: [] };
    const { text, pressables } = showMessages([reply, followUp]);
    expect(text).toMatch(/\[3\] The quotes behind: Attackers killed\n\n\[4\] Chart\n/);
    expect(pressables.map((p) => p.messageId)).toEqual(['900', '900', '900', '901', '901', '901']);
  });
});

describe('answerMessages', () => {
  const exchange = (over: Partial<InteractionExchange>): InteractionExchange => ({
    id: '1',
    token: 't',
    edits: [],
    followUps: [],
    ephemeral: false,
    deleted: false,
    ...over,
  });

  it('reads the reply as it ended (after its edits), then the follow-ups', () => {
    const original = { ...reply, channel_id: '5', id: '900' };
    const followUp = { ...reply, channel_id: '5', id: '901' };
    expect(answerMessages(exchange({ callback: { type: 5 }, original, followUps: [followUp] }))).toEqual([
      original,
      followUp,
    ]);
  });

  it('has nothing to show for a deferral never filled in', () => {
    expect(answerMessages(exchange({ callback: { type: 5, data: { flags: 64 } } }))).toEqual([]);
  });
});

describe('readable', () => {
  it('drops escapes and shows timestamps as dates, leaving the rest as written', () => {
    expect(readable('\\_id\\_ 3\\.5 <t:0:R> <#12> C:\\path')).toBe(
      '_id_ 3.5 1970-01-01 00:00 UTC <#12> C:\\path',
    );
  });
});
