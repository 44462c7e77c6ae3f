// A shorter walk in Japanese: the language switch, the candidate's send and the organisation's inbox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, type Entry } from './support/api.js';
import { chooseOption, eventually, failOnPageErrors, openBrowser, screenshot, search, type Actor } from './support/browser.js';
import {
  JA,
  candidateApi,
  organisationFirstLogIn,
  registerAndLogIn,
  uniqueSuffix,
} from './support/journey.js';
import { startSystem, type System } from './support/system.js';

const STEP = { timeout: 120_000 };

describe('web portal in Japanese: candidate and organisation journeys', { timeout: 600_000 }, () => {
  failOnPageErrors();
  const suffix = uniqueSuffix();
  const university = `Sakura University ${suffix}`;
  const universityEmail = `nyushi-${suffix.toLowerCase()}@sakura.example`;
  const candidateName = `Taro Suzuki ${suffix}`;
  const candidatePassword = 'sakura no hana 2026';
  const organisationPassword = 'sakura staff password 5';
  let system: System;
  let entry: Entry;
  let candidate: Actor;
  let staff: Actor;

  before(async () => {
    system = await startSystem();
    const admin = await Api.logIn(system.url, { email: system.adminEmail }, system.adminPassword);
    await admin.createOrganisation({
      name: university,
      kind: 'education',
      country: 'JP',
      website: 'https://www.sakura.example',
      email: universityEmail,
      aliases: [`桜大学 ${suffix}`],
      accounts: [{ department: 'Faculty of Letters' }, { department: 'Graduate School of Economics' }],
    });
    entry = await admin.enter(candidateName, '2001-11-23');
    await admin.publish(entry.idNumber);
    candidate = await openBrowser(system.url, 'en-GB');
    staff = await openBrowser(system.url, 'ja-JP');
  });

  after(async () => {
    await candidate?.close();
    await staff?.close();
    await system?.stop();
  });

  it('the language switch turns the portal Japanese, remembers it and sets <html lang>', STEP, async () => {
    const { page } = candidate;
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    await page.reload();
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await screenshot(page, 'candidate-login-ja.png');
  });

  it('the candidate registers, logs in and sees the result with Japanese dates', STEP, async () => {
    const { page } = candidate;
    await registerAndLogIn(page, JA, entry, `taro-${suffix.toLowerCase()}@mail.example`, candidatePassword);
    await page.getByRole('heading', { name: '試験結果' }).waitFor();
    for (const text of ['資格', '総合スコア', '2026年6月13日', 'リーディング'])
      await page.getByText(text, { exact: true }).first().waitFor();
    await screenshot(page, 'candidate-result-ja.png');
  });

  it('the candidate sends the result to one faculty and sees it unread in 「共有先」', STEP, async () => {
    const { page } = candidate;
    await (await candidateApi(system, entry, candidatePassword)).waitForSearch('Sakura', university);
    await page.getByRole('link', { name: '教育機関、企業、入国管理局に結果を送信する' }).click();
    await page.getByRole('heading', { name: '結果を送信' }).waitFor();
    await search(page, 'Sakura');
    await page
      .getByRole('listbox')
      .getByRole('option')
      .filter({ hasText: university })
      .filter({ hasText: '日本' })
      .first()
      .waitFor();
    await chooseOption(page, [university, 'Faculty of Letters']);
    await screenshot(page, 'candidate-send-ja.png');
    await page.getByRole('button', { name: '結果を送信する' }).click();
    await page.getByRole('dialog', { name: '結果を送信しました' }).waitFor();
    await screenshot(page, 'candidate-confirmation-ja.png', false);
    await page.getByRole('button', { name: '共有先を確認する' }).click();
    await page
      .locator('tbody tr')
      .filter({ hasText: 'Faculty of Letters' })
      .filter({ hasText: '未読' })
      .waitFor();
  });

  it(
    'the organisation sets its password, sees the inbox in Japanese and opens the result',
    STEP,
    async () => {
      const { page } = staff;
      await organisationFirstLogIn(page, JA, system, universityEmail, organisationPassword);
      await page.getByRole('heading', { name: '共有された結果' }).waitFor();
      await page
        .locator('tbody tr')
        .first()
        .filter({ hasText: candidateName })
        .filter({ hasText: '未読' })
        .waitFor();
      await screenshot(page, 'organisation-inbox-ja.png');
      await page.getByRole('link', { name: candidateName }).click();
      for (const text of ['生年月日', '2001年11月23日', entry.idNumber])
        await page.getByText(text).first().waitFor();
      await screenshot(page, 'organisation-result-ja.png');
    },
  );

  it('the candidate sees 「既読」 with the time', STEP, async () => {
    const { page } = candidate;
    await eventually(page, () =>
      page
        .locator('tbody tr')
        .filter({ hasText: university })
        .filter({ hasText: /に既読/ })
        .waitFor({ timeout: 2000 }),
    );
    await screenshot(page, 'candidate-shared-read-ja.png');
  });
});
