import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const root = new URL('../../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

/** Environment variables a file reads without a default: `env.string('X')` / `reader.list('X')` with one argument. */
function requiredEnv(source: string): string[] {
  return [...source.matchAll(/\b(?:env|reader)\.(?:string|list)\('([A-Z_]+)'\)/g)].map((m) => m[1]);
}

const serviceSources: Record<string, string[]> = {
  identity: ['services/identity/src/config.ts', 'libs/platform/src/infrastructure.factory.ts'],
  results: ['services/results/src/config.ts', 'libs/platform/src/infrastructure.factory.ts'],
  directory: ['services/directory/src/config.ts', 'libs/platform/src/infrastructure.factory.ts'],
  sharing: ['services/sharing/src/config.ts', 'libs/platform/src/infrastructure.factory.ts'],
  gateway: ['services/gateway/src/config.ts'],
};

interface ComposeService {
  command?: string[];
  environment?: Record<string, unknown>;
}

describe('docker-compose.yml (it cannot run here: no Docker engine, so it is checked as data)', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };

  it('has the engines, a mail catcher and every service', () => {
    for (const name of ['kafka', 'mongodb', 'opensearch', 'mailpit', ...Object.keys(serviceSources)]) {
      assert.ok(compose.services[name], `service ${name} is missing`);
    }
  });

  for (const [name, files] of Object.entries(serviceSources)) {
    it(`gives ${name} every environment variable its configuration requires`, () => {
      const required = new Set(files.flatMap((f) => requiredEnv(read(f))));
      assert.ok(required.size > 0, `found no required variables for ${name}: the check would be hollow`);
      const given = Object.keys(compose.services[name]?.environment ?? {});
      for (const variable of required) assert.ok(given.includes(variable), `${name} lacks ${variable}`);
      assert.deepEqual(compose.services[name]?.command, ['node', `dist/services/${name}/src/main.js`]);
    });
  }

  it('points each service at its own database', () => {
    const dbs = ['identity', 'results', 'directory', 'sharing'].map((s) => compose.services[s]?.environment?.MONGODB_DB);
    assert.equal(new Set(dbs).size, 4);
  });
});

describe('nest-cli.json (monorepo mode)', () => {
  it('lists every service and every lib that exists', async () => {
    const { readdirSync } = await import('node:fs');
    const nest = JSON.parse(read('nest-cli.json')) as { monorepo: boolean; projects: Record<string, { type: string; root: string }> };
    assert.equal(nest.monorepo, true);
    for (const dir of ['services', 'libs']) {
      for (const name of readdirSync(`${root}${dir}`)) {
        const project = nest.projects[name];
        assert.ok(project, `${dir}/${name} is not in nest-cli.json`);
        assert.equal(project.root, `${dir}/${name}`);
        assert.equal(project.type, dir === 'services' ? 'application' : 'library');
      }
    }
  });
});
