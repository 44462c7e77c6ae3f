import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { derivedAcronym, domainTerms, hostQuery, spelledAcronyms } from './names.js';
import { analyseQuery } from './query.js';
import { allowedEdits, editDistance, fuzzyMatch, normalise, tokenize } from './text.js';

describe('search analysis: text', () => {
  it('normalises width, case, Latin accents and kana, keeping voiced kana', () => {
    assert.equal(normalise('ＵＣＬ'), 'ucl');
    assert.equal(normalise('ﾜｾﾀﾞ'), 'わせだ');
    assert.equal(normalise('ワセダ'), 'わせだ');
    assert.equal(normalise('がくいん'), 'がくいん');
    assert.equal(normalise('Université Paris-Sorbonne'), 'universite paris-sorbonne');
    assert.equal(normalise('Technische Universität München'), 'technische universitat munchen');
  });

  it('cuts CJK runs into bigrams and Latin text into words', () => {
    assert.deepEqual(tokenize('早稲田大学'), ['早稲', '稲田', '田大', '大学']);
    assert.deepEqual(tokenize('早'), ['早']);
    assert.deepEqual(tokenize('연세대학교'), ['연세', '세대', '대학', '학교']);
    assert.deepEqual(tokenize("King's College London, University of London"), ['kings', 'college', 'london', 'university', 'of', 'london']);
    assert.deepEqual(tokenize('楽天 Human'), ['楽天', 'human']);
  });

  it('counts a transposition as one edit and forgives typos only in words of 4 letters or more', () => {
    assert.equal(editDistance('yonsie', 'yonsei', 2), 1);
    assert.equal(editDistance('cambrdge', 'cambridge', 2), 1);
    assert.equal(editDistance('abc', 'xyz', 1), 2);
    assert.deepEqual(['mit', 'keio', 'yonsie', 'university'].map(allowedEdits), [0, 1, 1, 2]);
    assert.equal(allowedEdits('早稲'), 0);
    assert.ok(fuzzyMatch('cambrd', 'cambridge', 1), 'a typo in a word still being typed');
    assert.ok(!fuzzyMatch('xambridge', 'cambridge', 2), 'the first letter is taken as typed');
  });
});

describe('search analysis: acronyms and domains', () => {
  it('derives acronyms from three or more words, skipping small words and the part after a comma', () => {
    assert.equal(derivedAcronym('Massachusetts Institute of Technology'), 'mit');
    assert.equal(derivedAcronym('University College London, University of London'), 'ucl');
    assert.equal(derivedAcronym('National University of Singapore'), 'nus');
    assert.equal(derivedAcronym('Keio University'), null);
    assert.equal(derivedAcronym('早稲田大学 本部 事務所'), null);
    assert.deepEqual(spelledAcronyms('ETHZ - ETH Zurich'), ['ethz', 'eth']);
  });

  it('makes the website host, the domains above it that say whose it is, and its telling labels searchable', () => {
    assert.deepEqual(domainTerms('http://www.u-tokyo.ac.jp/'), { hosts: ['u-tokyo.ac.jp'], words: ['u-tokyo', 'tokyo'] });
    assert.deepEqual(domainTerms('https://immi.homeaffairs.gov.au/').hosts, ['immi.homeaffairs.gov.au', 'homeaffairs.gov.au']);
    assert.deepEqual(domainTerms(null), { hosts: [], words: [] });
    assert.equal(hostQuery('https://www.ox.ac.uk/'), 'ox.ac.uk');
    assert.equal(hostQuery('waseda.ac'), 'waseda.ac');
    assert.equal(hostQuery('Waseda University'), null);
    assert.deepEqual(analyseQuery('www.keio.ac.jp').tokens, ['keio.ac.jp']);
    assert.equal(analyseQuery('  ').tokens.length, 0);
  });
});
