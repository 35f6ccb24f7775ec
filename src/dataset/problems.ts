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
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return problem.field ? `${where}: ${problem.field}: ${problem.message}` : `${where}: ${problem.message}`;
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
