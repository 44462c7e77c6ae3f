// StrykerJS over the guarantees: the event store, messaging, projections and every decider.
// Stryker instruments the TypeScript sources in a sandbox copy (.stryker-tmp/), compiles them with
// the ordinary build (tsc -> dist/), then the tap runner runs each compiled test file with
// `node <file>` (node:test prints TAP when piped). Coverage is recorded per test file, so a mutant
// reruns only the files that reached it. Run it with `npm run test:mutation` (tools/mutation/run.mjs).
// The tests that belong to the scope: each library's own unit and engine specs and the deciders'
// specs. Every service's unit tests reach the libraries too, but each of their files boots the
// service (seconds per file, per mutant): MUTATION_TESTS=all adds them (many times slower).
const scopeTests = [
  'dist/libs/event-store/src/**/*.unit.spec.js',
  'dist/libs/messaging/src/**/*.unit.spec.js',
  'dist/libs/projections/src/**/*.unit.spec.js',
  'dist/services/*/src/**/*.decider*.unit.spec.js',
  // engine tier (Kafka, FerretDB)
  'dist/libs/event-store/src/**/*.engine.spec.js',
  'dist/libs/messaging/src/**/*.engine.spec.js',
  // the crash tests (relay and consumer SIGKILLed as child processes) and the dead-letter test
  'dist/libs/messaging/test/**/*.engine.spec.js',
];
const allTests = [...scopeTests, 'dist/services/*/test/**/*.unit.spec.js'];
const testFiles = (() => {
  const chosen = process.env.MUTATION_TESTS;
  if (!chosen) return scopeTests;
  if (chosen === 'all') return allTests;
  return chosen.split(',');
})();

// Two runs side by side need their own report folder and sandbox folder.
const reportDir = process.env.MUTATION_REPORT ?? 'reports/mutation';

export default {
  $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  packageManager: 'npm',
  testRunner: 'tap',
  tap: {
    testFiles,
    // Node 24's test runner writes its spec report even to a pipe: Stryker reads TAP.
    nodeArgs: ['--enable-source-maps', '--test-reporter=tap'],
  },
  buildCommand: 'npx tsc -p tsconfig.build.json',
  mutate: (
    process.env.MUTATION_SCOPE ??
    [
      'libs/event-store/src/**/*.ts',
      'libs/messaging/src/**/*.ts',
      'libs/projections/src/**/*.ts',
      'services/*/src/**/*.decider.ts',
    ].join(',')
  )
    .split(',')
    .concat([
      // test code, not code under test
      '!**/*.spec.ts',
      '!**/*.contract.ts',
    ]),
  ignorePatterns: [
    'dist',
    '.engines',
    // The fault drills' engines: their PostgreSQL socket cannot be copied into a sandbox (ENXIO).
    '.engines-drill',
    '.data',
    '.test-data',
    '.hypothesis',
    'fuzz-reports',
    'test-artifacts',
    'reports',
    'bench/results',
    'portal/dist',
    'tools/fuzz/.venv',
    '.ci',
    '.stryker-tmp*',
  ],
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 20000,
  timeoutFactor: 2,
  disableTypeChecks: true,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `${reportDir}/mutation.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  thresholds: { high: 90, low: 85, break: Number(process.env.MUTATION_BREAK ?? 85) },
  tempDirName: process.env.MUTATION_TMP ?? '.stryker-tmp',
  cleanTempDir: true,
};
