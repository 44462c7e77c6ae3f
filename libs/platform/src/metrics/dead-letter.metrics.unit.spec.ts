import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeadLetter } from '#libs/messaging';
import { Registry } from 'prom-client';
import { countedDeadLetters } from './dead-letter.metrics.js';

const letter: DeadLetter = { topic: 'results.result.v1', consumer: 'sharing', reason: 'schema', payload: {} };

describe('platform: dead letters are counted', () => {
  it('once each is parked, by service and topic; one that could not be parked is not', async () => {
    const registry = new Registry();
    const parked: DeadLetter[] = [];
    let fail = false;
    const letters = countedDeadLetters(
      {
        put: async (l) => {
          if (fail) throw new Error('broker away');
          parked.push(l);
        },
      },
      'sharing',
      registry,
    );
    await letters.put(letter);
    await letters.put(letter);
    fail = true;
    await assert.rejects(letters.put(letter), /broker away/);
    assert.equal(parked.length, 2);
    assert.match(await registry.metrics(), /^dead_letters_total\{service="sharing",topic="results.result.v1"\} 2$/m);
  });
});
