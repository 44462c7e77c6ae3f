import { describe, expect, it } from 'vitest';
import { formatCountry, formatDate, formatNumber } from './format';

describe('locale formatting', () => {
  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('en', '2024-06-15')).toBe('15 June 2024');
    expect(formatDate('ja', '2024-06-15')).toBe('2024年6月15日');
  });

  it('formats numbers and countries for the locale', () => {
    expect(formatNumber('en', 1234)).toBe('1,234');
    expect(formatCountry('en', 'GB')).toBe('United Kingdom');
    expect(formatCountry('ja', 'JP')).toBe('日本');
    expect(formatCountry('en', 'United Kingdom')).toBe('United Kingdom');
  });

  it('names countries given by their English name in the portal\'s language', () => {
    expect(formatCountry('ja', 'Japan')).toBe('日本');
    expect(formatCountry('ja', 'United Kingdom')).toBe('イギリス');
    expect(formatCountry('ja', 'Korea, Republic of')).toBe('韓国');
    expect(formatCountry('ja', 'Viet Nam')).toBe('ベトナム');
    expect(formatCountry('ja', 'Bosnia and Herzegovina')).toBe('ボスニア・ヘルツェゴビナ');
    expect(formatCountry('ja', "Côte d'Ivoire")).toBe('コートジボワール');
    expect(formatCountry('en', 'Korea, Republic of')).toBe('South Korea');
    expect(formatCountry('ja', 'Atlantis')).toBe('Atlantis');
  });

  it('leaves missing values empty', () => {
    expect(formatDate('en', '')).toBe('');
    expect(formatNumber('en', null)).toBe('');
  });
});
