#!/usr/bin/env node
// The fuzzing tier: schemathesis against the embedded system, once per role (anonymous,
// candidate, organisation user, operator), every check on, every phase (stateful included),
// bounded in time; fails on any failure schemathesis reports.
//
//   npm run test:fuzz                      (builds, then runs this)
//   node tools/fuzz/fuzz.mjs [options]     (on an existing build: npm run build:server)
//
// Options (flags, or the environment variable in brackets):
//   --roles anonymous,candidate,organisation,operator   [FUZZ_ROLES]  which roles, in this order
//   --max-examples N     [FUZZ_MAX_EXAMPLES, 25]  test cases per operation and phase
//   --budget SECONDS     [FUZZ_BUDGET_SECONDS, 75] time budget of one role's run (schemathesis --max-time)
//   --seed N             [FUZZ_SEED, 20260808]    fixed: the same build fuzzes the same way each run
//   --workers N          [FUZZ_WORKERS, 1]  one: reproducible with the seed, and CPython 3.11's ast
//                        module is not thread-safe (hypothesis then fails with "AST constructor
//                        recursion depth mismatch"); measured: no slower here, the system is the bottleneck
//   --report-dir DIR     [FUZZ_REPORT_DIR, fuzz-reports/] (gitignored): per role <role>.junit.xml,
//                        <role>.json (schemathesis' run report), <role>.log (its whole output);
//                        system.log (the system's own log, LOG_LEVEL FUZZ_LOG_LEVEL, default warn)
//   --url URL            [FUZZ_URL] fuzz a system that is already running (with FUZZ_ADMIN_EMAIL,
//                        FUZZ_ADMIN_PASSWORD and FUZZ_MAIL_DIR) instead of starting one
//
// The system is `npm start`'s own entry point (dist/launcher/embedded.main.js) in a child process
// on a fresh DATA_DIR, a free port and DIRECTORY_SEED=none, with the gateway's per-address rate
// limits at their defaults: GATEWAY_RATE_LIMIT and GATEWAY_GUESS_LIMIT are removed from its
// environment, so what is fuzzed is what production runs. A 429 is an answer the document must
// declare, not a reason to switch limits off.
//
// Checks (--checks all, schemathesis 4.32.5): not_a_server_error, status_code_conformance,
// content_type_conformance, response_headers_conformance, response_schema_conformance,
// negative_data_rejection, positive_data_acceptance, missing_required_header,
// unsupported_method, allow_header_conformance, use_after_free, ensure_resource_availability,
// ignored_auth, object_level_authorization.
// Phases: examples, coverage, fuzzing, stateful (the links in the document drive the last one).
//
// schemathesis comes from tools/fuzz/install.sh (a virtual environment in tools/fuzz/.venv, pinned
// with hashes). Missing: with CI=true that is a failure; elsewhere this script installs it, and
// skips (exit 0, loudly) only when Python 3 with venv is not there.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, createWriteStream, rmSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = resolve(new URL('../..', import.meta.url).pathname);
const ALL_ROLES = ['anonymous', 'candidate', 'organisation', 'operator'];

function option(flag, envName, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(flag);
  if (i >= 0 && args[i + 1] !== undefined) return args[i + 1];
  return process.env[envName] ?? fallback;
}

const options = {
  roles: option('--roles', 'FUZZ_ROLES', ALL_ROLES.join(',')).split(',').filter(Boolean),
  maxExamples: Number(option('--max-examples', 'FUZZ_MAX_EXAMPLES', '25')),
  budgetSeconds: Number(option('--budget', 'FUZZ_BUDGET_SECONDS', '75')),
  seed: option('--seed', 'FUZZ_SEED', '20260808'),
  workers: option('--workers', 'FUZZ_WORKERS', '1'),
  reportDir: resolve(root, option('--report-dir', 'FUZZ_REPORT_DIR', 'fuzz-reports')),
  url: option('--url', 'FUZZ_URL', ''),
  logLevel: process.env.FUZZ_LOG_LEVEL ?? 'warn',
};
for (const role of options.roles) {
  if (!ALL_ROLES.includes(role)) fail(`unknown role ${role} (known: ${ALL_ROLES.join(', ')})`);
}

const ci = process.env.CI === 'true' || process.env.CI === '1';
const log = (message) => console.log(`fuzz: ${message}`);
function fail(message) {
  console.error(`fuzz: FAILED: ${message}`);
  process.exit(1);
}

// --- schemathesis -------------------------------------------------------------------------
const schemathesisBin = join(root, 'tools/fuzz/.venv/bin/schemathesis');
function ensureSchemathesis() {
  if (existsSync(schemathesisBin)) return true;
  if (ci) fail(`${schemathesisBin} is missing: .ci/run must run tools/fuzz/install.sh (CI never skips this tier)`);
  log('schemathesis is not installed: running tools/fuzz/install.sh');
  const installed = spawnSync('bash', [join(root, 'tools/fuzz/install.sh')], { stdio: 'inherit' });
  if (installed.status === 0 && existsSync(schemathesisBin)) return true;
  console.error('\nfuzz: ******** SKIPPED: schemathesis could not be installed (Python 3 with venv needed). ********\n');
  return false;
}

