/**
 * Reading one data file: parse it (YAML, or JSON as a subset of YAML), validate it against its
 * schema, and keep a way to find the line of any field for later cross-file checks.
 *
 * A `.json` file is read with `JSON.parse`, many times faster than the YAML parser on large files
 * (the benchmark's 100,000 claims): the outcome is the same. Anything `JSON.parse` rejects, and a
 * mapping that repeats a key (which `JSON.parse` would silently keep once), goes through the YAML
 * parser as before, so the messages are the same. Line numbers are only needed for problems: for
 * JSON they are found on first need, by parsing the text with the YAML parser then.
 */
import {
  Composer,
  type CST,
  type Document,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  YAMLParseError,
} from 'yaml';
import type { z } from 'zod';
import { plural } from '../plural.js';
import { type Beyond, MAX_NESTING, MAX_VALUE_CHARS, yamlBeyondLimits } from './nesting.js';
import { formatFieldPath, MAX_PROBLEMS, type Problem } from './problems.js';

/** Finds the 1-based line of a field, or of its nearest existing parent. */
export type Locate = (path: readonly PropertyKey[]) => number | null;

export interface ParsedFile<T> {
  file: string;
  /** The file checked against its schema; undefined when it has problems of its own. */
  value: T | undefined;
  /**
   * What the cross-file checks read (ids, references, quotes): the checked value when there is one,
   * else the file's content as parsed, so that a file with a schema problem still has its other
   * problems found in the same run. Undefined when the file could not be parsed at all.
   */
  data: unknown;
  /**
   * Whether every id the file defines can be read from `data`: not when the file could not be
   * parsed, or has an unknown section (`gruops:`) whose entries may define ids.
   */
  complete: boolean;
  locate: Locate;
  /** The file's own problems: the first MAX_PROBLEMS, each located. */
  problems: Problem[];
  /** How many more it has, past those: counted, not located. */
  unlisted: number;
}

type Issue = z.core.$ZodIssue;

interface ParsedText {
  doc: Document.Parsed;
  lineAt: (offset: number) => number;
  /** Where the text goes beyond what any data file needs (the document is then left empty), or null. */
  beyond: Beyond | null;
}

/** As the YAML parser's parseDocument, but a document is measured before it is built, and not built when too deep. */
function parseYaml(text: string): ParsedText {
  const lineCounter = new LineCounter();
  let beyond: Beyond | null = null;
  function* shallow(tokens: Iterable<CST.Token>): Generator<CST.Token> {
    for (const token of tokens) {
      beyond = yamlBeyondLimits(token);
      if (beyond) return;
      yield token;
    }
  }
  const tokens = shallow(new Parser(lineCounter.addNewLine).parse(text));
  const documents = new Composer({ uniqueKeys: true }).compose(tokens, true, text.length);
  const doc = documents.next().value as Document.Parsed;
  const another = documents.next();
  if (!another.done) {
    const [start = 0, end = start] = another.value.range;
    doc.errors.push(
      new YAMLParseError(
        [start, end],
        'MULTIPLE_DOCS',
        'Source contains multiple documents; please use YAML.parseAllDocuments()',
      ),
    );
  }
  return { doc, lineAt: (offset: number) => lineCounter.linePos(offset).line, beyond };
}

/** A locator over a parsed document: the line of a field's key (`quote:`) or list item (`- id:`). */
function locator(parsed: () => ParsedText): Locate {
  const lineOfField = (path: readonly PropertyKey[]): number | null => {
    const { doc, lineAt } = parsed();
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    let node: unknown;
    if (isMap(parent))
      node = parent.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === key)?.key;
    else if (isSeq(parent) && typeof key === 'number') node = parent.items[key];
    return isNode(node) && node.range ? lineAt(node.range[0]) : null;
  };
  return (path) => {
    for (let depth = path.length; depth > 0; depth--) {
      const line = lineOfField(path.slice(0, depth));
      if (line !== null) return line;
    }
    const { doc, lineAt } = parsed();
    return isNode(doc.contents) && doc.contents.range ? lineAt(doc.contents.range[0]) : 1;
  };
}

/** The value of a JSON text, or undefined when the YAML parser must read it (see the file comment). */
function parseJsonFast(text: string): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // A value too deep to count is read by the YAML parser, which says where it is too deep.
  const keys = countKeys(value, MAX_NESTING);
  return keys >= 0 && keys === countKeyTokens(text) ? { value } : undefined;
}

