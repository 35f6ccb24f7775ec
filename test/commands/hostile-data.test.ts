/**
 * Hostile data: the bundled dataset with every text a reader sees (statements, quotes, names,
 * headlines, notes…) replaced by generated hostile text that still passes validation. Every
 * command, its autocomplete and the console show it as written: sendable, no link or tag of the
 * data's come alive, nothing invisible in a payload or a console line.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { text as streamText } from 'node:stream/consumers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commands } from '../../commands/index.js';
import { aboutChoices } from '../../commands/quotes.js';
import { FormErrors, validateAutocompleteChoices } from '../../emulator/index.js';
import { TOPICS } from '../../src/briefing/topics.js';
import { runConsole } from '../../src/console/console.js';
import { memoryCallStore } from '../../src/contract/calls.js';
import { renderCommandReply } from '../../src/contract/render-reply.js';
import type { CommandInput, CommandModule, CommandReply } from '../../src/contract/types.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { fitChoices, renderReply } from '../../src/render/render.js';
import { replyToText } from '../../src/render/text.js';
import { withDatasetCopy } from '../helpers/dataset-fixture.js';
import { expectSafe, hostileText } from '../helpers/hostile.js';
import { expectSendable, NOW } from './support.js';

/** The fields a reader sees as text; ids, dates, enums, URLs and file names keep their values. */
const SHOWN = new Set([
  'statement',
  'quote',
  'outlet',
  'headline',
  'url_note',
  'dateline',
  'notes',
  'name',
  'short',
  'aliases',
  'role',
  'note',
  'title',
  'time_of_day',
  'country',
  'province',
  'district',
  'town',
  'area',
  'attack_type',
  'target',
  'weapons',
  'summary',
  'counted',
  'label',
  'unit',
  'description',
  'date_note',
  'question',
  'likely_error',
  'agency',
  'medium',
]);

/** Hostile text the schema accepts: something to show, within the shortest limit, well formed. */
const fieldText = hostileText
  .map((text) =>
    text
      .trim()
      .slice(0, 900)
      .replace(/\p{Cs}/gu, '')
      .trim(),
  )
  .filter((text) => text.length > 0);

/** Replaces every shown text in a data file's value, taking texts in turn from `next`. */
function replaceShown(value: unknown, next: () => string, key = ''): unknown {
  if (typeof value === 'string') return SHOWN.has(key) ? next() : value;
  if (Array.isArray(value)) return value.map((item) => replaceShown(item, next, key));
  if (value === null || typeof value !== 'object') return value;
  // A group's kind is free text ("militant alliance"); a place's or an event's is one of a list.
  const shown = (k: string) => (k === 'kind' && key === 'groups' ? 'name' : k);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceShown(v, next, shown(k))]));
}

/**
 * The bundled dataset made hostile: each data file rewritten as JSON with its texts replaced, and
 * each new quote added to its report's text so that it is still a verbatim excerpt.
 */
async function hostileDataset(texts: readonly string[]): Promise<Dataset> {
  let i = 0;
  const next = () => texts[i++ % texts.length] as string;
  return withDatasetCopy(async (copy) => {
    for (const folder of ['sources', 'incidents', 'context']) {
      for (const name of await readdir(copy.path(folder))) {
        if (!name.endsWith('.yaml')) continue;
        const file = path.join(folder, name);
        const value = replaceShown(parse(await copy.read(file)), next) as {
          text_file?: string;
          claims?: { quote: string }[];
        };
        if (value.text_file) {
          const quotes = (value.claims ?? []).map((c) => c.quote).join('\n');
          const textFile = path.join(folder, value.text_file);
          await writeFile(copy.path(textFile), `${await copy.read(textFile)}\n${quotes}\n`);
        }
        await writeFile(copy.path(file.replace(/\.yaml$/, '.json')), JSON.stringify(value));
        await rm(copy.path(file));
      }
    }
    return copy.load();
  });
}

/** Each command with the inputs a user would give it on this dataset, and the calls its menus make. */
function runs(dataset: Dataset): [CommandModule, CommandInput][] {
  const run = (name: string, input: CommandInput): [CommandModule, CommandInput] => [byName(name), input];
  const incident = defaultIncident(dataset);
  return [
    ...(incident ? aboutChoices(dataset, incident) : []).map((c) =>
      run('quotes', { options: { about: c.value } }),
    ),
    ...dataset.sources.map((s) => run('sources', { options: { report: s.id } })),
    ...commands.map((c): [CommandModule, CommandInput] => [c, { options: {}, targetText: 'how many died' }]),
    ...dataset.groups.map((g) => run('group', { options: { name: g.id } })),
    ...TOPICS.map((topic) => run('compare', { options: { topic } })),
    ...['places', 'groups', 'events', 'relations'].map((topic) => run('context', { options: { topic } })),
    ...['how many were killed', 'who claimed it', 'attackers', 'where'].map((question) =>
      run('ask', { options: { question } }),
    ),
    run('digest', { subcommand: 'preview', options: {} }),
  ];
}

