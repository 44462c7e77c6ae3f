import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileDocumentStore } from '#libs/persistence';
import { RateLimiter, type RateLimit } from './rate-limiter.js';

const MINUTE = 60_000;
const limit: RateLimit = { max: 3, windowMs: 15 * MINUTE };

describe('RateLimiter: fixed windows in the store', () => {
  let dir: string;
  let documents: FileDocumentStore;
  let now = new Date('2026-06-14T09:00:00.000Z');
  let limiter: RateLimiter;
  const hits = async (key: string, n: number, l = limit) => {
    const answers: boolean[] = [];
    for (let i = 0; i < n; i++) answers.push(await limiter.hit(key, l));
    return answers;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rate-limiter-'));
    documents = await FileDocumentStore.open(dir);
    limiter = new RateLimiter(documents, { now: () => now });
    await limiter.onModuleInit();
  });
  after(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers true up to max hits in a window, false beyond', async () => {
    assert.deepEqual(await hits('login:a', 5), [true, true, true, false, false]);
  });

  it('counts each key on its own', async () => {
    assert.deepEqual(await hits('login:b', 3), [true, true, true]);
    assert.deepEqual(await hits('register:b', 1), [true]);
  });

  it('exhausted() tells whether max is reached, without counting', async () => {
    assert.equal(await limiter.exhausted('reset:c', limit), false);
    await hits('reset:c', 2);
    assert.equal(await limiter.exhausted('reset:c', limit), false);
    assert.equal(await limiter.exhausted('reset:c', limit), false, 'asking counts nothing');
    await hits('reset:c', 1);
    assert.equal(await limiter.exhausted('reset:c', limit), true);
  });

  it('starts again in the next window (windows are fixed, from the epoch)', async () => {
    now = new Date('2026-06-14T09:14:59.999Z');
    assert.deepEqual(await hits('login:a', 1), [false], 'still the 09:00 window');
    now = new Date('2026-06-14T09:15:00.000Z');
    assert.deepEqual(await hits('login:a', 4), [true, true, true, false]);
    assert.equal(await limiter.exhausted('login:b', limit), false, 'the new window has no hits yet');
  });

  it('counts hits at the same moment, each once', async () => {
    await Promise.all(Array.from({ length: 5 }, () => limiter.hit('invitation:d', { max: 10, windowMs: 60 * MINUTE })));
    assert.equal(await limiter.exhausted('invitation:d', { max: 6, windowMs: 60 * MINUTE }), false);
    assert.equal(await limiter.exhausted('invitation:d', { max: 5, windowMs: 60 * MINUTE }), true);
  });

  it('drops past windows, at most once a minute', async () => {
    const counters = documents.collection<{ _id: string; expiresAt: string }>('rate_limits');
    const ids = async () => (await counters.find({})).map((c) => c._id).sort();
    const tenSeconds: RateLimit = { max: 3, windowMs: 10_000 };
    now = new Date('2026-06-14T11:00:00.000Z');
    await limiter.hit('short', tenSeconds);
    assert.deepEqual(await ids(), [`short:${Date.parse('2026-06-14T11:00:00.000Z') / 10_000}`], 'the 09:xx windows are gone');
    now = new Date('2026-06-14T11:00:50.000Z');
    await limiter.hit('short', tenSeconds);
    assert.equal((await ids()).length, 2, 'under a minute since the last sweep: the past window is still there');
    now = new Date('2026-06-14T11:01:05.000Z');
    await limiter.hit('short', tenSeconds);
    assert.deepEqual(await ids(), [`short:${Date.parse('2026-06-14T11:01:00.000Z') / 10_000}`]);
  });
});
