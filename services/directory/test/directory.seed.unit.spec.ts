import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { EventStore } from '#libs/event-store';
import { expectEventually } from '#libs/testing';
import { DirectoryHarness } from './directory.harness.js';

interface Item {
  recipientId: string;
  organisationName: string;
  department: string | null;
  country: string;
  kind: string;
}

describe('directory: the full seed (10k universities) on embedded adapters', () => {
  let h: DirectoryHarness;

  after(async () => {
    await h?.close();
  });

  const search = async (q: string): Promise<Item[]> => {
    const token = await h.issuer.sign({ sub: 'cand', roles: ['candidate'], idn: 'C1' });
    const r = await h.api.get('/api/v1/directory/search').query({ q, limit: 10 }).set('authorization', `Bearer ${token}`).expect(200);
    return r.body.items as Item[];
  };

  it('imports every university once, finds "Wase" and "Camb", and a restart imports nothing again', async () => {
    const t0 = performance.now();
    h = await DirectoryHarness.start({ seed: 'full', identityUrl: 'http://127.0.0.1:9' }); // the seed makes no users
    const firstMs = Math.round(performance.now() - t0);
    const store = h.app.get(EventStore);
    // The import runs in the background once the service answers, through the outbox like any write.
    const events = await expectEventually(async () => {
      const n = await store.collection.count({});
      assert.ok(n > 10_200, `only ${n} events`);
      assert.equal(await store.outbox.count({}), 0, 'the outbox has drained');
      return n;
    }, { timeoutMs: 60_000, intervalMs: 200 });
    console.log(`first boot: serving after ${firstMs} ms, ${events} events imported and published after ${Math.round(performance.now() - t0)} ms`);

    const wase = await search('Wase');
    assert.equal(wase[0]?.organisationName, 'Waseda University', JSON.stringify(wase));
    assert.equal(wase[0]?.department, null);
    const waseda = wase.filter((i) => i.organisationName === 'Waseda University');
    assert.ok(waseda.some((i) => i.department === 'Faculty of Science and Engineering'), JSON.stringify(wase));
    assert.ok(waseda.some((i) => i.department === 'School of International Liberal Studies'), JSON.stringify(wase));
    const camb = await search('Camb');
    assert.ok(camb.slice(0, 3).some((i) => i.organisationName === 'University of Cambridge'), JSON.stringify(camb));
    const ukvi = await search('UKVI');
    assert.equal(ukvi[0]?.organisationName, 'UK Visas and Immigration');
    assert.equal(ukvi[0]?.kind, 'immigration');
    await expectEventually(async () => assert.equal(await store.outbox.count({}), 0), { timeoutMs: 60_000 });
    await h.shutdown();

    const t1 = performance.now();
    await h.boot();
    const secondMs = Math.round(performance.now() - t1);
    const restarted = h.app.get(EventStore);
    console.log(`second boot (index rebuilt from events, no import): ${secondMs} ms`);
    assert.equal(await restarted.collection.count({}), events);
    const again = await search('Wase');
    assert.equal(again[0]?.organisationName, 'Waseda University');
    assert.equal(again[0]?.recipientId, wase[0]?.recipientId);

    // The operator's list leaves the imported organisations out until one is edited.
    const operator = await h.issuer.sign({ sub: 'admin', roles: ['operator'] });
    const list = async () => (await h.api.get('/api/v1/admin/organisations').set('authorization', `Bearer ${operator}`).expect(200)).body.items as { organisationId: string; name: string }[];
    assert.deepEqual(await list(), []);
    const registered = await restarted.collection.findOne({ type: 'OrganisationRegistered', 'data.name': 'Waseda University' });
    const organisationId = (registered?.data as { organisationId: string }).organisationId;
    await h.api.patch(`/api/v1/admin/organisations/${organisationId}`).set('authorization', `Bearer ${operator}`).send({ aliases: ['WU'] }).expect(200);
    const listed = await expectEventually(async () => {
      const items = await list();
      assert.equal(items.length, 1);
      return items[0];
    });
    assert.equal(listed?.name, 'Waseda University');
    assert.equal(listed?.organisationId, organisationId);
  });
});
