import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageHandler } from '@nestjs/microservices';
import { InProcessBus } from '#libs/messaging';
import { runAsService, serviceInContext } from './service-context.js';
import { ServiceInProcessTransport } from './service-in-process.transport.js';

describe('platform: a consumer on the in-process bus runs as its own service', () => {
  it('a message published by results is handled as identity and as sharing, each in its own context', async () => {
    const bus = new InProcessBus();
    const seen: string[] = [];
    for (const service of ['identity', 'sharing']) {
      const transport = new ServiceInProcessTransport(bus, service);
      const handler = (async (data: unknown) => {
        await Promise.resolve();
        seen.push(`${service} saw ${JSON.stringify(data)} as ${serviceInContext()}`);
      }) as unknown as MessageHandler;
      transport.addHandler('results.entry.v1', handler, true);
      transport.listen(() => undefined);
    }
    bus.open();
    await runAsService('results', () => bus.publish([{ topic: 'results.entry.v1', key: 'k', value: '{"n":1}' }]));
    assert.deepEqual(seen, ['identity saw [{"n":1}] as identity', 'sharing saw [{"n":1}] as sharing']);
  });
});
