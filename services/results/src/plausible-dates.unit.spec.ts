import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { EnterCandidateRequest } from './entry/enter-candidate/enter-candidate.request.dto.js';
import { dateOfBirthProblem, examDateProblem, releaseAtProblem, yearsPattern } from './plausible-dates.js';
import { PublishResultRequest } from './result/publish-result/publish-result.request.dto.js';

const now = new Date('2026-12-01T21:00:00Z');

describe('plausible dates', () => {
  it('a date of birth is from 1900-01-01 to today, one day ahead allowed for time zones', () => {
    assert.equal(dateOfBirthProblem('2001-04-02', now), null);
    assert.equal(dateOfBirthProblem('1900-01-01', now), null);
    assert.equal(dateOfBirthProblem('2026-12-02', now), null);
    assert.equal(dateOfBirthProblem('1899-12-31', now), 'dateOfBirth must not be before 1900-01-01');
    assert.equal(dateOfBirthProblem('2026-12-03', now), 'dateOfBirth must not be in the future');
    assert.equal(dateOfBirthProblem('2999-01-01', now), 'dateOfBirth must not be in the future');
    assert.equal(dateOfBirthProblem('9999-12-31', now), 'dateOfBirth must not be in the future');
  });

  it('an exam date is from 1950-01-01 to today (+1 day)', () => {
    assert.equal(examDateProblem('2026-06-14', now), null);
    assert.equal(examDateProblem('1949-12-31', now), 'examDate must not be before 1950-01-01');
    assert.equal(examDateProblem('2027-01-01', now), 'examDate must not be in the future');
  });

  it('a release time is at most two years ahead', () => {
    assert.equal(releaseAtProblem('2028-12-01T20:59:59Z', now), null);
    assert.equal(releaseAtProblem('2020-01-01T00:00:00+09:00', now), null);
    assert.equal(releaseAtProblem('2028-12-01T21:00:01Z', now), 'releaseAt must not be more than 2 years ahead');
    assert.equal(releaseAtProblem('9999-01-01T00:00:00Z', now), 'releaseAt must not be more than 2 years ahead');
  });

  it('the OpenAPI year patterns match exactly the years given', () => {
    const years = new RegExp(`^${yearsPattern(1900, 2025)}$`);
    for (let y = 1890; y <= 2035; y++) assert.equal(years.test(String(y)), y >= 1900 && y <= 2025, String(y));
    assert.equal(yearsPattern(1950, 1950), '(1950)');
  });
});

describe('the request DTOs refuse implausible dates with a clear 400 message', () => {
  const messages = async (cls: new () => object, body: object) =>
    (await validate(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true })).flatMap((e) => Object.values(e.constraints ?? {}));
  const entry = { name: 'Hanako Yamada', dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001' };
  const result = {
    idNumber: 'C12345678',
    qualification: 'Certificate in Advanced English',
    cefrLevel: 'Council of Europe Level B2',
    overallScore: 168,
    grade: 'C',
    components: [{ skill: 'Reading', score: 170 }],
    examDate: '2026-06-14',
  };

  it('entries: a birth date in 2999 or before 1900 is refused, a real one accepted', async () => {
    assert.deepEqual(await messages(EnterCandidateRequest, entry), []);
    assert.deepEqual(await messages(EnterCandidateRequest, { ...entry, dateOfBirth: '2999-01-01' }), ['dateOfBirth must not be in the future']);
    assert.deepEqual(await messages(EnterCandidateRequest, { ...entry, dateOfBirth: '1850-06-01' }), ['dateOfBirth must not be before 1900-01-01']);
  });

  it('results: an exam in 9999, a release ten years ahead or without an offset are refused', async () => {
    assert.deepEqual(await messages(PublishResultRequest, result), []);
    assert.deepEqual(await messages(PublishResultRequest, { ...result, releaseAt: new Date().toISOString() }), []);
    assert.deepEqual(await messages(PublishResultRequest, { ...result, examDate: '9999-12-31' }), ['examDate must not be in the future']);
    const tenYears = new Date(Date.now() + 10 * 365 * 86_400_000).toISOString();
    assert.deepEqual(await messages(PublishResultRequest, { ...result, releaseAt: tenYears }), ['releaseAt must not be more than 2 years ahead']);
    assert.equal((await messages(PublishResultRequest, { ...result, releaseAt: null })).length > 0, true, 'null is not a release time');
    assert.deepEqual(await messages(PublishResultRequest, { ...result, releaseAt: '2026-07-01T09:00' }), [
      'releaseAt must be a date and time with its offset, e.g. 2026-07-01T09:00:00Z',
    ]);
  });
});
