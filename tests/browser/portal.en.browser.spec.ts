// The whole walk in English, in headless Chromium: the operator and exam centre prepare through
// the API; the candidate and the organisation do everything else in the browser.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { Api, type Entry, type Organisation } from './support/api.js';
import { chooseOption, eventually, failOnPageErrors, openBrowser, screenshot, search, type Actor } from './support/browser.js';
import {
  EN,
  candidateApi,
  organisationFirstLogIn,
  registerAndLogIn,
  uniqueSuffix,
} from './support/journey.js';
import { startSystem, type System } from './support/system.js';

const STEP = { timeout: 120_000 };

interface BrowserWindow {
  getComputedStyle(element: unknown): { fontWeight: string };
}

describe('web portal in English: candidate and organisation journeys', { timeout: 600_000 }, () => {
  failOnPageErrors();
  const suffix = uniqueSuffix();
  const university = `Northbridge University ${suffix}`;
  const universityEmail = `admissions-${suffix.toLowerCase()}@northbridge.example`;
  const immigration = `Border and Visa Office ${suffix}`;
  const candidateName = `Hanako Yamada ${suffix}`;
  const candidateEmail = `hanako-${suffix.toLowerCase()}@mail.example`;
  const candidatePassword = 'correct horse battery 9';
  const organisationPassword = 'a long organisation secret 7';
  let system: System;
  let organisation: Organisation;
  let entry: Entry;
  let candidate: Actor;
  let staff: Actor;

  before(async () => {
    system = await startSystem();
    const admin = await Api.logIn(system.url, { email: system.adminEmail }, system.adminPassword);
    organisation = await admin.createOrganisation({
      name: university,
      kind: 'education',
      country: 'GB',
      website: 'https://www.northbridge.example',
      email: universityEmail,
      aliases: [`NBU ${suffix}`],
      accounts: [{ department: 'Faculty of Engineering' }, { department: 'School of Law' }],
    });
    await admin.createOrganisation({
      name: immigration,
      kind: 'immigration',
      country: 'GB',
      website: 'https://visas.example',
      email: `visas-${suffix.toLowerCase()}@visas.example`,
    });
    entry = await admin.enter(candidateName, '2002-04-09');
    await admin.publish(entry.idNumber, ['no-immigration']);
    candidate = await openBrowser(system.url, 'en-GB');
    staff = await openBrowser(system.url, 'en-GB');
  });

  after(async () => {
    await candidate?.close();
    await staff?.close();
    await system?.stop();
  });

  it('the candidate registers with ID Number and Secret Number, then logs in', STEP, async () => {
    await registerAndLogIn(candidate.page, EN, entry, candidateEmail, candidatePassword);
    assert.equal(await candidate.page.locator('html').getAttribute('lang'), 'en');
  });

  it('"My result" shows every field of the result and the Statement of Results downloads', STEP, async () => {
    const { page } = candidate;
    await page.getByRole('heading', { name: 'My result' }).waitFor();
    for (const text of [
      'Certificate in Advanced English',
      'Council of Europe Level B2',
      '168',
      '13 June 2026',
      'Use of English',
    ]) {
      await page.getByText(text, { exact: true }).first().waitFor();
    }
    await page
      .getByText(
        'You cannot share this result with any immigration authorities. Please raise this with your exam centre.',
      )
      .waitFor();
    await screenshot(page, 'candidate-result-en.png');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download your Statement of Results/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    const pdf = await readFile(await download.path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it(
    'searches as they type, chooses a department with the keyboard alone, and sends with consent',
    STEP,
    async () => {
      const { page } = candidate;
      await (await candidateApi(system, entry, candidatePassword)).waitForSearch('Northbridge', university);
      await page
        .getByRole('link', {
          name: 'Send your results to an education institution, employer or immigration authority',
        })
        .click();
      await page.getByRole('heading', { name: 'Send your result' }).waitFor();
      await search(page, 'Northbridge');
      const listbox = page.getByRole('listbox');
      await listbox.waitFor();
      assert.equal(await page.getByRole('combobox').getAttribute('aria-expanded'), 'true');
      await page
        .getByRole('status')
        .filter({ hasText: /organisations? found/ })
        .waitFor({ state: 'attached' });
      const option = listbox
        .getByRole('option')
        .filter({ hasText: university })
        .filter({ hasText: 'School of Law' });
      await option
        .filter({ hasText: 'United Kingdom' })
        .filter({ hasText: 'Education institution' })
        .waitFor();
      await screenshot(page, 'candidate-search-en.png');
      await chooseOption(page, [university, 'School of Law']);
      await page.getByText(`Selected: ${university} – School of Law`).waitFor();
      await page.getByText(/By clicking “Send my result” you consent/).waitFor();
      await screenshot(page, 'candidate-send-en.png');
      await page.getByRole('button', { name: 'Send my result' }).click();
      const dialog = page.getByRole('dialog', { name: 'Your result has been sent' });
      await dialog.waitFor();
      await dialog.getByText(`${university} – School of Law`).waitFor();
      await screenshot(page, 'candidate-confirmation-en.png', false);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      // Sending the same result to the same account again makes no second share, but still confirms.
      await page.getByRole('button', { name: 'Send my result' }).click();
      await dialog.getByText('You had already sent this result to this account').waitFor();
      await dialog.getByRole('button', { name: 'See who it is shared with' }).click();
      await page.waitForURL('**/shared');
    },
  );

  it('"Shared with" lists the department, when it was sent, and Unread', STEP, async () => {
    const { page } = candidate;
    const rows = page.locator('tbody tr').filter({ hasText: university });
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    await rows.filter({ hasText: 'School of Law' }).filter({ hasText: 'Unread' }).waitFor();
    await screenshot(page, 'candidate-shared-unread-en.png');
  });

  it(
    'a restricted result is refused for an immigration authority, telling the candidate to see the exam centre',
    STEP,
    async () => {
      const { page } = candidate;
      await page.getByRole('navigation').getByRole('link', { name: 'Send result' }).click();
      await search(page, 'Border and Visa');
      await chooseOption(page, [immigration]);
      await page.getByRole('button', { name: 'Send my result' }).click();
      const refusal = page
        .getByRole('alert')
        .filter({ hasText: 'This result cannot be sent to this organisation' });
      await refusal.getByText(/raise this with your exam centre/).waitFor();
      await screenshot(page, 'candidate-refusal-en.png');
    },
  );

  it(
    'the organisation sets its password from the e-mailed reset link and sees its inbox, unread first and bold',
    STEP,
    async () => {
      const { page } = staff;
      await organisationFirstLogIn(page, EN, system, universityEmail, organisationPassword);
      await page.getByRole('heading', { name: 'Shared results' }).waitFor();
      const first = page.locator('tbody tr').first();
      await first.filter({ hasText: candidateName }).filter({ hasText: 'Unread' }).waitFor();
      assert.match((await first.getAttribute('class')) ?? '', /row--unread/);
      const weight = Number(
        await first
          .locator('td')
          .first()
          // Runs in the page; the root tsconfig has no DOM types, hence the narrow cast.
          .evaluate((cell) => (globalThis as unknown as BrowserWindow).getComputedStyle(cell).fontWeight),
      );
      assert.ok(weight >= 700, `unread rows are bold (font-weight ${weight})`);
      await screenshot(page, 'organisation-inbox-en.png');
    },
  );

  it('the organisation opens the shared result in full, which marks it read', STEP, async () => {
    const { page } = staff;
    await page.getByRole('link', { name: candidateName }).click();
    await page.getByRole('heading', { name: 'Shared result' }).waitFor();
    for (const text of [
      candidateName,
      '9 April 2002',
      entry.idNumber,
      'Certificate in Advanced English',
      '168',
      'School of Law',
    ]) {
      await page.getByText(text).first().waitFor();
    }
    await screenshot(page, 'organisation-result-en.png');
    await page.getByRole('link', { name: /Back to the inbox/ }).click();
    await eventually(page, () =>
      page
        .locator('tbody tr')
        .filter({ hasText: candidateName })
        .filter({ has: page.getByRole('cell', { name: /^Read on / }) })
        .waitFor({ timeout: 2000 }),
    );
    assert.ok(organisation.recipients.length === 2);
  });

  it('the candidate sees the share read, with the time', STEP, async () => {
    const { page } = candidate;
    await page.goto('/shared');
    await eventually(page, () =>
      page
        .locator('tbody tr')
        .filter({ hasText: university })
        .filter({ hasText: /Read on/ })
        .waitFor({ timeout: 2000 }),
    );
    await screenshot(page, 'candidate-shared-read-en.png');
  });
});
