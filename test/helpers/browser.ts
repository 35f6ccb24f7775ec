/**
 * A real browser for the preview's tests: Debian's chromium, driven by playwright-core (which never
 * downloads one), with the flags that work on these machines and a fresh profile each time.
 *
 * Without /usr/bin/chromium the browser tests are skipped and say so; with REQUIRE_BROWSER=1 (CI)
 * a missing browser fails them instead.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser tests run: the browser is there, or it is required (and its absence fails them). */
export function browserTestsRun(): boolean {
  return existsSync(CHROMIUM) || process.env.REQUIRE_BROWSER === '1';
}

/** Says plainly, in the test run's output, which tests were skipped and why. */
export function sayBrowserTestsSkipped(file: string, tests: readonly string[]): void {
  if (browserTestsRun()) return;
  process.stderr.write(
    `\n${file}: ${tests.length} browser tests SKIPPED, no browser at ${CHROMIUM} (apt-get install -y --no-install-recommends chromium; REQUIRE_BROWSER=1 makes this a failure):\n${tests.map((t) => `  - skipped: ${t}\n`).join('')}`,
  );
}

export interface OpenBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a fresh profile folder, removed on close. */
export async function openBrowser(): Promise<OpenBrowser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`REQUIRE_BROWSER=1, and there is no browser at ${CHROMIUM}: install Debian's chromium`);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'preview-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1200, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
