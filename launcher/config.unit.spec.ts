import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { loadDistributedLauncherConfig } from './config.js';

const load = (REPLICAS: string) => loadDistributedLauncherConfig({ REPLICAS });

describe('the distributed launcher: REPLICAS', () => {
  it('reads a count per process, for the services and the gateway; unnamed ones are left at 1', () => {
    assert.deepEqual(load('sharing=2,identity=2').replicas, { sharing: 2, identity: 2 });
    assert.deepEqual(load(' gateway=3 , directory=8,results=1 ').replicas, { gateway: 3, directory: 8, results: 1 });
    assert.deepEqual(loadDistributedLauncherConfig({}).replicas, {});
  });

  it('refuses an unknown service, a count outside 1..8, a pair that does not parse and a name given twice, naming each', () => {
    assert.throws(() => load('sharing=2,billing=2'), /REPLICAS: unknown service "billing" \(known: identity, results, directory, sharing, gateway\)/);
    assert.throws(() => load('sharing=9'), /REPLICAS: sharing=9: the count must be from 1 to 8/);
    assert.throws(() => load('sharing=0'), /the count must be from 1 to 8/);
    assert.throws(() => load('sharing=two'), /REPLICAS: "sharing=two" is not name=count/);
    assert.throws(() => load('sharing:2'), /is not name=count/);
    assert.throws(() => load('sharing=2,sharing=3'), /REPLICAS: sharing is named twice/);
    // Every problem at once, with the other variables' problems.
    assert.throws(
      () => loadDistributedLauncherConfig({ REPLICAS: 'billing=1,sharing=12', PORT: 'x' }),
      (error: Error) => /unknown service "billing"/.test(error.message) && /sharing=12/.test(error.message) && /PORT/.test(error.message),
    );
  });

  it('npm run start:dist stops at once on a bad REPLICAS: the message alone on stderr, exit status 1, nothing started', () => {
    const main = new URL('./distributed.main.js', import.meta.url).pathname;
    const run = spawnSync(process.execPath, [main], { env: { ...process.env, REPLICAS: 'sharing=9,billing=2' }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^Invalid configuration:\n {2}- REPLICAS: sharing=9: the count must be from 1 to 8\n {2}- REPLICAS: unknown service "billing"/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(run.stdout, '');
  });
});
