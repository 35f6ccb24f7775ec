/**
 * `npm run preview`'s web server: the page, its style and script, the pictures of the replies on
 * it, and a stream of server-sent events saying when the data changed. Bound to 127.0.0.1 and
 * answering only requests addressed to it by that name (a page elsewhere cannot reach it by a
 * name of its own), with a content policy that runs no script but the page's own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeCall, memoryCallStore, pressedCall } from '../contract/calls.js';
import { parseCommandLine } from '../contract/command-line.js';
import { commandRegistry } from '../contract/registry.js';
import type { CommandCall, CommandModule } from '../contract/types.js';
import type { Dataset } from '../dataset/dataset.js';
import type { Logger } from '../log.js';
import type { PayloadFile } from '../render/payload.js';
import { SCRIPT, STYLE } from './assets.js';
import { CHOICE_PARAMETER, PRESS_PARAMETER } from './message.js';
import { type Asked, pageHtml, RUN_PARAMETER } from './page.js';
import { type AnswerContext, answerCall, defaultCalls, lineOf, READER, type ShownReply } from './replies.js';
import type { PreviewSnapshot, PreviewState } from './state.js';

export interface PreviewServerOptions {
  state: PreviewState;
  commands: readonly CommandModule[];
  logger: Logger;
  /** 0 for any free port. */
  port: number;
  now?: () => Date;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Nothing from elsewhere, no script but /preview.js; embeds' colours are the only inline style. */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** How often an idle event stream is kept open with a comment. */
