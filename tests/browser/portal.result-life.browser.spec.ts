// The exam centre amends, then withdraws, a result already shared, in English and in Japanese: the
// candidate's "My result" and "Shared with" and the organisation's inbox and shared-result page say so
// in the portal's language (the amendment with its reason and history; the withdrawal with no details).
// The exam centre and the operator act through the API.
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

const WORDS = {
  en: {
    ...EN,
    locale: 'en-GB',
    amendedOnResult: /^Amended on .+\. The details below are the current version\.$/,
    amendedOn: /^Amended on /,
    amendedReason: (reason: string) => new RegExp(`^Amended on .+ \\(${reason}\\)$`),
    reason: 'Re-marked after review',
    history: 'History of amendments',
    newScore: 'Overall score: 175',
    stepAmended: 'Result amended',
    withdrawReason: 'Malpractice found',
    byExamCentre: (reason: string) => `Withdrawn by the exam centre (${reason})`,
    resultWithdrawn: 'This result has been withdrawn',
    sendButton: 'Send your results to an education institution, employer or immigration authority',
    noDetails: "The candidate's details and the result are no longer shown.",
  },
  ja: {
    ...JA,
    locale: 'ja-JP',
    amendedOnResult: /^.+ に訂正されました。以下は訂正後の最新の内容です。$/,
    amendedOn: / に訂正$/,
    amendedReason: (reason: string) => new RegExp(` に訂正（${reason}）$`),
    reason: '再採点の結果',
    history: '訂正の履歴',
    newScore: '総合スコア：175',
    stepAmended: '結果の訂正',
    withdrawReason: '不正行為が判明したため',
    byExamCentre: (reason: string) => `試験センターにより取り消されました（${reason}）`,
    resultWithdrawn: 'この結果は取り消されました',
    sendButton: '教育機関、企業、入国管理局に結果を送信する',
    noDetails: '受験者の情報と試験結果は表示されなくなりました。',
  },
} as const satisfies Record<'en' | 'ja', Words & Record<string, unknown>>;

