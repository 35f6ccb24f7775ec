/**
 * Files sent with messages: the real discord.js client uploads PNG images shown in embeds, in
 * interaction replies, edits of them, follow-ups, component updates and channel posts; the
 * emulator keeps their bytes and checks uploads as Discord does. Malformed uploads, which
 * discord.js would not build, are sent as raw multipart requests.
 */
import { once } from 'node:events';
import { crc32, deflateSync } from 'node:zlib';
import {
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  type TextChannel,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentLimits, type Emulator, type JsonObject, startEmulator } from '../../emulator/index.js';

/** A real PNG image: `width` x `height` RGB pixels of a gradient. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, no interlace
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([x * 16, y * 16, 128], y * (1 + width * 3) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CHART = png(12, 8);
const OTHER_CHART = png(4, 3);

const chartFile = (name = 'x.png', description = 'alt') => ({ attachment: CHART, name, description });
const imageEmbed = (name = 'x.png') =>
  new EmbedBuilder().setTitle('Figures').setImage(`attachment://${name}`);

/** The bot under test: each command sends or edits files the way a chart reply would. */
async function handle(i: Interaction, botErrors: unknown[]): Promise<void> {
  if (i.isButton()) {
    await i.update({ files: [chartFile('redrawn.png')], embeds: [imageEmbed('redrawn.png')] });
    return;
  }
  if (!i.isChatInputCommand()) return;
  switch (i.commandName) {
    case 'chart':
      await i.reply({ files: [chartFile()], embeds: [imageEmbed()] });
      return;
    case 'chart-later': {
      await i.deferReply();
      await i.editReply({ files: [chartFile()], embeds: [imageEmbed()] });
      const thumbnail = new EmbedBuilder().setTitle('More').setThumbnail('attachment://more.png');
      await i.followUp({
        files: [{ attachment: OTHER_CHART, name: 'more.png', description: 'smaller' }],
        embeds: [thumbnail],
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    case 'chart-edits': {
      const reply = await i.reply({ files: [chartFile()], embeds: [imageEmbed()], withResponse: true });
      const kept = [...(reply.resource?.message?.attachments.values() ?? [])];
      await i.editReply({ content: 'kept', attachments: kept });
      await i.editReply({
        content: 'replaced',
        files: [{ attachment: OTHER_CHART, name: 'y.png', description: 'new' }],
        embeds: [imageEmbed('y.png')],
      });
      await i.editReply({ content: 'removed', attachments: [], embeds: [] });
      return;
    }
    case 'chart-mismatch':
      // The file is y.png; the embed asks for x.png: on Discord, an embed without its picture.
      await i
        .reply({ files: [chartFile('y.png')], embeds: [imageEmbed('x.png')] })
        .catch((error: unknown) => botErrors.push(error));
      return;
  }
}

type Part = { field: string; filename?: string; contentType?: string; data: Buffer };

/** A multipart/form-data body built by hand, so that it can be malformed. */
function multipart(payload: unknown, parts: Part[]): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const boundary = 'emulator-test-boundary';
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="payload_json"\r\n` +
        `Content-Type: application/json\r\n\r\n${JSON.stringify(payload)}\r\n`,
    ),
  ];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"${filename}\r\n` +
          `Content-Type: ${part.contentType ?? 'image/png'}\r\n\r\n`,
      ),
      part.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Uint8Array.from(Buffer.concat(chunks)),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Sends a multipart message to an emulator route (under /api/v10) as a raw request. */
async function postMultipart(
  emu: Emulator,
  path: string,
  payload: unknown,
  parts: Part[],
  method = 'POST',
): Promise<{ status: number; body: unknown }> {
  const { body, contentType } = multipart(payload, parts);
  const response = await fetch(`${emu.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: `Bot ${emu.token}`, 'content-type': contentType },
    body,
  });
  return { status: response.status, body: await response.json() };
}

const upload = (n: number, filename = `f${n}.png`, data = CHART): Part => ({
  field: `files[${n}]`,
  filename,
  data,
});

function attachmentsOf(message: JsonObject | undefined): JsonObject[] {
  return (message?.attachments ?? []) as JsonObject[];
}

/** The error codes of a Discord `Invalid Form Body` answer, by dotted path. */
function formErrors(body: unknown): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (key === '_errors') found[path.join('.')] = (value as { code: string }[]).map((e) => e.code);
      else walk(value as Record<string, unknown>, [...path, key]);
    }
  };
  walk(((body as { errors?: Record<string, unknown> }).errors ?? {}) as Record<string, unknown>, []);
  return found;
}

describe('attachments sent by the real discord.js client', () => {
  let emu: Emulator;
  let client: Client;
  const botErrors: unknown[] = [];

  beforeAll(async () => {
    emu = await startEmulator();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
    client.on(Events.InteractionCreate, (interaction) => {
      handle(interaction, botErrors).catch((error: unknown) => botErrors.push(error));
    });
    const ready = once(client, Events.ClientReady);
    await client.login(emu.token);
    await ready;
    await emu.waitForReady();
  });

  afterEach(() => {
    expect(botErrors).toEqual([]);
  });

  afterAll(async () => {
    await client?.destroy();
    await emu?.close();
  });

  it('a reply keeps the PNG with its alt text, shows it in the embed, and serves its bytes', async () => {
    const ex = await emu.sendInteraction({ type: 'command', name: 'chart' });
    const message = ex.original;
    expect(message?.attachments).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        filename: 'x.png',
        size: CHART.length,
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/attachments\/\d+\/\d+\/x\.png$/),
        proxy_url: expect.any(String),
        content_type: 'image/png',
        description: 'alt',
        width: 12,
        height: 8,
      },
    ]);
    const attachment = message?.attachments?.[0] as JsonObject;
    // Discord shows attachment://x.png as the attachment itself.
    expect(message?.embeds?.[0]?.image).toEqual({
      url: attachment.url,
      proxy_url: attachment.proxy_url,
      width: 12,
      height: 8,
    });
    expect(emu.attachmentBytes(message?.id ?? '', 'x.png').equals(CHART)).toBe(true);
    const served = await fetch(String(attachment.url));
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(CHART)).toBe(true);
    // What the bot sent stays as sent.
    expect(ex.callback?.data?.embeds?.[0]?.image).toEqual({ url: 'attachment://x.png' });
  });

  it('an edit of a deferred reply and an ephemeral follow-up carry their own files', async () => {
    const ex = await emu.sendInteraction({ type: 'command', name: 'chart-later' }, { followUps: 1 });
    expect(ex.original?.attachments).toMatchObject([{ filename: 'x.png', description: 'alt' }]);
    expect(emu.attachmentBytes(ex.original?.id ?? '', 'x.png').equals(CHART)).toBe(true);
    const followUp = ex.followUps[0];
    expect(followUp?.attachments).toMatchObject([
      { filename: 'more.png', description: 'smaller', width: 4, height: 3 },
    ]);
    expect(followUp?.embeds?.[0]?.thumbnail).toMatchObject({ url: followUp?.attachments?.[0]?.url });
    expect(emu.attachmentBytes(followUp?.id ?? '', 'more.png').equals(OTHER_CHART)).toBe(true);
  });

  it('edits keep the attachments they list by id, replace them with new files, or drop them all', async () => {
    const ex = await emu.sendInteraction({ type: 'command', name: 'chart-edits' }, { edits: 3 });
    const edits = emu.requests.filter(
      (r) => r.method === 'PATCH' && r.path.includes(ex.token) && r.path.endsWith('/messages/@original'),
    );
    const states = edits.map((r) => r.response as JsonObject);
    expect(states.map((m) => m.content)).toEqual(['kept', 'replaced', 'removed']);
    expect(states.map((m) => attachmentsOf(m).map((a) => a.filename))).toEqual([['x.png'], ['y.png'], []]);
    // The kept attachment is the reply's own: same id.
    const callback = emu.requests.find((r) => r.path === `/interactions/${ex.id}/${ex.token}/callback`);
    const reply = (callback?.response as { resource?: { message?: JsonObject } } | undefined)?.resource
      ?.message;
    expect(attachmentsOf(states[0]).map((a) => a.id)).toEqual(attachmentsOf(reply).map((a) => a.id));
    expect(ex.original?.attachments).toEqual([]);
    expect(() => emu.attachmentBytes(ex.original?.id ?? '', 'x.png')).toThrow(/no attachment x\.png/);
  });

  it('an unmatched attachment:// reaches the bot as a 400 naming the embed picture', async () => {
    emu.dispatchInteraction({ type: 'command', name: 'chart-mismatch' });
    await expect.poll(() => botErrors.length).toBe(1);
    const error = botErrors.pop();
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(400);
    expect(formErrors((error as DiscordAPIError).rawError)).toEqual({
      'data.embeds.0.image.url': ['EMBED_ATTACHMENT_NOT_FOUND'],
    });
  });

  it('a component update replaces the pressed message with a new picture', async () => {
    const channel = (await client.channels.fetch(emu.channelId)) as TextChannel;
    const sent = await channel.send({
      content: 'chart',
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Redraw', custom_id: 'redraw' }] }],
    });
    const ex = await emu.sendInteraction({ type: 'component', customId: 'redraw', messageId: sent.id });
    expect(ex.callback?.type).toBe(7);
    const stored = emu.channelMessages.get(emu.channelId)?.find((m) => m.id === sent.id);
    expect(stored?.attachments).toMatchObject([{ filename: 'redrawn.png', description: 'alt' }]);
    expect(emu.attachmentBytes(sent.id, 'redrawn.png').equals(CHART)).toBe(true);
  });

  it('a channel post with a chart keeps it until an edit removes its attachments', async () => {
    const channel = (await client.channels.fetch(emu.channelId)) as TextChannel;
    const sent = await channel.send({
      files: [chartFile('digest.png', 'digest chart')],
      embeds: [imageEmbed('digest.png')],
    });
    expect(sent.attachments.first()).toMatchObject({ name: 'digest.png', description: 'digest chart' });
    expect(sent.embeds[0]?.image?.url).toBe(sent.attachments.first()?.url);
    expect(emu.attachmentBytes(sent.id, 'digest.png').equals(CHART)).toBe(true);
    const edited = await sent.edit({ attachments: [] });
    expect(edited.attachments.size).toBe(0);
    expect(emu.channelMessages.get(emu.channelId)?.find((m) => m.id === sent.id)?.attachments).toEqual([]);
  });

  it('an interaction reply tells the bot the upload limit', async () => {
    const seen: number[] = [];
    const listener = (i: Interaction) => seen.push(i.attachmentSizeLimit);
    client.on(Events.InteractionCreate, listener);
    await emu.sendInteraction({ type: 'command', name: 'chart' });
    client.off(Events.InteractionCreate, listener);
    expect(seen).toEqual([AttachmentLimits.uploadBytes]);
  });
});

describe('uploads refused as Discord refuses them', () => {
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator();
  });

  afterAll(async () => {
    await emu?.close();
  });

  /** A multipart message posted to the main channel: the answer's status and body. */
  const post = (payload: unknown, parts: Part[]) =>
    postMultipart(emu, `/channels/${emu.channelId}/messages`, payload, parts);

  async function refusal(payload: unknown, parts: Part[]): Promise<Record<string, string[]>> {
    const answer = await post(payload, parts);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
    return formErrors(answer.body);
  }

  const listed = (n: number, extra: JsonObject = {}) => ({ id: String(n), ...extra });

  it('ten files are accepted; an eleventh is refused', async () => {
    const ten = Array.from({ length: 10 }, (_, n) => upload(n));
    const accepted = await post({ attachments: ten.map((_, n) => listed(n)) }, ten);
    expect(accepted.status).toBe(200);
    expect((accepted.body as JsonObject).attachments).toHaveLength(10);
    const eleven = [...ten, upload(10)];
    expect(await refusal({ attachments: eleven.map((_, n) => listed(n)) }, eleven)).toEqual({
      attachments: ['BASE_TYPE_MAX_LENGTH'],
    });
  });

  it('the files of a request may total 10 MiB, not a byte more (413, code 40005)', async () => {
    const limit = AttachmentLimits.uploadBytes;
    expect(limit).toBe(10 * 1024 * 1024);
    const atLimit = await post({}, [upload(0, 'a.bin', Buffer.alloc(limit))]);
    expect(atLimit.status).toBe(200);
    // Two files each under the limit, over it together: the limit is on the whole request.
    const over = await post({}, [
      upload(0, 'a.bin', Buffer.alloc(limit / 2)),
      upload(1, 'b.bin', Buffer.alloc(limit / 2 + 1)),
    ]);
    expect(over).toEqual({ status: 413, body: { code: 40005, message: 'Request entity too large' } });
  });

  it('a file part needs a filename', async () => {
    expect(await refusal({}, [{ field: 'files[0]', data: CHART }])).toEqual({
      'files[0].filename': ['BASE_TYPE_REQUIRED'],
    });
    expect(await refusal({}, [upload(0, '')])).toEqual({ 'files[0].filename': ['BASE_TYPE_REQUIRED'] });
  });

  it('each attachments entry has the id of an uploaded file, a filename if any, and alt text up to 1024', async () => {
    const errors = await refusal(
      {
        attachments: [
          listed(0, { description: 'a'.repeat(1025) }),
          { filename: 'no-id.png' },
          listed(7),
          listed(1, { filename: '' }),
        ],
      },
      [upload(0), upload(1)],
    );
    expect(errors).toEqual({
      'attachments.0.description': ['BASE_TYPE_MAX_LENGTH'],
      'attachments.1.id': ['BASE_TYPE_REQUIRED'],
      'attachments.2': ['ATTACHMENT_NOT_FOUND'],
      'attachments.3.filename': ['BASE_TYPE_REQUIRED'],
    });
    const accepted = await post(
      { attachments: [listed(0, { filename: 'renamed.png', description: '\u{1F4C8}'.repeat(1024) })] },
      [upload(0)],
    );
    expect(accepted.status).toBe(200);
    expect((accepted.body as JsonObject).attachments).toMatchObject([{ filename: 'renamed.png' }]);
  });

  it('an embed picture must name an image uploaded with the message', async () => {
    const embeds = [
      { image: { url: 'attachment://missing.png' }, thumbnail: { url: 'attachment://f0.png' } },
      { image: { url: 'attachment://notes.txt' } },
      { thumbnail: { url: 'attachment://graphique-été.png' } },
      { image: { url: 'ftp://example.com/x.png' } },
    ];
    const parts = [upload(0), upload(1, 'notes.txt', Buffer.from('text'))];
    expect(await refusal({ embeds }, parts)).toEqual({
      'embeds.0.image.url': ['EMBED_ATTACHMENT_NOT_FOUND'],
      'embeds.1.image.url': ['EMBED_ATTACHMENT_NOT_IMAGE'],
      'embeds.2.thumbnail.url': ['EMBED_ATTACHMENT_NAME_INVALID'],
      'embeds.3.image.url': ['URL_TYPE_INVALID_URL'],
    });
  });

  it('an edit may show an attachment it keeps, not one it drops', async () => {
    const created = await post({ embeds: [{ image: { url: 'attachment://f0.png' } }] }, [upload(0)]);
    expect(created.status).toBe(200);
    const message = created.body as JsonObject;
    const kept = String(attachmentsOf(message)[0]?.id);
    const edit = (payload: JsonObject, parts: Part[] = []) =>
      postMultipart(emu, `/channels/${emu.channelId}/messages/${message.id}`, payload, parts, 'PATCH');
    const picture = [{ title: 'again', image: { url: 'attachment://f0.png' } }];
    const dropped = await edit({ embeds: picture, attachments: [] });
    expect(dropped.status).toBe(400);
    expect(formErrors(dropped.body)).toEqual({ 'embeds.0.image.url': ['EMBED_ATTACHMENT_NOT_FOUND'] });
    const stale = await edit({ attachments: [{ id: '1' }] });
    expect(formErrors(stale.body)).toEqual({ 'attachments.0': ['ATTACHMENT_NOT_FOUND'] });
    // An edit that lists its attachments gains only the uploads it lists.
    const keeping = await edit({ embeds: picture, attachments: [{ id: kept }] }, [upload(1)]);
    expect(keeping.status).toBe(200);
    expect(attachmentsOf(keeping.body as JsonObject)).toMatchObject([{ id: kept, filename: 'f0.png' }]);
  });

  it('an interaction callback is checked the same way, under data', async () => {
    const { id, token } = emu.dispatchInteraction({ type: 'command', name: 'silent' });
    const answer = await postMultipart(
      emu,
      `/interactions/${id}/${token}/callback`,
      { type: 4, data: { embeds: [{ image: { url: 'attachment://x.png' } }], attachments: [listed(0)] } },
      [upload(0, 'y.png')],
    );
    expect(answer.status).toBe(400);
    expect(formErrors(answer.body)).toEqual({
      'data.embeds.0.image.url': ['EMBED_ATTACHMENT_NOT_FOUND'],
    });
  });

  it('the upload limit is an option, told to the bot in each interaction', async () => {
    const small = await startEmulator({ uploadLimitBytes: 1000 });
    try {
      const send = (size: number) =>
        postMultipart(small, `/channels/${small.channelId}/messages`, {}, [
          upload(0, 'a.bin', Buffer.alloc(size)),
        ]);
      expect((await send(1000)).status).toBe(200);
      expect((await send(1001)).status).toBe(413);
      let told: unknown;
      small.dispatchInteraction({
        type: 'command',
        name: 'chart',
        tamper: (payload) => {
          told = payload.attachment_size_limit;
        },
      });
      expect(told).toBe(1000);
    } finally {
      await small.close();
    }
  });
});
