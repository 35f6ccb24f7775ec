/**
 * Reading one data file: parse it (YAML, or JSON as a subset of YAML), validate it against its
 * schema, and keep a way to find the line of any field for later cross-file checks.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
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

  const locate: Locate = (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineAt(node.range[0]);
    }
    return 1;
  };

  const result = schema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
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

/** zod's messages say what was received; ours also say what was expected, in a curator's words. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.includes('received undefined')
        ? `missing: expected ${issue.expected}`
        : `expected ${issue.expected}: ${issue.message}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
      return `expected ${issue.message}`;
    default:
      return issue.message;
  }
}