/** The keys in a value, or -1 when it nests more than `levels` deep (counting stops there). */
function countKeys(value: unknown, levels: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (levels === 0) return -1;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = countKeys(item, levels - 1);
      if (inner < 0) return -1;
      n += inner;
    }
    return n;
  }
  for (const key in value) {
    const inner = countKeys((value as Record<string, unknown>)[key], levels - 1);
    if (inner < 0) return -1;
    n += 1 + inner;
  }
  return n;
}

/**
 * A JSON string token; the scan from one to the next stays aligned, as JSON has no `"` outside
 * strings. Written as runs of plain characters between escapes, not as an alternation per
 * character, which backtracks through every character of a string and overflows on a long one.
 */
const JSON_STRING = /"[^"\\]*(?:\\.[^"\\]*)*"/g;

/** The strings of the text followed by a colon: its keys (allocating nothing per string). */
function countKeyTokens(text: string): number {
  let n = 0;
  JSON_STRING.lastIndex = 0;
  while (JSON_STRING.test(text)) {
    let at = JSON_STRING.lastIndex;
    let c = text.charCodeAt(at);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++at);
    if (c === 0x3a) n++;
  }
  return n;
}

/**
 * @param reread gives the file's text again, for a JSON file read quickly whose line numbers are
 *   needed later (for a problem found across files): the text itself is then not kept meanwhile,
 *   which for the benchmark's 100,000 claims is 45 MB less held while the dataset is checked.
 */
export function parseDataFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  reread?: () => string,
): ParsedFile<z.output<S>> {
  const fast = file.endsWith('.json') ? parseJsonFast(text) : undefined;
  let parsed: ParsedText | undefined = fast ? undefined : parseYaml(text);
  const later = fast && reread ? reread : constant(text);
  const parsedText = () => {
    parsed ??= parseYaml(later());
    return parsed;
  };

  const locate = locator(parsedText);
  const yamlProblems = parsed ? unparsableProblems(file, parsed) : [];
  if (yamlProblems.length > 0) return unparsedFile(file, locate, yamlProblems);
  const input = fast ? { value: fast.value } : documentValue(parsedText().doc);
  if ('problem' in input) {
    return unparsedFile(file, locate, [{ file, line: null, field: '', message: input.problem }]);
  }
  const result = schema.safeParse(input.value, { error: inCuratorWords });
  if (result.success) {
    return { file, value: result.data, data: result.data, complete: true, locate, problems: [], unlisted: 0 };
  }
  // The problems' lines are wanted now: from the text at hand (a JSON file's value far too long is
  // then found before the YAML reader builds it).
  parsed ??= parseYaml(text);
  if (parsed.beyond) return unparsedFile(file, locate, unparsableProblems(file, parsed));
  return invalidFile(file, input.value, result.error.issues, locate, parsed.doc);
}

/** Why a YAML text gives no value: it nests too deep, holds a value far too long, or its syntax is wrong. */
function unparsableProblems(file: string, parsed: ParsedText): Problem[] {
  const { doc, lineAt, beyond } = parsed;
  if (beyond) return [{ file, line: lineAt(beyond.offset), ...beyondWords(beyond) }];
  return doc.errors.map((error) => ({
    file,
    line: lineAt(error.pos[0]),
    field: '',
    message: `not valid YAML or JSON: ${firstLine(error.message)}`,
  }));
}

function beyondWords(beyond: Beyond): Pick<Problem, 'field' | 'message'> {
  if (beyond.kind === 'deep')
    return {
      field: '',
      message: `nested more than ${MAX_NESTING} levels deep, where a data file needs a few: check the brackets and the indentation`,
    };
  return {
    field: beyond.key ?? '',
    message: `a value of ${plural(beyond.chars, 'character')} in double quotes, where no field holds more than a few thousand: the file was not read (the limit is ${MAX_VALUE_CHARS.toLocaleString('en-GB')})`,
  };
}

/** A file whose content could not be read: nothing in it can be checked across files. */
function unparsedFile(file: string, locate: Locate, problems: Problem[]): ParsedFile<never> {
  return { file, value: undefined, data: undefined, complete: false, locate, problems, unlisted: 0 };
}

/** A file read but not valid against its schema: its problems, and its content for the cross-file checks. */
function invalidFile(
  file: string,
  data: unknown,
  issues: readonly Issue[],
  locate: Locate,
  doc: Document.Parsed,
): ParsedFile<never> {
  const unfolded = issues.flatMap(unfold);
  return {
    file,
    value: undefined,
    data,
    complete: !issues.some((issue) => issue.code === 'unrecognized_keys' && issue.path.length === 0),
    locate,
    problems: unfolded.slice(0, MAX_PROBLEMS).map((issue) => ({
      file,
      line: locate(issue.path),
      field: formatFieldPath(issue.path),
      message: describeIssue(issue, doc),
    })),
    unlisted: Math.max(unfolded.length - MAX_PROBLEMS, 0),
  };
}

