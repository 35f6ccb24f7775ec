/** Command calls written into component ids and read back: any call, within Discord's 100 characters. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CallStore,
  decodeCall,
  encodeCall,
  memoryCallStore,
  pressedCall,
  type StoredCall,
} from '../../src/contract/calls.js';
import type { CommandInput, OptionValue } from '../../src/contract/types.js';

/** Names as Discord allows them for commands, subcommands and options. */
const name = fc.stringMatching(/^[-_a-z0-9\u00e0-\u00ff]{1,32}$/);

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  // Long enough that the call is kept in the store: a long question, a message's text.
  fc.string({ unit: 'grapheme', minLength: 100, maxLength: 2000 }),
  fc.constantFrom('', "'", '|', '&=%+', 'b1|0123456789|@x', 'null', 'true', '1e+21'),
);

const value: fc.Arbitrary<OptionValue> = fc.oneof(
  text,
  fc.integer(),
  // -0 is not a value Discord sends (JSON has no negative zero it keeps apart).
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
);

const input: fc.Arbitrary<CommandInput> = fc.record(
  {
    subcommand: name,
    options: fc.dictionary(name, value, { maxKeys: 6 }),
    targetText: text,
  },
  { requiredKeys: ['options'] },
);

const stored: fc.Arbitrary<StoredCall> = fc.record(
  {
    call: fc.record(
      {
        command: fc.oneof(name, fc.constant('Look up in briefing')),
        input,
        part: fc.integer({ min: 0, max: 24 }),
      },
      { requiredKeys: ['command', 'input'] },
    ),
    fill: name,
  },
  { requiredKeys: ['call'] },
);

const version = fc.stringMatching(/^[0-9a-f]{10}$/);

describe('encodeCall and decodeCall', () => {
  it('read back any call exactly, from an id of at most 100 characters', () => {
    const store = memoryCallStore();
    fc.assert(
      fc.property(stored, version, (call, v) => {
        const id = encodeCall(call, v, store);
        expect(id.length).toBeLessThanOrEqual(100);
        expect(decodeCall(id, store)).toEqual({ ...call, version: v });
      }),
      { numRuns: 500 },
    );
  });

  it('keep in the store only what does not fit, under a key that depends on the call alone', () => {
    const kept: string[] = [];
    const memory = memoryCallStore();
    const store: CallStore = {
      put: (key, call) => {
        kept.push(key);
        memory.put(key, call);
      },
      get: (key) => memory.get(key),
    };
    const short: StoredCall = { call: { command: 'casualties', input: { options: { incident: 'x' } } } };
    expect(encodeCall(short, '0123456789', store)).toBe('b1|0123456789|c=casualties&o.incident=%27x');
    expect(kept).toEqual([]);
    const long: StoredCall = {
      call: { command: 'ask', input: { options: { question: 'why '.repeat(40) } } },
    };
    const id = encodeCall(long, '0123456789', store);
    expect(id).toMatch(/^b1\|0123456789\|@[\w-]{16}$/);
    expect(encodeCall(long, '0123456789', store)).toBe(id);
    expect(encodeCall(long, 'abcdefabcd', store)).not.toBe(id.replace('0123456789', 'abcdefabcd'));
    expect(kept).toHaveLength(3);
  });

  it('say why an id gives no call: not one of ours, damaged, or its stored call gone', () => {
    const store = memoryCallStore();
    for (const id of [
      '',
      'old-button',
      'b1',
      'b1|v',
      'b1|v|',
      'b2|v|c=x',
      'b1|v|o.a=1',
      "b1|v|c=x&o.a=%7B'",
    ]) {
      expect(decodeCall(id, store), id).toEqual({ problem: 'malformed' });
    }
    expect(decodeCall('b1|0123456789|@AAAAAAAAAAAAAAAA', store)).toEqual({ problem: 'expired' });
  });
});

describe('pressedCall', () => {
  it('fills the option a menu names with the choice, and refuses what does not go together', () => {
    fc.assert(
      fc.property(stored, text, (call, choice) => {
        if (call.fill) {
          const filled = pressedCall(call, choice);
          expect(filled?.input.options[call.fill]).toBe(choice);
          expect(filled?.command).toBe(call.call.command);
          expect(pressedCall(call, undefined)).toBeNull();
        } else {
          expect(pressedCall(call, undefined)).toBe(call.call);
          expect(pressedCall(call, choice)).toBeNull();
        }
      }),
    );
  });
});
