/** The console as a user runs it: `npm start`'s entry point with no token, lines piped in. */
import { spawnSync } from 'node:child_process';

/** Runs `src/main.ts` without npm's own output, in a clean environment, on the dataset in `dataDir`. */
export function runConsoleProcess(
  input: string,
  options: { dataDir: string; args?: string[]; env?: Record<string, string> },
) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...(options.args ?? [])], {
    input,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: options.dataDir,
      ...options.env,
    },
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}
