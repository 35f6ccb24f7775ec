/// <reference lib="dom" />
// Callbacks given to page.evaluate run in the browser: they see the DOM.
/**
 * The preview in a real browser (Debian's chromium, driven by playwright-core), on a temporary copy
 * of the seeds: the page loads, a marked quote leads to its claim, a reply shows as its payload
 * says with buttons that run, a saved edit shows in place, a broken quote shows where it is, text
 * from the data never runs, and a report goes from text to merged claims as docs/curators-guide.md
 * says, taking the guide's pictures on the way.
 *
 * Without /usr/bin/chromium these tests are skipped, and say so; REQUIRE_BROWSER=1 fails them instead.
 * `GUIDE_SCREENSHOTS=1 npx vitest run test/preview/browser.test.ts` writes the pictures into
 * docs/images/ (otherwise into a temporary folder, and only checked).
 */
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { commands } from '../../commands/index.js';
import { memoryCallStore } from '../../src/contract/calls.js';
import { commandRegistry } from '../../src/contract/registry.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { REVIEW_MARK, reviewLinesOf } from '../../src/dataset/unfinished.js';
import { draftFile } from '../../src/draft/file.js';
import { createLogger } from '../../src/log.js';
import { answerCall, defaultCalls, READER } from '../../src/preview/replies.js';
import { type PreviewServer, startPreviewServer } from '../../src/preview/server.js';
import { PreviewState } from '../../src/preview/state.js';
import {
  browserTestsRun,
  type OpenBrowser,
  openBrowser,
  sayBrowserTestsSkipped,
} from '../helpers/browser.js';
import { DatasetCopy, SOURCE_000, STORY_DIR, TEXT_000 } from '../helpers/dataset-fixture.js';

const TESTS = {
  loads: 'the page loads: every report of the dataset, valid, with no error in the browser',
  quote: 'a marked quote leads to its claim, and the claim back to its words',
  reply: 'a reply shows as its payload says: colour, title, buttons and menu; a button runs its call',
  edit: 'a saved edit shows in place, without a reload',
  broken: 'a broken quote shows its problem at its file and line, and goes when mended',
  injection: 'markup in a report and its claims is shown as text and never runs',
  guide: "the curator's guide: a report from text to draft to merged claims, with its pictures",
} as const;

sayBrowserTestsSkipped('test/preview/browser.test.ts', Object.values(TESTS));

/** The guide's pictures: written into docs/images/ when asked for, else only taken and checked. */
const GUIDE_IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const writeGuide = process.env.GUIDE_SCREENSHOTS === '1';

/** How long an update may take here: the machine is shared, so generous; the page says within a second. */
const UPDATE_TIMEOUT_MS = 15_000;

