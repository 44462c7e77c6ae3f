import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { asyncApiDocument } from './asyncapi.document.js';

describe('docs/asyncapi.json', () => {
  it('is up to date with the contracts (regenerate: node dist/tools/asyncapi/generate.js)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../docs/asyncapi.json', import.meta.url), 'utf8')) as unknown;
    assert.deepEqual(committed, JSON.parse(JSON.stringify(asyncApiDocument())));
  });

  it('documents the three events the users named, each with its payload schema', () => {
    const messages = (asyncApiDocument().components as { messages: Record<string, { payload: { properties: { data: object } } }> }).messages;
    for (const name of ['ResultShared', 'ResultRead', 'InstitutionInvited']) {
      assert.ok(messages[name]?.payload.properties.data, name);
    }
  });

  it('documents the Kafka headers of each event, the optional W3C traceparent among them', () => {
    const messages = (asyncApiDocument().components as { messages: Record<string, { headers: { properties: Record<string, object> } }> }).messages;
    for (const message of Object.values(messages)) {
      assert.deepEqual(Object.keys(message.headers.properties), ['event-type', 'event-version', 'event-id', 'traceparent', 'tracestate']);
    }
  });
});
