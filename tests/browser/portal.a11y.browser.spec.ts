// The accessibility tier: every screen and state of the portal, in English and Japanese, at a
// desktop size and at 390 px, audited by axe-core (WCAG 2.0–2.2 A and AA): any violation fails.
// Each state is also checked for sideways overflow at 320 px, and photographed at both sizes
// (test-artifacts/screenshots/a11y/, kept by CI).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { readMails, waitForLink } from '#libs/testing';
import { Api, type Entry } from './support/api.js';
import { audit, describeViolations, tally } from './support/axe.js';
import { chooseOption, failOnPageErrors, openBrowser, screenshot, search, type Actor } from './support/browser.js';
import { EN, JA, label, logInAsOrganisation, uniqueSuffix, type Words } from './support/journey.js';
import { startSystem, type System } from './support/system.js';

type Lang = 'en' | 'ja';
const SIZES = [
  { name: 'desktop', width: 1200, height: 900 },
  { name: '390px', width: 390, height: 844 },
] as const;
const NARROWEST = 320;

/** The words of each language the states need (buttons and labels as a person reads them). */
const W = {
  en: { ...EN, verifySubmit: 'Check this statement', dob: 'Candidate’s date of birth', sendMy: 'Send my result', sendInvite: 'Send invitation', orgName: 'Organisation name', orgEmail: "Organisation's e-mail address", website: 'Website', apply: 'Apply filters', nameOrId: 'Candidate name or ID Number', bulkSubmit: 'Check these statements', bulkList: 'Statements to check', createAccount: 'Create account' },
  ja: { ...JA, verifySubmit: 'この証明書を確認する', dob: '受験者の生年月日', sendMy: '結果を送信する', sendInvite: '招待状を送る', orgName: '機関・団体名', orgEmail: '機関のメールアドレス', website: 'ウェブサイト', apply: '絞り込む', nameOrId: '受験者名またはID番号', bulkSubmit: 'これらの証明書を確認する', bulkList: '確認する証明書', createAccount: 'アカウントを作成' },
} satisfies Record<Lang, Words & Record<string, string>>;

interface State {
  name: string;
  who: 'anon' | 'candidate' | 'organisation';
  /** Brings the page to the state (from wherever it is). */
  reach: (page: Page, w: (typeof W)[Lang], lang: Lang) => Promise<void>;
}

const exact = { exact: true } as const;

