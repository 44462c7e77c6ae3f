#!/usr/bin/env node
// Runs the compiled test files (dist/**/*.spec.js) with Node's own test runner.
// Tiers, by file name: *.unit.spec.ts (no engines), *.engine.spec.ts (real Kafka, FerretDB,
// OpenSearch), *.e2e.spec.ts (the whole system through HTTP). Engine and e2e tiers start the
// engines through tools/engines/engines.sh when they are not up; that script fails loudly
// (non-zero) when it cannot, so CI never silently skips them.
// The fuzz tier is not a file: tools/fuzz/fuzz.mjs runs schemathesis against the embedded system
// as each role; it runs last, after the files (alone, it needs no engines); with CI=true a missing
// schemathesis fails it.
// Switches never shrink coverage silently: an unknown tier or ENGINES value fails; a tier asked
// for that matches no file fails; a run that reports zero tests fails; a skipped or todo test
// fails under CI=true (outside CI it is printed loudly). ENGINES=external (the engines are already
// up) is checked by connecting to each engine before anything runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const tierIndex = args.indexOf('--tier');
const tiers = tierIndex >= 0 ? args[tierIndex + 1].split(',') : ['unit', 'engine', 'e2e', 'browser', 'fuzz'];
const filters = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--tier');
const CI = process.env.CI === 'true';
const fail = (message) => {
  console.error(`\nrun-tests: ${message}`);
  process.exit(1);
};
const KNOWN_TIERS = ['unit', 'engine', 'e2e', 'browser', 'fuzz'];
const unknownTiers = tiers.filter((t) => !KNOWN_TIERS.includes(t));
if (unknownTiers.length > 0) fail(`unknown tier ${unknownTiers.join(', ')} (known: ${KNOWN_TIERS.join(', ')}).`);
if (process.env.ENGINES !== undefined && process.env.ENGINES !== 'external') {
  fail(`ENGINES=${JSON.stringify(process.env.ENGINES)} is not known: unset (the runner starts the engines) or "external" (they are already up).`);
}

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
if (files.length === 0) fail(`no test files matched (tiers ${fileTiers.join(', ')}${filters.length ? `, filters ${filters.join(' ')}` : ''}).`);
const emptyTiers = fileTiers.filter((t) => !files.some((f) => (tierOf(f) ?? 'unit') === t));
if (emptyTiers.length > 0) fail(`the ${emptyTiers.join(', ')} tier was asked for but no test file of it matched${filters.length ? ` the filters ${filters.join(' ')}` : ''}.`);

/** Connects to host:port: true if something listens there within 3 s. */
const reachable = (host, port) =>
  new Promise((resolve) => {
    const socket = createConnection({ host, port: Number(port), timeout: 3000 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
const needsEngines = files.some((f) => tierOf(f) === 'engine' || tierOf(f) === 'e2e');
if (needsEngines && process.env.ENGINES === 'external') {
  // The same defaults as libs/testing/src/engines.ts and launcher/distributed.main.ts.
  const kafka = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0];
  const mongo = new URL(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017');
  const opensearch = new URL(process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200');
  const engines = [
    ['Kafka', kafka.slice(0, kafka.lastIndexOf(':')), kafka.slice(kafka.lastIndexOf(':') + 1)],
    ['FerretDB', mongo.hostname, mongo.port || '27017'],
    ['OpenSearch', opensearch.hostname, opensearch.port || '9200'],
  ];
  const down = [];
  for (const [name, host, port] of engines) if (!(await reachable(host, port))) down.push(`${name} (${host}:${port})`);
  if (down.length > 0) fail(`ENGINES=external but nothing answers at ${down.join(', ')}: start them (tools/engines/engines.sh up) or unset ENGINES.`);
} else if (files.some((f) => tierOf(f) !== 'unit') && process.env.ENGINES !== 'external') {
  const up = spawnSync('bash', [join(root, 'tools/engines/engines.sh'), 'up'], { stdio: 'inherit' });
  if (up.status !== 0) fail('the engines did not start: the engine and e2e tiers cannot run.');
}
console.log(`Running ${files.length} test files:\n  ${files.map((f) => relative(root, f)).join('\n  ')}`);
// Besides the spec reporter on the terminal, a TAP copy whose summary the runner reads.
const tapDir = mkdtempSync(join(tmpdir(), 'run-tests-'));
const tapFile = join(tapDir, 'report.tap');
const run = spawnSync(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
let status = run.status ?? 1;
const tap = (() => {
  try {
    return readFileSync(tapFile, 'utf8');
  } finally {
    rmSync(tapDir, { recursive: true, force: true });
  }
})();
const count = (name) => {
  const m = new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap);
  return m ? Number(m[1]) : NaN;
};
const [total, skipped, todo] = [count('tests'), count('skipped'), count('todo')];
// Node counts a file that registers no test as one passing test (e.g. a spec looping over an empty
// list of modes): each file's block in the TAP must hold at least one test of its own.
const emptyFiles = tap
  .split(/^# Subtest: /m)
  .slice(1)
  .filter((block) => !/^\s+# Subtest: /m.test(block))
  .map((block) => relative(root, block.slice(0, block.indexOf('\n'))));
if (emptyFiles.length > 0) {
  console.error(`\nrun-tests: ${emptyFiles.length} test file(s) ran no test at all:\n  ${emptyFiles.join('\n  ')}`);
  status = 1;
}
if (!(total > 0)) {
  console.error(`\nrun-tests: the run reported ${Number.isNaN(total) ? 'no count of' : 'zero'} tests from ${files.length} files: nothing was tested.`);
  status = 1;
} else if (skipped > 0 || todo > 0) {
  const what = `${skipped} skipped and ${todo} todo of ${total} tests`;
  if (CI) {
    console.error(`\nrun-tests: ${what}: refused under CI=true (CI runs everything; no skips).`);
    status = 1;
  } else {
    console.error(`\n!!! WARNING: ${what}: not the full suite.\n`);
  }
}
// The fuzz tier runs whether or not the files passed (its findings are news either way).
process.exit(tiers.includes('fuzz') && filters.length === 0 ? Math.max(status, fuzz()) : status);
