/**
 * DISCORD_API_URL that names a place where nothing answers: most often the emulator's lines left in
 * `.env` after it was stopped. Said in a line that names the address and the two ways out, rather
 * than as the system's `connect ECONNREFUSED`.
 */

/** A connection's failures that mean nothing is there to answer (as opposed to an answer refusing). */
const NOTHING_THERE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

export class NothingAnswers extends Error {
  override name = 'NothingAnswers';
  /** `cause`, the system's failure to connect, is what makes `describeError` say this in a line. */
  constructor(apiUrl: string, cause: Error) {
    super(
      `nothing answers at ${apiUrl} (DISCORD_API_URL): start the emulator there (${emulatorCommand(apiUrl)}), ` +
        'or remove its lines (DISCORD_TOKEN, DISCORD_API_URL, …) from .env to go back to the local console.',
      { cause },
    );
  }
}

/** The command that starts the emulator at the address configured. */
function emulatorCommand(apiUrl: string): string {
  const { port } = new URL(apiUrl);
  return port ? `npm run emulator -- --port ${port}` : 'npm run emulator';
}

/** `error` told as `NothingAnswers` when it is one and an API address was configured; else as it is. */
export function explainUnreachable(error: unknown, apiUrl: string | undefined): unknown {
  const failure = connectionFailure(error);
  return apiUrl && failure ? new NothingAnswers(apiUrl, failure) : error;
}

/** The failure to connect somewhere in the chain of causes (fetch wraps it in a TypeError). */
function connectionFailure(error: unknown): Error | undefined {
  for (let at = error; at instanceof Error; at = at.cause) {
    const { code } = at as Error & { code?: unknown };
    if (typeof code === 'string' && NOTHING_THERE.has(code)) return at;
  }
  return undefined;
}
