import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageHandler } from '@nestjs/microservices';
import { Observable, of, throwError } from 'rxjs';
import { parseMessage } from './in-process.transport.js';
import { runHandler } from './run-handler.js';

const handler = (fn: (data: unknown, context: unknown) => unknown) => fn as unknown as MessageHandler;

describe('runHandler', () => {
  it('hands the data and the context over and waits for a promise', async () => {
    const seen: unknown[] = [];
    await runHandler(handler(async (data, context) => void seen.push(data, context)), ['m'], 'ctx');
    assert.deepEqual(seen, [['m'], 'ctx']);
  });

  it('waits for an observable to complete, and fails when it fails', async () => {
    let completed = false;
    const slow = new Observable<number>((s) => {
      setTimeout(() => {
        completed = true;
        s.next(1);
        s.complete();
      }, 20);
    });
    await runHandler(handler(() => slow), [], null);
    assert.equal(completed, true);
    await runHandler(handler(() => of(1)), [], null);
    await assert.rejects(runHandler(handler(() => throwError(() => new Error('bad batch'))), [], null), /bad batch/);
  });

  it('a rejected promise reaches the caller', async () => {
    await assert.rejects(runHandler(handler(async () => { throw new Error('no'); }), [], null), /no/);
  });

  it('a handler that answers a plain value or nothing is done at once', async () => {
    await runHandler(handler(() => 42), [], null);
    await runHandler(handler(() => undefined), [], null);
    await runHandler(handler(() => ({ subscribe: 'not a function' })), [], null);
  });
});

describe('parseMessage', () => {
  it('answers the JSON, the raw text when it is not JSON, and null or undefined as they are', () => {
    assert.deepEqual(parseMessage('{"a":1}'), { a: 1 });
    assert.equal(parseMessage('not json {'), 'not json {');
    assert.equal(parseMessage(null), null);
    assert.equal(parseMessage(undefined), undefined);
    assert.equal(parseMessage(''), '');
  });
});
