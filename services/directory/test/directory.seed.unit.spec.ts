import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { EventStore } from '#libs/event-store';
import { InProcessBus } from '#libs/messaging';
import type { RunningService, ServiceInfrastructure } from '#libs/platform';
import { expectEventually, TestTokenIssuer } from '#libs/testing';
import { bootDirectory } from './boot.js';

interface Item {
  recipientId: string;
  organisationName: string;
  department: string | null;
  country: string;
  kind: string;
}

describe('directory: the full seed (10k universities) on embedded adapters', () => {
  let issuer: TestTokenIssuer;
  let dataDir: string;
  let running: { service: RunningService; infra: ServiceInfrastructure } | null = null;

  before(async () => {
    issuer = await TestTokenIssuer.start();
    dataDir = await mkdtemp(join(tmpdir(), 'directory-seed-'));
  });

  after(async () => {
    await running?.service.close();
    await issuer.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const boot = async () => {
    const bus = new InProcessBus();
    bus.open();
    const started = performance.now();
    running = await bootDirectory({ dataDir, bus, issuer, seed: 'full', identityUrl: 'http://127.0.0.1:9' }); // the seed makes no users
    return { ms: Math.round(performance.now() - started), service: running.service };
  };
  const stop = async () => {
    if (!running) return;
    const { service, infra } = running;
    running = null;
    const store = service.app.get(EventStore);
    await expectEventually(async () => assert.equal(await store.outbox.count({}), 0), { timeoutMs: 60_000 });
    await service.close();
    await infra.documents.close();
  };
  const search = async (service: RunningService, q: string): Promise<Item[]> => {
    const token = await issuer.sign({ sub: 'cand', roles: ['candidate'], idn: 'C1' });
    const r = await request(service.url).get('/api/v1/directory/search').query({ q, limit: 10 }).set('authorization', `Bearer ${token}`).expect(200);
    return r.body.items as Item[];
  };

  it('imports every university once, finds "Wase" and "Camb", and a restart imports nothing again', async () => {
    const t0 = performance.now();
    const first = await boot();
    const store = first.service.app.get(EventStore);
    // The import runs in the background once the service answers, through the outbox like any write.
    const events = await expectEventually(async () => {
      const n = await store.collection.count({});
      assert.ok(n > 10_200, `only ${n} events`);
      assert.equal(await store.outbox.count({}), 0, 'the outbox has drained');
      return n;
    }, { timeoutMs: 60_000, intervalMs: 200 });
    console.log(`first boot: serving after ${first.ms} ms, ${events} events imported and published after ${Math.round(performance.now() - t0)} ms`);

    const wase = await search(first.service, 'Wase');
    assert.equal(wase[0]?.organisationName, 'Waseda University', JSON.stringify(wase));
    assert.equal(wase[0]?.department, null);
    const waseda = wase.filter((i) => i.organisationName === 'Waseda University');
    assert.ok(waseda.some((i) => i.department === 'Faculty of Science and Engineering'), JSON.stringify(wase));
    assert.ok(waseda.some((i) => i.department === 'School of International Liberal Studies'), JSON.stringify(wase));
    const camb = await search(first.service, 'Camb');
    assert.ok(camb.slice(0, 3).some((i) => i.organisationName === 'University of Cambridge'), JSON.stringify(camb));
    const ukvi = await search(first.service, 'UKVI');
    assert.equal(ukvi[0]?.organisationName, 'UK Visas and Immigration');
    assert.equal(ukvi[0]?.kind, 'immigration');
    await stop();

    const second = await boot();
    const restarted = second.service.app.get(EventStore);
    console.log(`second boot (index rebuilt from events, no import): ${second.ms} ms`);
    assert.equal(await restarted.collection.count({}), events);
    const again = await search(second.service, 'Wase');
    assert.equal(again[0]?.organisationName, 'Waseda University');
    assert.equal(again[0]?.recipientId, wase[0]?.recipientId);
  });
});
