import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { openApiPath, routeList } from '#libs/contracts';
import { Api, runTag, sampleResult } from './api.js';
import { startSystem, type SystemUnderTest } from './system.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

interface Response {
  description: string;
  content?: Record<string, { schema?: Record<string, unknown> }>;
  links?: Record<string, { operationId?: string }>;
}
interface Operation {
  operationId?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, Response>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

/** Every operation the gateway routes (the route table in libs/contracts), and its own health routes. */
const ROUTED = ['GET /health', 'GET /health/ready', ...routeList().map((r) => `${r.method} ${openApiPath(r.path)}`)];
const PUBLIC = new Set([
  'GET /health',
  'GET /health/ready',
  ...routeList()
    .filter((r) => r.access === 'public')
    .map((r) => `${r.method} ${openApiPath(r.path)}`),
]);

describe('the merged OpenAPI document tells the truth (embedded system)', () => {
  let system: SystemUnderTest;
  let api: Api;
  let doc: Document;
  let admin: string;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));

  /** Asserts that a real answer is declared for its operation and status, and matches the declared JSON schema. */
  const conforms = (method: string, path: string, answer: { status: number; body: unknown }) => {
    const response = doc.paths[path]?.[method]?.responses[String(answer.status)];
    assert.ok(response, `${method.toUpperCase()} ${path} does not declare ${answer.status} (body ${JSON.stringify(answer.body)})`);
    const schema = response.content?.['application/json']?.schema;
    assert.ok(schema, `${method.toUpperCase()} ${path} ${answer.status} declares no JSON schema`);
    const validate = ajv.compile({ ...schema, components: doc.components });
    assert.ok(validate(answer.body), `${method.toUpperCase()} ${path} ${answer.status}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(answer.body)}`);
  };

  before(async () => {
    system = await startSystem('embedded', 'none');
    api = new Api(system.url);
    const r = await api.get('/api/docs-json');
    assert.equal(r.status, 200);
    doc = r.body as Document;
    admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
  });

  after(async () => {
    await system?.stop();
  });

  it('is valid OpenAPI 3.0', async () => {
    assert.match(doc.openapi, /^3\.0\.\d$/);
    await SwaggerParser.validate(structuredClone(doc) as never);
  });

  it('has exactly the routed operations, each with a success schema and its error answers', () => {
    assert.deepEqual(operations().map((o) => o.key).sort(), [...ROUTED].sort());
    for (const { key, op } of operations()) {
      const codes = Object.keys(op.responses);
      for (const code of ['400', '429', '503']) assert.ok(codes.includes(code), `${key} declares no ${code}`);
      if (!PUBLIC.has(key)) for (const code of ['401', '403']) assert.ok(codes.includes(code), `${key} declares no ${code}`);
      if (op.requestBody) for (const code of ['413', '415']) assert.ok(codes.includes(code), `${key} declares no ${code}`);
      const successes = codes.filter((c) => c.startsWith('2'));
      assert.ok(successes.length > 0, `${key} declares no success`);
      for (const code of successes) {
        if (code === '204') assert.equal(op.responses[code].content, undefined, `${key} 204 has a body`);
        else assert.ok(Object.values(op.responses[code].content ?? {}).some((m) => m.schema), `${key} ${code} has no schema`);
      }
      for (const [code, response] of Object.entries(op.responses).filter(([c]) => /^[45]/.test(c) && !key.includes('/health'))) {
        assert.deepEqual(response.content?.['application/json']?.schema, { $ref: '#/components/schemas/ErrorBody' }, `${key} ${code}`);
      }
      assert.equal(PUBLIC.has(key), (op.security ?? []).length === 0, `${key}: security`);
    }
  });

  it('declares the statement as a PDF, and answers 202/204 as declared', () => {
    const statement = doc.paths['/api/v1/me/results/{resultId}/statement']['get'];
    assert.deepEqual(Object.keys(statement.responses['200'].content!), ['application/pdf']);
    assert.deepEqual(statement.responses['200'].content!['application/pdf'].schema, { type: 'string', format: 'binary' });
    assert.ok(doc.paths['/api/v1/auth/password-reset']['post'].responses['202']);
    assert.ok(doc.paths['/api/v1/auth/password-reset/confirm']['post'].responses['204']);
    assert.ok(doc.paths['/api/v1/institution/webhook']['delete'].responses['204']);
  });

