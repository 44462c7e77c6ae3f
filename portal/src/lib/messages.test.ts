import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, splitMessages } from '../api/errors';
import { translate, type Locale } from '../i18n/catalogues';
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

  it('shows the service text in English, and the catalogue first (service text marked English) in Japanese', () => {
    const error = new ApiError(422, 'Unprocessable Entity', [
      'This result cannot be shared with immigration authorities.',
    ]);
    expect(describeError(error, ctx('en')).form).toEqual([
      { text: 'This result cannot be shared with immigration authorities.' },
    ]);
    const ja = describeError(error, ctx('ja')).form;
    expect(ja[0]?.text).toBe(translate('ja', 'errors.status.422'));
    expect(ja[1]).toEqual({ text: 'This result cannot be shared with immigration authorities.', lang: 'en' });
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
    const error = new ApiError(400, 'Bad Request', ['email must be an email']);
    const described = describeError(error, ctx('en'), ['email']);
    expect(described.form).toEqual([]);
    expect(described.fields.email).toEqual([{ text: 'email must be an email' }]);
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
      { text: 'The ID Number and Secret Number do not match our records.' },
    ]);
  });
});
