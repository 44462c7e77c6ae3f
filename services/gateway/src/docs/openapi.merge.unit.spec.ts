import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { GatewayConfig, ServiceName } from '../gateway.config.js';
import { mergedOpenApi } from './openapi.merge.js';
import { EMAIL_PATTERN, NON_BLANK_TEXT_PATTERN, SAFE_TEXT_PATTERN } from './openapi.requests.js';

/** Two services' documents, as @nestjs/swagger writes them: both name a schema `Item`, differently. */
const documents: Record<string, unknown> = {
  '/identity/openapi.json': {
    openapi: '3.0.0',
    paths: {
      '/api/v1/auth/login': {
        post: {
          operationId: 'login',
          requestBody: {
            content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/Login' }], oneOf: [{ required: ['idNumber'] }, { required: ['email'] }] } } },
          },
          responses: { '200': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } }, '401': { description: 'Wrong password' } },
        },
      },
      '/api/v1/internal/thing': { get: { responses: { '200': { description: 'not routed' } } } },
      '/.well-known/jwks.json': { get: { responses: { '200': { description: 'not /api/v1' } } } },
    },
    components: {
      schemas: {
        Login: {
          type: 'object',
          properties: { idNumber: { type: 'string', maxLength: 50 }, email: { type: 'string', format: 'email' }, password: { type: 'string' } },
          required: ['password'],
        },
        Item: { type: 'object', properties: { accessToken: { type: 'string' } } },
      },
    },
  },
  '/results/openapi.json': {
    openapi: '3.0.0',
    paths: {
      '/api/v1/admin/entries': {
        post: {
          security: [{ bearer: [] }],
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Entry' } } } },
          responses: { '201': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
        },
      },
    },
    components: {
      schemas: {
        Entry: { type: 'object', properties: { name: { type: 'string', pattern: '\\S' }, centre: { type: 'string' }, kind: { type: 'string', enum: ['a'] } } },
        Item: { type: 'object', properties: { entryId: { type: 'string' } } },
      },
    },
  },
};

describe('gateway: the merged OpenAPI document', () => {
  let server: Server;
  let base = '';

  before(async () => {
    server = createServer((req, res) => {
      const doc = documents[req.url ?? ''];
      res.writeHead(doc ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(doc ?? {}));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const merge = () => {
    const names: ServiceName[] = ['identity', 'results', 'directory', 'sharing'];
    const urls = Object.fromEntries(names.map((n) => [n, `${base}/${n}`])) as Record<ServiceName, string>;
    const config = { services: urls, internal: urls } as GatewayConfig;
    const routed = new Set(['post /api/v1/auth/login', 'post /api/v1/admin/entries']);
    return mergedOpenApi(config, (method, path) => routed.has(`${method} ${path}`));
  };

  it('keeps only the operations the gateway routes (services that do not answer are left out)', async () => {
    const doc = await merge();
    assert.deepEqual(Object.keys(doc.paths).sort(), ['/api/v1/admin/entries', '/api/v1/auth/login', '/health', '/health/ready']);
  });

  it('gives each service its own schema when two use one name', async () => {
    const doc = await merge();
    const schemas = doc.components!.schemas!;
    assert.deepEqual(Object.keys((schemas['Item'] as { properties: object }).properties), ['accessToken']);
    assert.deepEqual(Object.keys((schemas['results.Item'] as { properties: object }).properties), ['entryId']);
    const created = doc.paths['/api/v1/admin/entries'].post!.responses['201'] as { content: Record<string, { schema: unknown }> };
    assert.deepEqual(created.content['application/json'].schema, { $ref: '#/components/schemas/results.Item' });
  });

  it('adds the answers of the gateway and the error body; 401 and 403 only where a token is needed', async () => {
    const doc = await merge();
    const login = doc.paths['/api/v1/auth/login'].post!.responses as Record<string, { description: string; content?: object }>;
    const entries = doc.paths['/api/v1/admin/entries'].post!.responses as Record<string, { description: string; content?: object }>;
    assert.deepEqual(Object.keys(login).sort(), ['200', '400', '401', '413', '415', '429', '503']);
    assert.equal(login['401'].description, 'Wrong password');
    assert.deepEqual(Object.keys(entries).sort(), ['201', '400', '401', '403', '413', '415', '429', '503']);
    assert.equal(entries['201'].description, 'Created');
    for (const answer of [login['401'], entries['403'], entries['429']]) {
      assert.deepEqual(answer.content, { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } });
    }
  });

  it('closes request bodies, flattens "exactly one of", and holds text to the policy', async () => {
    const doc = await merge();
    const body = (doc.paths['/api/v1/auth/login'].post!.requestBody as { content: Record<string, { schema: Record<string, unknown> }> }).content['application/json'].schema;
    assert.equal(body['allOf'], undefined);
    assert.deepEqual(body['oneOf'], [{ required: ['idNumber'] }, { required: ['email'] }]);
    assert.deepEqual(body['required'], ['password']);
    assert.equal(body['additionalProperties'], false);
    const entry = doc.components!.schemas!['Entry'] as { additionalProperties: boolean; properties: Record<string, Record<string, unknown>> };
    assert.equal(entry.additionalProperties, false);
    assert.equal(entry.properties['name']['pattern'], `${NON_BLANK_TEXT_PATTERN}(?!\\n)`);
    assert.equal(entry.properties['centre']['pattern'], `${SAFE_TEXT_PATTERN}(?!\\n)`);
    const bodyProperties = body['properties'] as Record<string, Record<string, unknown>>;
    assert.equal(bodyProperties['email']['format'], undefined, 'e-mail addresses as the validator takes them, as a pattern');
    assert.equal(bodyProperties['email']['pattern'], `${EMAIL_PATTERN}(?!\\n)`);
    assert.equal(entry.properties['kind']['pattern'], undefined);
    const safe = new RegExp(SAFE_TEXT_PATTERN);
    const nonBlank = new RegExp(NON_BLANK_TEXT_PATTERN);
    assert.ok(safe.test('Hanako Yamada 山田花子') && safe.test(''));
    for (const bad of ['a\u0000b', 'tab\there', 'x\u202ey', 'c\u0085']) assert.equal(safe.test(bad), false, JSON.stringify(bad));
    assert.ok(nonBlank.test(' Kanto '));
    assert.equal(nonBlank.test('   '), false);
    // The login response schema is not a request schema: left open.
    assert.equal((doc.components!.schemas!['Item'] as Record<string, unknown>)['additionalProperties'], undefined);
  });
});