/** The reply as the adapters send it: its buttons and menus within Discord's limits, their labels plain. */
function expectSafeComponents(
  dataset: Dataset,
  command: CommandModule,
  input: CommandInput,
  reply: CommandReply,
): void {
  const call = { command: command.definition.name, input };
  const rendered = renderCommandReply(reply, { call, version: dataset.version, store: memoryCallStore() });
  for (const message of expectSendable(rendered).messages)
    for (const row of message.components ?? [])
      for (const component of row.components) {
        const labels = [
          'label' in component ? component.label : undefined,
          'placeholder' in component ? component.placeholder : undefined,
          ...('options' in component ? component.options.flatMap((o) => [o.label, o.value]) : []),
        ];
        for (const label of labels) expect(label ?? '').not.toMatch(INVISIBLE);
      }
}

/** Controls (but tab and newline), bidirectional and invisible format characters: never in a label. */
const INVISIBLE = /(?![\t\n])\p{Cc}|(?![\u200c\u200d])\p{Cf}/u;

function byName(name: string) {
  const command = commands.find((c) => c.definition.name === name);
  if (!command) throw new Error(`no command ${name}`);
  return command;
}

/**
 * Bidirectional controls, marks and isolates, zero-width and other format characters, a byte-order
 * mark, a soft hyphen, a Hangul filler: characters drawn as nothing, or that reorder what follows.
 */
const UNSEEN =
  '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u2060\u2061\u2064\ufeff\u180e\u00ad\u3164\u{e0041}';
const ANY_UNSEEN = new RegExp(`[${UNSEEN}]`, 'u');

/** Every line the console prints, as text and as JSON (alt text included), for these lines typed. */
async function consoleOutput(dataset: Dataset, lines: readonly string[], json: boolean): Promise<string> {
  const output = new PassThrough();
  await runConsole({
    commands,
    dataset,
    input: Readable.from([`${lines.join('\n')}\n`]),
    output,
    messages: new PassThrough(),
    json,
    interactive: false,
    pictureDir: await mkdtemp(path.join(tmpdir(), 'unseen-')),
  });
  output.end();
  return streamText(output);
}

describe('a dataset salted with characters no one sees', () => {
  it('shows none of them in any payload, button, menu, alt text or console line', async () => {
    // Each shown text holds every such character, between words.
    const salted = Array.from({ length: 200 }, (_, i) => `Salted ${[...UNSEEN].join('x')} text ${i}`);
    const dataset = await hostileDataset(salted);
    for (const [command, input] of runs(dataset)) {
      const reply = command.handle(input, { dataset, now: NOW });
      const call = { command: command.definition.name, input };
      const rendered = renderCommandReply(reply, {
        call,
        version: dataset.version,
        store: memoryCallStore(),
      });
      const where = `${command.definition.name} ${JSON.stringify(input.options)}`;
      expect(JSON.stringify(rendered), where).not.toMatch(ANY_UNSEEN);
      expect(replyToText(reply), where).not.toMatch(ANY_UNSEEN);
    }
    // The console, its actions listed and pressed, and the pictures' alt text.
    const typed = [
      '/casualties chart: true',
      'press 4',
      '/sources',
      '/group',
      '/compare topic: target',
      'press 2',
    ];
    for (const json of [false, true]) {
      const printed = await consoleOutput(dataset, typed, json);
      expect(printed).toMatch(/Salted x+ text/);
      expect(printed).not.toMatch(ANY_UNSEEN);
    }
    expect(await consoleOutput(dataset, ['/casualties chart: true'], true)).toMatch(
      /"description":"[^"]*Salted/,
    );
  }, 120_000);
});

describe('a dataset whose every shown text is hostile', () => {
  it('reaches no reply unescaped: every text a reader sees goes through the one escaping rule', async () => {
    // A mark in every text, numbered: wherever one arrives unescaped, its number says which.
    const dataset = await hostileDataset(Array.from({ length: 500 }, (_, i) => `Z${i}*Z`));
    for (const [command, input] of runs(dataset)) {
      const reply = command.handle(input, { dataset, now: NOW });
      const texts = renderReply(reply).messages.flatMap((m) =>
        (m.embeds ?? []).flatMap((e) => [
          e.title,
          e.description,
          e.footer?.text,
          ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
        ]),
      );
      const where = `${command.definition.name} ${JSON.stringify(input.options)}`;
      for (const text of texts) expect(text ?? '', where).not.toMatch(/Z\d+\*Z/);
    }
  });

  it('is shown as written by every command and its autocomplete, whatever the texts are', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fieldText, { minLength: 20, maxLength: 60 }), async (texts) => {
        const dataset = await hostileDataset(texts);
        for (const [command, input] of runs(dataset)) {
          const reply = command.handle(input, { dataset, now: NOW });
          expectSafe(reply);
          expectSafeComponents(dataset, command, input, reply);
        }
        for (const command of commands.filter((c) => c.autocomplete)) {
          for (const name of ['incident', 'name', 'topic']) {
            const choices =
              command.autocomplete?.({ name, value: '' }, { options: {} }, { dataset, now: NOW }) ?? [];
            const errors = new FormErrors();
            // As the adapter sends them: the first 25, within Discord's limits.
            validateAutocompleteChoices(errors, { choices: fitChoices(choices) });
            expect(errors.tree).toEqual({});
          }
        }
      }),
      // Each run loads a dataset: shrinking a failure would take minutes, so the first one is reported.
      { numRuns: 10, endOnFailure: true },
    );
  });
});
