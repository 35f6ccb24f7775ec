/**
 * A slash command typed at the emulator's prompt, `/name [group] [sub] key: value ...`, as the
 * interaction Discord would send: option types from the command's registered definition (a string
 * when it is not registered), `#general`/`#digest` for the channels, `me` for the user.
 */
import type { Emulator, InteractionOption } from './index.js';

interface CommandOptionDef {
  name: string;
  type: number;
  options?: CommandOptionDef[];
}

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
export function parseCommandLine(
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
