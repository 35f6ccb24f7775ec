/** The renderer at Discord's edges: every limit holds, long answers split and are capped with a note. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/render/limits.js';
import { MAX_MESSAGES_PER_REPLY, renderBriefing } from '../../src/render/render.js';
import { splitLong } from '../../src/render/text-fit.js';
import { expectSendable } from '../commands/support.js';
import { messageText, renderedText } from '../helpers/payload-text.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('renderBriefing', () => {
  it('keeps a long title, footer and description within 6000 characters per message', () => {
    const reply = renderBriefing({
      title: words(60),
      footer: words(400),
      description: words(900),
      sections: [],
    });
    expectSendable(reply);
    expect(reply.messages.length).toBeGreaterThan(1);
  });

  it('splits a long answer into parts marked “Part n of m”, cutting no line unmarked', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i}: ${words(20)}`);
    const reply = renderBriefing({ title: 'Long', sections: [{ heading: 'Everything', lines }] });
    expectSendable(reply);
    const text = renderedText(reply);
    expect(text).toMatch(/Part 1 of \d/);
    for (const line of lines) expect(text).toContain(line);
  });

  it('caps an answer at a few messages and says what was left out and how to narrow it', () => {
    const sections = Array.from({ length: 60 }, (_, i) => ({ heading: `Section ${i}`, lines: [words(150)] }));
    const reply = renderBriefing({ title: 'Huge', sections });
    expectSendable(reply);
    expect(reply.messages).toHaveLength(MAX_MESSAGES_PER_REPLY);
    expect(renderedText(reply)).toMatch(/more sections are not shown\. Narrow the question/);
  });

  it('marks a line longer than a field where it is cut, and loses none of its words', () => {
    const long = words(400);
    const reply = renderBriefing({ title: 'One long line', sections: [{ heading: 'Quote', lines: [long] }] });
    expectSendable(reply);
    const values = reply.messages
      .flatMap((m) => m.embeds ?? [])
      .flatMap((e) => (e.fields ?? []).map((f) => f.value));
    expect(values.length).toBeGreaterThan(1);
    expect(values[0]).toMatch(/…$/);
    expect(values[1]).toMatch(/^…/);
    expect(values.join(' ').replace(/…/g, ' ').split(/\s+/).filter(Boolean)).toEqual(long.split(' '));
  });
});

describe('splitLong', () => {
  it('splits a line of a million characters into marked pieces that hold all of it', () => {
    const line = 'word '.repeat(200_000).trim();
    const pieces = splitLong(line, LIMITS.fieldValue);
    expect(pieces.length).toBeGreaterThan(line.length / LIMITS.fieldValue);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(pieces.slice(0, -1).every((p) => p.endsWith('…'))).toBe(true);
    expect(pieces.slice(1).every((p) => p.startsWith('…'))).toBe(true);
    expect(pieces.map((p) => p.replace(/^…|…$/g, '')).join(' ')).toBe(line);
  });

  it('renders a line of 5,000,000 characters (work that grew with its square once ran out of memory)', () => {
    const reply = renderBriefing({
      title: 'Huge',
      sections: [{ heading: 'One line', lines: ['word '.repeat(1_000_000)] }],
    });
    expectSendable(reply);
    expect(reply.messages).toHaveLength(MAX_MESSAGES_PER_REPLY);
    expect(renderedText(reply)).toMatch(/1 more section is not shown/);
  });
});

describe('replyToText', () => {
  const text = (description: string) =>
    messageText({ embeds: [{ description }], allowed_mentions: { parse: [] } });

  it('shows a Discord timestamp as a date in UTC, or relative to now', () => {
    expect(text('<t:1702339200:D>')).toBe('2023-12-12');
    expect(text('<t:1702339200:F>')).toBe('2023-12-12 00:00 UTC');
    expect(text('<t:1702339200>')).toBe('2023-12-12 00:00 UTC');
    expect(text('<t:1702339200:R>')).toMatch(/ ago$/);
  });

  it('leaves a timestamp beyond any date as written, as Discord does, whatever its style', () => {
    for (const style of ['', ':d', ':F', ':R']) {
      expect(text(`<t:99999999999999999${style}>`)).toBe(`<t:99999999999999999${style}>`);
      expect(text(`<t:${'9'.repeat(400)}${style}>`)).toBe(`<t:${'9'.repeat(400)}${style}>`);
    }
  });

  it('shows a date past the year 9999 in full', () => {
    expect(text('<t:253402300800:D>')).toBe('+010000-01-01');
  });
});
