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
  const stream = {
    write(line: string) {
      destination.write(hideSecrets(line, secrets));
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

/**
 * `text` less the secrets (the bot token), less each long piece of them (discord.js's debug log
 * prints the token's first two pieces), and less any `Bot …` credential or Authorization value,
 * which a proxy or an API may echo back in an error whatever token was sent.
 */
export function hideSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const hidden = secrets
    .filter((s): s is string => typeof s === 'string')
    .flatMap((secret) => [secret, ...secret.split('.')])
    .filter((piece) => piece.length >= 8)
    .sort((a, b) => b.length - a.length);
  const scrubbed = hidden.reduce((line, secret) => line.replaceAll(secret, REDACTED), text);
  return scrubbed.replace(AUTHORIZATION, `$1${REDACTED}`).replace(BOT_CREDENTIAL, `Bot ${REDACTED}`);
}

const REDACTED = '[redacted]';
/** An Authorization header's value, as a header line, a JSON field or an object's key shows it. */
const AUTHORIZATION = /(authorization["']?\s*[:=]\s*["']?)(?:Bot\s+)?[^\s"',;)}]+/gi;
/** A bot credential: "Bot " and a token's shape, dotted pieces or one long piece. */
const BOT_CREDENTIAL = /\bBot\s+(?:[\w-]+\.[\w.*-]+|[\w-]{24,})/g;
