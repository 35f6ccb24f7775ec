/** A reply with actions as the adapters send it: one message, components Discord accepts, ids that read back. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormErrors, validateMessageBody } from '../../emulator/index.js';
import { decodeCall, memoryCallStore, pressedCall } from '../../src/contract/calls.js';
import { renderCommandReply } from '../../src/contract/render-reply.js';
import type { Action, CommandCall, CommandReply } from '../../src/contract/types.js';

const label = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 150 }),
  fc.constant(''),
);

const call: fc.Arbitrary<CommandCall> = fc.record({
  command: fc.constantFrom('casualties', 'quotes', 'ask', 'compare'),
  input: fc.record({
    options: fc.dictionary(fc.constantFrom('incident', 'topic', 'question', 'about'), label, { maxKeys: 3 }),
  }),
});

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('button' as const), label, call }),
  fc.record({
    kind: fc.constant('menu' as const),
    placeholder: label,
    call,
    option: fc.constantFrom('about', 'topic'),
    // Duplicates, empty and over-long values included: what a command could build from odd data.
    choices: fc.array(fc.record({ name: label, value: label }), { maxLength: 30 }),
  }),
);

const reply: fc.Arbitrary<CommandReply> = fc.record({
  briefing: fc.record({
    title: label,
    sections: fc.array(
      fc.record({ heading: label, lines: fc.array(fc.string({ maxLength: 900 }), { maxLength: 12 }) }),
      { maxLength: 10 },
    ),
  }),
  private: fc.boolean(),
  actions: fc.array(action, { maxLength: 8 }),
});

describe('renderCommandReply', () => {
  it('gives one message Discord accepts, whose every component runs an action offered or a part of the reply', () => {
    fc.assert(
      fc.property(reply, call, fc.nat({ max: 6 }), (r, asked, part) => {
        const store = memoryCallStore();
        const rendered = renderCommandReply(r, { call: { ...asked, part }, version: '0123456789', store });
        expect(rendered.messages).toHaveLength(1);
        const [message] = rendered.messages;
        const errors = new FormErrors();
        validateMessageBody(errors, message as unknown as Record<string, unknown>);
        expect(errors.tree).toEqual({});
        const offered = (r.actions ?? []).map((a) => JSON.stringify(a.call));
        for (const row of message?.components ?? []) {
          for (const component of row.components) {
            if (!('custom_id' in component)) continue;
            const decoded = decodeCall(component.custom_id, store);
            if ('problem' in decoded)
              throw new Error(`an id that does not read back: ${component.custom_id}`);
            const isPart = decoded.call.part !== undefined && decoded.call.command === asked.command;
            expect(isPart || offered.includes(JSON.stringify(decoded.call)), component.custom_id).toBe(true);
            if (decoded.fill) expect(pressedCall(decoded, 'x')?.input.options[decoded.fill]).toBe('x');
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
