/**
 * A command call written into a component's `custom_id` (at most 100 characters), so that a button
 * keeps working after the bot restarts: `b1|<dataset version>|<call>`. A call too long to fit (a
 * long /ask question) is kept in a store and the id holds its key: `b1|<version>|@<key>`. The key is
 * a hash of the call, so the same call always gets the same id.
 *
 * The dataset version says which data the message was made from: a press on a message from older
 * data is answered from the current data, and says so.
 */
import { createHash } from 'node:crypto';
import type { CommandCall, CommandInput, OptionValue } from './types.js';

/** Where calls too long for an id are kept, by key. The bot keeps them in its store. */
export interface CallStore {
  put(key: string, call: StoredCall): void;
  get(key: string): StoredCall | undefined;
  /**
   * For a store that processes share: reads a call another process kept, so that `get` finds it
   * (a process never waits for the store when it has the call itself).
   */
  load?(key: string): Promise<void>;
}

/** A call, and for a menu the option its choice fills. */
export interface StoredCall {
  call: CommandCall;
  fill?: string;
}

export type DecodedCall = StoredCall & { version: string };

/** Why an id gives no call: not one of ours or damaged (`malformed`), or its stored call is gone (`expired`). */
export interface Undecodable {
  problem: 'malformed' | 'expired';
}

const PREFIX = 'b1';
const CUSTOM_ID = 100;

/** A store in memory: for the console and the tests (the bot keeps its store in the state folder). */
export function memoryCallStore(): CallStore {
  const calls = new Map<string, StoredCall>();
  return { put: (key, call) => calls.set(key, call), get: (key) => calls.get(key) };
}

export function encodeCall(stored: StoredCall, version: string, store: CallStore): string {
  const inline = `${PREFIX}|${version}|${writeCall(stored)}`;
  if (inline.length <= CUSTOM_ID) return inline;
  const key = createHash('sha256').update(inline).digest('base64url').slice(0, 16);
  store.put(key, stored);
  return `${PREFIX}|${version}|@${key}`;
}

/** The call in an id, or why there is none: the id is not one of ours or damaged, or its stored call is gone. */
export function decodeCall(customId: string, store: CallStore): DecodedCall | Undecodable {
  const { prefix, version, body } = partsOf(customId);
  if (prefix !== PREFIX || !version || !body) return { problem: 'malformed' };
  if (body.startsWith('@')) {
    const stored = store.get(body.slice(1));
    return stored ? { ...stored, version } : { problem: 'expired' };
  }
  const stored = readCall(body);
  return stored ? { ...stored, version } : { problem: 'malformed' };
}

/** As decodeCall, first reading from a shared store a kept call that another process may have written. */
export async function decodeSharedCall(
  customId: string,
  store: CallStore,
): Promise<DecodedCall | Undecodable> {
  const { prefix, body } = partsOf(customId);
  const key = prefix === PREFIX && body.startsWith('@') ? body.slice(1) : undefined;
  if (key && store.load && !store.get(key)) await store.load(key);
  return decodeCall(customId, store);
}

function partsOf(customId: string): { prefix?: string; version?: string; body: string } {
  const [prefix, version, ...rest] = customId.split('|');
  return { prefix, version, body: rest.join('|') };
}

/**
 * The call a press runs: the id's call, with a menu's choice filling the option the id names; null
 * when they do not go together (a choice for an id that fills nothing, or none for one that does).
 */
export function pressedCall({ call, fill }: StoredCall, choice: string | undefined): CommandCall | null {
  if (!fill) return choice === undefined ? call : null;
  if (choice === undefined) return null;
  return { ...call, input: { ...call.input, options: { ...call.input.options, [fill]: choice } } };
}

/**
 * `c=casualties&s=…&p=1&f=about&t=…&o.incident=…`: compact, and read back exactly (values keep
 * their type). Also how a store keeps its calls.
 */
export function writeCall({ call, fill }: StoredCall): string {
  const params = new URLSearchParams({ c: call.command });
  if (call.input.subcommand) params.set('s', call.input.subcommand);
  // Part 0 is written too: a part button says which part it shows, so a press knows it pages.
  if (call.part !== undefined) params.set('p', String(call.part));
  if (fill) params.set('f', fill);
  if (call.input.targetText !== undefined) params.set('t', call.input.targetText);
  for (const [name, value] of Object.entries(call.input.options)) params.set(`o.${name}`, writeValue(value));
  return params.toString();
}

/** The call `writeCall` wrote, or null for text it could not have written. */
export function readCall(body: string): StoredCall | null {
  try {
    const params = new URLSearchParams(body);
    const command = params.get('c');
    if (!command) return null;
    const options: Record<string, OptionValue> = Object.fromEntries(
      [...params].flatMap(([key, value]) => (key.startsWith('o.') ? [[key.slice(2), readValue(value)]] : [])),
    );
    const subcommand = params.get('s');
    const targetText = params.get('t');
    const input: CommandInput = {
      ...(subcommand ? { subcommand } : {}),
      options,
      ...(targetText !== null ? { targetText } : {}),
    };
    const part = params.get('p');
    const fill = params.get('f');
    return {
      call: { command, input, ...(part && /^\d{1,4}$/.test(part) ? { part: Number(part) } : {}) },
      ...(fill ? { fill } : {}),
    };
  } catch {
    return null; // a damaged id: URLSearchParams and JSON.parse found what no call writes
  }
}

/** Texts are written as they are; numbers and true/false with a mark, so they come back as such. */
function writeValue(value: OptionValue): string {
  return typeof value === 'string' ? `'${value}` : JSON.stringify(value);
}

function readValue(text: string): OptionValue {
  if (text.startsWith("'")) return text.slice(1);
  const value: unknown = JSON.parse(text === '' ? 'null' : text);
  return typeof value === 'number' || typeof value === 'boolean' ? value : String(text);
}