// --- the system ---------------------------------------------------------------------------
async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(address.port));
    });
  });
}

const ADMIN = { email: 'operator@fuzz.test', password: 'operator-fuzz-password-1' };

async function startSystem() {
  const dataDir = await mkdtemp(join(tmpdir(), 'fuzz-'));
  const port = await freePort();
  const env = { ...process.env };
  // The production defaults: nothing from the caller's shell raises (or lowers) them.
  delete env.GATEWAY_RATE_LIMIT;
  delete env.GATEWAY_GUESS_LIMIT;
  for (const name of ['SMTP_URL', 'PUBLIC_URL', 'NODE_ENV']) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DIRECTORY_SEED: 'none',
    LOG_LEVEL: options.logLevel,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  const entry = join(root, 'dist/launcher/embedded.main.js');
  if (!existsSync(entry)) fail(`${entry} is missing: run npm run build:server first`);
  const systemLog = createWriteStream(join(options.reportDir, 'system.log'));
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(systemLog);
  child.stderr.pipe(systemLog);
  let exited = null;
  child.once('exit', (code, signal) => (exited = { code, signal }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) fail(`the system exited during start (${JSON.stringify(exited)}): see ${join(options.reportDir, 'system.log')}`);
    const ok = await fetch(`${url}/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) fail(`the system did not answer /health 200 within 60 s: see ${join(options.reportDir, 'system.log')}`);
    await sleep(200);
  }
  return {
    url,
    admin: ADMIN,
    mailDir: join(dataDir, 'mail'),
    stop: async () => {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, sleep(15_000)]);
        if (!exited) child.kill('SIGKILL');
      }
      systemLog.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// --- the four identities --------------------------------------------------------------------
class Client {
  constructor(url) {
    this.api = `${url}/api/v1`;
  }

  async call(method, path, body, token) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const r = await fetch(`${this.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: r.status, body: json, retryAfter: Number(r.headers.get('retry-after') ?? 0) };
  }

  /**
   * `call` until `accept` returns a value; `retryOn` statuses are "not yet" (events still travelling)
   * or a 429 (after a role's fuzzing the per-address limits may be spent: waits as Retry-After says,
   * within the limits' one-minute window, so the deadline is past it).
   */
  async until(what, fn, accept, retryOn, timeoutMs = 90_000) {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const answer = await fn();
      const value = accept(answer);
      if (value !== undefined) return value;
      if (![...retryOn, 429].includes(answer.status) || Date.now() > deadline) {
        fail(`setting up the identities: ${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      await sleep(answer.status === 429 ? Math.max(2_000, Math.min(60_000, answer.retryAfter * 1000)) : Math.min(2_000, 250 * attempt));
    }
  }

  login(credentials, retryOn = []) {
    return this.until(
      `log-in of ${credentials.email ?? credentials.idNumber}`,
      () => this.call('POST', '/auth/login', credentials),
      (a) => (a.status === 200 ? a.body.accessToken : undefined),
      retryOn,
    );
  }
}

async function mailToken(mailDir, to, since) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const files = existsSync(mailDir) ? readdirSync(mailDir).filter((f) => f.endsWith('.eml')).sort().reverse() : [];
    for (const file of files) {
      const text = readFileSync(join(mailDir, file), 'utf8');
      if (!new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi').test(text) || since.has(file)) continue;
      const match = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(text);
      if (match) return match[1];
    }
    if (Date.now() > deadline) return null;
    await sleep(100);
  }
}

/**
 * The operator adds three organisations (one of them the organisation user's, with two
 * departments), enters a candidate and publishes a result; the candidate registers and sends it
 * to the organisation; the organisation's user sets a password through the reset e-mail.
 * Returns how to log each role in (a fresh access token per role, just before its run).
 */
async function setUp(system) {
  const client = new Client(system.url);
  const operatorCredentials = { email: system.admin.email, password: system.admin.password };
  const operator = await client.login(operatorCredentials, [401]);
  const created = async (what, path, body) =>
    client.until(what, () => client.call('POST', path, body, operator), (a) => (a.status === 201 ? a.body : undefined), []);

  const orgEmail = 'admissions@kanto.fuzz.test';
  const kanto = await created('organisation', '/admin/organisations', {
    name: 'Kanto University',
    kind: 'education',
    country: 'Japan',
    website: 'https://kanto.fuzz.test',
    email: orgEmail,
    accounts: [{ department: 'Faculty of Law' }, { department: 'Faculty of Science' }],
  });
  await created('organisation', '/admin/organisations', {
    name: 'Northwind Trading',
    kind: 'employer',
    country: 'United Kingdom',
    website: 'https://northwind.fuzz.test',
    email: 'people@northwind.fuzz.test',
  });
  await created('organisation', '/admin/organisations', {
    name: 'Borders Agency',
    kind: 'immigration',
    country: 'Australia',
    website: 'https://borders.fuzz.test',
    email: 'visas@borders.fuzz.test',
    accounts: [{ department: 'Skilled visas' }],
  });

  const entry = await created('entry', '/admin/entries', { name: 'Hanako Yamada', dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001' });
  const result = await created('result', '/admin/results', {
    idNumber: entry.idNumber,
    qualification: 'Certificate in Advanced English',
    cefrLevel: 'Council of Europe Level B2',
    overallScore: 168,
    grade: 'C',
    components: [
      { skill: 'Reading', score: 170 },
      { skill: 'Writing', score: 165 },
    ],
    examDate: '2026-06-14',
    restrictions: [],
  });

  const candidateCredentials = { idNumber: entry.idNumber, password: 'candidate fuzz password 1' };
  await client.until(
    'candidate registration',
    () => client.call('POST', '/candidates', { idNumber: entry.idNumber, secretNumber: entry.secretNumber, email: 'hanako@fuzz.test', password: candidateCredentials.password }),
    (a) => (a.status === 201 ? a.body : undefined),
    [400],
  );
  const candidate = await client.login(candidateCredentials, [401]);
  // The result and the organisation's recipients reach the candidate's side through events.
  await client.until(
    'the result in /me/results',
    () => client.call('GET', '/me/results', undefined, candidate),
    (a) => (a.status === 200 && a.body.items.some((i) => i.resultId === result.resultId) ? true : undefined),
    [200],
  );
  const recipientId = kanto.recipients[0].recipientId;
  await client.until(
    'a share to the organisation',
    () => client.call('POST', '/me/shares', { resultId: result.resultId, recipientId, consent: true }, candidate),
    (a) => (a.status === 201 || a.status === 200 ? a.body : undefined),
    [404, 422],
  );

  // The organisation user arrives in identity through an event: ask for the reset until the mail comes.
  let resetToken = null;
  const seen = new Set(existsSync(system.mailDir) ? readdirSync(system.mailDir) : []);
  for (let request = 1; request <= 4 && !resetToken; request++) {
    const r = await client.call('POST', '/auth/password-reset', { email: orgEmail });
    if (r.status !== 202) fail(`setting up the identities: password reset for ${orgEmail}: ${r.status} ${JSON.stringify(r.body)}`);
    resetToken = await mailToken(system.mailDir, orgEmail, seen);
  }
  if (!resetToken) fail(`setting up the identities: no reset e-mail to ${orgEmail} in ${system.mailDir}`);
  const organisationCredentials = { email: orgEmail, password: 'organisation fuzz password 1' };
  const confirmed = await client.call('POST', '/auth/password-reset/confirm', { token: resetToken, newPassword: organisationCredentials.password });
  if (confirmed.status !== 204) fail(`setting up the identities: reset confirmation: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  await client.until(
    'the share in the inbox',
    async () => client.call('GET', '/institution/shares', undefined, await client.login(organisationCredentials)),
    (a) => (a.status === 200 && a.body.items.length > 0 ? true : undefined),
    [200],
  );

  return {
    anonymous: async () => null,
    candidate: () => client.login(candidateCredentials),
    organisation: () => client.login(organisationCredentials),
    operator: () => client.login(operatorCredentials),
  };
}

// --- one role's run -------------------------------------------------------------------------
function runSchemathesis(system, role, token) {
  const base = join(options.reportDir, role);
  const args = [
    // Per-operation settings (three operations where a schema-valid request may still be a 400: see the file).
    '--config-file',
    join(root, 'tools/fuzz/schemathesis.toml'),
    'run',
    `${system.url}/api/docs-json`,
    '--checks',
    'all',
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--max-examples',
    String(options.maxExamples),
    '--max-time',
    String(options.budgetSeconds),
    '--seed',
    String(options.seed),
    '--workers',
    String(options.workers),
    '--request-timeout',
    '10',
    '--generation-database',
    'none',
    // Every failing case of an operation, not only its first: the report is the list to fix.
    '--continue-on-failure',
    // The output shows real values (passwords, tokens) so that each failure's curl reproduces it:
    // they belong to this throwaway system and die with it.
    '--output-sanitize',
    'false',
    '--report',
    'junit,json',
    '--report-junit-path',
    `${base}.junit.xml`,
    '--report-json-path',
    `${base}.json`,
    '--no-color',
    ...(token ? ['--header', `Authorization: Bearer ${token}`] : []),
  ];
  log(`${role}: schemathesis ${args.map((a) => (a.startsWith('Authorization:') ? "'Authorization: Bearer <token>'" : a)).join(' ')}`);
  return new Promise((resolveRun) => {
    const out = createWriteStream(`${base}.log`);
    const child = spawn(schemathesisBin, args, { cwd: options.reportDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const tee = (chunk) => {
      out.write(chunk);
      if (process.env.FUZZ_VERBOSE) process.stdout.write(chunk);
    };
    child.stdout.on('data', tee);
    child.stderr.on('data', tee);
    // A hard stop well after the budget: schemathesis' own --max-time ends the run normally.
    const killer = setTimeout(() => child.kill('SIGKILL'), (options.budgetSeconds + 120) * 1000);
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      out.end(() => resolveRun({ code, signal }));
    });
  });
}

function readReport(role) {
  try {
    return JSON.parse(readFileSync(join(options.reportDir, `${role}.json`), 'utf8'));
  } catch {
    return null;
  }
}

/** One line per role (operations, test cases, failures), then its failures by check, then its errors. */
function summary(rows) {
  const lines = [];
  const pad = (s, n) => String(s).padEnd(n);
  lines.push(`${pad('role', 14)}${pad('exit', 6)}${pad('time', 7)}${pad('operations', 12)}${pad('test cases', 12)}${pad('failing', 9)}${pad('unique failures', 17)}stateful`);
  for (const { role, exit, report } of rows) {
    if (!report) {
      lines.push(`${pad(role, 14)}${pad(exit, 6)}(no report: see ${role}.log)`);
      continue;
    }
    const ops = report.operations ? `${report.operations.tested}/${report.operations.selected}` : '-';
    const cases = report.test_cases;
    const stateful = report.phases?.stateful ? `${report.phases.stateful.status}${report.phases.stateful.skip_reason ? ` (${report.phases.stateful.skip_reason})` : ''}` : '-';
    lines.push(
      `${pad(role, 14)}${pad(exit, 6)}${pad(`${Math.round(report.running_time ?? 0)}s`, 7)}${pad(ops, 12)}${pad(cases.generated, 12)}${pad(cases.with_failures, 9)}${pad(cases.unique_failures, 17)}${stateful}`,
    );
    for (const f of report.failures) {
      lines.push(`    ${pad(`${f.code} ${f.title}`, 52)}${pad(f.count, 6)}in ${(f.operations ?? []).length} operations`);
    }
    for (const e of report.errors) lines.push(`    ${pad(`error: ${e.title}`, 52)}${e.count}`);
    const limited = report.warnings?.rate_limited ?? [];
    if (limited.length) lines.push(`    (warning: mostly 429 on ${limited.length} operations: ${limited.join(', ')})`);
  }
  return lines.join('\n');
}

// --- main -----------------------------------------------------------------------------------
if (!ensureSchemathesis()) process.exit(0);
rmSync(options.reportDir, { recursive: true, force: true });
mkdirSync(options.reportDir, { recursive: true });
const started = Date.now();
let system;
if (options.url) {
  system = {
    url: options.url.replace(/\/$/, ''),
    admin: { email: process.env.FUZZ_ADMIN_EMAIL, password: process.env.FUZZ_ADMIN_PASSWORD },
    mailDir: process.env.FUZZ_MAIL_DIR ?? join(root, '.data/mail'),
    stop: async () => undefined,
  };
} else {
  system = await startSystem();
}
const stopOnSignal = () => void system.stop().finally(() => process.exit(130));
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);
const rows = [];
try {
  log(`system at ${system.url} (seed ${options.seed}, ${options.maxExamples} examples per operation, ${options.budgetSeconds} s per role)`);
  const logins = await setUp(system);
  log(`identities ready in ${Math.round((Date.now() - started) / 1000)} s`);
  for (const role of options.roles) {
    // A fresh token per role: an access token lives 15 minutes, a role's run far less.
    const token = await logins[role]();
    const roleStarted = Date.now();
    const { code, signal } = await runSchemathesis(system, role, token);
    const report = readReport(role);
    rows.push({ role, exit: signal ?? code, report });
    log(`${role}: exit ${signal ?? code} after ${Math.round((Date.now() - roleStarted) / 1000)} s (${join(options.reportDir, `${role}.log`)})`);
  }
} finally {
  await system.stop();
}
console.log(`\nfuzz: summary (reports in ${options.reportDir}; total ${Math.round((Date.now() - started) / 1000)} s)\n${summary(rows)}\n`);
const failed = rows.filter((r) => r.exit !== 0 || !r.report || r.report.failures.length > 0 || r.report.errors.length > 0);
if (failed.length > 0) fail(`schemathesis reported failures for ${failed.map((r) => r.role).join(', ')}: see the table above and ${options.reportDir}`);
log('no failures');
