/**
 * Structured logs (pino). Secrets are scrubbed from every serialised line at the stream, so no
 * log line at any level, from our code or a library's debug event, can carry the token.
 */
import { type Logger, pino, stdSerializers } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: string;
  secrets?: readonly (string | undefined)[];
  destination?: { write(line: string): unknown };
}

export function createLogger({ level, secrets = [], destination = process.stdout }: LoggerOptions): Logger {
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const stream = {
    write(line: string) {
      destination.write(hidden.reduce((text, secret) => text.replaceAll(secret, '[redacted]'), line));
    },
  };
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'headers.authorization'], censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    stream,
  );
}

/**
 * Errors as pino serialises them, less what a Discord API error carries of the request: its body
 * (what a user typed, echoed back) and its URL (which holds the interaction's webhook token).
 */
function serializeError(error: unknown): unknown {
  const serialised = stdSerializers.err(error as Error) as Record<string, unknown>;
  const { requestBody: _body, url: _url, rawError: _raw, ...rest } = serialised;
  return rest;
}