describe('web portal: the exam centre amends and then withdraws a shared result', { timeout: 900_000 }, () => {
  failOnPageErrors();
  let system: System;
  let admin: Api;

  before(async () => {
    system = await startSystem();
    admin = await Api.logIn(system.url, { email: system.adminEmail }, system.adminPassword);
  });

  after(async () => {
    await system?.stop();
  });

  for (const lang of ['en', 'ja'] as const) {
    describe(lang === 'en' ? 'in English' : 'in Japanese', () => {
      const w = WORDS[lang];
      const suffix = uniqueSuffix();
      const lower = suffix.toLowerCase();
      const university = `Tern Institute ${lang.toUpperCase()} ${suffix}`;
      const universityEmail = `registry-${lang}-${lower}@tern.example`;
      const candidateName = `Yui Hayashi ${lang.toUpperCase()} ${suffix}`;
      const candidatePassword = 'a candidate re-marked 8';
      const organisationPassword = 'an institute that holds it 9';
      let organisation: Organisation;
      let entry: Entry;
      let resultId = '';
      let shareId = '';
      let candidate: Actor;
      let staff: Actor;

      const sharedRow = (page: Page) => page.locator('tbody tr').filter({ hasText: university });

      before(async () => {
        organisation = await admin.createOrganisation({
          name: university,
          kind: 'education',
          country: 'JP',
          website: `https://www.tern-${lang}-${lower}.example`,
          email: universityEmail,
        });
        entry = await admin.enter(candidateName, '2000-08-08');
        ({ resultId } = await admin.publish(entry.idNumber));
        await new Api(system.url).call('POST', '/candidates', {
          idNumber: entry.idNumber,
          secretNumber: entry.secretNumber,
          email: `yui-${lang}-${lower}@mail.example`,
          password: candidatePassword,
        });
        const candidateApi = await Api.logIn(system.url, { idNumber: entry.idNumber }, candidatePassword);
        await candidateApi.waitForSearch('Tern Institute', university);
        shareId = (
          await candidateApi.call<{ shareId: string }>('POST', '/me/shares', {
            resultId,
            recipientId: organisation.recipients[0]?.recipientId,
            consent: true,
          })
        ).shareId;
        const since = Date.now();
        await new Api(system.url).call('POST', '/auth/password-reset', { email: universityEmail });
        const reset = new URL(await waitForLink(system.mailDir, universityEmail, '/reset-password', { since }));
        await new Api(system.url).call('POST', '/auth/password-reset/confirm', {
          token: reset.searchParams.get('token'),
          newPassword: organisationPassword,
        });

        candidate = await openBrowser(system.url, w.locale);
        staff = await openBrowser(system.url, w.locale);
        const { page } = candidate;
        await page.goto('/login');
        await page.getByLabel(label(w.idNumber)).fill(entry.idNumber);
        await page.getByLabel(label(w.password)).fill(candidatePassword);
        await page.getByRole('button', { name: w.logIn, ...exact }).click();
        await page.waitForURL('**/results');
        await logInAsOrganisation(staff.page, w, universityEmail, organisationPassword);
      });

      after(async () => {
        await candidate?.close();
        await staff?.close();
      });

      it('after an amendment, "My result" shows the new score with "Amended on", and so does "Shared with"', STEP, async () => {
        await admin.call('POST', `/admin/results/${resultId}/amendments`, { reason: w.reason, overallScore: 175, grade: 'A' });
        const { page } = candidate;
        await eventually(page, () => page.getByText(w.amendedOnResult).waitFor({ timeout: 2000 }));
        await page.locator('.result__score', { hasText: '175' }).waitFor();
        await screenshot(page, `candidate-result-amended-${lang}.png`);
        await page.goto('/shared');
        await eventually(page, () => sharedRow(page).locator('.share-note', { hasText: w.amendedOn }).waitFor({ timeout: 2000 }));
      });

      it('the organisation sees the current version with "Amended on … (reason)", its history and the timeline', STEP, async () => {
        const { page } = staff;
        await page.goto('/inbox');
        await eventually(page, () =>
          page.locator('tbody tr').filter({ hasText: candidateName }).locator('.share-note', { hasText: w.amendedOn }).waitFor({ timeout: 2000 }),
        );
        await page.getByRole('link', { name: candidateName }).click();
        await page.waitForURL(`**/inbox/${shareId}`);
        await page.getByText(w.amendedReason(w.reason)).waitFor();
        await page.locator('.result__score', { hasText: '175' }).waitFor();
        await page.getByRole('heading', { name: w.history }).waitFor();
        const history = page.locator('ol.amendments li');
        assert.equal(await history.count(), 1);
        await history.getByText(w.reason).waitFor();
        await history.getByText(w.newScore).waitFor();
        await page.locator('.timeline li[data-event="amended"]').getByText(w.stepAmended, exact).waitFor();
        await screenshot(page, `organisation-result-amended-${lang}.png`);
      });

      it('after the exam centre withdraws it, the organisation sees "withdrawn by the exam centre (reason)" with no details', STEP, async () => {
        await admin.call('POST', `/admin/results/${resultId}/withdrawal`, { reason: w.withdrawReason });
        const { page } = staff;
        await page.goto('/inbox');
        await eventually(page, () =>
          page.getByRole('link', { name: w.byExamCentre(w.withdrawReason) }).waitFor({ timeout: 2000 }),
        );
        assert.equal(await page.getByText(candidateName).count(), 0);
        await page.getByRole('link', { name: w.byExamCentre(w.withdrawReason) }).click();
        await page.waitForURL(`**/inbox/${shareId}`);
        await page.getByText(w.noDetails).waitFor();
        assert.equal(await page.getByText(entry.idNumber).count(), 0);
        assert.equal(await page.locator('.result__score').count(), 0);
        await screenshot(page, `organisation-result-withdrawn-by-centre-${lang}.png`);
      });

      it('the candidate\'s result says it was withdrawn and can no longer be sent; "Shared with" gives the exam centre\'s reason', STEP, async () => {
        const { page } = candidate;
        await page.goto('/results');
        await eventually(page, () => page.getByText(w.resultWithdrawn, exact).waitFor({ timeout: 2000 }));
        assert.equal(await page.getByRole('link', { name: w.sendButton }).count(), 0);
        await screenshot(page, `candidate-result-withdrawn-${lang}.png`);
        await page.goto('/shared');
        await eventually(page, () =>
          sharedRow(page).locator('.share-note--withdrawn', { hasText: w.byExamCentre(w.withdrawReason) }).waitFor({ timeout: 2000 }),
        );
        await sharedRow(page).locator('.badge--withdrawn').waitFor();
      });
    });
  }
});
