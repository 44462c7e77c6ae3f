import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { LoggerService } from '@nestjs/common';
import { withService } from './log-stream.js';
import { quietNestBootstrap } from './nest-bootstrap.logger.js';
import { runAsService, serviceInContext } from './service-context.js';

describe('platform logging: each line names its service', () => {
  it('the service in context follows the code across awaits and timers, and two services side by side keep their own', async () => {
    const seen: string[] = [];
    const work = (name: string) =>
      runAsService(name, async () => {
        await sleep(5);
        await new Promise<void>((resolve) =>
          setTimeout(() => {
            seen.push(`${name}:${serviceInContext()}`);
            resolve();
          }, 1),
        );
        seen.push(`${name}:${serviceInContext()}`);
      });
    await Promise.all([work('identity'), work('sharing')]);
    assert.deepEqual(seen.sort(), ['identity:identity', 'identity:identity', 'sharing:sharing', 'sharing:sharing']);
    assert.equal(serviceInContext(), undefined);
  });

  it('a line gets the service in context, else the fallback, before its own fields', () => {
    let current: string | undefined = 'results';
    const format = withService('identity', () => current);
    assert.deepEqual(Object.entries(format({ msg: 'hello' })), [
      ['service', 'results'],
      ['msg', 'hello'],
    ]);
    current = undefined;
    assert.equal(format({ msg: 'hello' }).service, 'identity');
  });
});

describe("platform logging: Nest's bootstrap lines go to debug", () => {
  const recorder = () => {
    const calls: string[] = [];
    const logger: LoggerService = {
      log: (m: unknown, ...p: unknown[]) => void calls.push(`log ${String(m)} ${p.join(' ')}`),
      debug: (m: unknown, ...p: unknown[]) => void calls.push(`debug ${String(m)} ${p.join(' ')}`),
      error: (m: unknown) => void calls.push(`error ${String(m)}`),
      warn: (m: unknown) => void calls.push(`warn ${String(m)}`),
    };
    return { calls, logger: quietNestBootstrap(logger) };
  };

  it('route mappings, module initialisation and "started" lines are debug; the service\'s own info lines stay info', () => {
    const { calls, logger } = recorder();
    logger.log('Mapped {/api/v1/me, GET} route', 'RouterExplorer');
    logger.log('CqrsModule dependencies initialized', 'InstanceLoader');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('operator created', 'Operator');
    logger.log('no context at all');
    logger.warn('careful', 'RouterExplorer');
    assert.deepEqual(calls, [
      'debug Mapped {/api/v1/me, GET} route RouterExplorer',
      'debug CqrsModule dependencies initialized InstanceLoader',
      'debug Nest application successfully started NestApplication',
      'log operator created Operator',
      'log no context at all ',
      'warn careful',
    ]);
  });
});
