/** What the logs may never hold: the bot token, interaction tokens, or what people typed. */
import { DiscordAPIError } from '@discordjs/rest';
import { expect, it } from 'vitest';
import { createLogger, hideSecrets } from '../src/log.js';

it('logs a Discord API error without its request URL (an interaction token) or body (what was typed)', () => {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (l: string) => lines.push(l) } });
  const error = new DiscordAPIError(
    { code: 50035, message: 'Invalid Form Body' },
    50035,
    400,
    'POST',
    'http://127.0.0.1/api/v10/interactions/1/interaction-token-123/callback',
    { body: { question: 'my private question' } },
  );
  logger.error({ err: error }, 'reply failed');
  const line = lines.join('');
  expect(JSON.parse(line).err).toMatchObject({ type: 'DiscordAPIError', code: 50035, status: 400 });
  expect(line).not.toContain('interaction-token-123');
  expect(line).not.toContain('my private question');
});

it('scrubs the bot token from any line, whoever logged it', () => {
  const lines: string[] = [];
  const token = 'bot-token.abcdefghijklmnopqrstuvwxyz';
  const logger = createLogger({
    level: 'debug',
    secrets: [token],
    destination: { write: (l: string) => lines.push(l) },
  });
  logger.debug({ source: 'a library' }, `Authorization: Bot ${token}`);
  expect(lines.join('')).not.toContain(token);
  expect(lines.join('')).toContain('[redacted]');
});

it('scrubs the pieces of the token a library prints, and any credential an API echoed back', () => {
  const token = 'MTEwNzY1NDMyMTA5ODc2NTQzMg.GhIjKl.s3cr3tSignatureOfTheBotToken0123456789';
  const [id = '', , signature = ''] = token.split('.');
  const lines = [
    'Provided token: MTEwNzY1NDMyMTA5ODc2NTQzMg.GhIjKl.******',
    `401: Unauthorized (Bot ${token})`,
    // Another token than the bot's, as a proxy may have been given: a credential all the same.
    '{"authorization":"Bot OTk5OTk5OTk5OTk5OTk5OTk5OQ.AbCdEf.anotherSignature"}',
    'Authorization: Bot abcdefghijklmnopqrstuvwxyz012345',
  ].map((line) => hideSecrets(line, [token]));
  for (const line of lines) {
    expect(line).not.toContain(id);
    expect(line).not.toContain(signature);
    expect(line).toContain('[redacted]');
  }
  expect(lines.join('\n')).not.toMatch(/OTk5|anotherSignature|abcdefghijklmnop/);
  // Words that only look like the start of one stay.
  expect(hideSecrets('Bot connected to 3 servers', [token])).toBe('Bot connected to 3 servers');
});
