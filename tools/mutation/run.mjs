#!/usr/bin/env node
// npm run test:mutation: StrykerJS over libs/event-store, libs/messaging, libs/projections and
// every decider (stryker.config.mjs), with the unit and engine tiers as its test runner.
// Like tools/test/run-tests.mjs, it starts the engines through tools/engines/engines.sh unless
// ENGINES=external, and fails loudly when they cannot start (the engine specs are part of the score).
// Extra arguments go to `stryker run` (e.g. --concurrency 1, --mutate 'libs/projections/src/**/*.ts').
// The score must reach 85% (thresholds.break) or the command fails.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
if (process.env.ENGINES !== 'external') {
  const up = spawnSync('bash', [join(root, 'tools/engines/engines.sh'), 'up'], { stdio: 'inherit' });
  if (up.status !== 0) {
    console.error('The engines did not start: the engine tier cannot run, so no mutation score.');
    process.exit(1);
  }
}
const stryker = join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js');
const run = spawnSync(process.execPath, [stryker, 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(run.status ?? 1);
