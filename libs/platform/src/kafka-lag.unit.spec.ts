import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumerLagFromOffsets, consumerLagProbe, kafkaConsumerLag, type LagAdmin } from './kafka-lag.js';

/** Watermarks as kafkajs's fetchTopicOffsets answers them: [partition, low, high]. */
const wm = (
  ...parts: Array<[number, number, number]>
): Array<{ partition: number; offset: string; high: string; low: string }> =>
  parts.map(([partition, low, high]) => ({
    partition,
    low: String(low),
    high: String(high),
    offset: String(high),
  }));

describe('consumer lag: the arithmetic', () => {
  it('is the high watermark minus the committed offset, per partition, summed per topic and in all', () => {
    const lag = consumerLagFromOffsets(
      'sharing',
      { 'results.v1': wm([0, 0, 100], [1, 0, 50]), 'directory.v1': wm([0, 0, 7]) },
      [
        {
          topic: 'results.v1',
          partitions: [
            { partition: 0, offset: '90' },
            { partition: 1, offset: '50' },
          ],
        },
        { topic: 'directory.v1', partitions: [{ partition: 0, offset: '3' }] },
      ],
    );
    assert.equal(lag.total, 14);
    assert.deepEqual(lag.topics, { 'results.v1': 10, 'directory.v1': 4 });
    assert.deepEqual(
      lag.partitions.map((p) => [p.topic, p.partition, p.committed, p.lag]),
      [
        ['results.v1', 0, 90, 10],
        ['results.v1', 1, 50, 0],
        ['directory.v1', 0, 3, 4],
      ],
    );
  });

  it('counts a partition the group never committed on (-1, or missing) from its low watermark', () => {
    const lag = consumerLagFromOffsets('g', { t: wm([0, 20, 100], [1, 5, 9]) }, [
      { topic: 't', partitions: [{ partition: 0, offset: '-1' }] },
    ]);
    assert.deepEqual(
      lag.partitions.map((p) => [p.committed, p.lag]),
      [
        [null, 80],
        [null, 4],
      ],
    );
    assert.equal(lag.total, 84);
  });

  it('counts from the low watermark when retention deleted past the committed offset, and never goes negative', () => {
    const lag = consumerLagFromOffsets('g', { t: wm([0, 40, 100], [1, 0, 10]) }, [
      {
        topic: 't',
        partitions: [
          { partition: 0, offset: '10' },
          { partition: 1, offset: '12' },
        ],
      },
    ]);
    assert.deepEqual(
      lag.partitions.map((p) => p.lag),
      [60, 0],
    );
    assert.equal(lag.total, 60);
  });

  it('is 0 on an empty topic and ignores committed offsets of topics it was not asked about', () => {
    const lag = consumerLagFromOffsets('g', { t: wm([0, 0, 0]) }, [
      { topic: 'other', partitions: [{ partition: 0, offset: '0' }] },
    ]);
    assert.deepEqual(lag, {
      groupId: 'g',
      total: 0,
      topics: { t: 0 },
      partitions: [{ topic: 't', partition: 0, high: 0, low: 0, committed: null, lag: 0 }],
    });
  });
});

class FakeAdmin implements LagAdmin {
  calls = { topicOffsets: 0, fetchOffsets: 0 };
  high = 10;
  committed = 4;
  fail = false;
  groups: string[] = [];

  fetchTopicOffsets: LagAdmin['fetchTopicOffsets'] = async (topic) => {
    this.calls.topicOffsets++;
    if (this.fail) throw new Error('broker down');
    return wm([0, 0, topic === 'a' ? this.high : 1]);
  };

  fetchOffsets: LagAdmin['fetchOffsets'] = async ({ groupId, topics }) => {
    this.calls.fetchOffsets++;
    this.groups.push(groupId);
    return (topics ?? []).map((topic) => ({
      topic,
      partitions: [{ partition: 0, offset: String(topic === 'a' ? this.committed : 1), metadata: null }],
    }));
  };
}

describe('consumer lag from the brokers (kafkajs admin)', () => {
  it('asks the watermarks of every topic and the group’s committed offsets', async () => {
    const admin = new FakeAdmin();
    const lag = await kafkaConsumerLag(admin, 'results', ['a', 'b']);
    assert.equal(lag.total, 6);
    assert.deepEqual(lag.topics, { a: 6, b: 0 });
    assert.deepEqual(admin.calls, { topicOffsets: 2, fetchOffsets: 1 });
    assert.deepEqual(admin.groups, ['results']);
  });

  it('reuses an answer for 500 ms, then asks again', async () => {
    const admin = new FakeAdmin();
    let now = 1_000;
    const opts = { now: () => now };
    assert.equal((await kafkaConsumerLag(admin, 'g', ['a'], opts)).total, 6);
    admin.committed = 10;
    now += 499;
    assert.equal((await kafkaConsumerLag(admin, 'g', ['a'], opts)).total, 6, 'cached');
    assert.equal(admin.calls.fetchOffsets, 1);
    now += 1;
    assert.equal((await kafkaConsumerLag(admin, 'g', ['a'], opts)).total, 0, 'fresh after 500 ms');
    assert.equal(admin.calls.fetchOffsets, 2);
    // Another group (or other topics) is another question.
    await kafkaConsumerLag(admin, 'other', ['a'], opts);
    assert.equal(admin.calls.fetchOffsets, 3);
  });

  it('shares one round trip between concurrent callers and does not cache a failure', async () => {
    const admin = new FakeAdmin();
    const now = () => 5_000;
    const [x, y] = await Promise.all([
      kafkaConsumerLag(admin, 'g', ['a'], { now }),
      kafkaConsumerLag(admin, 'g', ['a'], { now }),
    ]);
    assert.equal(x, y);
    assert.equal(admin.calls.fetchOffsets, 1);

    const failing = new FakeAdmin();
    failing.fail = true;
    await assert.rejects(kafkaConsumerLag(failing, 'g', ['a'], { now }), /broker down/);
    failing.fail = false;
    assert.equal(
      (await kafkaConsumerLag(failing, 'g', ['a'], { now })).total,
      6,
      'asked again at once after a failure',
    );
  });

  it('makes a readiness probe: backlog = total lag, topics = lag per topic', async () => {
    const admin = new FakeAdmin();
    const report = await consumerLagProbe(admin, 'sharing', ['a', 'b'], { maxAgeMs: 0 })();
    assert.equal(report.backlog, 6);
    assert.deepEqual(report.topics, { a: 6, b: 0 });
    assert.deepEqual(report.detail, {
      groupId: 'sharing',
      partitions: [{ topic: 'a', partition: 0, lag: 6 }],
    });
  });
});