describe.skipIf(!browserTestsRun())('the preview in a real browser', () => {
  let copy: DatasetCopy;
  let state: PreviewState;
  let server: PreviewServer;
  let browser: OpenBrowser;
  let page: Page;
  let dataset: Dataset;
  let pictures: string;
  const errors: string[] = [];

  beforeAll(async () => {
    copy = await DatasetCopy.seeds();
    dataset = await copy.load();
    const logger = createLogger({ level: 'silent' });
    state = new PreviewState(copy.dir, logger);
    await state.start();
    await state.settled();
    server = await startPreviewServer({ state, commands, logger, port: 0 });
    browser = await openBrowser();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    pictures = writeGuide ? GUIDE_IMAGES : await mkdtemp(path.join(os.tmpdir(), 'preview-pictures-'));
    await mkdir(pictures, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    state?.close();
    await copy?.cleanup();
    if (!writeGuide && pictures) await rm(pictures, { recursive: true, force: true });
  });

  /**
   * Waits until `shown` holds on the page, updated in place. Polled from here: the page's policy
   * forbids the evaluation of strings that playwright's own waiting uses.
   */
  const waitFor = async <A>(shown: (arg: A) => boolean, arg: A): Promise<void> => {
    const until = Date.now() + UPDATE_TIMEOUT_MS;
    while (!(await page.evaluate(shown as (arg: unknown) => boolean, arg))) {
      if (Date.now() > until)
        throw new Error(`the page did not show it in time: ${shown.toString()} (${String(arg)})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it(TESTS.loads, async () => {
    await page.goto(server.url);
    expect(await page.title()).toBe('Briefing preview');
    expect(await page.locator('header .state').innerText()).toBe('valid');
    expect(await page.locator('#reports article.report').count()).toBe(dataset.sources.length);
    expect(await page.locator('#reports a.quote').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it(TESTS.quote, async () => {
    await page.goto(server.url);
    const claim = dataset.claimsBySource.get(dataset.sources[0]?.id ?? '')?.at(-1);
    if (!claim) throw new Error('the seeds have claims');
    const mark = page.locator(`#reports a.quote[data-claims~="${claim.id}"]`).first();
    const target = await mark.getAttribute('href');
    await mark.click();
    expect(new URL(page.url()).hash).toBe(target);
    const item = page.locator(`[id="${target?.slice(1)}"]`);
    expect(await item.locator('.claim-id').innerText()).toBe(claim.id);
    expect(await item.evaluate((e) => e.matches(':target'))).toBe(true);
    const box = await item.boundingBox();
    const viewport = page.viewportSize();
    expect(box && viewport && box.y >= 0 && box.y < viewport.height).toBe(true);
    // Back from the claim to its words: the link leads to where its quote starts in the text.
    const back = item.locator('a.back');
    const words = await back.getAttribute('href');
    await back.click();
    expect(new URL(page.url()).hash).toBe(words);
    const folded = (s: string) => s.replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').trim();
    const marked = await page.evaluate((id) => {
      const anchor = document.getElementById(id);
      let text = '';
      for (let node = anchor?.nextSibling; node && text.length < 2000; node = node.nextSibling)
        text += node.textContent;
      return text;
    }, words?.slice(1) ?? '');
    expect(folded(marked).startsWith(folded(claim.quote))).toBe(true);
  });

  it(TESTS.reply, async () => {
    await page.goto(server.url);
    const registry = commandRegistry(commands);
    const { shown } = defaultCalls(registry, dataset, new Date());
    // The first reply with buttons: the page must show what the renderer made, to the letter.
    for (const { line, call } of shown) {
      const { messages } = await answerCall(call, {
        registry,
        dataset,
        now: new Date(),
        store: memoryCallStore(),
        caller: READER,
        failed: () => {},
      });
      const message = messages[0];
      const buttons = (message?.components ?? [])
        .flatMap((row) => row.components)
        .flatMap((c) => (c.type === 2 && 'label' in c ? [c.label ?? ''] : []));
      const embed = message?.embeds?.[0];
      if (buttons.length === 0 || !embed) continue;
      const reply = page.locator('article.reply', { has: page.locator('h3', { hasText: line }) }).first();
      expect(await reply.locator('h3').innerText()).toBe(line);
      expect(await reply.locator('.button').allInnerTexts()).toEqual(buttons);
      expect(await reply.locator('.embed-title').first().innerText()).toBe(
        embed.title?.replace(/\\(.)/g, '$1'),
      );
      const colour = await reply
        .locator('.embed')
        .first()
        .evaluate((e) => getComputedStyle(e).borderLeftColor);
      const c = embed.color ?? 0;
      expect(colour).toBe(`rgb(${(c >> 16) & 255}, ${(c >> 8) & 255}, ${c & 255})`);
      expect(await reply.locator('.embed-field .field-name').count()).toBe(embed.fields?.length ?? 0);
      // A button runs its call: its reply shows at the top of the replies.
      const first = reply.locator('a.button').first();
      const label = await first.innerText();
      await first.click();
      await page.waitForSelector('#asked .message');
      expect(await page.locator('#asked h3').innerText()).toMatch(/^\//);
      expect(await page.locator('#asked .embed').count()).toBeGreaterThan(0);
      expect(label).toBe(buttons[0]);
      // A menu runs its call with the choice made.
      const menu = page.locator('article.reply form.menu').first();
      const value = await menu.locator('option:not([disabled])').first().getAttribute('value');
      await menu.locator('select').selectOption(value ?? '');
      await page.waitForURL(/choice=/);
      expect(await page.locator('#asked .embed').count()).toBeGreaterThan(0);
      // The chart's pictures are served once drawn (the page shows itself again then), and decode.
      await page.goto(server.url);
      await waitFor(() => document.querySelector('article.reply img.embed-picture') !== null, null);
      const picture = page.locator('article.reply img.embed-picture').first();
      await picture.scrollIntoViewIfNeeded();
      expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(
        true,
      );
      return;
    }
    throw new Error('no reply of the seeds has buttons');
  });

  it(TESTS.edit, async () => {
    await page.goto(server.url);
    await page.evaluate(() => {
      (window as unknown as { kept: boolean }).kept = true;
    });
    const claim = dataset.claimsBySource.get(dataset.sources[0]?.id ?? '')?.[0];
    if (!claim) throw new Error('the seeds have claims');
    const file = await sourceFileOf(claim.id);
    const statement = 'A statement the curator has just saved.';
    const line = await copy.lineInClaim(file, claim.id, 'statement:');
    await editLine(file, line, (text) => text.replace(/statement: .*/, `statement: ${statement}`));
    await waitFor((words) => document.body.innerText.includes(words), statement);
    expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
    expect(await page.locator(`[id$="-claim-${claim.id}"]`).first().innerText()).toContain(statement);
  });

  it(TESTS.broken, async () => {
    await page.goto(server.url);
    const claim = dataset.claimsBySource.get(dataset.sources[0]?.id ?? '')?.[1];
    if (!claim) throw new Error('the seeds have claims');
    const file = await sourceFileOf(claim.id);
    const before = await copy.read(file);
    const line = await copy.lineInClaim(file, claim.id, 'quote:');
    await editLine(file, line, (text) =>
      text.replace(/quote: (['"]?)/, 'quote: $1Words the report never wrote, '),
    );
    const index = await copy.claimIndex(file, claim.id);
    await waitFor(
      (where) => document.querySelector<HTMLElement>('#problems .problem .where')?.innerText === where,
      `${file}:${line}`,
    );
    const problem = page.locator('#problems .problem').first();
    expect(await problem.locator('code').innerText()).toBe(`claims[${index}].quote`);
    expect(await problem.locator('.source-line').innerText()).toContain('Words the report never wrote');
    expect(await page.locator('header .state').innerText()).toBe('1 problem');
    await screenshot(problem, 'preview-problem.png');
    await copy.write(file, before);
    await waitFor(
      (state) => document.querySelector<HTMLElement>('header .state')?.innerText === state,
      'valid',
    );
  });

  it(TESTS.injection, async () => {
    await page.goto(server.url);
    const hostile = '<script>window.injected = 1</script><img src="x" onerror="window.injected = 2">';
    await writeFile(copy.path(TEXT_000), `${await copy.read(TEXT_000)}\n${hostile}\n`);
    const claim = dataset.claimsBySource.get(dataset.sources[0]?.id ?? '')?.[2];
    if (!claim) throw new Error('the seeds have claims');
    const file = await sourceFileOf(claim.id);
    const line = await copy.lineInClaim(file, claim.id, 'statement:');
    await editLine(file, line, (text) => text.replace(/statement: .*/, `statement: '${hostile}'`));
    await waitFor((markup) => document.body.innerText.includes(markup), '<img src="x" onerror=');
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    expect(await page.locator('main script, main img[src="x"]').count()).toBe(0);
    expect(
      await page.locator('.report-text', { hasText: '<script>window.injected = 1</script>' }).count(),
    ).toBe(1);
  });

  it(TESTS.guide, async () => {
    // 1. The report's text beside the others, 2. drafted from the dataset's own words.
    const text = 'sources/dawn-2023-12-13.txt';
    await copyFile(path.join(STORY_DIR, 'sources/fixture-2023-12-13-dawn.txt'), copy.path(text));
    const drafted = await draftFile(copy.path(text), await copy.load(), {
      outlet: 'Dawn',
      published: '2023-12-13',
    });
    // 3. The draft shows, marked for review, its quotes marked in the text.
    await page.goto(`${server.url}#drafts`);
    await waitFor(
      (badge) => document.querySelector<HTMLElement>('#drafts article.draft .badge')?.innerText === badge,
      'Draft: for review',
    );
    const draft = page.locator('#drafts article.draft').first();
    expect(await draft.locator('.review').innerText()).toContain(`${drafted.reviews} review notes left`);
    expect(await draft.locator('a.quote').count()).toBeGreaterThan(0);
    expect(await draft.locator('li.claim').count()).toBe(drafted.claims);
    await screenshot(draft, 'preview-draft.png');
    // 4. Reviewed as the guide says: the figures of the two other operations deleted (they are not
    // the attack's), the notes taken out; then renamed, and the report joins the dataset.
    const reviewed = parseDocument(await readFile(drafted.file, 'utf8'));
    const claims = reviewed.get('claims') as YAMLSeq<YAMLMap>;
    const before = claims.items.length;
    claims.items = claims.items.filter(
      (claim) => !String(claim.get('quote')).includes('separate operations'),
    );
    expect(claims.items.length).toBeLessThan(before);
    const withoutNotes = reviewed
      .toString()
      .split('\n')
      .filter((line) => !line.trimStart().startsWith(REVIEW_MARK));
    await writeFile(drafted.file, withoutNotes.join('\n'));
    expect(reviewLinesOf(await readFile(drafted.file, 'utf8'))).toEqual([]);
    await rename(drafted.file, drafted.file.replace(/\.draft\.yaml$/, '.yaml'));
    await waitFor(
      (outlet) =>
        Array.from(document.querySelectorAll<HTMLElement>('#reports article.report h3')).some((h) =>
          h.innerText.startsWith(outlet),
        ),
      'Dawn',
    );
    expect(await page.locator('#drafts article.draft').count()).toBe(0);
    const report = page.locator('#reports article.report', { has: page.locator('h3', { hasText: /^Dawn/ }) });
    await screenshot(report, 'preview-report.png');
    // 5. Its claims merged with the others: /casualties names it.
    const casualties = page.locator('article.reply', {
      has: page.locator('h3', { hasText: /^\/casualties$/ }),
    });
    expect(await casualties.locator('.embed').first().innerText()).toContain('Dawn');
    await screenshot(casualties, 'preview-reply.png');
  });

  /** The data file of the report a claim is in (relative to the copy), by the seed reports' names. */
  async function sourceFileOf(claimId: string): Promise<string> {
    if ((await copy.read(SOURCE_000)).includes(`- id: ${claimId}\n`)) return SOURCE_000;
    throw new Error(`claim ${claimId} is not in ${SOURCE_000}`);
  }

  /** Rewrites one line of a file, as a curator's save does. */
  async function editLine(file: string, line: number, edit: (text: string) => string): Promise<void> {
    const lines = (await copy.read(file)).split('\n');
    const at = lines[line - 1];
    if (at === undefined) throw new Error(`${file} has no line ${line}`);
    lines[line - 1] = edit(at);
    expect(lines[line - 1]).not.toBe(at);
    await copy.write(file, lines.join('\n'));
  }

  /** How many times a picture of a part redrawn meanwhile is taken before the test gives up. */
  const SCREENSHOT_ATTEMPTS = 3;

  /** A picture of part of the page, checked to be a real PNG of what was shown. */
  async function screenshot(part: ReturnType<Page['locator']>, name: string): Promise<void> {
    const file = path.join(pictures, name);
    // The page's sticky header would cover the part's top: it stays in its place for the picture.
    // The page redraws a list when the folder it watches changes: a part redrawn while its picture
    // is taken is taken again, as it now is.
    for (let attempt = 1; ; attempt++) {
      try {
        await part.screenshot({ path: file, style: 'header { position: static !important; }' });
        break;
      } catch (error) {
        if (attempt === SCREENSHOT_ATTEMPTS || !String(error).includes('not attached')) throw error;
      }
    }
    const png = PNG.sync.read(await readFile(file));
    const box = await part.boundingBox();
    expect(png.width).toBe(Math.round(box?.width ?? 0));
    expect(png.height).toBeGreaterThan(20);
  }
});
