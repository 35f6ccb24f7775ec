/**
 * The data format's reference page (docs/data-format.md), written from the schema itself: every
 * field of every kind of entry, whether it is required, what it defaults to, and the values it
 * allows, so the page cannot drift from what `npm run validate` accepts. `npm run data-format`
 * writes it; a test fails when the page is stale.
 */
import { z } from 'zod';
import {
  CLOCK_TIME,
  ClockTime,
  ContextFile,
  Event,
  Figure,
  Group,
  ID_PATTERN,
  Incident,
  IncludedCount,
  Measure,
  OriginalStatement,
  PARTIAL_DATE,
  Person,
  Place,
  Point,
  PointExtension,
  Position,
  Source,
  SpeakerDeclaration,
  URL_CHARACTERS,
} from './schema.js';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  pattern?: string;
  description?: string;
  $ref?: string;
  minItems?: number;
  maxLength?: number;
  minimum?: number;
};

/** The entries of the format, in the order a curator meets them, with where each is written. */
const ENTRIES: readonly (readonly [string, z.ZodType, string])[] = [
  ['Source', Source, 'a file of `sources/`: one report'],
  ['Claim', Source.shape.claims.element, "an item of a report's `claims`"],
  ['Figure', Figure, "a claim's `figure`"],
  ['IncludedCount', IncludedCount, "an item of a figure's `includes`"],
  ['ClockTime', ClockTime, "a claim's `time`"],
  ['Incident', Incident, 'a file of `incidents/`'],
  ['ContextFile', ContextFile, 'a file of `context/`'],
  ['Group', Group, 'an item of `groups`'],
  ['Person', Person, 'an item of `people`'],
  ['Place', Place, 'an item of `places`'],
  ['Event', Event, 'an item of `events`'],
  ['Measure', Measure, 'an item of `measures`'],
  ['SpeakerDeclaration', SpeakerDeclaration, 'an item of `speakers`'],
  ['OriginalStatement', OriginalStatement, 'an item of `statements`'],
  ['Point', Point, 'an item of `points`'],
  ['PointExtension', PointExtension, 'an item of `points` that adds positions to a point of another file'],
  ['Position', Position, "an item of a point's `positions`"],
];

/** The schema's patterns, in words. */
const KNOWN_PATTERNS: Record<string, string> = {
  [ID_PATTERN.source]: 'an id (lower-case letters, digits, `.`, `_`, `-`)',
  [PARTIAL_DATE.source]: 'a date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (quoted)',
  [CLOCK_TIME.source]: 'a time `HH:MM`, 24-hour (quoted)',
  [URL_CHARACTERS.source]:
    'a web address (`http://` or `https://`, spaces and other characters percent-encoded)',
};

export function dataFormatMarkdown(): string {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of ENTRIES) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => id,
  }) as { schemas: Record<string, JsonSchema> };
  const lines = [
    '# Data format: every field and its allowed values',
    '',
    '<!-- Written by `npm run data-format` from src/dataset/schema.ts: do not edit by hand. -->',
    '',
    'Every entry of `data/` and the fields it takes, from the schema `npm run validate` checks',
    'against. *required* fields must be given; the others may be left out (the default, if any, is',
    'what leaving one out means). A field that takes `null` says so. Texts are trimmed and may not be',
    'empty. Rules that tie fields together (a `measure` with a `figure`, a `point` with a `position`)',
    'are checked too, and explained in the message when broken; see docs/curating.md for what each',
    'entry means.',
  ];
  for (const [id, , where] of ENTRIES) {
    const schema = schemas[id];
    if (!schema?.properties) continue;
    lines.push('', `## ${id}`, '', `${where[0]?.toUpperCase()}${where.slice(1)}.`, '');
    lines.push('| field | required | allowed values | default |', '| --- | --- | --- | --- |');
    lines.push(...rows(schema, ''));
  }
  return `${lines.join('\n')}\n`;
}

/** A row per field, and the fields of a mapping written in place (`speaker.verb`) after its own. */
function rows(schema: JsonSchema, prefix: string): string[] {
  const lines: string[] = [];
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(field) ? 'required' : '';
    const allowed = describe(property) + (property.description ? `. ${property.description}` : '');
    const fallback = property.default === undefined ? '' : `\`${JSON.stringify(property.default)}\``;
    lines.push(`| \`${prefix}${field}\` | ${required} | ${allowed.replaceAll('|', '\\|')} | ${fallback} |`);
    for (const inner of inlineMappings(property))
      lines.push(...rows(inner.schema, `${prefix}${field}${inner.list ? '[]' : ''}.`));
  }
  return lines;
}

/** The mappings written in place inside a field: itself, an option of it, or the items of its list. */
function inlineMappings(schema: JsonSchema, list = false): { schema: JsonSchema; list: boolean }[] {
  if (schema.properties) return [{ schema, list }];
  const options = schema.anyOf ?? schema.oneOf ?? [];
  const items = schema.items && !schema.items.$ref ? [schema.items] : [];
  return [
    ...options.flatMap((option) => inlineMappings(option, list)),
    ...items.flatMap((item) => inlineMappings(item, true)),
  ];
}

/** What a field allows, in words. */
function describe(schema: JsonSchema): string {
  if (schema.$ref) return `a mapping: see [${schema.$ref}](#${schema.$ref.toLowerCase()})`;
  if (schema.enum) return `one of ${schema.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.map(describe).join(', or ');
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const words = types.map((type) => typeWords(type, schema));
  return words.join(', or ');
}

function typeWords(type: string | undefined, schema: JsonSchema): string {
  switch (type) {
    case 'string':
      if (schema.pattern && KNOWN_PATTERNS[schema.pattern]) return KNOWN_PATTERNS[schema.pattern] as string;
      return schema.maxLength
        ? `a text of at most ${schema.maxLength.toLocaleString('en')} characters`
        : 'a text';
    case 'integer':
      return schema.minimum === 0 ? 'a whole number, 0 or more' : 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return '`true` or `false`';
    case 'null':
      return '`null`';
    case 'array':
      if (schema.prefixItems)
        return `a list of ${schema.prefixItems.length}: ${schema.prefixItems.map(describe).join('; ')}`;
      return `a list${schema.minItems ? ` of at least ${schema.minItems}` : ''} of ${schema.items ? describe(schema.items) : 'anything'}`;
    case 'object':
      return schema.properties
        ? `a mapping of ${Object.keys(schema.properties)
            .map((k) => `\`${k}\``)
            .join(', ')}`
        : 'a mapping';
    default:
      return 'any value';
  }
}
