/**
 * The compiled entry points (`npm start`, `deploy-commands`, `validate`, `digest`) as a user runs
 * them, when what is around them fails: an API that refuses the token and echoes it back, one that
 * answers with something else than Discord would, one that is not there, a port taken. Each says
 * what went wrong in a line, exits 1, and never prints the token, at any log level.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  echoingError,
  json,
  page,
  redirect,
  startAnsweringApi,
} from './helpers/answering-api.js';
import { seedsDir } from './helpers/dataset-fixture.js';

const PROJECT = path.resolve(import.meta.dirname, '..');
/** Shaped as Discord's: the bot's id, a timestamp, a signature. */
const TOKEN = 'MTEwNzY1NDMyMTA5ODc2NTQzMg.GhIjKl.s3cr3tSignatureOfTheBotToken0123456789';
/** Every piece of it that would give it away. */
const TOKEN_PIECES = [TOKEN, ...TOKEN.split('.').filter((piece) => piece.length >= 8)];

let place: string;
let dist: string;
let seeds: string;

beforeAll(async () => {
  place = await mkdtemp(path.join(tmpdir(), 'briefing-entry-'));
  dist = path.join(place, 'dist');
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', dist], { cwd: PROJECT, stdio: 'pipe' });
  seeds = await seedsDir();
});

