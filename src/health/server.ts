/**
 * A small HTTP endpoint for a process manager or a container platform (HEALTH_PORT): `GET /health`
 * (or HEAD) answers 200 while the process is fit to serve and 503 while it is not (connecting,
 * reconnecting, stopping), with a JSON report of what it serves. Anything else is 404 or 405.
 * It listens on 127.0.0.1 unless told otherwise (HEALTH_HOST): the report names the servers the
 * bot is in, which is nobody else's business.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';

export interface HealthCheck {
  /** 200 when true, 503 when false. */
  healthy: boolean;
  report: unknown;
}

export interface HealthServerOptions {
  port: number;
  host: string;
  check: () => HealthCheck;
  logger: Logger;
}

export interface HealthServer {
  /** Where it listens, e.g. http://127.0.0.1:8081/health */
  url: string;
  close(): Promise<void>;
}

export const HEALTH_PATH = '/health';

export async function startHealthServer({
  port,
  host,
  check,
  logger,
}: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((request, response) => answer(request, response, check, logger));
  // Probes come every few seconds: an idle connection is not kept waiting for them.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}${HEALTH_PATH}`;
  logger.info({ url }, 'health endpoint listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answer(
  request: IncomingMessage,
  response: ServerResponse,
  check: () => HealthCheck,
  logger: Logger,
) {
  const path = (request.url ?? '').split('?')[0];
  if (path !== HEALTH_PATH)
    return send(response, 404, { error: `not found: the health report is at ${HEALTH_PATH}` });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return send(response, 405, { error: 'method not allowed: GET or HEAD' });
  }
  let result: HealthCheck;
  try {
    result = check();
  } catch (error) {
    logger.error({ err: error }, 'health report failed');
    return send(response, 500, { error: 'the health report failed; the reason is in the log' });
  }
  send(response, result.healthy ? 200 : 503, result.report, request.method === 'HEAD');
}

function send(response: ServerResponse, status: number, body: unknown, headOnly = false) {
  const json = `${JSON.stringify(body, null, 2)}\n`;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
  });
  response.end(headOnly ? undefined : json);
}
