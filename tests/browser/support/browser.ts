// Headless Debian Chromium driven by playwright-core: one fresh profile per actor.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
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
  close(): Promise<void>;
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
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  return {
    page,
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, name), fullPage });
}

/** Chooses, with the keyboard only, the drop-down option whose text has every one of `parts`. */
export async function chooseOption(page: Page, parts: string[], maxPresses = 25): Promise<void> {
  const box = page.locator('#field-recipient');
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
