import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '#libs/contracts';
import { engineUrls, tokenFromMail } from '#libs/testing';
import { Api, runTag } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

/** Every message on a topic from its start, read raw as another consumer would, until `done` says so. */
async function readTopic(topic: string, done: (values: string[]) => boolean, timeoutMs = 30_000): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'e2e-credentials', brokers: engineUrls.kafkaBrokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `e2e-credentials-${runTag()}`, maxWaitTimeInMs: 100 });
  const values: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const finished = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topic}: ${values.length} messages, not all seen in ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value?.toString('utf8') ?? '');
          if (done(values)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await finished;
    return values;
  } finally {
    await consumer.disconnect();
  }
}

for (const mode of modes()) {
  describe(`credentials stay in identity (${mode} mode)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    let admin: string;
    const tag = runTag();
    const organisation = (name: string, email: string) =>
      api.post('/api/v1/admin/organisations', { name: `${name} ${tag}`, kind: 'education', country: 'Japan', website: `https://${name.toLowerCase()}-${tag}.example`, email }, admin);

    before(async () => {
      system = await startSystem(mode, 'none');
      budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
      admin = await api.loginEventually({ email: system.adminEmail, password: system.adminPassword }, budgets.deadline());
    });

    after(async () => {
      await system?.stop();
    });

    it("refuses an organisation whose e-mail is the operator's or another organisation's (409), and the operator still logs in", async () => {
      const operator = await organisation('Mimic', system.adminEmail.toUpperCase()).expect(409);
      assert.equal(operator.body.code, 'ACCOUNT.EMAIL_TAKEN');
      assert.match(operator.body.message, /already belongs to another account/);
      const email = `admissions-${tag}@first.example`;
      await organisation('First', email).expect(201);
      const second = await organisation('Second', email).expect(409);
      assert.match(second.body.message, new RegExp(`${email.replace(/[.]/g, '\\.')}`));
      await api.login({ email: system.adminEmail, password: system.adminPassword });
    });

    it('refuses to accept an invitation for an address that already has an account (409); a fresh one logs in at once', async () => {
      // Candidates invite organisations: one registers through an entry.
      const entry = await api.post('/api/v1/admin/entries', { name: 'Kei Sato', dateOfBirth: '2000-01-01', exam: 'C1 Advanced', centre: 'JP001' }, admin).expect(201);
      const password = 'candidate long password';
      await api.register({ idNumber: entry.body.idNumber, secretNumber: entry.body.secretNumber, email: `kei-${tag}@mail.example`, password }, budgets.deadline());
      const token = await api.login({ idNumber: entry.body.idNumber, password });
      const invite = async (name: string, email: string) => {
        await api.post('/api/v1/directory/invitations', { organisationName: `${name} ${tag}`, email, website: `https://${name.toLowerCase()}-${tag}.example.edu` }, token).expect(202);
        return tokenFromMail(system.mailDir, email, '/invitations/accept', Math.max(budgets.deadline() - Date.now(), 5_000));
      };
      const taken = await invite('Takenhall', system.adminEmail);
      const refused = await api.post(`/api/v1/directory/invitations/${taken}/accept`, { contactName: 'Mallory', password: 'a long enough password' }).expect(409);
      assert.equal(refused.body.code, 'ACCOUNT.EMAIL_TAKEN');
      const fresh = `office-${tag}@freshhall.example.edu`;
      const accepted = await api.post(`/api/v1/directory/invitations/${await invite('Freshhall', fresh)}/accept`, { contactName: 'Aki', password: 'freshhall password' }).expect(201);
      // identity created the user before the organisation was appended: no waiting for an event.
      await api.login({ email: fresh, password: 'freshhall password' });

      if (system.mode !== 'distributed') return;
      const organisationId = accepted.body.organisationId as string;
      // This run's topic holds the two organisations of these tests (seed: none), in any order across partitions.
      const values = await readTopic(`${system.data.namespace}.${Topics.organisations}`, (seen) => seen.length >= 2 && seen.some((v) => v.includes(organisationId)));
      for (const value of values) assert.doesNotMatch(value, /passwordHash|\$argon2|freshhall password/);
      const registered = values.map((v) => JSON.parse(v) as { data: { organisationId: string; firstUser: unknown } }).find((e) => e.data.organisationId === organisationId);
      assert.deepEqual(registered?.data.firstUser, { email: fresh, contactName: 'Aki' });
    });
  });
}