afterAll(async () => {
  await rm(place, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a compiled entry point to its end, in a clean environment with the token set. */
function run(entry: string, env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(dist, entry)], {
    cwd: place,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: '1107654321098765432',
      DATA_DIR: seeds,
      STATE_DIR: path.join(place, 'state'),
      CHART_DIR: path.join(place, 'charts'),
      DATA_WATCH: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** Runs `entry` against an API that answers every request with `answer`; what it printed, and what the API received. */
async function against(answer: Answer, entry: string, env: Record<string, string> = {}) {
  const api = await startAnsweringApi(answer);
  try {
    const result = await run(entry, { DISCORD_API_URL: api.url, ...env });
    return { ...result, credentials: api.credentials };
  } finally {
    await api.close();
  }
}

function expectNoToken({ stdout, stderr }: Run): void {
  for (const piece of TOKEN_PIECES) {
    expect(stdout).not.toContain(piece);
    expect(stderr).not.toContain(piece);
  }
}

/** Standard error, less nothing: it must be exactly the one line. */
function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

describe('an API that refuses the token and echoes it back', () => {
  it.each([
    ['npm start', 'main.js', 401, 'trace', /^Could not start: An invalid token was provided\.$/],
    ['npm start', 'main.js', 400, 'trace', /^Could not start: 400: Unauthorized \(Bot \[redacted\]\)$/],
    ['npm start', 'main.js', 400, 'info', /^Could not start: 400: Unauthorized \(Bot \[redacted\]\)$/],
    [
      'deploy-commands',
      'deploy-commands.js',
      401,
      'trace',
      /^Could not register the commands: 401: Unauthorized \(Bot \[redacted\]\)$/,
    ],
    [
      'deploy-commands',
      'deploy-commands.js',
      400,
      'trace',
      /^Could not register the commands: 400: Unauthorized \(Bot \[redacted\]\)$/,
    ],
  ])(
    '%s (%s) on a %i (LOG_LEVEL %s) says so in a line, without the token',
    async (_name, entry, status, level, says) => {
      const result = await against(echoingError(status), entry, { LOG_LEVEL: level });
      // The token did reach the API, which sent it back: what follows is the scrub, not luck.
      expect(result.credentials).toContain(`Bot ${TOKEN}`);
      expectNoToken(result);
      expect(oneLine(result.stderr)).toMatch(says);
      expect(result.status).toBe(1);
    },
  );

  it.each([
    ['validate', 'validate.js', /valid\. 2 sources/],
    ['digest', 'digest.js', /== Digest: /],
  ])('%s, which never calls Discord, does not print it either', async (_name, entry, says) => {
    const result = await against(echoingError(401), entry, { LOG_LEVEL: 'trace' });
    expect(result.credentials).toEqual([]);
    expectNoToken(result);
    expect(result.stdout).toMatch(says);
    expect(result.status).toBe(0);
  });
});

describe('deploy-commands, on what the API answers', () => {
  it('a list of commands that echoes the token: the commands listed, without it', async () => {
    const result = await against(
      (request, response) =>
        json([{ name: 'ask', type: 1, description: `for ${request.headers.authorization}` }])(
          request,
          response,
        ),
      'deploy-commands.js',
    );
    expect(result.credentials).toContain(`Bot ${TOKEN}`);
    expectNoToken(result);
    expect(result.stdout).toBe('Registered 1 commands (global):\n  /ask  for Bot [redacted]\n');
    expect(result.status).toBe(0);
  });

  it.each([
    ['an object', json({ message: 'ok' }), /the API answered 200 with a JSON object, not the list/],
    ['null', json(null), /the API answered 200 with null, not the list/],
    [
      'a list of other things',
      json([1, 2]),
      /the API answered 200 with a list of something other than commands/,
    ],
    ['a web page', page, /the API answered 200 with no JSON, not the list/],
    [
      'a redirect',
      redirect(302, 'http://127.0.0.1:9/elsewhere'),
      /the API answered 302 Found, a redirect to http:\/\/127\.0\.0\.1:9\/elsewhere, not the list/,
    ],
    [
      'a permanent redirect',
      redirect(308, '/api/v9'),
      /the API answered 308 Permanent Redirect, a redirect to \/api\/v9/,
    ],
  ])('%s: a clear error and exit 1, never "Registered undefined commands"', async (_name, answer, says) => {
    const result = await against(answer, 'deploy-commands.js');
    expect(result.stdout).not.toMatch(/Registered/);
    expect(oneLine(result.stderr)).toMatch(/^Could not register the commands: /);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).toMatch(/check DISCORD_API_URL\.$/m);
    expect(result.status).toBe(1);
  });
});

/** A port nothing listens on: one listened on a moment ago. */
async function closedPort(): Promise<number> {
  const server = await listening();
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function listening(): Promise<Server> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('start-up failures of the system around the bot', () => {
  it('an emulator that is not running: one line naming the address and the way back to the console, exit 1', async () => {
    const port = await closedPort();
    const apiUrl = `http://127.0.0.1:${port}/api`;
    const nothingThere =
      `nothing answers at ${apiUrl} (DISCORD_API_URL): start the emulator there (npm run emulator -- --port ${port}), ` +
      'or remove its lines (DISCORD_TOKEN, DISCORD_API_URL, …) from .env to go back to the local console.';
    const start = await run('main.js', { DISCORD_API_URL: apiUrl });
    expect(start.stderr).toBe(`Could not start: ${nothingThere}\n`);
    expect(start.status).toBe(1);
    const deploy = await run('deploy-commands.js', { DISCORD_API_URL: apiUrl });
    expect(deploy.stderr).toBe(`Could not register the commands: ${nothingThere}\n`);
    expect(deploy.status).toBe(1);
  });

  it('a health port in use: one line, exit 1', async () => {
    const taken = await listening();
    const { port } = taken.address() as { port: number };
    try {
      const result = await against(json([]), 'main.js', { HEALTH_PORT: String(port) });
      expect(oneLine(result.stderr)).toBe(
        `Could not start: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
      );
      expect(result.status).toBe(1);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('a health host that does not resolve: one line, exit 1', async () => {
    const port = await closedPort();
    const result = await against(json([]), 'main.js', {
      HEALTH_PORT: String(port),
      HEALTH_HOST: 'no-such-host.invalid',
    });
    expect(oneLine(result.stderr)).toMatch(/^Could not start: getaddrinfo [A-Z_]+ no-such-host\.invalid$/);
    expect(result.status).toBe(1);
  });

  it('a state folder that is not a folder: refused before anything starts', async () => {
    const result = await run('main.js', {
      STATE_DIR: '/dev/null',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(result.stderr).toMatch(/^Refusing to start: The configuration has problems/);
    expect(result.stderr).toMatch(/^ {2}STATE_DIR: \/dev\/null is not a folder$/m);
    expect(result.status).toBe(1);
  });
});
