import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageHandler } from '@nestjs/microservices';
import { InProcessBus } from './in-process.bus.js';
import { InProcessContext, InProcessTransport } from './in-process.transport.js';

describe('InProcessTransport', () => {
  it('subscribes its group to each handler\'s topic, hands over the parsed batch with the topic as context, and leaves on close', async () => {
    const bus = new InProcessBus();
    const transport = new InProcessTransport(bus, 'group-1');
    const seen: { data: unknown; args: unknown }[] = [];
    const handler = (async (data: unknown, context: InProcessContext) => void seen.push({ data, args: context.getArgs() })) as unknown as MessageHandler;
    transport.addHandler('t1', handler, true);
    let listening = false;
    transport.listen(() => (listening = true));
    assert.equal(listening, true);
    assert.equal(transport.unwrap<InProcessBus>(), bus);
    bus.open();
    await bus.publish([{ topic: 't1', key: 'k', value: '{"a":1}' }, { topic: 't1', key: 'k', value: 'not json' }]);
    assert.deepEqual(seen, [{ data: [{ a: 1 }, 'not json'], args: ['t1'] }]);
    await bus.publish([{ topic: 'nobody-reads-this', key: 'k', value: '{}' }]);
    transport.close();
    await assert.rejects(bus.publish([{ topic: 't1', key: 'k', value: '{}' }]), /consumer group-1 has stopped/);
  });
});
