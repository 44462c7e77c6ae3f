import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { StoredEvent } from '#libs/event-store';
import { FileDocumentStore } from '#libs/persistence';
import { expectEventually } from '#libs/testing';
import { LinkKeys } from './link-keys.js';
import { MailJobsProjection } from './mail-jobs.projection.js';
import { messageIdOf, MailWorker, type MailComposer } from './mail.worker.js';
import { FileMailer, type Mailer, type MailMessage } from './mailer.js';

let n = 0;
const event = (type: string, data: Record<string, unknown> = {}, occurredAt = new Date().toISOString()): StoredEvent => {
  n += 1;
  return { _id: `s-${n}@1`, eventId: `event-${n}`, streamId: `s-${n}`, version: 1, type, schemaVersion: 1, data, metadata: { correlationId: 'c', causationId: null }, occurredAt };
};

/** A mail server that records what it accepted, and can refuse the next few messages. */
function server() {
  const accepted: MailMessage[] = [];
  let refuse = 0;
  const mailer: Mailer & { accepted: MailMessage[]; refuseNext(k: number): void } = {
    accepted,
    refuseNext: (k) => (refuse = k),
    async send(message) {
      if (refuse > 0) {
        refuse -= 1;
        throw new Error('421 try again later');
      }
      accepted.push(message);
    },
  };
  return mailer;
}

const compose: MailComposer = async (e) => {
  const data = e.data as { to: string; expired?: boolean };
  return data.expired ? null : { to: data.to, subject: 'Hello', text: `for ${e.eventId}`, kind: 'test' };
};

