/**
 * The benchmark's baseline: a plain discord.js client with the real bot's intents, caches and REST
 * settings (see src/discord/bot.ts) that answers every interaction with one constant embed. Run in
 * its own process, as the real bot is; prints "ready" once connected; stops on SIGTERM.
 *
 *   BENCH_TOKEN=... BENCH_API_URL=http://127.0.0.1:PORT/api node --import tsx bench/baseline-bot.ts
 */
import { Client, Events } from 'discord.js';
import { clientOptions } from '../src/discord/bot.js';
import { NO_MENTIONS } from '../src/render/mentions.js';

/** The constant reply: an embed of the size of a short notice. */
const CONSTANT = {
  embeds: [
    {
      title: 'Briefing',
      description: 'A constant reply, the same for every interaction.',
      color: 0x4f6d7a,
    },
  ],
  allowedMentions: NO_MENTIONS,
};

const token = process.env.BENCH_TOKEN;
const api = process.env.BENCH_API_URL;
if (!token || !api) {
  process.stderr.write('baseline-bot: set BENCH_TOKEN and BENCH_API_URL\n');
  process.exit(2);
}

// The same intents, caches and REST settings as the real bot, so only the work differs.
const client = new Client(clientOptions(api));
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isRepliable()) void interaction.reply(CONSTANT).catch(() => undefined);
});
client.once(Events.ClientReady, () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => {
  void client.destroy().then(() => process.exit(0));
});
await client.login(token);
