// An organisation the candidate cannot find: the drop-down says so, the candidate invites it, and
// the organisation creates its account from the e-mailed link (in English).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { onPortal, waitForLink } from '#libs/testing';
import { Api, type Entry } from './support/api.js';
import { eventually, failOnPageErrors, openBrowser, screenshot, search, type Actor } from './support/browser.js';
import { EN, label, registerAndLogIn, uniqueSuffix } from './support/journey.js';
import { startSystem, type System } from './support/system.js';

const STEP = { timeout: 120_000 };

describe('web portal: inviting an organisation that is not listed', { timeout: 600_000 }, () => {
  failOnPageErrors();
  const suffix = uniqueSuffix();
  // One made-up word as the search, so no organisation from an earlier run can match it.
  const unlisted = `Quillmere${suffix}`;
  const invited = { name: `${unlisted} College`, email: `office-${suffix.toLowerCase()}@quillmere.example` };
  const password = 'quillmere staff secret 3';
  let system: System;
  let entry: Entry;
  let candidate: Actor;
  let inviteSentAt = 0;

  before(async () => {
    system = await startSystem();
    const admin = await Api.logIn(system.url, { email: system.adminEmail }, system.adminPassword);
    entry = await admin.enter(`Emma Clarke ${suffix}`, '1999-02-28');
    await admin.publish(entry.idNumber);
    candidate = await openBrowser(system.url, 'en-GB');
  });

  after(async () => {
    await candidate?.close();
    await system?.stop();
  });

  it(
    'the drop-down says nothing matches, and "Can\'t see the organisation?" opens the invitation form',
    STEP,
    async () => {
      const { page } = candidate;
      await registerAndLogIn(
        page,
        EN,
        entry,
        `emma-${suffix.toLowerCase()}@mail.example`,
        'emma clarke password 1',
      );
      await page.getByRole('navigation').getByRole('link', { name: 'Send result' }).click();
      await search(page, unlisted);
      await page.getByText(`No organisations match “${unlisted}”.`).waitFor();
      assert.equal(await page.getByRole('combobox').getAttribute('aria-expanded'), 'false');
      await page.getByRole('link', { name: 'Send them an invite to create an account.' }).click();
      await page.getByRole('heading', { name: 'Invite an organisation' }).waitFor();
      const name = page.getByLabel(label('Organisation name'));
      assert.equal(await name.inputValue(), unlisted);
      await name.fill(invited.name);
    },
  );

  it(
    'the invitation form says next to each field what is missing, then sends the invitation',
    STEP,
    async () => {
      const { page } = candidate;
      await page.getByRole('button', { name: 'Send invitation' }).click();
      const emailField = page.getByLabel(label("Organisation's e-mail address"));
      assert.equal(await emailField.getAttribute('aria-invalid'), 'true');
      await page
        .locator('#field-email-error')
        .getByText("Enter the organisation's e-mail address.")
        .waitFor();
      await emailField.fill(invited.email);
      await page.getByLabel(label('Website')).fill(`https://www.quillmere-${suffix.toLowerCase()}.example`);
      inviteSentAt = Date.now();
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await page.getByText(`We have invited ${invited.name} to create an account.`).waitFor();
      await screenshot(page, 'candidate-invite-en.png');
    },
  );

  it(
    'the candidate attaches the result to the invitation with consent, and "Shared with" shows it waiting for the organisation to join',
    STEP,
    async () => {
      const { page } = candidate;
      const attach = page.getByRole('region', { name: `Send your result to ${invited.name} when they join` });
      await attach.getByText(/you consent to us sharing the details of this result/).waitFor();
      await attach.getByRole('button', { name: 'Send when they join' }).click();
      const done = page.locator('#attach-outcome');
      await done.getByText(`will be delivered to ${invited.name} when they join`).waitFor();
      await screenshot(page, 'candidate-invite-attached-en.png');
      await done.getByRole('link', { name: 'See who it is shared with' }).click();
      await page.waitForURL('**/shared');
      await page.locator('tbody tr').filter({ hasText: `Waiting for ${invited.name} to join` }).waitFor();
      assert.equal(await page.getByRole('button', { name: /^Withdraw/ }).count(), 0);
    },
  );

  it('the invited organisation creates its account from the e-mailed link and logs in', STEP, async () => {
    const link = await waitForLink(system.mailDir, invited.email, '/invitations/accept', { since: inviteSentAt });
    const newcomer = await openBrowser(system.url, 'en-GB');
    try {
      const { page } = newcomer;
      await page.goto(onPortal(link, system.url));
      await page.getByRole('heading', { name: "Create your organisation's account" }).waitFor();
      await page.getByLabel(label('Contact name')).fill('Morgan Reed');
      await page.getByLabel(label('Password')).fill(password);
      await page.getByLabel(label('Confirm password')).fill(password);
      await screenshot(page, 'organisation-accept-en.png');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL('**/login?as=organisation&notice=accountCreated');
      await page.getByLabel(label('E-mail address')).fill(invited.email);
      await page.getByLabel(label('Password')).fill(password);
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await page.waitForURL('**/inbox');
      // The result the candidate attached to the invitation is delivered once the organisation has joined.
      await eventually(page, () =>
        page.locator('tbody tr').filter({ hasText: `Emma Clarke ${suffix}` }).filter({ hasText: 'Unread' }).waitFor({ timeout: 2000 }),
      );
      await screenshot(page, 'organisation-inbox-invited-en.png');
    } finally {
      await newcomer.close();
    }
  });

  it('the candidate sees the share delivered: unread, its timeline showing when it was sent', STEP, async () => {
    const { page } = candidate;
    await page.goto('/shared');
    const row = page.locator('tbody tr').filter({ hasText: invited.name });
    await eventually(page, () => row.filter({ hasText: 'Unread' }).waitFor({ timeout: 2000 }));
    await row.locator('summary', { hasText: 'Delivery timeline' }).click();
    await row.locator('.timeline li[data-event="sent"]').waitFor();
  });
});