const KEEP_ALIVE_MS = 15_000;

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { state, logger } = options;
  const registry = commandRegistry(options.commands);
  const store = memoryCallStore();
  const now = options.now ?? (() => new Date());
  /** The pictures of the replies on the page, by their path: those of the dataset shown. */
  let pictures = new Map<string, PayloadFile>();
  let picturesOf: Dataset | null = null;
  const streams = new Set<ServerResponse>();
  /**
   * What the pages open are told, so that they fetch themselves again: a count of the changes to
   * what the page shows (a dataset loaded, pictures drawn).
   */
  let view = 0;
  let told = false;
  const tellPages = () => {
    view += 1;
    for (const stream of streams) stream.write(viewEvent(view));
  };
  /** Pictures of several replies drawn at once are one change. */
  const tellPagesSoon = () => {
    if (told) return;
    told = true;
    setImmediate(() => {
      told = false;
      tellPages();
    });
  };

  const pictureUrl = (dataset: Dataset) => (name: string) => {
    const at = `/pictures/${dataset.version}/${encodeURIComponent(name)}`;
    return pictures.has(at) ? at : undefined;
  };

  const answered = async (call: CommandCall, dataset: Dataset): Promise<ShownReply> => {
    const context: AnswerContext = {
      registry,
      dataset,
      now: now(),
      store,
      caller: READER,
      failed: (error) => logger.warn({ err: error }, 'the pictures of a reply could not be drawn'),
    };
    const reply = await answerCall(call, context);
    if (picturesOf !== dataset) {
      pictures = new Map();
      picturesOf = dataset;
    }
    for (const file of reply.pictures)
      pictures.set(`/pictures/${dataset.version}/${encodeURIComponent(file.name)}`, file);
    // Only pictures drawn change the page: after a failure, telling the pages would have them ask
    // again and again for pictures that fail.
    void reply.drawing?.then((drawn) => drawn && tellPagesSoon());
    return reply;
  };

  const asked = async (query: URLSearchParams, dataset: Dataset): Promise<Asked | null> => {
    const typed = query.get(RUN_PARAMETER);
    const press = query.get(PRESS_PARAMETER);
    if (typed !== null && typed.trim() !== '') {
      const parsed = parseCommandLine(registry, typed);
      if (!parsed.ok) return { line: typed, problem: parsed.problem };
      const call = { command: parsed.name, input: parsed.input };
      return { line: typed, reply: await answered(call, dataset) };
    }
    if (press === null) return null;
    const decoded = decodeCall(press, store);
    const choice = query.get(CHOICE_PARAMETER) ?? undefined;
    const call = 'problem' in decoded ? null : pressedCall(decoded, choice);
    if (!call) return { line: 'press', problem: 'This button or menu cannot be run: run its command again.' };
    return { line: lineOf(call), reply: await answered(call, dataset) };
  };

  const page = async (query: URLSearchParams, snapshot: PreviewSnapshot): Promise<string> => {
    const { dataset } = snapshot;
    const typed = query.get(RUN_PARAMETER) ?? '';
    if (!dataset)
      return pageHtml({
        snapshot,
        view,
        replies: [],
        uncalled: [],
        asked: null,
        typed,
        pictureUrl: () => undefined,
      });
    const { shown, uncalled } = defaultCalls(registry, dataset, now());
    const replies = [];
    for (const { line, call } of shown) replies.push({ line, reply: await answered(call, dataset) });
    const question = await asked(query, dataset);
    return pageHtml({
      snapshot,
      view,
      replies,
      uncalled,
      asked: question,
      typed,
      pictureUrl: pictureUrl(dataset),
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', `http://${HOST}`);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'text/plain', 'GET only');
    if (!addressedToUs(request, server))
      return send(response, 421, 'text/plain', 'Open the preview at 127.0.0.1');
    if (url.pathname === '/') {
      const html = await page(url.searchParams, state.snapshot());
      return send(response, 200, 'text/html; charset=utf-8', html);
    }
    if (url.pathname === '/preview.css') return send(response, 200, 'text/css; charset=utf-8', STYLE);
    if (url.pathname === '/preview.js') return send(response, 200, 'text/javascript; charset=utf-8', SCRIPT);
    if (url.pathname === '/events') return openStream(response);
    // Browsers ask for an icon: it has none, and says so without an error in the page's console.
    if (url.pathname === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
    const picture = pictures.get(url.pathname);
    if (picture) return send(response, 200, 'image/png', picture.data);
    return send(response, 404, 'text/plain', 'Not here');
  };

  const openStream = (response: ServerResponse) => {
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream' });
    response.write('retry: 500\n\n');
    response.write(viewEvent(view));
    streams.add(response);
    const alive = setInterval(() => response.write(': still here\n\n'), KEEP_ALIVE_MS);
    alive.unref();
    response.on('close', () => {
      clearInterval(alive);
      streams.delete(response);
    });
  };

  /**
   * The page of a new dataset is worked out before the pages open are told of it: the replies and
   * pictures are then ready (kept per dataset) when they ask for it.
   */
  const prepared = async (snapshot: PreviewSnapshot) => {
    try {
      await page(new URLSearchParams(), snapshot);
    } catch (error) {
      logger.error({ err: error }, 'the preview could not prepare the page');
    }
  };
  const stopListening = state.onChange((snapshot) => {
    void prepared(snapshot).then(tellPages);
  });
  await prepared(state.snapshot());

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error, url: request.url }, 'the preview could not answer');
      if (!response.headersSent)
        send(response, 500, 'text/plain', 'The preview failed: the reason is in its log.');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${HOST}:${port}/`,
    close: async () => {
      stopListening();
      for (const stream of streams) stream.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function viewEvent(view: number): string {
  return `event: view\ndata: ${view}\n\n`;
}

/**
 * Whether the request names this server as 127.0.0.1 or localhost, at its port: a site elsewhere
 * whose name was pointed at 127.0.0.1 (DNS rebinding) gets nothing.
 */
function addressedToUs(request: IncomingMessage, server: Server): boolean {
  const { port } = server.address() as AddressInfo;
  return [`${HOST}:${port}`, `localhost:${port}`].includes(request.headers.host ?? '');
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  response.end(body);
}
