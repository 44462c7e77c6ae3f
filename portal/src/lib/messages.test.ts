import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, splitMessages } from '../api/errors';
import { catalogues, translate, type Locale } from '../i18n/catalogues';
import { describeError } from './messages';

const ctx = (locale: Locale) => ({
  locale,
  t: (key: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(locale, key, p),
});

describe('API error messages', () => {
  it('go next to the field they start with, the rest to the form', () => {
    const split = splitMessages(
      [
        'email must be an email',
        'password must be longer than or equal to 8 characters',
        'Invalid ID Number or Secret Number',
      ],
      ['idNumber', 'email', 'password'],
    );
    expect(split.fields).toEqual({
      email: ['email must be an email'],
      password: ['password must be longer than or equal to 8 characters'],
    });
    expect(split.form).toEqual(['Invalid ID Number or Secret Number']);
  });

  it('does not take a longer field name for a shorter one', () => {
    expect(splitMessages(['emailAddress is wrong'], ['email']).form).toEqual(['emailAddress is wrong']);
  });

  it('never shows the service text: a code without its own entry is worded by its status, in every language', () => {
    const error = new ApiError(422, 'Unprocessable Entity', ['Some English sentence from a service.'], 'SOMETHING.NEW');
    for (const locale of ['en', 'ja'] as const) {
      const described = describeError(error, ctx(locale));
      expect(described.form).toEqual([{ text: translate(locale, 'errors.status.422') }]);
      expect(JSON.stringify(described)).not.toContain('English sentence');
    }
  });

  it('marks the fields a validation answer names, in the catalogue\'s words (the password rule for a short password)', () => {
    const error = new ApiError(400, 'Bad Request', ['password must be 10 to 200 characters long', 'newPassword must be a string', 'unknownField should not exist'], 'REQUEST.INVALID');
    const ja = describeError(error, ctx('ja'), ['password', 'newPassword']);
    expect(ja.fields.password).toEqual([{ text: translate('ja', 'errors.password.length') }]);
    expect(ja.fields.newPassword).toEqual([{ text: translate('ja', 'errors.password.length') }]);
    expect(ja.form).toEqual([{ text: translate('ja', 'errors.status.400') }]);
    expect(JSON.stringify(ja)).not.toMatch(/must be|should not/);
  });

  it('uses the catalogue for overridden statuses and network failures', () => {
    const error = new ApiError(401, 'Unauthorized', ['Unauthorized']);
    expect(describeError(error, ctx('en'), [], { 401: 'login.error.invalid' }).form[0]?.text).toBe(
      translate('en', 'login.error.invalid'),
    );
    expect(describeError(new NetworkError(new TypeError('x')), ctx('ja')).form[0]?.text).toBe(
      translate('ja', 'errors.network'),
    );
  });

  it('does not repeat a form message when every message belongs to a field', () => {
    const error = new ApiError(400, 'Bad Request', ['email must be an email'], 'REQUEST.INVALID');
    const described = describeError(error, ctx('en'), ['email']);
    expect(described.form).toEqual([]);
    expect(described.fields.email).toEqual([{ text: translate('en', 'errors.email') }]);
  });
});

describe('labels inside sentences', () => {
  it('lower-cases plain English labels but keeps names and other languages', async () => {
    const { labelInSentence } = await import('./messages');
    expect(labelInSentence('en', 'Password')).toBe('password');
    expect(labelInSentence('en', "Organisation's e-mail address")).toBe("organisation's e-mail address");
    expect(labelInSentence('en', 'ID Number')).toBe('ID Number');
    expect(labelInSentence('en', 'Secret Number')).toBe('Secret Number');
    expect(labelInSentence('ja', 'パスワード')).toBe('パスワード');
  });
});

describe('known error codes', () => {
  it('are worded by the catalogue in both languages, next to their field when they have one', () => {
    const taken = new ApiError(
      409,
      'Conflict',
      ['This e-mail address already belongs to another account.'],
      'ACCOUNT.EMAIL_TAKEN',
    );
    expect(describeError(taken, ctx('ja'), ['email']).fields.email?.[0]?.text).toBe(
      translate('ja', 'errors.code.ACCOUNT.EMAIL_TAKEN'),
    );
    const wrong = new ApiError(
      400,
      'Bad Request',
      ['The ID Number and Secret Number do not match our records.'],
      'REGISTRATION.NO_MATCH',
    );
    expect(describeError(wrong, ctx('en'), ['idNumber', 'secretNumber']).form).toEqual([
      { text: translate('en', 'errors.code.REGISTRATION.NO_MATCH') },
    ]);
  });
});

describe('every error code the services answer with', () => {
  it('has an entry in both catalogues', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '../../..');
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'testing' ? [] : walk(path);
        return path.endsWith('.ts') && !path.includes('.spec.') ? [path] : [];
      });
    const codes = new Set<string>();
    for (const file of [...walk(join(root, 'services')), ...walk(join(root, 'libs'))]) {
      const text = readFileSync(file, 'utf8');
      // DomainError codes, Nest errorCodes and the error filter's codes are all written 'AREA.REASON'.
      for (const m of text.matchAll(/'([A-Z]+\.[A-Z_]+)'/g)) if (/code|Code|Errors|DomainError/.test(text)) codes.add(m[1] ?? '');
    }
    codes.delete('');
    expect(codes.size).toBeGreaterThan(40);
    const missing = [...codes].filter((c) => !(`errors.code.${c}` in catalogues.en) || !(`errors.code.${c}` in catalogues.ja));
    expect(missing).toEqual([]);
  });
});
