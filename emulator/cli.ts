/**
 * Start the Discord emulator by hand and poke the bot from a prompt:
 *
 *   npx tsx emulator/cli.ts [--port 8080] [--token T] [--heartbeat 41250]
 *
 * Then start the bot with the printed environment and type e.g.
 *   /digest set cron: 0 8 * * 1 channel: #digest
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  type ApiMessage,
  type Emulator,
  type InteractionExchange,
  type InteractionOption,
  startEmulator,
} from './index.js';

interface CommandOptionDef {
  name: string;
  type: number;
  options?: CommandOptionDef[];
}

const HELP = `Commands:
  /name [group] [sub] key: value key2: value2   dispatch a chat-input command and print the answer
  messages                                     print the messages the bot posted in channels
  requests [n]                                 print the last n REST requests (default 10)
  help                                         this help
  quit                                         stop the emulator
Option types come from the registered command definitions (string when unknown).
Channels: #general / #digest (or an id). Users: me (or an id).`;

function findDefinition(emu: Emulator, name: string): CommandOptionDef | undefined {
  const lists = [emu.commands.guild.get(emu.guildId) ?? [], emu.commands.global];
  for (const list of lists) {
    const found = list.find(
      (c): c is CommandOptionDef =>
        typeof c === 'object' &&
        c !== null &&
        (c as CommandOptionDef).name === name &&
        ((c as { type?: number }).type ?? 1) === 1,
    );
    if (found) return found;
  }
  return undefined;
}

function convert(emu: Emulator, type: number, raw: string): string | number | boolean {
  switch (type) {
    case 4:
      return Number.parseInt(raw, 10);
    case 10:
      return Number.parseFloat(raw);
    case 5:
      return /^(true|yes|y|1|on)$/i.test(raw);
    case 6:
    case 9:
      return raw === 'me' ? emu.userId : raw.replace(/^<@!?(\d+)>$/, '$1');
    case 7: {
      const name = raw.replace(/^#/, '').replace(/^<#(\d+)>$/, '$1');
      if (name === 'general') return emu.channelId;
      if (name === 'digest') return emu.otherChannelId;
      return name;
    }
    default:
      return raw;
  }
}

/** Parses '/name [group] [sub] key: value ...' into a command name and Discord-shaped options. */
function parseCommandLine(
  emu: Emulator,
  line: string,
): { name: string; options: InteractionOption[] } | undefined {
  const match = /^\/(\S+)\s*(.*)$/.exec(line.trim());
  if (!match?.[1]) return undefined;
  const name = match[1];
  const rest = match[2] ?? '';
  const keys = [...rest.matchAll(/(?:^|\s)([\p{L}\p{N}_-]+):(?=\s|$)/gu)];
  const head = (keys[0] ? rest.slice(0, keys[0].index) : rest).trim();
  const words = head ? head.split(/\s+/) : [];
  const pairs = keys.map((k, i) => {
    const start = (k.index ?? 0) + k[0].length;
    const end = keys[i + 1]?.index ?? rest.length;
    return { key: k[1] ?? '', value: rest.slice(start, end).trim() };
  });

  // Walk the registered definition through group/subcommand words.
  let defs = findDefinition(emu, name)?.options;
  const path: Array<{ name: string; type: number }> = [];
  for (const word of words.slice(0, 2)) {
    const def = defs?.find((o) => o.name === word);
    const type = def?.type ?? (words.length === 2 && path.length === 0 ? 2 : 1);
    path.push({ name: word, type });
    defs = def?.options;
  }
  const leaves: InteractionOption[] = pairs.map(({ key, value }) => {
    const type = defs?.find((o) => o.name === key)?.type ?? 3;
    return { name: key, type, value: convert(emu, type, value) };
  });
  let options = leaves;
  for (const step of path.reverse()) options = [{ name: step.name, type: step.type, options }];
  return { name, options };
}

/** The parts of a message worth reading at a prompt. */
function brief(m: ApiMessage | undefined): unknown {
  if (!m) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of ['id', 'content', 'embeds', 'components', 'attachments', 'flags'] as const) {
    const v = m[key];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '') out[key] = v;
  }
  return out;
}

function summarize(ex: InteractionExchange): unknown {
  return {
    callback: ex.callback,
    original: brief(ex.original),
    edits: ex.edits,
    followUps: ex.followUps.map(brief),
    ephemeral: ex.ephemeral,
    ...(ex.deleted ? { deleted: true } : {}),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      token: { type: 'string', default: 'emulator-bot-token.not-a-real-discord-token' },
      heartbeat: { type: 'string', default: '41250' },
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

Environment for the bot:
DISCORD_TOKEN=${emu.token}
DISCORD_CLIENT_ID=${emu.applicationId}
DISCORD_GUILD_ID=${emu.guildId}
DISCORD_API_URL=${emu.apiUrl}
DIGEST_CHANNEL_ID=${emu.otherChannelId}
`);
  console.log(HELP);

  const watchReady = (): void => {
    emu.waitForReady(2 ** 31 - 1).then(
      () => {
        console.log(`\n[emulator] bot connected (identifies: ${emu.gatewayStats.identifies})`);
        rl.prompt();
      },
      () => undefined,
    );
  };

  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'emulator> ' });
  let closing = false;
  const quit = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    rl.close();
    await emu.close();
    process.exit(0);
  };
  watchReady();
  rl.prompt();
  // Lines are handled one at a time so answers print in order.
  let queue: Promise<void> = Promise.resolve();
  rl.on('line', (input) => {
    queue = queue
      .then(async () => {
        const line = input.trim();
        const [word, arg] = line.split(/\s+/);
        if (line === '') {
          // nothing
        } else if (word === 'quit' || word === 'exit') {
          await quit();
          return;
        } else if (word === 'help') {
          console.log(HELP);
        } else if (word === 'messages') {
          const byChannel = [...emu.channelMessages].map(([id, list]) => [id, list.map(brief)]);
          console.log(JSON.stringify(Object.fromEntries(byChannel), null, 2));
        } else if (word === 'requests') {
          const n = Number(arg ?? 10) || 10;
          for (const r of emu.requests.slice(-n)) console.log(`${r.status} ${r.method} ${r.path}`);
        } else if (line.startsWith('/')) {
          const parsed = parseCommandLine(emu, line);
          if (!parsed) console.log('usage: /name [sub] key: value ...');
          else {
            console.log(`-> ${JSON.stringify(parsed.options)}`);
            if (!emu.gatewayStats.identifies)
              console.log('(no bot has connected yet: the interaction is queued)');
            try {
              const ex = await emu.sendInteraction({ type: 'command', ...parsed }, { timeoutMs: 15_000 });
              console.log(JSON.stringify(summarize(ex), null, 2));
            } catch (error) {
              console.log(String(error));
            }
          }
        } else {
          console.log(`unknown command '${word}'; type help`);
        }
        if (!closing) rl.prompt();
      })
      .catch((error: unknown) => console.error(error));
  });
  // stdin closed (e.g. piped input ended): finish the queued lines first.
  rl.on('close', () => void queue.then(quit));
}

await main();
