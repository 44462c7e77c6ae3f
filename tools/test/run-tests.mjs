#!/usr/bin/env node
// Runs the compiled test files (dist/**/*.spec.js) with Node's own test runner.
// Tiers, by file name: *.unit.spec.ts (no engines), *.engine.spec.ts (real Kafka, FerretDB,
// OpenSearch), *.e2e.spec.ts (the whole system through HTTP). Engine and e2e tiers start the
// engines through tools/engines/engines.sh when they are not up; that script fails loudly
// (non-zero) when it cannot, so CI never silently skips them.
// The fuzz tier is not a file: tools/fuzz/fuzz.mjs runs schemathesis against the embedded system
// as each role; it runs last, after the files (alone, it needs no engines); with CI=true a missing
// schemathesis fails it.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const tierIndex = args.indexOf('--tier');
const tiers = tierIndex >= 0 ? args[tierIndex + 1].split(',') : ['unit', 'engine', 'e2e', 'browser', 'fuzz'];
const filters = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--tier');

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const tierOf = (file) => {
  const m = /\.(unit|engine|e2e|browser)\.spec\.js$/.exec(file);
  return m ? m[1] : null;
};
const files = [...walk(join(root, 'dist'))]
  .filter((f) => f.endsWith('.spec.js') && !f.includes('node_modules'))
  .filter((f) => tiers.includes(tierOf(f) ?? 'unit'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort((a, b) => tiers.indexOf(tierOf(a) ?? 'unit') - tiers.indexOf(tierOf(b) ?? 'unit') || a.localeCompare(b));

const fuzz = () => {
  console.log('\nFuzz tier: node tools/fuzz/fuzz.mjs');
  const fuzzed = spawnSync(process.execPath, [join(root, 'tools/fuzz/fuzz.mjs')], { stdio: 'inherit' });
  return fuzzed.status ?? 1;
};
const fileTiers = tiers.filter((t) => t !== 'fuzz');
if (fileTiers.length === 0 && tiers.includes('fuzz')) process.exit(fuzz());
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}
if (files.some((f) => tierOf(f) !== 'unit') && process.env.ENGINES !== 'external') {
  const up = spawnSync('bash', [join(root, 'tools/engines/engines.sh'), 'up'], { stdio: 'inherit' });
  if (up.status !== 0) {
    console.error('The engines did not start: the engine and e2e tiers cannot run.');
    process.exit(1);
  }
}
console.log(`Running ${files.length} test files:\n  ${files.map((f) => relative(root, f)).join('\n  ')}`);
const run = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
const status = run.status ?? 1;
// The fuzz tier runs whether or not the files passed (its findings are news either way).
process.exit(tiers.includes('fuzz') && filters.length === 0 ? Math.max(status, fuzz()) : status);
