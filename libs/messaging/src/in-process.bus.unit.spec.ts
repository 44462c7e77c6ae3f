import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InProcessBus } from './in-process.bus.js';
import type { OutgoingMessage } from './message-publisher.port.js';

const msg = (topic: string, value: string): OutgoingMessage => ({ topic, key: 'k', value });

describe('InProcessBus', () => {
  it('holds what is published before open(), counting it as lag, and delivers it once open', async () => {
    const bus = new InProcessBus();
    const got: string[] = [];
    bus.subscribe('g', 't', async (m) => void got.push(m.value));
    const published = bus.publish([msg('t', 'a'), msg('t', 'b')]);
    await new Promise((r) => setImmediate(r));
    assert.equal(bus.lag(), 2);
    assert.deepEqual(got, []);
    bus.open();
    await published;
    assert.deepEqual(got, ['a', 'b']);
    assert.equal(bus.lag(), 0);
  });

  it('hands each group one batch per topic, and publish resolves only once every group has handled it', async () => {
    const bus = new InProcessBus();
    bus.open();
    const batches: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    bus.subscribeBatch('g1', 't1', async (m) => { await gate; batches.push(`g1:t1:${m.map((x) => x.value).join('')}`); });
    bus.subscribeBatch('g2', 't1', async (m) => void batches.push(`g2:t1:${m.map((x) => x.value).join('')}`));
    bus.subscribeBatch('g1', 't2', async (m) => void batches.push(`g1:t2:${m.map((x) => x.value).join('')}`));
    let resolved = false;
    const published = bus.publish([msg('t1', 'a'), msg('t2', 'x'), msg('t1', 'b')]).then(() => (resolved = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(resolved, false, 'g1 has not handled t1 yet');
    assert.equal(bus.lag(), 3);
    release();
    await published;
    assert.deepEqual(batches.sort(), ['g1:t1:ab', 'g1:t2:x', 'g2:t1:ab']);
  });

  it('keeps a topic in order across publishes, and a failed delivery fails its publish only', async () => {
    const bus = new InProcessBus();
    bus.open();
    const got: string[] = [];
    bus.subscribe('g', 't', async (m) => {
      await new Promise((r) => setTimeout(r, m.value === 'slow' ? 30 : 1));
      if (m.value === 'bad') throw new Error('handler failed');
      got.push(m.value);
    });
    const results = await Promise.allSettled([
      bus.publish([msg('t', 'slow')]),
      bus.publish([msg('t', 'bad')]),
      bus.publish([msg('t', 'after')]),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(got, ['slow', 'after']);
    await bus.close();
  });

  it('once a group left, publishing to its topics fails (nothing dropped) until it subscribes again; other topics flow', async () => {
    const bus = new InProcessBus();
    bus.open();
    const got: string[] = [];
    bus.subscribe('g', 't', async (m) => void got.push(m.value));
    bus.subscribe('other', 'u', async (m) => void got.push(m.value));
    bus.unsubscribeGroup('g');
    await assert.rejects(bus.publish([msg('t', 'lost?')]), /cannot deliver t: consumer g has stopped/);
    assert.equal(bus.lag(), 0);
    await bus.publish([msg('u', 'u1')]);
    bus.subscribe('g', 't', async (m) => void got.push(m.value));
    await bus.publish([msg('t', 'back')]);
    assert.deepEqual(got, ['u1', 'back']);
  });

  it('a group that leaves while a message waits in the topic\'s queue makes that delivery fail', async () => {
    const bus = new InProcessBus();
    bus.open();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    bus.subscribe('g', 't', async () => gate);
    const first = bus.publish([msg('t', '1')]);
    const second = bus.publish([msg('t', '2')]);
    await new Promise((r) => setImmediate(r));
    bus.unsubscribeGroup('g');
    release();
    await first;
    await assert.rejects(second, /consumer g has stopped/);
  });

  it('close() waits for deliveries under way', async () => {
    const bus = new InProcessBus();
    bus.open();
    let done = false;
    bus.subscribe('g', 't', async () => {
      await new Promise((r) => setTimeout(r, 20));
      done = true;
    });
    void bus.publish([msg('t', '1')]);
    await new Promise((r) => setImmediate(r)); // under way: past open(), in the topic's queue
    await bus.close();
    assert.equal(done, true);
  });
});
