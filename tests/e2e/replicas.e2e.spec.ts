import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DistributedSystem } from '../../launcher/distributed.js';
import { instanceId } from '../../services/gateway/src/upstreams/upstream-instance.js';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';
import { streamEventTypes } from './white-box.js';

/** What one call through the gateway came back with. */
interface Call {
  status: number;
  servedBy: string | undefined;
  retryAfter: string | undefined;
  what: string;
}

/**
 * Distributed mode (no seed) with two instances of sharing and of identity behind one gateway:
 * calls reach both instances; a sharing instance SIGKILLed under load costs no call a 500 (at most
 * a 503 with Retry-After while the gateway notices); an instance started again and an added one
 * get their share of the calls without restarting the gateway.
 */
describe('distributed mode: several instances of a service behind the gateway', { skip: !modes().includes('distributed') }, () => {
  let system: SystemUnderTest;
  let d: DistributedSystem;
  let api: Api;
  const tag = runTag();
  const state: { admin?: string; candidate?: string; share?: { resultId: string; recipientId: string; consent: true } } = {};

  const idOf = (service: 'sharing' | 'identity', index: number) => `${service}-${instanceId(d.instanceUrl(service, index))}`;
  const call = async (what: 'shares' | 'me' | 'send'): Promise<Call> => {
    const r =
      what === 'shares'
        ? await api.get('/api/v1/me/shares', state.candidate)
        : what === 'me'
          ? await api.get('/api/v1/me', state.candidate)
          : await api.post('/api/v1/me/shares', state.share, state.candidate);
    const header = (name: string) => (r.headers[name] as string | undefined) ?? undefined;
    return { status: r.status, servedBy: header('x-served-by'), retryAfter: header('retry-after'), what };
  };
  /** Calls until every instance in `ids` has answered one (each call must be a 2xx), up to `ms`. */
  const untilServedBy = async (what: 'shares' | 'me', ids: string[], ms: number) => {
    const seen = new Set<string>();
    const deadline = Date.now() + ms;
    let calls = 0;
    while (ids.some((id) => !seen.has(id))) {
      const c = await call(what);
      calls++;
      assert.ok(c.status >= 200 && c.status < 300, `${what}: ${c.status}`);
      if (c.servedBy) seen.add(c.servedBy);
      if (Date.now() > deadline) assert.fail(`${what}: after ${calls} calls in ${ms / 1000} s, answered by ${[...seen].join(', ')}; expected ${ids.join(', ')}`);
      await sleep(20);
    }
    return seen;
  };

  before(async () => {
    system = await startSystem('distributed', 'none', undefined, undefined, { sharing: 2, identity: 2 });
    assert.ok(system.distributed);
    d = system.distributed;
    api = new Api(system.url);
    const budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
    state.admin = await api.loginEventually({ email: system.adminEmail, password: system.adminPassword }, budgets.deadline());
    const org = await api
      .post(
        '/api/v1/admin/organisations',
        { name: `Replica College ${tag}`, kind: 'education', country: 'Japan', website: `https://replica-${tag}.example.ac.jp`, email: `office-${tag}@replica.example`, accounts: [{ department: 'Admissions' }] },
        state.admin,
      )
      .expect(201);
    const entry = await api.post('/api/v1/admin/entries', { name: 'Rei Replica', dateOfBirth: '2000-01-02', exam: 'C1 Advanced', centre: 'JP001' }, state.admin).expect(201);
    const result = await api.post('/api/v1/admin/results', sampleResult(entry.body.idNumber as string), state.admin).expect(201);
    const password = 'replica candidate password';
    await api.register({ idNumber: entry.body.idNumber as string, secretNumber: entry.body.secretNumber as string, email: `rei-${tag}@mail.example`, password }, budgets.deadline());
    state.candidate = await api.login({ idNumber: entry.body.idNumber as string, password });
    state.share = { resultId: result.body.resultId as string, recipientId: org.body.recipients[0].recipientId as string, consent: true };
    await poll(() => api.post('/api/v1/me/shares', state.share, state.candidate), {
      what: 'the first share (the result and the account reach sharing through Kafka)',
      deadline: budgets.deadline(),
      retryOn: [404],
      accept: (a) => (a.status === 201 || a.status === 200 ? a : undefined),
    });
  });

  after(async () => {
    await system?.stop();
  });

  it('runs two instances of sharing and identity, and the gateway spreads calls over both', async () => {
    assert.equal(d.instances('sharing').length, 2);
    assert.equal(d.instances('identity').length, 2);
    assert.equal(d.instances('results').length, 1);
    await untilServedBy('shares', [idOf('sharing', 0), idOf('sharing', 1)], 20_000);
    await untilServedBy('me', [idOf('identity', 0), idOf('identity', 1)], 20_000);
    // Round robin: over 20 calls, each instance answers about half.
    const counts = new Map<string, number>();
    for (let i = 0; i < 20; i++) {
      const c = await call('shares');
      assert.equal(c.status, 200);
      counts.set(c.servedBy ?? '?', (counts.get(c.servedBy ?? '?') ?? 0) + 1);
    }
    assert.deepEqual([...counts.keys()].sort(), [idOf('sharing', 0), idOf('sharing', 1)].sort());
    for (const n of counts.values()) assert.ok(n >= 6, `spread: ${JSON.stringify([...counts])}`);
  });

  it('two identity instances booting at once added the operator once: no password "change" that would end sessions', async () => {
    const types = await streamEventTypes('identity', system.data.namespace, `user-${system.adminEmail}`);
    assert.deepEqual(types, ['OperatorAdded']);
  });

  it('keeps answering while a sharing instance is SIGKILLed: no 500, at most a 503 with Retry-After', async () => {
    const calls: Call[] = [];
    let running = true;
    const load = (async () => {
      for (let i = 0; running; i++) {
        calls.push(await call((['shares', 'send', 'me'] as const)[i % 3]));
        await sleep(10);
      }
    })();
    await sleep(1_000);
    const killedAt = calls.length;
    await d.stopInstance('sharing', 1, 'SIGKILL');
    assert.equal(d.instances('sharing')[1]?.signalCode, 'SIGKILL');
    await sleep(3_000);
    running = false;
    await load;
    const after = calls.slice(killedAt);
    assert.ok(after.length > 30, `calls went on after the kill: ${after.length}`);
    const failed = calls.filter((c) => c.status >= 500 && !(c.status === 503 && c.retryAfter === '2'));
    assert.deepEqual(failed, [], 'no 500, and every 503 says Retry-After');
    const unavailable = calls.filter((c) => c.status === 503);
    console.log(`replicas: ${calls.length} calls (${after.length} after the SIGKILL), ${unavailable.length} answered 503`);
    assert.ok(unavailable.length <= 2, `at most the calls in flight at the kill were refused: ${JSON.stringify(unavailable)}`);
    for (const c of calls.filter((x) => x.status !== 503)) assert.ok([200, 201].includes(c.status), JSON.stringify(c));
    // Noticed: from a second after the kill, every sharing call is answered by the instance left.
    const settled = await Promise.all(Array.from({ length: 10 }, () => call('shares')));
    assert.deepEqual(new Set(settled.map((c) => `${c.status} ${c.servedBy}`)), new Set([`200 ${idOf('sharing', 0)}`]));
  });

  it('sends to the killed instance again once it is started, and to an added instance, without restarting the gateway', async () => {
    await d.startInstance('sharing', 1);
    await untilServedBy('shares', [idOf('sharing', 0), idOf('sharing', 1)], 15_000);
    const added = await d.addInstance('sharing');
    assert.equal(added, 2);
    assert.equal(d.instances('sharing').length, 3);
    const seen = await untilServedBy('shares', [idOf('sharing', 2)], 15_000);
    assert.ok(seen.has(idOf('sharing', 2)));
    const health = (await api.get('/health').expect(200)).body as { services: Record<string, { instances?: { total: number; up: number; ready: number } }> };
    assert.equal(health.services.sharing?.instances?.total, 3, 'the gateway counts three sharing instances');
    assert.equal(health.services.sharing?.instances?.up, 3);
  });
});
