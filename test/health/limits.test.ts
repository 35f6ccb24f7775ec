/**
 * The health server under sockets that are not probes: more of them than it accepts, and one that
 * sends its headers and then nothing. The limits are set small through the options; the test
 * awaits what the server does to each socket, it never sleeps.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthServer, startHealthServer } from '../../src/health/server.js';
import { createLogger } from '../../src/log.js';

let health: HealthServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await health?.close();
  health = undefined;
});

async function start(limits: Parameters<typeof startHealthServer>[0]['limits']): Promise<URL> {
  health = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    logger: createLogger({ level: 'silent' }),
    check: () => ({ healthy: true, report: { status: 'ok' } }),
    limits,
  });
  return new URL(health.url);
}

/** A connected socket, and what becomes of it: everything it received once the server closed it. */
async function open(url: URL): Promise<{ socket: Socket; closed: Promise<string> }> {
  const socket = connect(Number(url.port), url.hostname);
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed };
}

/** Sends a whole GET on an open socket and resolves with the status line of its answer. */
function probe(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('data', (chunk) => resolve(chunk.toString().split('\r\n')[0] ?? ''));
    socket.write('GET /health HTTP/1.1\r\nHost: probe\r\n\r\n');
  });
}

describe('the health server’s limits', () => {
  it('closes sockets past its cap, and the ones it holds still get answers', async () => {
    const url = await start({ maxConnections: 3 });
    const held = [await open(url), await open(url), await open(url)];
    const extra = await Promise.all([open(url), open(url)]);
    // Past the cap the server closes a socket at once, unanswered.
    expect(await Promise.all(extra.map((s) => s.closed))).toEqual(['', '']);
    for (const { socket } of held) expect(await probe(socket)).toBe('HTTP/1.1 200 OK');
  });

  it('closes a socket that sends its headers slowly (slowloris)', async () => {
    const url = await start({ headersTimeoutMs: 100, requestTimeoutMs: 200, checkEveryMs: 20 });
    const slow = await open(url);
    slow.socket.write('GET /health HTTP/1.1\r\nHost: probe\r\nX-Slow: a');
    // Node answers 408 and closes; before the limits, such a socket stayed open for a minute or more.
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('has a cap and timeouts by default, and answers a probe within them', async () => {
    const url = await start(undefined);
    const { socket } = await open(url);
    expect(await probe(socket)).toBe('HTTP/1.1 200 OK');
  });
});
