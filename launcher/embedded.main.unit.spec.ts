import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * `npm start`'s launcher as a person or a log shipper meets it: a child process whose stdout is
 * a pipe (not a terminal), so its log lines are JSON.
 */
describe('launcher: npm start prints a banner, JSON lines naming their service, and serves metrics', () => {
  let child: ChildProcess;
  let dataDir: string;
  let out = '';
  const bannerValue = (label: string) => new RegExp(`^  ${label} +(\\S+)`, 'm').exec(out)?.[1];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'embedded-main-'));
    child = spawn(process.execPath, [new URL('./embedded.main.js', import.meta.url).pathname], {
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DIRECTORY_SEED: 'none', LOG_LEVEL: 'debug', ADMIN_PASSWORD: 'operator-password-123' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    for (let waited = 0; !out.includes('Stop with Ctrl+C.'); waited += 100) {
      if (waited > 60_000 || child.exitCode !== null) throw new Error(`the launcher did not start:\n${out}`);
      await sleep(100);
    }
  });
  after(async () => {
    // A launcher that failed to start has exited already: its 'exit' event will not come again.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  const jsonLines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { service?: string; context?: string; msg?: string; level: number; reqId?: string; route?: string });

  it('the banner says where it listens, the operator, where data and mail go, and where metrics are', () => {
    assert.match(bannerValue('Portal') ?? '', /^http:\/\/localhost:\d+$/);
    assert.match(out, /^ {2}Operator +admin@results\.local, password from ADMIN_PASSWORD$/m);
    assert.equal(bannerValue('Data'), dataDir);
    assert.match(out, new RegExp(`^ {2}E-mail +written as \\.eml files under ${join(dataDir, 'mail')}$`, 'm'));
    assert.match(bannerValue('Metrics') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
  });

  it("every log line is JSON naming the service that wrote it; Nest's route mappings are debug lines of their own app", () => {
    const lines = jsonLines();
    assert.ok(lines.length > 50, `debug shows Nest's bootstrap lines (${lines.length})`);
    for (const line of lines) assert.ok(['identity', 'results', 'directory', 'sharing', 'gateway'].includes(line.service ?? ''), JSON.stringify(line));
    const mapped = (route: string) => lines.find((l) => l.context === 'RouterExplorer' && l.msg?.includes(`{${route}`));
    assert.equal(mapped('/api/v1/admin/entries, POST')?.service, 'results');
    assert.equal(mapped('/api/v1/me/shares, POST')?.service, 'sharing');
    assert.equal(mapped('/api/v1/auth/login, POST')?.service, 'identity');
    assert.deepEqual(new Set(lines.filter((l) => l.context === 'RouterExplorer').map((l) => l.level)), new Set([20]));
    assert.equal(lines.find((l) => l.msg?.startsWith('search index rebuilt'))?.service, 'directory');
  });

  it('a request through the gateway: its lines keep the request id and name each service; /metrics counts it by route pattern', async () => {
    const portal = bannerValue('Portal')!.replace('localhost', '127.0.0.1');
    const requestId = `obs-${Date.now()}`;
    const login = await fetch(`${portal}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ email: 'admin@results.local', password: 'operator-password-123' }),
    });
    assert.equal(login.status, 200);
    const mine = () => jsonLines().filter((l) => l.reqId === requestId);
    for (let waited = 0; new Set(mine().map((l) => l.service)).size < 2 && waited < 5_000; waited += 50) await sleep(50);
    assert.deepEqual(new Set(mine().map((l) => l.service)), new Set(['gateway', 'identity']));
    // The answer's own debug line, by route pattern; identity logs the operator's log-in inside the handler too.
    assert.ok(mine().some((l) => l.service === 'identity' && l.msg === 'request completed' && l.route === '/api/v1/auth/login'));

    const metrics = await (await fetch(bannerValue('Metrics')!)).text();
    for (const service of ['gateway', 'identity'])
      assert.match(metrics, new RegExp(`^http_requests_total\\{service="${service}",method="POST",route="/api/v1/auth/login",status="200"\\} 1$`, 'm'));
    assert.match(metrics, /^http_request_duration_seconds_count\{service="gateway",method="POST",route="\/api\/v1\/auth\/login",status="200"\} 1$/m);
    assert.match(metrics, /^service_ready\{service="sharing"\} [01]$/m);
  });
});
