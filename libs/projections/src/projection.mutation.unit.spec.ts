// Cases StrykerJS showed unpinned (npm run test:mutation): the inline path and the relay's path
// of ProjectionSink (live or not, applied once, applied again when the inline try failed), and the
// batches of rebuildProjection.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventStore, StoredEvent } from '#libs/event-store';
import { ProjectionSink, rebuildProjection, type ApplyContext, type Projection } from './projection.js';

const ev = (id: string) => ({ eventId: id }) as unknown as StoredEvent;
const ids = (events: readonly StoredEvent[]) => events.map((e) => e.eventId);

class Batching implements Projection {
  readonly name = 'batching';
  calls: { ids: string[]; live: boolean }[] = [];
  resets = 0;
  failNext = false;
  apply(): Promise<void> {
    throw new Error('applyBatch is preferred');
  }
  async applyBatch(events: readonly StoredEvent[], context: ApplyContext): Promise<void> {
    this.calls.push({ ids: ids(events), live: context.live });
    if (this.failNext) {
      this.failNext = false;
      throw new Error('read model down');
    }
  }
  async reset(): Promise<void> {
    this.resets++;
  }
}

describe('ProjectionSink and rebuildProjection (mutation cases)', () => {
  it('applies a live append once, live; the relay then applies only what it did not see', async () => {
    const p = new Batching();
    const sink = new ProjectionSink([p]);
    assert.equal(sink.name, 'projections');
    await sink.applyInline([ev('a'), ev('b')]);
    await sink.handle([ev('a'), ev('b'), ev('c')]);
    assert.deepEqual(p.calls, [
      { ids: ['a', 'b'], live: true },
      { ids: ['c'], live: false },
    ]);
    // Handled events are forgotten: a redelivery is applied again (apply is idempotent).
    await sink.handle([ev('a')]);
    assert.deepEqual(p.calls.at(-1), { ids: ['a'], live: false });
  });

  it('nothing pending: no call at all', async () => {
    const p = new Batching();
    const sink = new ProjectionSink([p]);
    await sink.applyInline([ev('a')]);
    await sink.handle([ev('a')]);
    await sink.handle([]);
    assert.deepEqual(p.calls, [{ ids: ['a'], live: true }]);
  });

  it('a failed inline apply leaves the events to the relay', async () => {
    const p = new Batching();
    const sink = new ProjectionSink([p]);
    p.failNext = true;
    await assert.rejects(sink.applyInline([ev('a')]), /read model down/);
    await sink.handle([ev('a')]);
    assert.deepEqual(p.calls, [
      { ids: ['a'], live: true },
      { ids: ['a'], live: false },
    ]);
  });

  it('without applyBatch, events are applied one by one, in order', async () => {
    const seen: string[] = [];
    const p: Projection = { name: 'single', apply: async (e) => void seen.push(e.eventId), reset: async () => {} };
    await new ProjectionSink([p]).handle([ev('a'), ev('b')]);
    assert.deepEqual(seen, ['a', 'b']);
  });

  it('rebuilds from zero in batches of batchSize, never an empty one, and counts the events', async () => {
    const store = (n: number) =>
      ({
        async *readAll() {
          for (let i = 1; i <= n; i++) yield ev(`e${i}`);
        },
      }) as unknown as EventStore;
    const p = new Batching();
    assert.equal(await rebuildProjection(store(5), p, 2), 5);
    assert.equal(p.resets, 1);
    assert.deepEqual(p.calls.map((c) => c.ids), [['e1', 'e2'], ['e3', 'e4'], ['e5']]);
    assert.ok(p.calls.every((c) => !c.live));
    const q = new Batching();
    assert.equal(await rebuildProjection(store(4), q, 2), 4);
    assert.deepEqual(q.calls.map((c) => c.ids), [['e1', 'e2'], ['e3', 'e4']]);
  });
});
