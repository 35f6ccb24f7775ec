/** Typed and curated text is shown as written: escaped for Discord, read back as the same text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, linkText } from '../../src/briefing/markdown.js';
import { liveMarkup } from '../commands/support.js';
import { hostileText } from '../helpers/hostile.js';
import { messageText } from '../helpers/payload-text.js';

/** The text view of a message holding `markdown`: what a reader of the console sees. */
function shown(markdown: string): string {
  return messageText({ embeds: [{ description: markdown }], allowed_mentions: { parse: [] } });
}

describe('escapeText', () => {
  it('returns text with nothing to escape as it is', () => {
    const plain = 'At least 24 officers were killed in Daraban, 12 December 2023.';
    expect(escapeText(plain)).toBe(plain);
  });

  it.each([
    '[click here](https://evil.example)',
    '[x](<https://evil.example>)',
    '<t:99999999999999999:R>',
    '<@123456789012345678> <@!1> <@&2> <#3> </ask:4> <:emoji:5> <a:dance:6> <id:guide>',
    '**bold** __underline__ *italic* _italic_ ~~strike~~ ||spoiler|| `code`',
    '```\nblock **bold** [x](https://evil.example)\n```',
    '[4& [click here](https://evil.example)',
    '`[click here](https://evil.example)` `**bold**`',
    '<:emoji:1> _italic_ <a:x:2> __underline__',
    '# heading\n## heading\n-# small\n> quote\n>>> quote\n- item\n* item\n1. item',
    'a \\*backslash\\* \\<t:1> \\',
  ])('shows %j as written, with no live markdown', (text) => {
    const escaped = escapeText(text);
    expect(liveMarkup(escaped)).toEqual([]);
    expect(escaped).not.toMatch(/^\s*(?:#|>|-#?\s|\*\s|\d+\.)/m);
    expect(shown(escaped)).toBe(text);
  });

  it('drops control, bidirectional and invisible characters, keeping tabs, newlines and every script', () => {
    const text =
      'a\u0000b\u001bc\u007fd\u009be\u202ef\u2066g\u2069\th\ni 🏴‍☠️ العربية 中文 \u200f\u200bj\u2060k\ufeffl\u00adm\u3164n می‌خواهم';
    expect(escapeText(text)).toBe('abcdefg\th\ni 🏴‍☠️ العربية 中文 jklmn می‌خواهم');
  });

  it('shows any text as written but for invisible characters, with no live markdown', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText,
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ unit: fc.constantFrom(...'<>[]()@#&!:/t*_~`|\\-> 1.\n\tahttps'), maxLength: 60 }),
        ),
        (text) => {
          const escaped = escapeText(text);
          expect(liveMarkup(escaped)).toEqual([]);
          expect(shown(escaped)).toBe(text.replace(UNSEEN, ''));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** Controls (but tab and newline), format characters (but the joiners) and the Hangul fillers. */
const UNSEEN = /(?![\t\n])\p{Cc}|(?![\u200c\u200d])\p{Cf}|[\u115f\u1160\u3164\uffa0]/gu;

describe('linkText', () => {
  it('keeps a URL in its brackets whatever it holds', () => {
    for (const url of [
      'https://a.example/>[click here](https://evil.example)',
      'https://a.example/a b"c`d<e>f?q=<x> y#<frag> z',
      'https://a.example/\u202etxt.exe',
    ]) {
      const link = linkText(url);
      expect(link).toMatch(/^<https:\/\/a\.example\/[^\s<>]*>$/);
    }
  });

  it('leaves a well-formed URL as it is', () => {
    const url = 'https://example.com/24-killed-in-an-attack/?page=2#top';
    expect(linkText(url)).toBe(`<${url}>`);
  });

  it('shows what is not a URL as text, escaped', () => {
    expect(linkText('[click](https://evil.example)')).toBe('\\[click](https://evil.example)');
  });
});
