import { describe, expect, it } from 'vitest';
import en from './en.json';
import ja from './ja.json';
import { translate, translatePlural } from './catalogues';

describe('message catalogues', () => {
  it('have exactly the same keys in English and Japanese', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty strings', () => {
    for (const catalogue of [en, ja]) {
      for (const [key, value] of Object.entries(catalogue)) {
        expect(typeof value, key).toBe('string');
        expect(value.trim(), key).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('keeps the guide wording for the key screens', () => {
    expect(en['results.sendButton']).toBe(
      'Send your results to an education institution, employer or immigration authority',
    );
    expect(en['send.submit']).toBe('Send my result');
    expect(en['shared.title']).toBe('Shared with');
    expect(ja['send.submit']).toContain('結果を送信');
  });
});

describe('translate', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(translate('en', 'inbox.count', { unread: 1, total: 1200 })).toBe('1 unread of 1,200');
    expect(translate('ja', 'search.none', { query: '早稲田' })).toBe(
      '「早稲田」に一致する機関は見つかりませんでした。',
    );
  });

  it('chooses the plural form', () => {
    expect(translatePlural('en', 'search.count', 1)).toMatch(/^1 organisation found/);
    expect(translatePlural('en', 'search.count', 3)).toMatch(/^3 organisations found/);
    expect(translatePlural('ja', 'search.count', 3)).toMatch(/^3 件/);
  });
});
