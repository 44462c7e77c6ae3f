// Withdrawing a share, in English and in Japanese: the candidate takes back a result the organisation
// has not opened (after a confirmation, Escape keeping it shared), the organisation then sees it as
// withdrawn by the candidate with no details; once the organisation has opened a share, the
// withdrawal is refused with a clear message. The exam centre and the operator prepare through the API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { waitForLink } from '#libs/testing';
import { Api, type Entry, type Organisation } from './support/api.js';
import { eventually, failOnPageErrors, openBrowser, screenshot, type Actor } from './support/browser.js';
import { EN, JA, label, logInAsOrganisation, uniqueSuffix, type Words } from './support/journey.js';
import { startSystem, type System } from './support/system.js';

const STEP = { timeout: 120_000 };
const exact = { exact: true } as const;

/** The words a person reads on these screens, in each language. */
const WORDS = {
  en: {
    ...EN,
    unread: 'Unread',
    withdrawnBadge: 'Withdrawn',
    withdraw: /^Withdraw the result sent to /,
    dialog: 'Withdraw this result?',
    keep: 'Keep it shared',
    confirm: 'Withdraw the result',
    done: /You have withdrawn your result from /,
    timeline: 'Delivery timeline',
    sent: 'Sent',
    stepWithdrawn: 'Withdrawn',
    byCandidate: 'Withdrawn by the candidate',
    noDetails: "The candidate's details and the result are no longer shown.",
    alreadyRead: 'The organisation has already opened this result, so it can no longer be withdrawn.',
    show: 'Show',
    apply: 'Apply filters',
    time: /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/,
    locale: 'en-GB',
    settingsLink: 'E-mail settings',
    settingsHeading: 'E-mail settings',
    shareOpened: 'when an organisation opens a result I have shared',
    resultAmended: 'when the exam centre amends a result I have shared',
    save: 'Save settings',
    saved: 'Your e-mail settings have been saved.',
  },
  ja: {
    ...JA,
    unread: '未読',
    withdrawnBadge: '取り消し済み',
    withdraw: /^取り消す：/,
    dialog: '送信を取り消しますか？',
    keep: '取り消さない',
    confirm: '送信を取り消す',
    done: /への送信を取り消しました。/,
    timeline: '配信の経過',
    sent: '送信',
    stepWithdrawn: '取り消し',
    byCandidate: '受験者により取り消されました',
    noDetails: '受験者の情報と試験結果は表示されなくなりました。',
    alreadyRead: 'この結果はすでに機関が開封したため、取り消すことはできません。',
    show: '表示',
    apply: '絞り込む',
    time: /\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}/,
    locale: 'ja-JP',
    settingsLink: 'メール通知',
    settingsHeading: 'メール通知の設定',
    shareOpened: '共有した結果を機関が開封したとき',
    resultAmended: '共有した結果を試験センターが訂正したとき',
    save: '設定を保存',
    saved: 'メール通知の設定を保存しました。',
  },
} as const satisfies Record<'en' | 'ja', Words & Record<string, unknown>>;

