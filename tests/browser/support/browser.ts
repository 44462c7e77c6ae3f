// Headless Debian Chromium driven by playwright-core: one fresh profile per actor.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'node:test';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { repoRoot } from './system.js';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const screenshotDir = join(repoRoot, 'test-artifacts', 'screenshots');

export interface Actor {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors seen since the last check (see `failOnPageErrors`). */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Console errors that are expected, each with why. Chromium logs every answer >= 400 to a fetch as
 * "Failed to load resource: the server responded with a status of N": the journeys make the portal
 * meet refusals on purpose (a wrong password's 401, a share sent twice, a search with no hit), and
 * the portal shows them to the person; such a 4xx is the API working. A 5xx is never expected:
 * it is not on this list and fails the test.
 */
const EXPECTED_CONSOLE_ERRORS: readonly RegExp[] = [/^Failed to load resource: the server responded with a status of 4\d\d\b/];

const open = new Set<Actor>();

const describeConsole = (message: ConsoleMessage): string => {
  const where = message.location();
  return `console.error at ${where.url || 'the page'}:${where.lineNumber}: ${message.text()}`;
};

/** The errors of every open actor since the last call, emptied. */
export function takePageErrors(): string[] {
  const all: string[] = [];
  for (const actor of open) all.push(...actor.errors.splice(0));
  return all;
}

/**
 * Call once in a describe: after each of its tests, any uncaught page error or unexpected console
 * error in any open browser fails that test (they used to be logged only, so a broken page could
 * stay green as long as the text the test looked for showed).
 */
export function failOnPageErrors(): void {
  afterEach(() => {
    const errors = takePageErrors();
    if (errors.length > 0) throw new Error(`The page reported ${errors.length} error(s):\n  ${errors.join('\n  ')}`);
  });
}

/** A browser with its own temporary user-data-dir (so nothing carries over between actors or runs). */
export async function openBrowser(baseURL: string, locale: 'en-GB' | 'ja-JP' = 'en-GB'): Promise<Actor> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'portal-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL,
    locale,
    viewport: { width: 1200, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const watched = new WeakSet<Page>();
  const watch = (p: Page) => {
    if (watched.has(p)) return;
    watched.add(p);
    p.on('pageerror', (error) => errors.push(`uncaught in ${p.url()}: ${error.stack ?? error.message}`));
    p.on('crash', () => errors.push(`the page crashed: ${p.url()}`));
    p.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (EXPECTED_CONSOLE_ERRORS.some((re) => re.test(message.text()))) return;
      errors.push(describeConsole(message));
    });
  };
  watch(page);
  context.on('page', watch);
  const actor: Actor = {
    page,
    context,
    errors,
    close: async () => {
      open.delete(actor);
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`The page reported ${errors.length} error(s) before it was closed:\n  ${errors.join('\n  ')}`);
    },
  };
  open.add(actor);
  return actor;
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, name), fullPage });
}

/** Chooses, with the keyboard only, the drop-down option whose text has every one of `parts`. */
export async function chooseOption(page: Page, parts: string[], maxPresses = 25): Promise<void> {
  const box = page.locator('#field-recipient');
  // As a person would, wait until the list shows the option (the answer to the last keystroke
  // may still be on its way: pressing through an older list found nothing, now and then).
  await page
    .waitForFunction(
      (wanted) => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document;
        return Array.from(doc.querySelectorAll('[role="option"]')).some((o) => wanted.every((w) => (o.textContent ?? '').includes(w)));
      },
      parts,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  for (let i = 0; i < maxPresses; i += 1) {
    await box.press('ArrowDown');
    const activeId = await box.getAttribute('aria-activedescendant');
    if (!activeId) continue;
    const text = (await page.locator(`[id="${activeId}"]`).textContent()) ?? '';
    if (parts.every((p) => text.includes(p))) {
      await box.press('Enter');
      return;
    }
  }
  throw new Error(`No option with ${parts.join(' + ')} in the drop-down.`);
}

/** Types into the search box as a person would, a key at a time. */
export async function search(page: Page, query: string): Promise<void> {
  const box = page.locator('#field-recipient');
  await box.fill('');
  await box.pressSequentially(query, { delay: 30 });
}

/** Reloads until `check` passes: what another actor did may take a moment to show. */
export async function eventually(page: Page, check: () => Promise<void>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await page.waitForTimeout(500);
      await page.reload();
    }
  }
}
