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
  /** Sockets open at once, past which a new one is closed; and how long a request may take to come. */
  limits?: Partial<HealthLimits>;
}

export interface HealthLimits {
  maxConnections: number;
  /** All of a request's headers must arrive within this; a client that sends them slowly is cut off. */
  headersTimeoutMs: number;
  /** The whole request, body included. */
  requestTimeoutMs: number;
  /** How long an idle connection is kept open for the next probe. */
  keepAliveTimeoutMs: number;
  /** How often open connections are checked against those limits. */
  checkEveryMs: number;
}

/**
 * A probe sends a few hundred bytes every few seconds: a handful of sockets and a couple of seconds
 * are plenty. Without a cap, idle sockets used up the process's file descriptors (and commands
 * failed with EMFILE); without short timeouts, a socket sending its headers a byte at a time lived
 * for a minute and more.
 */
export const HEALTH_LIMITS: HealthLimits = {
  maxConnections: 32,
  headersTimeoutMs: 2000,
  requestTimeoutMs: 3000,
  keepAliveTimeoutMs: 1000,
  checkEveryMs: 1000,
};

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
  limits: given,
}: HealthServerOptions): Promise<HealthServer> {
  const limits = { ...HEALTH_LIMITS, ...given };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkEveryMs,
    },
    (request, response) => answer(request, response, check, logger),
  );
  server.maxConnections = limits.maxConnections;
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
