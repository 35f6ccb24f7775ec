/**
 * Pictures end to end: the real bot sends the chart as a file attachment, shown in its embed, with
 * its alt text; the emulator checks the upload as Discord does and keeps the bytes, decoded here.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casualtyComparisons } from '../../src/briefing/casualties.js';
import { figuresChart } from '../../src/chart/figures.js';
import { defaultIncident } from '../../src/dataset/dataset.js';
import type { ApiMessage, InteractionExchange, InteractionOption } from '../emulator/index.js';
import { type Harness, startHarness, stringOptions } from '../helpers/bot-harness.js';
import { pressButton, replyMessage } from '../helpers/components.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** The chart of the dataset the bot serves, as the reply should describe it. */
function expectedAlt(): string {
  const incident = defaultIncident(h.dataset);
  if (!incident) throw new Error('no incident');
  return figuresChart(h.dataset, incident.title, casualtyComparisons(h.dataset, incident)).alt;
}

/** The message's picture: its attachment, decoded. */
function picture(message: ApiMessage & { id: string }, name = 'figures.png') {
  const attachment = (message.attachments ?? []).find((a) => a.filename === name);
  if (!attachment) throw new Error(`no ${name} on message ${message.id}`);
  const image = PNG.sync.read(h.emu.attachmentBytes(message.id, name));
  return { attachment, image };
}

function imageUrl(message: ApiMessage | undefined): unknown {
  return (message?.embeds?.[0]?.image as { url?: unknown } | undefined)?.url;
}

/** What the bot put on the wire for the reply: the callback's data, or the edit of a deferred reply. */
function sent(exchange: InteractionExchange) {
  return exchange.edits.at(-1) ?? exchange.callback?.data;
}

describe('/casualties chart: true', () => {
  it('sends the figures as a PNG attachment shown in the embed, with the chart’s alt text', async () => {
    const exchange = await h.emu.sendInteraction({
      type: 'command',
      name: 'casualties',
      options: stringOptions({ chart: true }),
    });
    const message = replyMessage(exchange);
    const { attachment, image } = picture(message);
    expect(attachment.description).toBe(expectedAlt());
    expect([image.width, image.height]).toEqual([attachment.width, attachment.height]);
    expect(imageUrl(sent(exchange))).toBe('attachment://figures.png');
    expect(imageUrl(message)).toBe(attachment.url);
    // The figures are in the text as well: the picture adds to the reply, it does not replace it.
    expect(message.embeds?.[0]?.fields?.[0]?.value).toMatch(/\[\d\]/);
    expect(h.emu.requests.filter((r) => r.status >= 400)).toEqual([]);
  });

  it('is offered as a button under /casualties, which sends the chart to whoever presses it', async () => {
    const reply = await h.emu.sendInteraction({ type: 'command', name: 'casualties' });
    expect(replyMessage(reply).attachments ?? []).toEqual([]);
    const pressed = await pressButton(h.emu, replyMessage(reply), 'Chart');
    expect(pressed.ephemeral).toBe(true);
    const { attachment } = picture(replyMessage(pressed));
    expect(attachment.description).toBe(expectedAlt());
  });
});

describe('the digest', () => {
  it('carries the same chart', async () => {
    const digest = (subcommand: string, options: InteractionOption[] = []) => ({
      type: 'command' as const,
      name: 'digest',
      options: [{ name: subcommand, type: 1, options }],
    });
    await h.emu.sendInteraction(digest('set', [{ name: 'channel', type: 7, value: h.emu.channelId }]));
    await h.emu.sendInteraction(digest('now'));
    const post = (h.emu.channelMessages.get(h.emu.channelId) ?? []).at(-1) as ApiMessage & { id: string };
    const { attachment, image } = picture(post);
    expect(attachment.description).toBe(expectedAlt());
    expect(image.width).toBeGreaterThan(0);
    expect(imageUrl(post)).toBe(attachment.url);
  });
});
