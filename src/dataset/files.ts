/**
 * Reading one data file: parse it (YAML, or JSON as a subset of YAML), validate it against its
 * schema, and keep a way to find the line of any field for later cross-file checks.
 */
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatFieldPath, type Problem } from './problems.js';

/** Finds the 1-based line of a field, or of its nearest existing parent. */
export type Locate = (path: readonly PropertyKey[]) => number | null;

export interface ParsedFile<T> {
  file: string;
  value: T;
  locate: Locate;
}

export type ReadResult<T> = { ok: true; parsed: ParsedFile<T> } | { ok: false; problems: Problem[] };

type Issue = z.core.$ZodIssue;

export function parseDataFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): ReadResult<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        line: lineAt(error.pos[0]),
        field: '',
        message: `not valid YAML or JSON: ${firstLine(error.message)}`,
      })),
    };
  }

  /** The line of a field's key (`quote:`), or of a list item (`- id: ...`); null when absent. */
  const lineOfField = (path: readonly PropertyKey[]): number | null => {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    let node: unknown;
    if (isMap(parent))
      node = parent.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === key)?.key;
    else if (isSeq(parent) && typeof key === 'number') node = parent.items[key];
    return isNode(node) && node.range ? lineAt(node.range[0]) : null;
  };
  const locate: Locate = (path) => {
    for (let depth = path.length; depth > 0; depth--) {
      const line = lineOfField(path.slice(0, depth));
      if (line !== null) return line;
    }
    return isNode(doc.contents) && doc.contents.range ? lineAt(doc.contents.range[0]) : 1;
  };

  const result = schema.safeParse(doc.toJS({ maxAliasCount: 100 }), { error: inCuratorWords });
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.flatMap(unfold).map((issue) => ({
        file,
        line: locate(issue.path),
        field: formatFieldPath(issue.path),
        message: describeIssue(issue),
      })),
    };
  }
  return { ok: true, parsed: { file, value: result.data, locate } };
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
    const entered = issue.errors.filter((option) => option.some((inner) => inner.path.length > 0));
    const [only] = entered;
    if (entered.length === 1 && only) {
      return only.flatMap((inner) => unfold({ ...inner, path: [...issue.path, ...inner.path] }));
    }
  }
  return [issue];
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
        ? `at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`
        : `a value of ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `at most ${issue.maximum} item${Number(issue.maximum) === 1 ? '' : 's'}`
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
function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.startsWith('missing') || issue.message.startsWith('expected')
        ? issue.message
        : `expected ${issue.message}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
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

/** What one option of a union accepts, from the issue it raised at the union's own place. */
function describeOption(issues: readonly Issue[]): string {
  const root = issues.find((issue) => issue.path.length === 0);
  if (root?.code === 'invalid_value') return root.values.map((v) => JSON.stringify(v)).join(' or ');
  if (root?.code === 'invalid_type') return typeWords(root.expected);
  return 'another form';
}
