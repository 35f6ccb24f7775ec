/**
 * A stand-in for Discord's REST API that answers every request the same way, as a misconfigured
 * proxy or a hostile server could: an error that echoes the Authorization header it was sent, a
 * redirect, or a 200 whose body is not what Discord sends. It keeps the credentials it was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Answer = (request: IncomingMessage, response: ServerResponse) => void;

/** An error in Discord's JSON shape whose message repeats the request's Authorization header. */
export const echoingError =
  (status: number): Answer =>
  (request, response) => {
    const message = `${status}: Unauthorized (${request.headers.authorization})`;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message, code: 0, authorization: request.headers.authorization }));
  };

export const json =
  (body: unknown): Answer =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

export const page: Answer = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html' });
  response.end('<html><body>Sign in</body></html>');
};

export const redirect =
  (status: number, location: string): Answer =>
  (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };

export interface AnsweringApi {
  /** What DISCORD_API_URL names. */
  url: string;
  /** The Authorization headers received, in order. */
  credentials: string[];
  close(): Promise<void>;
}

export async function startAnsweringApi(answer: Answer): Promise<AnsweringApi> {
  const credentials: string[] = [];
  const server = createServer((request, response) => {
    if (request.headers.authorization) credentials.push(request.headers.authorization);
    request.resume();
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    credentials,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
