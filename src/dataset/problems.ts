import { plural } from '../plural.js';

/** A problem found in the dataset: where it is, and what was expected there. */
export interface Problem {
  file: string;
  /** 1-based; null when the problem concerns the whole file. */
  line: number | null;
  /** The field's path inside the file, e.g. `claims[3].quote`. */
  field: string;
  message: string;
}

/** Reads like a compiler error, so editors can jump to the place: `file:line: field: message`. */
export function formatProblem(problem: Problem): string {
  const where = placeOf(problem);
  return problem.field ? `${where}: ${problem.field}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** The longest message a brief problem keeps. */
const BRIEF_MESSAGE_CHARS = 120;

/**
 * A problem as it is shown beyond the curator's own terminal (on Discord, in the health report):
 * the file, relative to the dataset's folder, its line, and what was expected, never what the file
 * holds. A file linked from elsewhere may hold anything, secrets included. Every message says what
 * was expected first, in the project's words; what it cites (a value, an id, a quote, a path, the
 * YAML parser's account) comes after a double quote or a colon, where the brief form stops.
 */
export function briefProblem(problem: Problem): string {
  const cut = problem.message.search(/[":]/);
  const expected = cut < 0 ? problem.message : `${problem.message.slice(0, cut).trimEnd()} …`;
  const short =
    expected.length <= BRIEF_MESSAGE_CHARS ? expected : `${expected.slice(0, BRIEF_MESSAGE_CHARS - 2)} …`;
  return `${placeOf(problem)}: ${short}`;
}

function placeOf(problem: Problem): string {
  return problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
}

/**
 * The most problems listed: a file of a million bad entries is reported in a few screens, with how
 * many more there are, rather than in a log line of hundreds of megabytes.
 */
export const MAX_PROBLEMS = 1000;

export function formatProblems(problems: readonly Problem[], total = problems.length): string {
  const more = total - problems.length;
  const heading = `The dataset has ${plural(total, 'problem')}${more > 0 ? ` (the first ${problems.length} listed)` : ''}:`;
  return [
    heading,
    ...problems.map((p) => `  ${formatProblem(p)}`),
    ...(more > 0 ? [`  … and ${plural(more, 'more problem')}`] : []),
  ].join('\n');
}

/** Appends problems one by one: spread into `push`, a file's 100,000 problems overflow the stack. */
export function addProblems(into: Problem[], more: readonly Problem[]): void {
  for (const problem of more) into.push(problem);
}

/** Thrown by the loader with the problems found: all of them, or the first MAX_PROBLEMS and their total. */
export class DatasetError extends Error {
  readonly problems: readonly Problem[];
  /** How many problems were found, listed or not. */
  readonly total: number;

  constructor(problems: readonly Problem[], total = problems.length) {
    const listed = problems.slice(0, MAX_PROBLEMS);
    super(formatProblems(listed, total));
    this.name = 'DatasetError';
    this.problems = listed;
    this.total = total;
  }
}

/** `['claims', 3, 'quote']` → `claims[3].quote` */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
