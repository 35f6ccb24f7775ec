/**
 * The preview's page as HTML, without a browser: quotes found where the loader finds them, Discord's
 * markdown and components drawn from real payloads, report texts and replies escaped, and a server
 * that answers only on 127.0.0.1.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { commandRegistry, isMessageCommand } from '../../src/contract/registry.js';
import { quoteFinder } from '../../src/dataset/quotes.js';
import { createLogger } from '../../src/log.js';
import { inlineHtml, markdownHtml } from '../../src/preview/markdown.js';
import { messageHtml } from '../../src/preview/message.js';
import { quoteLocator, segmentsOf } from '../../src/preview/quotes.js';
import { defaultCalls } from '../../src/preview/replies.js';
import { type ReportView, reportHtml } from '../../src/preview/reports.js';
import { type PreviewServer, startPreviewServer } from '../../src/preview/server.js';
import { PreviewState } from '../../src/preview/state.js';
import { renderReply } from '../../src/render/render.js';
import { DatasetCopy } from '../helpers/dataset-fixture.js';

const HOSTILE = `<script>window.injected = 1</script><img src=x onerror="window.injected = 2">"'&`;

describe('quotes in their text', () => {
  it('are found as the loader finds them, across line breaks and curly quote marks, and marked over the text as published', () => {
    const text = 'The minister said:\n“We will  not\nbow,” he added. It’s over.';
    const locate = quoteLocator(text);
    for (const quote of ['"We will not bow,"', "It's over", 'said: "We']) {
      const span = locate(quote);
      expect(quoteFinder(text)(quote)).toBe(true);
      expect(span).not.toBeNull();
      const marked = text.slice(span?.start, span?.end);
      expect(marked.replace(/\s+/g, ' ').replace(/[“”]/g, '"').replace(/’/g, "'")).toBe(quote);
    }
    expect(locate('we will not bow')).toBeNull();
    expect(quoteFinder(text)('we will not bow')).toBe(false);
  });

  it('cut the text where any quote starts or ends, each piece naming every claim over it', () => {
    const spans = new Map([
      ['a', { start: 0, end: 10 }],
      ['b', { start: 5, end: 15 }],
    ]);
    expect(segmentsOf(20, spans)).toEqual([
      { start: 0, end: 5, claims: ['a'] },
      { start: 5, end: 10, claims: ['a', 'b'] },
      { start: 10, end: 15, claims: ['b'] },
      { start: 15, end: 20, claims: [] },
    ]);
  });
});

describe('a report on the page', () => {
  const report: ReportView = {
    anchor: 'report-hostile',
    heading: HOSTILE,
    facts: [HOSTILE],
    text: `Before. ${HOSTILE} After.`,
    claims: [
      {
        id: 'hostile.one',
        statement: HOSTILE,
        quote: HOSTILE,
        details: [['speaker', HOSTILE]],
        problems: [HOSTILE],
      },
    ],
  };
  const html = reportHtml(report);

  it('shows every text from the data as text: no tag, attribute or entity of it reaches the page', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror="');
    expect(html).toContain('&lt;script&gt;window.injected = 1&lt;/script&gt;');
    expect(html).toContain('&quot;&#39;&amp;');
  });

  it('links the quote in the text to its claim, and the claim back to its words', () => {
    expect(html).toContain('href="#report-hostile-claim-hostile.one"');
    expect(html).toContain('id="report-hostile-claim-hostile.one"');
    expect(html).toContain('href="#report-hostile-quote-hostile.one"');
    expect(html).toContain('id="report-hostile-quote-hostile.one"');
  });
});

describe("Discord's markdown", () => {
  it('draws the marks the replies use, and shows escaped ones as written', () => {
    expect(inlineHtml('**23** soldiers \\*not bold\\* `abc12` *said*')).toBe(
      '<strong>23</strong> soldiers *not bold* <code>abc12</code> <em>said</em>',
    );
    expect(markdownHtml('-# small\n> quoted')).toBe(
      '<div class="line subtext">small</div><div class="line quote">quoted</div>',
    );
    expect(inlineHtml('<t:1702339200:f>')).toContain('datetime="2023-12-12T00:00:00.000Z"');
  });

  it('links only web addresses, and escapes what it does not read', () => {
    expect(inlineHtml('[go](javascript:alert(1)) <https://example.com/a"b>')).not.toContain(
      'href="javascript',
    );
    expect(inlineHtml('[go](https://example.com/x)')).toBe(
      '<a href="https://example.com/x" target="_blank" rel="noopener noreferrer">go</a>',
    );
    expect(inlineHtml(HOSTILE)).not.toMatch(/<(script|img)/);
  });
});

describe('a reply as Discord shows it', () => {
  it("draws a rendered payload's colour bar, title, fields, footer, buttons and menu, each press a link to the page", () => {
    const hostile = renderReply({
      briefing: {
        title: HOSTILE,
        lead: HOSTILE,
        sections: [{ heading: HOSTILE, lines: [HOSTILE] }],
        footer: HOSTILE,
      },
      private: false,
    } as never);
    const message = hostile.messages[0];
    if (!message) throw new Error('no message');
    const html = messageHtml(
      {
        ...message,
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: 2, label: HOSTILE, custom_id: 'b1|v|c=sources' },
              { type: 2, style: 5, label: 'Read', url: 'https://example.com/' },
            ],
          },
          {
            type: 1,
            components: [
              {
                type: 3,
                custom_id: 'b1|v|c=quotes',
                placeholder: HOSTILE,
                options: [{ label: HOSTILE, value: HOSTILE }],
              },
            ],
          },
        ],
      },
      () => undefined,
      'Briefing',
    );
    expect(html).not.toMatch(/<(script|img)/);
    expect(html).toContain('class="button secondary" href="/?press=b1%7Cv%7Cc%3Dsources#asked"');
    expect(html).toContain('<select name="choice"');
    expect(html).toContain('class="embed" style="border-left-color: #');
  });

  it('calls every slash command by itself, or says which option it needs', async () => {
    const copy = await DatasetCopy.seeds();
    const dataset = await copy.load();
    const registry = commandRegistry(commands);
    const { shown, uncalled } = defaultCalls(registry, dataset, new Date());
    for (const command of registry.all) {
      const name = command.definition.name;
      const called = shown.some((s) => s.call.command === name);
      const listed = uncalled.some((u) => u.line.startsWith(isMessageCommand(command) ? name : `/${name}`));
      expect(called || listed, name).toBe(true);
    }
  });
});

describe('the preview server', () => {
  let copy: DatasetCopy;
  let state: PreviewState;
  let server: PreviewServer;

  beforeAll(async () => {
    copy = await DatasetCopy.seeds();
    state = new PreviewState(copy.dir, createLogger({ level: 'silent' }));
    await state.start();
    server = await startPreviewServer({
      state,
      commands,
      logger: createLogger({ level: 'silent' }),
      port: 0,
    });
  });
  afterAll(async () => {
    await server.close();
    state.close();
  });

  const get = (path: string, host?: string) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const url = new URL(path, server.url);
      const req = request(url, { headers: host ? { host } : {} }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('listens on 127.0.0.1 only, and refuses a request addressed to another name', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect((await get('/', 'attacker.example')).status).toBe(421);
  });

  it('serves the page with a policy that runs no script but its own and fetches nothing from elsewhere', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\/(?!indileak|countryroque)/);
    expect(page.body).toContain('<script src="/preview.js" defer></script>');
  });

  it('answers a typed line without a slash as a question for /ask, escaped', async () => {
    const page = await get(`/?run=${encodeURIComponent(HOSTILE)}`);
    expect(page.body).toContain('id="asked"');
    expect(page.body).toContain('/ask');
    expect(page.body).not.toContain('<script>window');
  });

  it('answers a typed command it does not know with what is wrong, escaped', async () => {
    const page = await get(`/?run=${encodeURIComponent(`/${HOSTILE}`)}`);
    expect(page.body).toContain('id="asked"');
    expect(page.body).not.toContain('<script>window');
    expect(page.body).not.toContain('onerror="window');
  });
});
