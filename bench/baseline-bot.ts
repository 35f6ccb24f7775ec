/**
 * The benchmark's baseline: a plain discord.js client with the real bot's intents, caches and REST
 * settings (see src/discord/bot.ts) that answers every interaction with a reply computed in
 * advance: the very payloads the real bot sends for the same interactions and presses
 * (bench/mix.ts), through the same reply code. What the real bot takes beyond it is its own work: reading the interaction,
 * the handler, the renderer, the log line. Run in its own process, as the real bot is; prints
 * "ready" once connected; stops on SIGTERM.
 *
 *   BENCH_TOKEN=... BENCH_API_URL=http://127.0.0.1:PORT/api BENCH_PAYLOADS=file.json \
 *     node --import tsx bench/baseline-bot.ts
 */
import { readFileSync } from 'node:fs';
import { Client, Events } from 'discord.js';
import { clientOptions } from '../src/discord/bot.js';
import { Responder } from '../src/discord/responder.js';
import type { Rendered } from '../src/render/payload.js';
import { type ConstantPayloads, payloadKey, pressKey } from './mix.js';

const token = process.env.BENCH_TOKEN;
const api = process.env.BENCH_API_URL;
const file = process.env.BENCH_PAYLOADS;
if (!token || !api || !file) {
  process.stderr.write('baseline-bot: set BENCH_TOKEN, BENCH_API_URL and BENCH_PAYLOADS\n');
  process.exit(2);
}
const constant = JSON.parse(readFileSync(file, 'utf8')) as ConstantPayloads;
const payloads = new Map(Object.entries(constant.replies));
const presses = new Map(Object.entries(constant.presses));
/** For an interaction outside the mix: two bytes. */
const SHORT: Rendered = { messages: [{ content: 'ok', allowed_mentions: { parse: [] } }], ephemeral: false };

// The same intents, caches and REST settings as the real bot, so only the work differs.
const client = new Client(clientOptions(api));
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    const values = interaction.isStringSelectMenu() ? interaction.values : undefined;
    const press = presses.get(pressKey(interaction.customId, values));
    const inPlace = press?.inPlace === true;
    void new Responder(interaction, { private: true, inPlace })
      .send(press?.rendered ?? SHORT, { replace: inPlace })
      .catch(() => undefined);
    return;
  }
  if (!interaction.isChatInputCommand() && !interaction.isMessageContextMenuCommand()) return;
  const key = interaction.isMessageContextMenuCommand()
    ? payloadKey(interaction.commandName, [], interaction.targetMessage.content)
    : payloadKey(interaction.commandName, interaction.options.data);
  const rendered = payloads.get(key) ?? SHORT;
  void new Responder(interaction, { private: rendered.ephemeral }).send(rendered).catch(() => undefined);
});
client.once(Events.ClientReady, () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => {
  void client.destroy().then(() => process.exit(0));
});
await client.login(token);