describe('mail through the outbox: MailJobsProjection and MailWorker', () => {
  let dir: string;
  let documents: FileDocumentStore;
  let projection: MailJobsProjection;
  const workers: MailWorker[] = [];
  const worker = (mailer: Mailer, options: ConstructorParameters<typeof MailWorker>[3] = {}) => {
    const w = new MailWorker(projection, mailer, compose, { pollMs: 20, ...options });
    workers.push(w);
    return w;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mail-worker-'));
    documents = await FileDocumentStore.open(dir);
    projection = new MailJobsProjection(documents, new Set(['Invited']));
    await projection.init();
  });
  beforeEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await projection.jobs.deleteMany({});
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends one mail per event that asks for one, with a Message-ID derived from the event, however often the event is applied', async () => {
    const mail = server();
    const invited = event('Invited', { to: 'a@uni.example' });
    await projection.applyBatch([invited, event('Other', { to: 'b@uni.example' })]);
    await projection.apply(invited); // the relay handing it again after a crash
    assert.equal(await projection.jobs.count({}), 1);
    assert.equal(await worker(mail).pass(), 1);
    assert.equal(await worker(mail).pass(), 0, 'a sent job is not sent again');
    assert.deepEqual(mail.accepted.map((m) => [m.to, m.messageId]), [['a@uni.example', messageIdOf(invited.eventId)]]);
  });

  it('a refused send waits and is tried again until the server accepts it, counting the attempts', async () => {
    const mail = server();
    mail.refuseNext(2);
    const invited = event('Invited', { to: 'c@uni.example' });
    let clock = Date.parse(invited.occurredAt); // the job is due when its event occurred: a clock read before it would find nothing due
    const w = worker(mail, { now: () => new Date(clock) });
    await projection.apply(invited);
    assert.equal(await w.pass(), 0);
    const [job] = await projection.jobs.find({});
    assert.equal(job?.attempts, 1);
    assert.match(job?.lastError ?? '', /421/);
    assert.equal(await w.pass(), 0, 'not before its pause (1 s) is over');
    assert.equal(mail.accepted.length, 0);
    clock += 1_000;
    assert.equal(await w.pass(), 0, 'refused again');
    clock += 1_999;
    assert.equal(await w.pass(), 0, 'the second pause is 2 s');
    clock += 1;
    assert.equal(await w.pass(), 1);
    assert.equal(mail.accepted.length, 1);
    assert.equal((await projection.jobs.find({}))[0]?.attempts, 2);
  });

  it('a mail the composer no longer wants (its link expired) is dropped, never sent', async () => {
    const mail = server();
    await projection.apply(event('Invited', { to: 'd@uni.example', expired: true }));
    assert.equal(await worker(mail).pass(), 0);
    assert.equal(mail.accepted.length, 0);
    assert.ok((await projection.jobs.find({}))[0]?.droppedAt);
  });

  it('instances side by side send each job once (a claim in the store)', async () => {
    const mail = server();
    await projection.applyBatch(Array.from({ length: 12 }, (_, i) => event('Invited', { to: `r${i}@uni.example` })));
    const sent = await Promise.all([worker(mail).pass(), worker(mail).pass(), worker(mail).pass()]);
    assert.equal(sent.reduce((a, b) => a + b, 0), 12);
    assert.equal(new Set(mail.accepted.map((m) => m.messageId)).size, 12);
    assert.equal(mail.accepted.length, 12);
  });

  it('a job held by a worker that died is sent by another once the lease is over', async () => {
    const mail = server();
    const e = event('Invited', { to: 'e@uni.example' });
    await projection.apply(e);
    const until = new Date(Date.now() + 60_000).toISOString();
    await projection.jobs.updateOne({ _id: e.eventId }, { $set: { leaseUntil: until } }); // claimed, then the process died
    assert.equal(await worker(mail).pass(), 0, 'the lease still holds');
    assert.equal(await worker(mail, { now: () => new Date(Date.now() + 61_000) }).pass(), 1);
  });

  it('a started worker sends a new job at once, and after stop sends nothing', async () => {
    const mail = server();
    const w = worker(mail, { pollMs: 3_600_000 });
    w.start();
    await projection.apply(event('Invited', { to: 'f@uni.example' }));
    await expectEventually(() => assert.equal(mail.accepted.length, 1));
    await w.stop();
    await projection.apply(event('Invited', { to: 'g@uni.example' }));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(mail.accepted.length, 1);
  });

  it('a rebuild (reset, then every event again) sends nothing twice', async () => {
    const mail = server();
    const e = event('Invited', { to: 'h@uni.example' });
    await projection.apply(e);
    await worker(mail).pass();
    await projection.reset();
    await projection.apply(e);
    assert.equal(await worker(mail).pass(), 0);
    assert.equal(mail.accepted.length, 1);
  });

  it('the file mailer keeps one file for a message sent twice (same Message-ID), a new file for another', async () => {
    const mailDir = join(dir, 'mail');
    const files = new FileMailer(mailDir);
    const message = { to: 'i@uni.example', subject: 'Hi', text: 'first', kind: 'invitation', messageId: messageIdOf('event-x') };
    await files.send(message);
    await files.send({ ...message, text: 'again' });
    await files.send({ ...message, messageId: messageIdOf('event-y') });
    const names = await readdir(mailDir);
    assert.equal(names.length, 2);
    const first = names.find((name) => name.includes('invitation'));
    assert.ok(first);
    const texts = await Promise.all(names.map((name) => readFile(join(mailDir, name), 'utf8')));
    assert.equal(texts.filter((t) => t.includes(`Message-ID: ${messageIdOf('event-x')}`)).length, 1);
    assert.ok(texts.some((t) => t.includes('again')), 'the resend overwrote the first file');
  });

  it('link tokens: the same for the same purpose and id in every instance, different otherwise, and not guessable from the id', async () => {
    const a = new LinkKeys(documents);
    const b = new LinkKeys(documents); // another instance on the same database
    const token = await a.tokenFor('reset', 'r-1');
    assert.equal(await b.tokenFor('reset', 'r-1'), token);
    assert.notEqual(await a.tokenFor('reset', 'r-2'), token);
    assert.notEqual(await a.tokenFor('invitation', 'r-1'), token);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  });
});
