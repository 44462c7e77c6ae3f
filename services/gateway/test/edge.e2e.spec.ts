import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmbedded, type EmbeddedSystem } from '../../../launcher/embedded.js';

interface Answer {
  status: number;
  body: string;
  json: { statusCode?: number; message?: string; accessToken?: string; idNumber?: string; secretNumber?: string };
}

/** A raw request: the path goes out exactly as written (fetch would normalise dot segments). */
function send(base: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(base);
  const all = body === undefined ? headers : { 'content-type': 'application/json', ...headers };
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers: all }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json: Answer['json'];
        try {
          json = JSON.parse(text) as Answer['json'];
        } catch {
          json = {};
        }
        resolve({ status: res.statusCode ?? 0, body: text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const INTERNALS = ['/metrics', '/health', '/health/live', '/health/ready', '/openapi.json'];

describe('the HTTP edge of the whole system (embedded): issue 8, items 1, 2 and 4', () => {
  let system: EmbeddedSystem;
  let dataDir: string;
  let admin: string;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const mails = async () => (await readdir(system.mailDir).catch(() => [])).length;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'edge-e2e-'));
    system = await startEmbedded({ port: 0, dataDir, seed: 'none', logLevel: 'fatal', adminEmail: 'operator@edge.test', adminPassword: 'operator-password-123' });
    const login = await send(system.url, 'POST', '/api/v1/auth/login', JSON.stringify({ email: 'operator@edge.test', password: 'operator-password-123' }));
    assert.equal(login.status, 200, login.body);
    admin = login.json.accessToken ?? '';
  });

  after(async () => {
    await system?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the services serve no internals on their API ports, only on their internal listeners', async () => {
    for (const service of system.services.filter((s) => s.name !== 'gateway')) {
      for (const path of INTERNALS) {
        assert.equal((await send(service.url, 'GET', path)).status, 404, `${service.name} API ${path}`);
      }
      assert.equal((await send(service.internalUrl, 'GET', '/health')).status, 200, `${service.name} internal /health`);
      assert.match((await send(service.internalUrl, 'GET', '/metrics')).body, /process_cpu/);
    }
    assert.equal((await send(system.url, 'GET', '/health')).status, 200, 'the gateway’s /health stays public');
  });

  it('no traversal through the gateway reaches a service’s /metrics, /health or /openapi.json', async () => {
    const targets = ['metrics', 'health', 'health%2fready', 'openapi.json'];
    const shapes = (t: string) => [`..\\..\\..\\${t.replace('%2f', '/')}`, `%2e%2e%5c%2e%2e%5c%2e%2e%5c${t}`, `..%2f..%2f..%2f${t}`, `..%2F..%2F..%2F${t}`];
    for (const target of targets) {
      for (const shape of shapes(target)) {
        for (const path of [`/api/v1/verification/${shape}`, `/api/v1/institution/shares/..%2f${shape}`]) {
          const r = await send(system.url, 'GET', path, undefined, bearer(admin));
          assert.ok(r.status === 404 || r.status === 403, `${path} → ${r.status}`);
          assert.doesNotMatch(r.body, /process_cpu|"openapi"|"uptimeSeconds"|"backlog"/, path);
        }
      }
    }
  });

  it('an undeclared method on a routed path is a 405 with Allow', async () => {
    const r = await send(system.url, 'PUT', '/api/v1/auth/login', '{}');
    assert.equal(r.status, 405);
    assert.equal(r.json.statusCode, 405);
  });

  it('a lone surrogate in the e-mail of every e-mail route is a 400, and nothing is written', async () => {
    const entry = await send(system.url, 'POST', '/api/v1/admin/entries', JSON.stringify({ name: 'Edge Candidate', dateOfBirth: '2000-01-01', exam: 'C1 Advanced', centre: 'JP001' }), bearer(admin));
    assert.equal(entry.status, 201, entry.body);
    const { idNumber, secretNumber } = entry.json;
    const lone = 'edge\\ud800@example.com';
    const routes: [string, string, Record<string, string>][] = [
      ['/api/v1/auth/login', `{"email":"${lone}","password":"a long password"}`, {}],
      ['/api/v1/auth/password-reset', `{"email":"${lone}"}`, {}],
      ['/api/v1/candidates', `{"idNumber":"${idNumber}","secretNumber":"${secretNumber}","email":"${lone}","password":"a long password"}`, {}],
      ['/api/v1/admin/organisations', `{"name":"Edge Org","kind":"education","country":"Japan","website":"https://edge.example","email":"${lone}"}`, bearer(admin)],
    ];
    const mailsBefore = await mails();
    for (const [path, body, headers] of routes) {
      const r = await send(system.url, 'POST', path, body, headers);
      assert.equal(r.status, 400, `${path}: ${r.body}`);
      assert.match(r.json.message ?? '', /email must be well-formed Unicode/);
    }
    assert.equal(await mails(), mailsBefore, 'no password-reset e-mail went out');
    // The candidate was not registered: registering now works; an invitation with a lone surrogate sends nothing.
    const registered = await send(system.url, 'POST', '/api/v1/candidates', JSON.stringify({ idNumber, secretNumber, email: 'edge@example.com', password: 'a long password' }));
    assert.equal(registered.status, 201, registered.body);
    const candidate = await send(system.url, 'POST', '/api/v1/auth/login', JSON.stringify({ idNumber, password: 'a long password' }));
    const mailsBeforeInvitation = await mails();
    const invitation = await send(system.url, 'POST', '/api/v1/directory/invitations', `{"organisationName":"Edge Poly","email":"${lone}","website":"https://edge-poly.example"}`, bearer(candidate.json.accessToken ?? ''));
    assert.equal(invitation.status, 400, invitation.body);
    assert.equal(await mails(), mailsBeforeInvitation, 'no invitation e-mail went out');
    const organisation = await send(system.url, 'POST', '/api/v1/admin/organisations', JSON.stringify({ name: 'Edge Org', kind: 'education', country: 'Japan', website: 'https://edge.example', email: 'edge-org@example.com' }), bearer(admin));
    assert.equal(organisation.status, 201, `the refused one left nothing behind: ${organisation.body}`);
  });

  it('deep nesting (2,000 and 5,000 levels) is a 400, and control or bidi characters in a name are a 400 naming the field', async () => {
    for (const depth of [2_000, 5_000]) {
      const r = await send(system.url, 'POST', '/api/v1/auth/login', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
      assert.equal(r.status, 400, `${depth} levels`);
      assert.match(r.json.message ?? '', /nests more than 32 levels/);
    }
    for (const [name, message] of [
      ['Hanako\\u0000', /^name must not contain control characters$/],
      ['Hanako\\u202eokaY', /^name must not contain bidirectional/],
    ] as const) {
      const r = await send(system.url, 'POST', '/api/v1/admin/entries', `{"name":"${name}","dateOfBirth":"2000-01-01","exam":"C1 Advanced","centre":"JP001"}`, bearer(admin));
      assert.equal(r.status, 400, r.body);
      assert.match(r.json.message ?? '', message);
    }
  });

  it('65 failed logins from one client, each with a different X-Forwarded-For, meet the per-address limit (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) {
      const r = await send(system.url, 'POST', '/api/v1/auth/login', JSON.stringify({ email: 'nobody@edge.test', password: 'wrong password' }), { 'x-forwarded-for': `203.0.113.${i}` });
      statuses.push(r.status);
    }
    assert.ok(statuses.includes(429), `statuses: ${[...new Set(statuses)].join(', ')}`);
    assert.ok(statuses.every((s) => s === 401 || s === 429));
  });
});
