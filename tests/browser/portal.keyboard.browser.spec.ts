// The candidate's journey with the keyboard alone (Tab, Shift+Tab, Enter, arrows, Escape and
// typing): where the focus is after every action is checked, so it never drops to <body>.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Api, type Entry } from './support/api.js';
import { audit, describeViolations } from './support/axe.js';
import { failOnPageErrors, openBrowser, type Actor } from './support/browser.js';
import { uniqueSuffix } from './support/journey.js';
import { startSystem, type System } from './support/system.js';

interface Focused {
  tag: string;
  id: string;
  text: string;
}

/** The element that has the focus: its tag, id and text (or value for inputs). */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { tagName: string; id: string; textContent: string | null } | null } }).document.activeElement;
    return { tag: (active?.tagName ?? 'none').toLowerCase(), id: active?.id ?? '', text: (active?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 120) };
  });
}

/** Presses Tab (or Shift+Tab) until the focus is on what `is` accepts: a person moving through the page. */
async function tabTo(page: Page, is: (f: Focused) => boolean, what: string, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    if (is(await focused(page))) return;
  }
  throw new Error(`${key} never reached ${what} (last: ${JSON.stringify(await focused(page))})`);
}

const button = (text: string) => (f: Focused) => f.tag === 'button' && f.text.includes(text);
const link = (text: string) => (f: Focused) => f.tag === 'a' && f.text === text;
const byId = (id: string) => (f: Focused) => f.id === id;

async function expectFocus(page: Page, is: (f: Focused) => boolean, what: string): Promise<void> {
  const until = Date.now() + 5_000;
  for (;;) {
    const now = await focused(page);
    if (is(now)) return;
    if (Date.now() > until) assert.fail(`after that action the focus should be on ${what}, but it is on ${JSON.stringify(now)}`);
    await page.waitForTimeout(50);
  }
}

const heading = (text: string) => (f: Focused) => f.tag === 'h1' && f.text === text;

