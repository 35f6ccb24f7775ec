/**
 * Start the Discord emulator by hand and play Discord's user at its prompt:
 *
 *   npm run emulator -- [--port 8080] [--token T] [--heartbeat 41250] [--json]
 *
 * Then start the bot with the printed environment and type e.g. `/casualties`, then `press 1`.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';
import { HELP, runPrompt } from './prompt.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      token: { type: 'string', default: 'emulator-bot-token.not-a-real-discord-token' },
      heartbeat: { type: 'string', default: '41250' },
      json: { type: 'boolean', default: false },
    },
  });
  const emu = await startEmulator({
    port: Number(values.port),
    token: values.token,
    heartbeatIntervalMs: Number(values.heartbeat),
  });
  console.log(`Discord emulator listening
  REST     ${emu.apiUrl}   (discord.js: new Client({ rest: { api: '${emu.apiUrl}' } }))
  Gateway  ${emu.gatewayUrl}
  Token    ${emu.token}

Environment for the bot (remove these lines from .env afterwards: npm start opens the console again):
DISCORD_TOKEN=${emu.token}
DISCORD_CLIENT_ID=${emu.applicationId}
DISCORD_GUILD_ID=${emu.guildId}
DISCORD_API_URL=${emu.apiUrl}
DIGEST_CHANNEL_ID=${emu.otherChannelId}
`);
  console.log(HELP);
  await runPrompt({
    emu,
    input: process.stdin,
    output: process.stdout,
    json: values.json,
    interactive: Boolean(process.stdin.isTTY),
  });
  await emu.close();
  process.exit(0);
}

await main();
