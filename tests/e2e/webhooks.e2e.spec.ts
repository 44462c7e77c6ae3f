import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { engineUrls } from '#libs/testing';
import { Api, runTag } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

/** Every byte sharing stored: its files (embedded) or its webhook subscriptions as MongoDB holds them (distributed). */
async function storedBySharing(system: SystemUnderTest): Promise<string> {
  if (system.mode === 'embedded') {
    const files = await readdir(join(system.data.dataDir, 'sharing'), { recursive: true, withFileTypes: true });
    return (await Promise.all(files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name), 'utf8')))).join('\n');
  }
  const client = await MongoClient.connect(engineUrls.mongoUri);
  try {
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    const [name] = databases.map((d) => d.name).filter((n) => n.includes(system.data.namespace) && n.includes('sharing'));
    assert.ok(name, `no sharing database for namespace ${system.data.namespace}`);
    return JSON.stringify(await client.db(name).collection('webhook_subscriptions').find({}).toArray());
  } finally {
    await client.close();
  }
}

for (const mode of modes()) {
  describe(`webhooks through the gateway: public hosts only, secrets sealed (${mode} mode)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let org: string;
    const tag = runTag();

    before(async () => {
      system = await startSystem(mode, 'none');
      const budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
      const admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      const email = `hooks-${tag}@org.example`;
      await api
        .post('/api/v1/admin/organisations', { name: `Hooks ${tag}`, kind: 'employer', country: 'Japan', website: `https://hooks-${tag}.example`, email }, admin)
        .expect(201);
      const token = await api.resetToken(system.mailDir, email, budgets.deadline());
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'organisation password' }).expect(204);
      org = await api.loginEventually({ email, password: 'organisation password' }, budgets.deadline());
    });
    after(async () => {
      await system?.stop();
    });

    const put = (url: string) => request(system.url).put('/api/v1/institution/webhook').set('authorization', `Bearer ${org}`).send({ url });

    it('refuses internal, encoded and local targets and other ports with 400 WEBHOOK.BAD_URL (issue 8, item 3)', async () => {
      for (const url of [
        'https://127.0.0.1/', 'https://localhost/', 'https://[::1]/', 'https://10.0.0.1/', 'https://169.254.169.254/latest/meta-data/',
        'https://0x7f000001/', 'https://2130706433/', 'https://0177.0.0.1/', 'https://127.1/', 'https://[::ffff:127.0.0.1]/',
        'https://100.64.0.1/', 'https://[fd00::1]/', 'https://hooks.example.com:25/', 'http://hooks.example.com/',
      ]) {
        const r = await put(url);
        assert.equal(r.status, 400, `${url}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.code, 'WEBHOOK.BAD_URL', url);
      }
      await api.get('/api/v1/institution/webhook', org).expect(404);
    });

    it('takes a public https URL and stores its secret only sealed (issue 8, item 8)', async () => {
      const r = await put('https://hooks.example.com:8443/results').expect(200);
      const secret = r.body.secret as string;
      assert.match(secret, /^whsec_/);
      const stored = await storedBySharing(system);
      assert.match(stored, /sealed:v1:/);
      assert.ok(!stored.includes(secret.slice('whsec_'.length)), 'the clear secret is in the store');
      const shown = await api.get('/api/v1/institution/webhook', org).expect(200);
      assert.equal(shown.body.url, 'https://hooks.example.com:8443/results');
      assert.equal(shown.body.secret, undefined);
    });
  });
}
