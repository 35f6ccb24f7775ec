/**
 * Pictures end to end: the real bot sends the chart as a file attachment, shown in its embed, with
 * its alt text; the emulator checks the upload as Discord does and keeps the bytes, decoded here.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMessage, InteractionExchange, InteractionOption } from '../../emulator/index.js';
import { casualtiesChart } from '../../src/chart/figures.js';
import { figurePictures } from '../../src/chart/spec.js';
import { defaultIncident } from '../../src/dataset/dataset.js';
import { loadDataset } from '../../src/dataset/load.js';
import { type Harness, serving, startHarness, stringOptions } from '../helpers/bot-harness.js';
import { pressButton, replyMessage } from '../helpers/components.js';
import { SOURCE_002, withDatasetCopy } from '../helpers/dataset-fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** The pictures of the dataset the bot serves, as the reply should carry them: names and alt texts. */
function expectedPictures(): [string, string][] {
  const incident = defaultIncident(h.dataset);
  if (!incident) throw new Error('no incident');
  const chart = casualtiesChart(h.dataset, incident);
  if (!chart) throw new Error('no figures');
  return figurePictures(chart).map((p) => [p.name, p.alt]);
}

/** Every picture of the message: its attachment, decoded, in order. */
function pictures(message: ApiMessage & { id: string }) {
  return (message.attachments ?? []).map((attachment) => ({
    attachment,
    image: PNG.sync.read(h.emu.attachmentBytes(message.id, attachment.filename as string)),
  }));
}

/** Each embed's picture, as Discord shows it: the attachment's address. */
function embedPictures(message: ApiMessage | undefined): unknown[] {
  return (message?.embeds ?? []).map((e) => (e.image as { url?: unknown } | undefined)?.url);
}

/** Checks the message carries the chart's pictures, each with its alt text, each shown in an embed in order. */
function expectChart(message: ApiMessage & { id: string }) {
  const shown = pictures(message);
  expect(shown.map(({ attachment }) => [attachment.filename, attachment.description])).toEqual(
    expectedPictures(),
  );
  for (const { attachment, image } of shown)
    expect([image.width, image.height]).toEqual([attachment.width, attachment.height]);
  expect(embedPictures(message)).toEqual(shown.map(({ attachment }) => attachment.url));
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
    expectChart(message);
    expect(embedPictures(sent(exchange))).toEqual(expectedPictures().map(([name]) => `attachment://${name}`));
    // The figures are in the text as well: the picture adds to the reply, it does not replace it.
    expect(message.embeds?.[0]?.fields?.[0]?.value).toMatch(/\*\*at least 24\*\* indileak\.com/);
    expect(h.emu.requests.filter((r) => r.status >= 400)).toEqual([]);
  });

  it('is offered as a button under /casualties, which sends the chart to whoever presses it', async () => {
    const reply = await h.emu.sendInteraction({ type: 'command', name: 'casualties' });
    expect(replyMessage(reply).attachments ?? []).toEqual([]);
    const pressed = await pressButton(h.emu, replyMessage(reply), 'Chart');
    expect(pressed.ephemeral).toBe(true);
    expectChart(replyMessage(pressed));
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
    expectChart(post);
  });
});

describe('a measure of 150 figures', () => {
  it('acknowledges before the picture, which shows their span and how many, at the usual size', async () => {
    const claims = Array.from(
      { length: 150 },
      (_, n) => `
  - id: atleast23.many.${n}
    topic: casualties
    statement: "A figure of a hostile test."
    measure: killed.security_forces
    figure: {value: ${100 + n}, qualifier: exact, counted: soldiers}
    speaker: report
    status: reported
    quote: 'At Least 23 Soldiers Killed in Attack in Pakistan'
`,
    ).join('');
    await withDatasetCopy(async (copy) => {
      await copy.replace(SOURCE_002, '\nclaims:\n', `\nclaims:\n${claims}`);
      const dataset = await loadDataset(copy.dir);
      const hostile = await startHarness({ dataset: serving(dataset, copy.dir) });
      try {
        const exchange = await hostile.emu.sendInteraction({
          type: 'command',
          name: 'casualties',
          options: stringOptions({ chart: true }),
        });
        // Deferred ("thinking…") with nothing drawn, then the reply with its picture as an edit.
        expect(exchange.callback?.type).toBe(5);
        const message = replyMessage(exchange);
        const [first] = message.attachments ?? [];
        expect(first?.description).toMatch(
          /Security forces killed .*: 23 to 249 15\d figures from 2 reports/,
        );
        const bytes = hostile.emu.attachmentBytes(message.id, first?.filename as string);
        const image = PNG.sync.read(bytes);
        // The span is drawn: the first group's colour is not used, the span's dark bar is, widely.
        const [r, g, b] = [0x1f, 0x23, 0x28];
        let dark = 0;
        for (let i = 0; i < image.data.length; i += 4)
          if (image.data[i] === r && image.data[i + 1] === g && image.data[i + 2] === b) dark++;
        expect(dark).toBeGreaterThan(2000);
        expect(image.width).toBeLessThan(1200);
        expect(image.height).toBeLessThan(1000);
      } finally {
        await hostile.close();
      }
    });
  });
});
