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

export function formatProblems(problems: readonly Problem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return [`The dataset has ${count}:`, ...problems.map((p) => `  ${formatProblem(p)}`)].join('\n');
}

/** Thrown by the loader with every problem found, not just the first. */
export class DatasetError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(formatProblems(problems));
    this.name = 'DatasetError';
  }
}

/** `['claims', 3, 'quote']` → `claims[3].quote` */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