/** Aliases (`*name`) may stand for at most this many values: a few nested ones could stand for billions. */
const MAX_ALIAS_COUNT = 100;

/** The document's value, or what is wrong with its aliases (the YAML parser throws for those). */
function documentValue(doc: Document.Parsed): { value: unknown } | { problem: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return {
      problem: /excessive alias count/i.test(error.message)
        ? 'its aliases (*name) would expand to too much data, as in a "billion laughs" file: write the repeated values out'
        : `not valid YAML or JSON: ${firstLine(error.message)}`,
    };
  }
}

function constant(text: string): () => string {
  return () => text;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * One issue per place: an unknown field is reported at its own key, and a union (a speaker is
 * "report" or a mapping) whose input got into exactly one option reports that option's issues.
 */
function unfold(issue: Issue): Issue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ ...issue, keys: [key], path: [...issue.path, key] }));
  }
  if (issue.code === 'invalid_union') {
    // An option the input got into: it found a problem inside the input, or unknown fields on it.
    const entered = issue.errors.filter((option) =>
      option.some((inner) => inner.path.length > 0 || inner.code === 'unrecognized_keys'),
    );
    const only = entered.length === 1 ? entered[0] : fewestUnknownFields(entered);
    if (only) {
      return only.flatMap((inner) => unfold({ ...inner, path: [...issue.path, ...inner.path] }));
    }
  }
  return [issue];
}

/**
 * Of several options the input got into, the one it fits best: the only one with the fewest unknown
 * fields (a point with a misspelt field is still a point, not an extension of one with six unknown).
 */
function fewestUnknownFields(options: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const unknown = (option: readonly Issue[]) =>
    option.reduce((n, inner) => n + (inner.code === 'unrecognized_keys' ? inner.keys.length : 0), 0);
  const counts = options.map(unknown);
  const least = Math.min(...counts);
  return counts.filter((n) => n === least).length === 1 ? options[counts.indexOf(least)] : undefined;
}

/** zod's default wording, replaced where the schema gives no message of its own. */
function inCuratorWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing: expected ${typeWords(issue.expected)}`
        : `expected ${typeWords(issue.expected)}, but got ${valueWords(issue.input)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `at least ${plural(Number(issue.minimum), 'item')}`
        : `a value of ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string')
        return `a text of at most ${issue.maximum.toLocaleString('en')} characters, but it has ${String(issue.input).length.toLocaleString('en')}`;
      return issue.origin === 'array'
        ? `at most ${plural(Number(issue.maximum), 'item')}`
        : `a value of ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'invalid_format':
      return issue.format === 'url'
        ? 'a URL such as "https://example.com/report"'
        : `a valid ${issue.format}`;
    default:
      return undefined;
  }
}

function typeWords(expected: string): string {
  const words: Record<string, string> = {
    string: 'a text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'a mapping of fields',
    array: 'a list',
    tuple: 'a list',
    null: 'null',
  };
  return words[expected] ?? expected;
}

function valueWords(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'a mapping of fields';
    default:
      return typeof value;
  }
}

/** Every message says what was expected, in a curator's words. */
function describeIssue(issue: Issue, doc: Document.Parsed): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.startsWith('missing') || issue.message.startsWith('expected')
        ? issue.message
        : `expected ${issue.message}`;
    case 'unrecognized_keys':
      return splitByComma(doc, issue.path)
        ? `unknown field "${issue.keys.join('", "')}": inside { … } a comma ends a value, so the text after it became a field of its own; put the value that holds the comma in quotes, e.g. note: 'in a statement, later deleted'`
        : `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return `expected ${issue.errors.map(describeOption).join(' or ')}`;
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
      return `expected ${issue.message}`;
    default:
      return issue.message;
  }
}

/**
 * Whether an unknown field is the tail of a value split at a comma: a key with no value of its own
 * in a flow mapping (`{name: X, note: in a statement, said later}` reads `said later` as a key).
 */
function splitByComma(doc: Document.Parsed, path: readonly PropertyKey[]): boolean {
  const map = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(map) || !map.flow) return false;
  const key = path[path.length - 1];
  const pair = map.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
  return pair !== undefined && (pair.value === null || (isScalar(pair.value) && pair.value.value === null));
}

/** What one option of a union accepts, from the issue it raised at the union's own place. */
function describeOption(issues: readonly Issue[]): string {
  const root = issues.find((issue) => issue.path.length === 0);
  if (root?.code === 'invalid_value') return root.values.map((v) => JSON.stringify(v)).join(' or ');
  if (root?.code === 'invalid_type') return typeWords(root.expected);
  return 'another form';
}
