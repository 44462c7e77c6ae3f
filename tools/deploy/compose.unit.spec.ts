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
  image?: string;
  container_name?: string;
  ports?: unknown[];
  expose?: unknown[];
}

/** The services `docker compose up --scale <name>=N` runs several of (docs/production/replicas.md). */
const SCALABLE = ['identity', 'results', 'directory', 'sharing'];

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

  it('lets identity, results, directory and sharing scale (--scale): no container_name, no published port; the gateway keeps its 3000', () => {
    for (const name of SCALABLE) {
      const service = compose.services[name];
      assert.ok(service, `service ${name} is missing`);
      assert.equal(service.container_name, undefined, `${name} has a container_name: a second container of it could not start`);
      assert.equal(service.ports, undefined, `${name} publishes a host port: a second container of it could not bind it`);
    }
    assert.deepEqual(compose.services.gateway?.ports, ['3000:3000']);
    // The gateway finds every container of a scaled service by its name (one address each).
    for (const name of SCALABLE) {
      const url = compose.services.gateway?.environment?.[`${name.toUpperCase()}_URL`];
      assert.equal(typeof url === 'string' ? new URL(url).hostname : url, name);
    }
    assert.notEqual(compose.services.gateway?.environment?.UPSTREAMS_DNS, 'false');
  });

  it('pins every image to a release (never latest)', () => {
    const images = Object.entries(compose.services).filter(([, s]) => s.image !== undefined);
    assert.ok(images.length >= 4);
    for (const [name, service] of images) assert.match(service.image ?? '', /^[\w./-]+:v?\d+(\.\d+)*$/, `${name}: ${service.image}`);
    assert.equal(compose.services.kafka?.image, 'apache/kafka:4.1.2');
    assert.equal(compose.services.mongodb?.image, 'mongo:8.0');
    assert.equal(compose.services.opensearch?.image, 'opensearchproject/opensearch:2.19.6');
  });

  it('builds the image on Node.js 24 (both stages)', () => {
    const from = [...read('Dockerfile').matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    assert.deepEqual(from, ['node:24-trixie-slim', 'node:24-trixie-slim']);
  });

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
