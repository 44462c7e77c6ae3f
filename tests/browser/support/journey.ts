// Steps both walks share, written as a person does them: labels, buttons and links by their names.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { onPortal, waitForLink } from '#libs/testing';
import { Api, type Entry } from './api.js';
import type { System } from './system.js';

export const uniqueSuffix = (): string => randomBytes(3).toString('hex').toUpperCase();

export interface Words {
  register: string;
  idNumber: string;
  secretNumber: string;
  email: string;
  password: string;
  confirmPassword: string;
  registerSubmit: string;
  logIn: string;
  organisationRole: string;
  forgotten: string;
  sendReset: string;
  newPassword: string;
  confirmNewPassword: string;
  savePassword: string;
}

export const EN: Words = {
  register: 'Register',
  idNumber: 'ID Number',
  secretNumber: 'Secret Number',
  email: 'E-mail address',
  password: 'Password',
  confirmPassword: 'Confirm password',
  registerSubmit: 'Register',
  logIn: 'Log in',
  organisationRole: 'I represent an organisation',
  forgotten: 'Forgotten password?',
  sendReset: 'Send reset link',
  newPassword: 'New password',
  confirmNewPassword: 'Confirm new password',
  savePassword: 'Save password',
};

export const JA: Words = {
  register: '登録する',
  idNumber: 'ID番号',
  secretNumber: 'シークレットナンバー',
  email: 'メールアドレス',
  password: 'パスワード',
  confirmPassword: 'パスワード（確認用）',
  registerSubmit: '登録する',
  logIn: 'ログイン',
  organisationRole: '機関・団体の担当者です',
  forgotten: 'パスワードをお忘れですか？',
  sendReset: '再設定用リンクを送信',
  newPassword: '新しいパスワード',
  confirmNewPassword: '新しいパスワード（確認用）',
  savePassword: 'パスワードを保存',
};

const exact = { exact: true } as const;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A field's accessible name: its label, then perhaps the "*" and "(required)" the portal adds. */
export const label = (text: string): RegExp =>
  new RegExp(`^${escape(text)}(?:\\s*\\*)?(?:\\s*\\([^)]*\\))?$`);

export async function registerAndLogIn(
  page: Page,
  w: Words,
  entry: Entry,
  email: string,
  password: string,
): Promise<void> {
  await page.goto('/login');
  await page
    .getByRole('main')
    .getByRole('link', { name: w.register, ...exact })
    .click();
  await page.waitForURL('**/register');
  await page.getByLabel(label(w.idNumber)).fill(entry.idNumber);
  await page.getByLabel(label(w.secretNumber)).fill(entry.secretNumber);
  await page.getByLabel(label(w.email)).fill(email);
  await page.getByLabel(label(w.password)).fill(password);
  await page.getByLabel(label(w.confirmPassword)).fill(password);
  await page.getByRole('button', { name: w.registerSubmit, ...exact }).click();
  await page.waitForURL('**/login?notice=registered**');
  // The ID Number is carried over from registration; the password is typed again.
  await page.getByLabel(label(w.password)).fill(password);
  await page.getByRole('button', { name: w.logIn, ...exact }).click();
  await page.waitForURL('**/results');
}

/** The organisation's first user sets a password through the reset link, then logs in. */
export async function organisationFirstLogIn(
  page: Page,
  w: Words,
  system: System,
  email: string,
  password: string,
): Promise<void> {
  await page.goto('/login');
  await page.getByRole('radio', { name: w.organisationRole }).check();
  const since = Date.now();
  await page.getByRole('link', { name: w.forgotten }).click();
  await page.getByLabel(label(w.email)).fill(email);
  await page.getByRole('button', { name: w.sendReset }).click();
  await page.getByRole('status').first().waitFor();
  const link = await waitForLink(system.mailDir, email, '/reset-password', { since });
  await page.goto(onPortal(link, system.url));
  await page.getByLabel(label(w.newPassword)).fill(password);
  await page.getByLabel(label(w.confirmNewPassword)).fill(password);
  await page.getByRole('button', { name: w.savePassword }).click();
  await page.waitForURL('**/login?notice=passwordChanged');
  await logInAsOrganisation(page, w, email, password);
}

export async function logInAsOrganisation(
  page: Page,
  w: Words,
  email: string,
  password: string,
): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByRole('radio', { name: w.organisationRole }).check();
  await page.getByLabel(label(w.email)).fill(email);
  await page.getByLabel(label(w.password)).fill(password);
  await page.getByRole('button', { name: w.logIn, ...exact }).click();
  await page.waitForURL('**/inbox');
}

/** The candidate's own API session, to wait for the directory search to catch up with the operator. */
export function candidateApi(system: System, entry: Entry, password: string): Promise<Api> {
  return Api.logIn(system.url, { idNumber: entry.idNumber }, password);
}