  it('mirrors the validation: closed bodies, lengths, whole numbers, exactly one identifier, plausible dates', () => {
    const s = doc.components.schemas;
    for (const { key, op } of operations()) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const ref = schema['$ref'];
      const target = typeof ref === 'string' ? s[ref.split('/').pop()!] : schema;
      assert.ok(target, `${key}: ${String(ref)} is not in the document`);
      assert.equal(target['additionalProperties'], false, `${key}: unknown properties are refused`);
    }
    const login = doc.paths['/api/v1/auth/login']['post'].requestBody!.content['application/json'].schema;
    assert.deepEqual(login['oneOf'], [{ required: ['idNumber'] }, { required: ['email'] }]);
    const result = s['PublishResultRequest']['properties'] as Record<string, Record<string, unknown>>;
    assert.equal(result['overallScore']['type'], 'integer');
    assert.equal(result['overallScore']['maximum'], 1000);
    assert.equal(result['examDate']['format'], 'date');
    assert.match(String(result['examDate']['description']), /from 1950-01-01 to today/);
    assert.doesNotMatch('2999-01-01', new RegExp(String(result['examDate']['pattern'])));
    assert.match('2001-04-02', new RegExp(String(result['examDate']['pattern'])));
    const entry = s['EnterCandidateRequest']['properties'] as Record<string, Record<string, unknown>>;
    assert.equal(entry['name']['maxLength'], 200);
    assert.doesNotMatch('Hanako\u0000', new RegExp(String(entry['name']['pattern'])), 'control characters are refused');
  });

  it('links each response that feeds another operation, to operations that exist', () => {
    const ids = new Set(operations().map((o) => o.op.operationId));
    const linked = (path: string, method: string, code: string) => Object.values(doc.paths[path][method].responses[code].links ?? {}).map((l) => l.operationId);
    assert.deepEqual(linked('/api/v1/admin/entries', 'post', '201').sort(), ['publishResult', 'registerCandidate']);
    assert.deepEqual(linked('/api/v1/admin/results', 'post', '201').sort(), ['downloadStatement', 'sendResult']);
    assert.deepEqual(linked('/api/v1/admin/organisations', 'post', '201'), ['sendResult']);
    assert.deepEqual(linked('/api/v1/me/shares', 'post', '201'), ['openShare']);
    for (const { key, op } of operations()) {
      for (const response of Object.values(op.responses)) {
        for (const link of Object.values(response.links ?? {})) assert.ok(ids.has(link.operationId), `${key} links to ${link.operationId}`);
      }
    }
  });

  it('real answers match the declared schemas: errors and successes', async () => {
    const tag = runTag();
    conforms('get', '/health', await api.get('/health'));
    conforms('post', '/api/v1/candidates', await api.post('/api/v1/candidates', { idNumber: 'X', unknown: 1 }));
    conforms('post', '/api/v1/auth/login', await api.post('/api/v1/auth/login', { email: `nobody-${tag}@example.com`, password: 'wrong password' }));
    conforms('post', '/api/v1/auth/login', await api.post('/api/v1/auth/login', { email: system.adminEmail, password: system.adminPassword }));
    conforms('get', '/api/v1/me', await api.get('/api/v1/me'));
    conforms('get', '/api/v1/me', await api.get('/api/v1/me', admin));
    conforms('get', '/api/v1/me/results', await api.get('/api/v1/me/results'));
    conforms('get', '/api/v1/me/results', await api.get('/api/v1/me/results', admin));

    const entry = await api.post('/api/v1/admin/entries', { name: `Hanako ${tag}`, dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001' }, admin);
    conforms('post', '/api/v1/admin/entries', entry);
    const future = await api.post('/api/v1/admin/entries', { name: `Taro ${tag}`, dateOfBirth: '2999-01-01', exam: 'C1 Advanced', centre: 'JP001' }, admin);
    assert.equal(future.status, 400);
    assert.deepEqual(future.body.message, ['dateOfBirth must not be in the future']);
    conforms('post', '/api/v1/admin/entries', future);

    const published = await api.post('/api/v1/admin/results', sampleResult(entry.body.idNumber as string), admin);
    conforms('post', '/api/v1/admin/results', published);
    const farExam = await api.post('/api/v1/admin/results', sampleResult(entry.body.idNumber as string, { examDate: '9999-12-31' }), admin);
    assert.deepEqual(farExam.body.message, ['examDate must not be in the future']);

    const organisation = await api.post(
      '/api/v1/admin/organisations',
      { name: `Kanto ${tag} University`, kind: 'education', country: 'Japan', website: `https://kanto-${tag}.example.ac.jp`, email: `admissions-${tag}@kanto.example.ac.jp`, accounts: [{ department: 'Faculty of Law' }] },
      admin,
    );
    conforms('post', '/api/v1/admin/organisations', organisation);
    conforms('get', '/api/v1/directory/search', await api.get(`/api/v1/directory/search?q=Kanto&limit=5`, admin));
    conforms('get', '/api/v1/directory/search', await api.get(`/api/v1/directory/search?limit=500`, admin));
    conforms('get', '/api/v1/verification/{code}', await api.get('/api/v1/verification/NOPE-NOPE-NOPE', admin));
  });
});