async function overflowAt320(page: Page): Promise<string | null> {
  return page.evaluate((width) => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { right: number }; tagName: string; className: string; id: string }> } }).document;
    if (doc.documentElement.scrollWidth <= width) return null;
    const wide = Array.from(doc.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${typeof e.className === 'string' && e.className ? `.${e.className.split(' ').join('.')}` : ''}`);
    return `page is ${doc.documentElement.scrollWidth}px wide: ${wide.join(', ')}`;
  }, NARROWEST);
}

describe('portal accessibility: every screen and state in both languages at desktop and 390 px (axe-core)', { timeout: 900_000 }, () => {
  failOnPageErrors();
  const suffix = uniqueSuffix();
  const lower = suffix.toLowerCase();
  const university = `Kestrel University ${suffix}`;
  const universityEmail = `admissions-${lower}@kestrel.example`;
  const immigration = `Kestrel Visa Office ${suffix}`;
  const candidateName = `Sora Takahashi ${suffix}`;
  const candidatePassword = 'a candidate passphrase 11';
  const organisationPassword = 'an organisation passphrase 12';
  const dateOfBirth = '2000-02-29';
  let system: System;
  let entry: Entry;
  let code = '';
  let shareId = '';
  let withdrawnShareId = '';
  let invitationToken = '';
  const actors = {} as Record<State['who'], Actor>;
  const unknownToken = 'A'.repeat(43);

  before(async () => {
    system = await startSystem();
    const admin = await Api.logIn(system.url, { email: system.adminEmail }, system.adminPassword);
    const organisation = await admin.createOrganisation({
      name: university,
      kind: 'education',
      country: 'Japan',
      website: `https://www.kestrel-${lower}.example`,
      email: universityEmail,
      accounts: [{ department: 'Graduate School of Engineering' }, { department: 'Faculty of Letters' }],
    });
    // An organisation the candidate's share to stays unread (the organisation in the walk is another):
    // Withdraw asks first there, in both languages.
    const polytechnic = `Kestrel Polytechnic ${suffix}`;
    const other = await admin.createOrganisation({ name: polytechnic, kind: 'education', country: 'Japan', website: `https://www.kestrel-poly-${lower}.example`, email: `office-${lower}@kestrel-poly.example` });
    await admin.createOrganisation({ name: immigration, kind: 'immigration', country: 'GB', website: `https://visa-${lower}.example`, email: `visa-${lower}@visa.example` });
    entry = await admin.enter(candidateName, dateOfBirth);
    const { resultId } = await admin.publish(entry.idNumber, ['no-immigration']);
    await new Api(system.url).call('POST', '/candidates', { idNumber: entry.idNumber, secretNumber: entry.secretNumber, email: `sora-${lower}@mail.example`, password: candidatePassword });
    const candidate = await Api.logIn(system.url, { idNumber: entry.idNumber }, candidatePassword);
    const results = await candidate.call<{ items: { verificationCode: string }[] }>('GET', '/me/results');
    code = results.items[0]?.verificationCode ?? '';
    assert.ok(code, 'the result has a verification code');
    await candidate.waitForSearch('Kestrel', university);
    await candidate.waitForSearch('Kestrel Polytechnic', polytechnic);
    const recipientId = organisation.recipients[0]?.recipientId ?? '';
    // Another candidate's share to the same account, withdrawn before the walk's own share is sent
    // (so the walk's stays the newest): the organisation sees it without details.
    const otherEntry = await admin.enter(`Ren Aoki ${suffix}`, '1999-09-09');
    const { resultId: otherResultId } = await admin.publish(otherEntry.idNumber);
    await new Api(system.url).call('POST', '/candidates', { idNumber: otherEntry.idNumber, secretNumber: otherEntry.secretNumber, email: `ren-${lower}@mail.example`, password: candidatePassword });
    const otherCandidate = await Api.logIn(system.url, { idNumber: otherEntry.idNumber }, candidatePassword);
    withdrawnShareId = (await otherCandidate.call<{ shareId: string }>('POST', '/me/shares', { resultId: otherResultId, recipientId, consent: true })).shareId;
    await otherCandidate.call('POST', `/me/shares/${withdrawnShareId}/withdrawal`, {});
    shareId = (await candidate.call<{ shareId: string }>('POST', '/me/shares', { resultId, recipientId, consent: true })).shareId;
    await candidate.call('POST', '/me/shares', { resultId, recipientId: other.recipients[0]?.recipientId ?? '', consent: true });
    // The organisation's first user sets a password through the reset link.
    const since = Date.now();
    await new Api(system.url).call('POST', '/auth/password-reset', { email: universityEmail });
    const reset = new URL(await waitForLink(system.mailDir, universityEmail, '/reset-password', { since }));
    await new Api(system.url).call('POST', '/auth/password-reset/confirm', { token: reset.searchParams.get('token'), newPassword: organisationPassword });
    // An invitation whose link the accept page previews.
    const invitedEmail = `office-${lower}@heron.example`;
    await candidate.call('POST', '/directory/invitations', { organisationName: `Heron College ${suffix}`, email: invitedEmail, website: `heron-${lower}.example` });
    invitationToken = new URL(await waitForLink(system.mailDir, invitedEmail, '/invitations/accept')).searchParams.get('token') ?? '';

    actors.anon = await openBrowser(system.url, 'en-GB');
    actors.candidate = await openBrowser(system.url, 'en-GB');
    actors.organisation = await openBrowser(system.url, 'en-GB');
    const page = actors.candidate.page;
    await page.goto('/login');
    await page.getByLabel(label(EN.idNumber)).fill(entry.idNumber);
    await page.getByLabel(label(EN.password)).fill(candidatePassword);
    await page.getByRole('button', { name: EN.logIn, ...exact }).click();
    await page.waitForURL('**/results');
    await logInAsOrganisation(actors.organisation.page, EN, universityEmail, organisationPassword);
  });

  after(async () => {
    for (const actor of Object.values(actors)) await actor.close();
    await system?.stop();
    const states = tally.audited.length;
    console.log(`\naxe-core: ${states} audits (${states / 4} screen states × 2 languages × 2 sizes), ${tally.violations.length} violations`);
  });

  const go = async (page: Page, path: string) => {
    await page.goto(path);
    await page.locator('h1').waitFor();
  };
  const submit = (page: Page, name: string) => page.getByRole('button', { name, ...exact }).click();

  const states: State[] = [
    { name: 'login', who: 'anon', reach: (p) => go(p, '/login?as=candidate') },
    {
      name: 'login-errors',
      who: 'anon',
      reach: async (p, w) => {
        await go(p, '/login?as=candidate');
        await submit(p, w.logIn);
        await p.locator('#form-alert').waitFor();
      },
    },
    {
      name: 'login-organisation',
      who: 'anon',
      reach: async (p, w) => {
        await go(p, '/login?as=candidate');
        await p.getByRole('radio', { name: w.organisationRole }).check();
      },
    },
    {
      name: 'register-errors',
      who: 'anon',
      reach: async (p, w) => {
        await go(p, '/register');
        await p.getByLabel(label(w.password)).fill('short');
        await submit(p, w.registerSubmit);
        await p.locator('#form-alert').waitFor();
        assert.equal(await p.getByLabel(label(w.confirmPassword)).getAttribute('aria-invalid'), 'true');
      },
    },
    { name: 'forgot', who: 'anon', reach: (p) => go(p, '/forgot-password') },
    {
      name: 'forgot-sent',
      who: 'anon',
      reach: async (p, w) => {
        await go(p, '/forgot-password');
        await p.getByLabel(label(w.idNumber)).fill('C00000000');
        await submit(p, w.sendReset);
        await p.locator('#forgot-sent').waitFor();
      },
    },
    {
      name: 'reset-errors',
      who: 'anon',
      reach: async (p, w) => {
        await go(p, `/reset-password?token=${unknownToken}`);
        await p.getByLabel(label(w.newPassword)).fill('tiny');
        await submit(p, w.savePassword);
        await p.locator('#form-alert').waitFor();
      },
    },
    { name: 'reset-no-token', who: 'anon', reach: (p) => go(p, '/reset-password') },
    {
      name: 'accept-invitation',
      who: 'anon',
      reach: async (p) => {
        await go(p, `/invitations/accept?token=${invitationToken}`);
        await p.getByText(`Heron College ${suffix}`).first().waitFor();
      },
    },
    {
      name: 'accept-invitation-errors',
      who: 'anon',
      reach: async (p, w) => {
        await go(p, `/invitations/accept?token=${invitationToken}`);
        await submit(p, w.createAccount);
        await p.locator('#form-alert').waitFor();
      },
    },
    {
      name: 'accept-invitation-invalid',
      who: 'anon',
      reach: async (p) => {
        await go(p, `/invitations/accept?token=${unknownToken}`);
        await p.locator('.alert--error').waitFor();
      },
    },
    { name: 'verify', who: 'anon', reach: (p) => go(p, `/verify?code=${encodeURIComponent(code)}`) },
    {
      name: 'verify-errors',
      who: 'anon',
      reach: async (p, w) => {
        await go(p, '/verify');
        await submit(p, w.verifySubmit);
        await p.locator('#form-alert').waitFor();
      },
    },
    {
      name: 'verify-genuine',
      who: 'anon',
      reach: async (p, w) => {
        await go(p, `/verify?code=${encodeURIComponent(code)}`);
        await p.getByLabel(label(w.dob)).fill(dateOfBirth);
        await submit(p, w.verifySubmit);
        await p.locator('.verify-answer--genuine').waitFor();
        await p.getByText(candidateName).first().waitFor();
      },
    },
    {
      name: 'verify-not-found',
      who: 'anon',
      reach: async (p, w) => {
        await go(p, `/verify?code=${encodeURIComponent(code)}`);
        await p.getByLabel(label(w.dob)).fill('1990-01-01');
        await submit(p, w.verifySubmit);
        await p.locator('#verify-answer').waitFor();
      },
    },
    { name: 'not-found', who: 'anon', reach: (p) => go(p, '/no-such-page') },
    {
      name: 'my-result',
      who: 'candidate',
      reach: async (p) => {
        await go(p, '/results');
        await p.locator('.result-card').waitFor();
      },
    },
    { name: 'send', who: 'candidate', reach: (p) => go(p, '/send') },
    {
      name: 'send-search-open',
      who: 'candidate',
      reach: async (p) => {
        await go(p, '/send');
        await search(p, 'Kestrel');
        await p.getByRole('listbox').getByRole('option').first().waitFor();
        await p.locator('#field-recipient').press('ArrowDown');
      },
    },
    {
      name: 'send-selected',
      who: 'candidate',
      reach: async (p) => {
        await go(p, '/send');
        await search(p, 'Kestrel');
        await chooseOption(p, [university, 'Faculty of Letters']);
        await p.locator('.selected').waitFor();
      },
    },
    {
      name: 'send-confirmation',
      who: 'candidate',
      reach: async (p, w) => {
        await go(p, '/send');
        await search(p, 'Kestrel');
        await chooseOption(p, [university, 'Graduate School of Engineering']);
        await submit(p, w.sendMy);
        await p.getByRole('dialog').waitFor();
      },
    },
    {
      name: 'send-refusal',
      who: 'candidate',
      reach: async (p, w) => {
        await go(p, '/send');
        await search(p, 'Kestrel Visa');
        await chooseOption(p, [immigration]);
        await submit(p, w.sendMy);
        await p.locator('#send-refusal').waitFor();
      },
    },
    {
      name: 'invite-errors',
      who: 'candidate',
      reach: async (p, w) => {
        await go(p, '/invite');
        await p.getByLabel(label(w.website)).fill('not a website');
        await submit(p, w.sendInvite);
        await p.locator('#form-alert').waitFor();
      },
    },
    {
      name: 'invite-sent',
      who: 'candidate',
      reach: async (p, w, lang) => {
        await go(p, '/invite');
        await p.getByLabel(label(w.orgName)).fill(`Wren Academy ${lang} ${suffix}`);
        await p.getByLabel(label(w.orgEmail)).fill(`office-${lang}-${lower}@wren.example`);
        await p.getByLabel(label(w.website)).fill(`www.wren-${lang}-${lower}.example`);
        await submit(p, w.sendInvite);
        await p.locator('#invite-result.alert--success').waitFor();
      },
    },
    {
      name: 'invite-already-invited',
      who: 'candidate',
      reach: async (p, w, lang) => {
        await go(p, '/invite');
        await p.getByLabel(label(w.orgName)).fill(`Wren (again) ${suffix}`);
        await p.getByLabel(label(w.orgEmail)).fill(`admissions-${lang}-${lower}@wren.example`);
        await p.getByLabel(label(w.website)).fill(`wren-${lang}-${lower}.example`);
        await submit(p, w.sendInvite);
        await p.locator('#invite-result.alert--info').getByText(`wren-${lang}-${lower}.example`).waitFor();
      },
    },
    {
      name: 'shared-with',
      who: 'candidate',
      reach: async (p) => {
        await go(p, '/shared');
        await p.locator('tbody tr').first().waitFor();
      },
    },
    {
      name: 'shared-with-timeline',
      who: 'candidate',
      reach: async (p) => {
        await go(p, '/shared');
        await p.locator('tbody tr summary').first().click();
        await p.locator('.timeline').first().waitFor();
      },
    },
    {
      name: 'withdraw-dialog',
      who: 'candidate',
      reach: async (p, _w, lang) => {
        await go(p, '/shared');
        await p
          .locator('tbody tr')
          .filter({ hasText: 'Kestrel Polytechnic' })
          .getByRole('button', { name: lang === 'en' ? /^Withdraw the result sent to / : /^取り消す：/ })
          .click();
        await p.getByRole('dialog').waitFor();
      },
    },
    {
      name: 'notification-settings',
      who: 'candidate',
      reach: async (p) => {
        await go(p, '/settings');
        await p.locator('#notify-share-opened').waitFor();
      },
    },
    {
      name: 'inbox',
      who: 'organisation',
      reach: async (p) => {
        await go(p, '/inbox');
        await p.locator('tbody tr').first().waitFor();
        // Two candidates of one name are told apart: the ID Number and date of birth are on the row.
        await p.locator('tbody tr').first().getByText(entry.idNumber).waitFor();
      },
    },
    {
      name: 'inbox-filtered-none',
      who: 'organisation',
      reach: async (p, w) => {
        await go(p, '/inbox');
        await p.locator('tbody tr').first().waitFor();
        await p.getByLabel(w.nameOrId).fill('nobody-at-all');
        await submit(p, w.apply);
        await p.locator('p#inbox-count').waitFor();
      },
    },
    {
      name: 'shared-result',
      who: 'organisation',
      reach: async (p) => {
        await go(p, `/inbox/${shareId}`);
        await p.getByText(entry.idNumber).first().waitFor();
      },
    },
    {
      name: 'shared-result-withdrawn',
      who: 'organisation',
      reach: async (p) => {
        await go(p, `/inbox/${withdrawnShareId}`);
        await p.locator('.timeline').waitFor();
      },
    },
    { name: 'bulk-verify', who: 'organisation', reach: (p) => go(p, '/verify/bulk') },
    {
      name: 'bulk-verify-errors',
      who: 'organisation',
      reach: async (p, w) => {
        await go(p, '/verify/bulk');
        await p.getByLabel(w.bulkList).fill('no date here');
        await submit(p, w.bulkSubmit);
        await p.locator('#form-alert').waitFor();
      },
    },
    {
      name: 'bulk-verify-results',
      who: 'organisation',
      reach: async (p, w) => {
        await go(p, '/verify/bulk');
        await p.getByLabel(w.bulkList).fill(`code,dateOfBirth\n${code},${dateOfBirth}\n${code},1999-09-09\nNOPE-0000,2000-01-01`);
        await submit(p, w.bulkSubmit);
        await p.locator('#bulk-results').waitFor();
        assert.equal(await p.locator('.bulk tbody tr').count(), 3);
      },
    },
  ];

  for (const lang of ['en', 'ja'] as const) {
    it(`every state in ${lang === 'en' ? 'English' : 'Japanese'}: no axe violation at desktop or 390 px, nothing overflows at 320 px`, { timeout: 600_000 }, async () => {
      const found: { where: string; violation: import('./support/axe.js').Violation }[] = [];
      const overflow: string[] = [];
      for (const actor of Object.values(actors)) {
        await actor.page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
        await actor.page.goto('/not-a-screen');
        await actor.page.evaluate((l) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('portal.locale', l), lang);
      }
      for (const state of states) {
        const { page } = actors[state.who];
        await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
        await state.reach(page, W[lang], lang);
        assert.equal(await page.locator('html').getAttribute('lang'), lang, `${state.name} is in ${lang}`);
        for (const size of SIZES) {
          await page.setViewportSize({ width: size.width, height: size.height });
          const where = `${state.name} @ ${lang} ${size.name}`;
          for (const violation of await audit(page, where)) found.push({ where, violation });
          await screenshot(page, `a11y/${lang}-${size.name}-${state.name}.png`);
        }
        await page.setViewportSize({ width: NARROWEST, height: 700 });
        const wide = await overflowAt320(page);
        if (wide) overflow.push(`${state.name} @ ${lang} 320px: ${wide}`);
        // Close a dialog left open, so the next state starts from a plain page.
        if (await page.getByRole('dialog').isVisible()) await page.keyboard.press('Escape');
      }
      assert.equal(found.length, 0, `axe-core found ${found.length} violation(s):\n  ${describeViolations(found)}`);
      assert.deepEqual(overflow, [], 'nothing scrolls sideways at 320 px');
    });
  }

  it('reserves the space for what loads: the layout shifts by less than 0.02 when the data arrives', async () => {
    const screens: { who: State['who']; path: string; ready: string }[] = [
      { who: 'candidate', path: '/results', ready: '.result-card' },
      { who: 'candidate', path: '/shared', ready: 'tbody tr' },
      { who: 'organisation', path: '/inbox', ready: 'tbody tr' },
      { who: 'organisation', path: `/inbox/${shareId}`, ready: '.result__skills' },
    ];
    const shifts: string[] = [];
    for (const { who, path, ready } of screens) {
      const { page } = actors[who];
      await page.setViewportSize({ width: SIZES[1].width, height: SIZES[1].height });
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      // Cumulative layout shift since the page started loading (shifts right after input excluded).
      const cls = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            const observer = new (globalThis as unknown as { PerformanceObserver: new (cb: (list: { getEntries(): { value: number; hadRecentInput: boolean }[] }) => void) => { observe(o: unknown): void; disconnect(): void } }).PerformanceObserver((list) => {
              for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
            });
            observer.observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => {
              observer.disconnect();
              resolve(total);
            }, 300);
          }),
      );
      console.log(`layout shift ${path} at 390 px: ${cls.toFixed(4)}`);
      if (cls >= 0.02) shifts.push(`${path}: ${cls.toFixed(3)}`);
    }
    assert.deepEqual(shifts, []);
  });

  it('exports the inbox as CSV from the button, the focus staying on it', async () => {
    const { page } = actors.organisation;
    await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
    await page.goto('/inbox');
    await page.locator('tbody tr').first().waitFor();
    const exportButton = page.getByRole('button', { name: /^(Download as CSV|CSV でダウンロード)$/ });
    await exportButton.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = (await readFile(await download.path())).toString('utf8');
    assert.ok(csv.includes(candidateName) && csv.includes(entry.idNumber), csv.slice(0, 400));
    assert.equal(await exportButton.evaluate((b) => b === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement), true);
  });

  it('e-mails in the language the portal was in: a Japanese reset link, an invitation in Japanese with the English beside it', async () => {
    const { page } = actors.anon;
    await page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('portal.locale', 'ja'));
    const since = Date.now();
    await go(page, '/forgot-password');
    await page.getByLabel(label(JA.idNumber)).fill(entry.idNumber);
    await submit(page, JA.sendReset);
    await page.locator('#forgot-sent').waitFor();
    await waitForLink(system.mailDir, `sora-${lower}@mail.example`, '/reset-password', { since });
    const [reset] = await readMails(system.mailDir, { to: `sora-${lower}@mail.example`, since });
    assert.match(reset?.text ?? '', /分以内に次のリンクを開いて/);
    assert.match(reset?.text ?? '', /Content-Type: text\/html/);
    // The Japanese pass invited Wren Academy from the portal in Japanese (the mail worker sends it
    // after the answer: wait for it as for the reset).
    await waitForLink(system.mailDir, `office-ja-${lower}@wren.example`, '/invitations/accept');
    await waitForLink(system.mailDir, `office-en-${lower}@wren.example`, '/invitations/accept');
    const [invitation] = await readMails(system.mailDir, { to: `office-ja-${lower}@wren.example` });
    const text = invitation?.text ?? '';
    assert.ok(text.indexOf('に試験結果を送りたい') > 0 && text.indexOf('would like to send their exam results') > text.indexOf('に試験結果を送りたい'), text);
    const [english] = await readMails(system.mailDir, { to: `office-en-${lower}@wren.example` });
    assert.doesNotMatch(english?.text ?? 'missing', /試験結果/);
  });
});