describe('portal: the candidate journey with the keyboard alone, focus checked after every action', { timeout: 300_000 }, () => {
  failOnPageErrors();
  const suffix = uniqueSuffix();
  const lower = suffix.toLowerCase();
  const university = `Plover University ${suffix}`;
  const password = 'keyboard only passphrase 5';
  let system: System;
  let entry: Entry;
  let actor: Actor;

  before(async () => {
    system = await startSystem();
    const admin = await Api.logIn(system.url, { email: system.adminEmail }, system.adminPassword);
    await admin.createOrganisation({
      name: university,
      kind: 'education',
      country: 'GB',
      website: `https://plover-${lower}.example`,
      email: `office-${lower}@plover.example`,
      accounts: [{ department: 'Department of Physics' }, { department: 'Department of History' }],
    });
    entry = await admin.enter(`Ren Kobayashi ${suffix}`, '2003-07-01');
    await admin.publish(entry.idNumber);
    await admin.waitForSearch('Plover', university);
    actor = await openBrowser(system.url, 'en-GB');
  });

  after(async () => {
    await actor?.close();
    await system?.stop();
  });

  it('delivers the portal compressed when asked, hashed assets cached for good and index.html revalidated (the real gateway)', async () => {
    const get = (path: string, acceptEncoding: string) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const req = request(`${system.url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    const index = await get('/results', 'gzip, deflate, br');
    assert.equal(index.headers['cache-control'], 'no-cache');
    const html = (index.headers['content-encoding'] === 'br' ? brotliDecompressSync(index.body) : index.body).toString();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, html);
    const plain = await get(script, 'identity');
    const br = await get(script, 'gzip, deflate, br');
    const gz = await get(script, 'gzip');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(brotliDecompressSync(br.body).equals(plain.body) && gunzipSync(gz.body).equals(plain.body));
    for (const answer of [plain, br, gz]) assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable');
    console.log(`portal script ${script}: ${plain.body.length} B plain, ${gz.body.length} B gzip, ${br.body.length} B brotli`);
  });

  it('the audit itself reports what it should (a planted image without text and an unnamed button)', async () => {
    const { page } = actor;
    await page.goto('/login');
    await page.locator('h1').waitFor();
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { getElementById(id: string): { insertAdjacentHTML(where: string, html: string): void } | null } }).document;
      doc.getElementById('main')?.insertAdjacentHTML('beforeend', '<div id="planted"><img src="data:,"><button type="button"></button></div>');
    });
    const ids = (await audit(page, 'planted @ en desktop', false)).map((v) => v.id);
    assert.ok(ids.includes('image-alt') && ids.includes('button-name'), `axe found ${ids.join(', ')}`);
  });

  it('registers, logs in, downloads, searches, sends, closes the confirmation, invites, and asks for a reset link', async () => {
    const { page } = actor;
    await page.goto('/login');
    await page.locator('h1').waitFor();

    // The first Tab reaches the skip link; Enter moves the focus into the main content.
    await page.keyboard.press('Tab');
    await expectFocus(page, link('Skip to main content'), 'the skip link');
    await page.keyboard.press('Enter');
    await expectFocus(page, byId('main'), 'the main content');

    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Register', 'the Register link of the page');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/register');
    await expectFocus(page, heading('Register'), 'the heading of Register');

    // An empty form: the focus goes to the first field in error.
    await tabTo(page, button('Register'), 'the Register button');
    await page.keyboard.press('Enter');
    await expectFocus(page, byId('field-idNumber'), 'the ID Number field (first in error)');
    await page.keyboard.type(entry.idNumber);
    await page.keyboard.press('Tab');
    await expectFocus(page, byId('field-secretNumber'), 'the Secret Number field');
    await page.keyboard.type(entry.secretNumber);
    await page.keyboard.press('Tab');
    await page.keyboard.type(`ren-${lower}@mail.example`);
    await page.keyboard.press('Tab');
    await expectFocus(page, byId('field-password'), 'the password field');
    await page.keyboard.type('too short');
    await page.keyboard.press('Tab');
    await page.keyboard.type('too short');
    await page.keyboard.press('Enter');
    // The rule, checked in the browser: the focus goes to the password field, the rule said beside it.
    await expectFocus(page, byId('field-password'), 'the password field (too short)');
    assert.match(await page.locator('#field-password-error').innerText(), /at least 10 characters/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(password);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/login?notice=registered**');
    await expectFocus(page, heading('Log in'), 'the heading of Log in');

    await tabTo(page, byId('field-password'), 'the password field');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/results');
    await expectFocus(page, heading('My result'), 'the heading of My result');

    await tabTo(page, button('Download your Statement of Results'), 'the Download button');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    await page.getByText('Your Statement of Results has been downloaded.').waitFor();
    await expectFocus(page, button('Download your Statement of Results'), 'the Download button (still)');

    await tabTo(page, link('Send your results to an education institution, employer or immigration authority'), 'the send link');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/send**');
    await expectFocus(page, heading('Send your result'), 'the heading of Send your result');

    await tabTo(page, byId('field-recipient'), 'the search box');
    await page.keyboard.type('Plover', { delay: 30 });
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('ArrowDown');
      const active = await page.locator('#field-recipient').getAttribute('aria-activedescendant');
      if (active && (await page.locator(`[id="${active}"]`).innerText()).includes('Department of History')) break;
    }
    await page.keyboard.press('Enter');
    await page.getByText(`Selected: ${university} – Department of History`).waitFor();
    await expectFocus(page, byId('field-recipient'), 'the search box (after choosing)');

    await tabTo(page, button('Send my result'), 'the Send my result button');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Your result has been sent' });
    await dialog.waitFor();
    await expectFocus(page, button('See who it is shared with'), 'the dialog’s first button');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expectFocus(page, button('Send my result'), 'the Send my result button (after Escape)');

    // Again: the repeat is confirmed; Close returns the focus to the button too.
    await page.keyboard.press('Enter');
    await dialog.getByText('You had already sent this result to this account').waitFor();
    await tabTo(page, button('Close'), 'the dialog’s Close button');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expectFocus(page, button('Send my result'), 'the Send my result button (after Close)');

    await tabTo(page, link('Send them an invite to create an account.'), 'the invite link');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/invite**');
    await expectFocus(page, heading('Invite an organisation'), 'the heading of Invite');
    await tabTo(page, byId('field-organisationName'), 'the organisation name');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`Lapwing College ${suffix}`);
    await page.keyboard.press('Tab');
    await page.keyboard.type(`office-${lower}@lapwing.example`);
    await page.keyboard.press('Tab');
    // A bare domain, as people type it.
    await page.keyboard.type(`lapwing-${lower}.example`);
    await page.keyboard.press('Enter');
    await expectFocus(page, byId('invite-result'), 'the message saying the invitation was sent');
    assert.match(await page.locator('#invite-result').innerText(), /We have invited Lapwing College/);

    await tabTo(page, link('Shared with'), 'the Shared with link', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/shared');
    await expectFocus(page, heading('Shared with'), 'the heading of Shared with');
    await page.locator('tbody tr').filter({ hasText: 'Department of History' }).waitFor();

    await tabTo(page, button('Sign out'), 'the Sign out button', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/login');
    await expectFocus(page, heading('Log in'), 'the heading of Log in (signed out)');

    await tabTo(page, link('Forgotten password?'), 'the Forgotten password link');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/forgot-password**');
    await expectFocus(page, heading('Forgotten password'), 'the heading of Forgotten password');
    await tabTo(page, byId('field-idNumber'), 'the ID Number field');
    await page.keyboard.type(entry.idNumber);
    await page.keyboard.press('Enter');
    await expectFocus(page, byId('forgot-sent'), 'the message saying the link is on its way');

    const violations = await audit(page, 'keyboard walk end @ en desktop', false);
    assert.equal(violations.length, 0, describeViolations(violations.map((violation) => ({ where: 'forgot-sent', violation }))));
  });
});