/** What has the keyboard focus: its id, its accessible label, or its text. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { id: string; textContent: string | null; getAttribute(n: string): string | null } | null } }).document.activeElement;
    return el ? el.id || el.getAttribute('aria-label') || (el.textContent ?? '').trim() : '';
  });

describe('web portal: a candidate withdraws an unread share, and the organisation sees it withdrawn', { timeout: 900_000 }, () => {
  failOnPageErrors();
  let system: System;

  before(async () => {
    system = await startSystem();
  });

  after(async () => {
    await system?.stop();
  });

  for (const lang of ['en', 'ja'] as const) {
    describe(lang === 'en' ? 'in English' : 'in Japanese', () => {
      const w = WORDS[lang];
      const suffix = uniqueSuffix();
      const lower = suffix.toLowerCase();
      const university = `Larkspur University ${lang.toUpperCase()} ${suffix}`;
      const department = 'Admissions Office';
      const universityEmail = `admissions-${lang}-${lower}@larkspur.example`;
      const candidateName = `Mei Fujita ${lang.toUpperCase()} ${suffix}`;
      const candidatePassword = 'a candidate who withdraws 4';
      const organisationPassword = 'an organisation that reads 6';
      let organisation: Organisation;
      let entry: Entry;
      let resultId = '';
      let shareId = '';
      let candidateApi: Api;
      let staffApi: Api;
      let candidate: Actor;
      let staff: Actor;

      const row = (page: Page) => page.locator('tbody tr').filter({ hasText: university });
      const send = async () =>
        (
          await candidateApi.call<{ shareId: string }>('POST', '/me/shares', {
            resultId,
            recipientId: organisation.recipients[0]?.recipientId,
            consent: true,
          })
        ).shareId;

      before(async () => {
        const admin = await Api.logIn(system.url, { email: system.adminEmail }, system.adminPassword);
        organisation = await admin.createOrganisation({
          name: university,
          kind: 'education',
          country: 'JP',
          website: `https://www.larkspur-${lang}-${lower}.example`,
          email: universityEmail,
          accounts: [{ department }],
        });
        entry = await admin.enter(candidateName, '2003-03-03');
        ({ resultId } = await admin.publish(entry.idNumber));
        await new Api(system.url).call('POST', '/candidates', {
          idNumber: entry.idNumber,
          secretNumber: entry.secretNumber,
          email: `mei-${lang}-${lower}@mail.example`,
          password: candidatePassword,
        });
        candidateApi = await Api.logIn(system.url, { idNumber: entry.idNumber }, candidatePassword);
        await candidateApi.waitForSearch('Larkspur', university);
        shareId = await send();
        // The organisation's first user sets a password through the reset link.
        const since = Date.now();
        await new Api(system.url).call('POST', '/auth/password-reset', { email: universityEmail });
        const reset = new URL(await waitForLink(system.mailDir, universityEmail, '/reset-password', { since }));
        await new Api(system.url).call('POST', '/auth/password-reset/confirm', {
          token: reset.searchParams.get('token'),
          newPassword: organisationPassword,
        });
        staffApi = await Api.logIn(system.url, { email: universityEmail }, organisationPassword);

        candidate = await openBrowser(system.url, w.locale);
        staff = await openBrowser(system.url, w.locale);
        const { page } = candidate;
        await page.goto('/login');
        await page.getByLabel(label(w.idNumber)).fill(entry.idNumber);
        await page.getByLabel(label(w.password)).fill(candidatePassword);
        await page.getByRole('button', { name: w.logIn, ...exact }).click();
        await page.waitForURL('**/results');
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        await logInAsOrganisation(staff.page, w, universityEmail, organisationPassword);
      });

      after(async () => {
        await candidate?.close();
        await staff?.close();
      });

      it('"Shared with" shows the share unread with its delivery timeline; Escape keeps it shared and gives the focus back to Withdraw', STEP, async () => {
        const { page } = candidate;
        await page.goto('/shared');
        const share = row(page);
        await share.filter({ hasText: w.unread }).waitFor();
        await share.locator('summary', { hasText: w.timeline }).click();
        const sent = share.locator('.timeline li[data-event="sent"]');
        await sent.getByText(w.sent, exact).waitFor();
        assert.match((await sent.locator('time').textContent()) ?? '', w.time);

        await share.getByRole('button', { name: w.withdraw }).click();
        const dialog = page.getByRole('dialog', { name: w.dialog });
        await dialog.waitFor();
        // The safe choice has the focus first.
        assert.equal(await focused(page), w.keep);
        await screenshot(page, `candidate-withdraw-dialog-${lang}.png`, false);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        assert.match(await focused(page), w.withdraw);
        await share.filter({ hasText: w.unread }).waitFor();
      });

      it('the candidate confirms: the message takes the focus, and the share shows Withdrawn with the step in its timeline', STEP, async () => {
        const { page } = candidate;
        const share = row(page);
        await share.getByRole('button', { name: w.withdraw }).click();
        const dialog = page.getByRole('dialog', { name: w.dialog });
        await dialog.getByRole('button', { name: w.confirm, ...exact }).click();
        await dialog.waitFor({ state: 'hidden' });
        const outcome = page.locator('#withdraw-outcome');
        await outcome.getByText(w.done).waitFor();
        await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === 'withdraw-outcome');
        await share.locator('.badge--withdrawn', { hasText: w.withdrawnBadge }).waitFor();
        assert.equal(await share.getByRole('button', { name: w.withdraw }).count(), 0);
        // The timeline gains the withdrawal once the list (a projection) has it.
        await eventually(page, async () => {
          const details = row(page).locator('details');
          if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
          await row(page).locator('.timeline li[data-event="withdrawn"]').getByText(w.stepWithdrawn, exact).waitFor({ timeout: 2000 });
        });
        await screenshot(page, `candidate-shared-withdrawn-${lang}.png`);
      });

      it('the organisation sees it "withdrawn by the candidate", with no candidate or result details', STEP, async () => {
        const { page } = staff;
        await page.goto('/inbox');
        await eventually(page, () =>
          page
            .locator('tbody tr')
            .filter({ hasText: w.byCandidate })
            .filter({ has: page.locator('.badge--withdrawn') })
            .waitFor({ timeout: 2000 }),
        );
        assert.equal(await page.getByText(candidateName).count(), 0);
        assert.equal(await page.getByText(entry.idNumber).count(), 0);
        // The status filter has withdrawn shares too.
        await page.getByLabel(w.show, exact).selectOption('withdrawn');
        await page.getByRole('button', { name: w.apply, ...exact }).click();
        await page.locator('tbody tr').filter({ hasText: w.byCandidate }).waitFor();
        await screenshot(page, `organisation-inbox-withdrawn-${lang}.png`);

        await page.getByRole('link', { name: w.byCandidate }).first().click();
        await page.waitForURL(`**/inbox/${shareId}`);
        await page.getByText(w.noDetails).waitFor();
        await page.locator('.timeline li[data-event="withdrawn"]').waitFor();
        assert.equal(await page.getByText(candidateName).count(), 0);
        assert.equal(await page.getByText(entry.idNumber).count(), 0);
        await screenshot(page, `organisation-result-withdrawn-${lang}.png`);
      });

      it('sent again and opened by the organisation while the candidate confirms: the withdrawal is refused in words the candidate reads', STEP, async () => {
        // A withdrawn share can be sent again: it is the same share, unread again.
        assert.equal(await send(), shareId);
        const { page } = candidate;
        await page.goto('/shared');
        await eventually(page, () => row(page).filter({ hasText: w.unread }).waitFor({ timeout: 2000 }));
        await row(page).getByRole('button', { name: w.withdraw }).click();
        const dialog = page.getByRole('dialog', { name: w.dialog });
        await dialog.waitFor();
        // The organisation opens it first.
        await staffApi.call('GET', `/institution/shares/${shareId}`);
        await dialog.getByRole('button', { name: w.confirm, ...exact }).click();
        await dialog.waitFor({ state: 'hidden' });
        await page.locator('#withdraw-outcome').getByText(w.alreadyRead).waitFor();
        await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === 'withdraw-outcome');
        await screenshot(page, `candidate-withdraw-refused-${lang}.png`);
        await eventually(page, () => row(page).locator('.badge--read').waitFor({ timeout: 2000 }));
      });

      it('the candidate asks for an e-mail when a share is opened (all off until chosen), and the choice is kept', STEP, async () => {
        const { page } = candidate;
        await page.getByRole('navigation').getByRole('link', { name: w.settingsLink, ...exact }).click();
        await page.getByRole('heading', { name: w.settingsHeading }).waitFor();
        const opened = page.getByRole('checkbox', { name: w.shareOpened });
        const amended = page.getByRole('checkbox', { name: w.resultAmended });
        assert.equal(await opened.isChecked(), false);
        assert.equal(await amended.isChecked(), false);
        await opened.check();
        await page.getByRole('button', { name: w.save, ...exact }).click();
        await page.locator('#settings-outcome').getByText(w.saved).waitFor();
        await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === 'settings-outcome');
        await screenshot(page, `candidate-settings-${lang}.png`);
        await page.reload();
        await page.getByRole('heading', { name: w.settingsHeading }).waitFor();
        await opened.waitFor();
        assert.equal(await opened.isChecked(), true);
        assert.equal(await amended.isChecked(), false);
      });
    });
  }
});
