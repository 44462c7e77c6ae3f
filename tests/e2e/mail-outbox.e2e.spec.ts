import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { expectEventually, requireToken } from '#libs/testing';
import { Api, runTag } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

/**
 * Mail through the outbox (issue 15): a password reset asked while the mail server refuses
 * everything is stored as an event; the process is then SIGKILLed between that event and any
 * successful send; started again, with the mail server back, it sends the e-mail, once, and
 * its link works. In both modes (embedded: the whole `npm start` process is killed).
 */

interface Received {
  to: string;
  messageId: string;
  text: string;
}

/** An SMTP server that refuses every message with a temporary error (421/451) until told to accept. */
class MailServer {
  accepting = false;
  readonly received: Received[] = [];
  readonly refused: string[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      if (this.accepting) return callback();
      this.refused.push(address.address);
      const error = Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 });
      callback(error);
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '';
        for (const rcpt of session.envelope.rcptTo) this.received.push({ to: rcpt.address, messageId, text: raw });
        callback();
      });
    },
  });

  async start(): Promise<string> {
    // A client SIGKILLed mid-conversation resets its connection: expected here, not an error.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The system whose mail processes can be SIGKILLed: distributed, identity and directory; embedded, the whole `npm start` process. */
interface Crashable {
  url: string;
  adminEmail: string;
  adminPassword: string;
  crashMailer(): Promise<void>;
  startAgain(): Promise<void>;
  stop(): Promise<void>;
}

async function healthy(url: string, deadline: number): Promise<void> {
  for (;;) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url}/health never answered 200`);
    await sleep(250);
  }
}

/** `npm start`'s entry point as its own process, on a data directory that outlives it. */
async function embeddedProcess(smtpUrl: string): Promise<Crashable> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mail-outbox-embedded-'));
  const port = 20_000 + Math.floor(Math.random() * 10_000);
  const url = `http://127.0.0.1:${port}`;
  const admin = { email: 'operator@mail.test', password: 'operator-password-123' };
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(process.execPath, [new URL('../../launcher/embedded.main.js', import.meta.url).pathname], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SMTP_URL: smtpUrl, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, DIRECTORY_SEED: 'none', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await healthy(url, Date.now() + FIRST_BOOT_SETTLE_MS);
  };
  const kill = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill(signal);
    await gone;
  };
  await start();
  return { url, adminEmail: admin.email, adminPassword: admin.password, crashMailer: () => kill('SIGKILL'), startAgain: start, stop: () => kill('SIGTERM') };
}

async function distributedSystem(smtpUrl: string): Promise<Crashable> {
  const system: SystemUnderTest = await startSystem('distributed', 'none', undefined, { SMTP_URL: smtpUrl });
  return {
    url: system.url,
    adminEmail: system.adminEmail,
    adminPassword: system.adminPassword,
    crashMailer: async () => {
      await Promise.all([system.kill('identity'), system.kill('directory')]);
    },
    startAgain: async () => {
      // Side by side (a restart of one waits for the whole system's health, the other one included).
      const launcher = system.distributed!;
      await Promise.all([launcher.startInstance('identity', 0), launcher.startInstance('directory', 0)]);
      await healthy(system.url, Date.now() + 60_000);
    },
    stop: () => system.stop(),
  };
}

for (const mode of modes()) {
  describe(`${mode} mode: an e-mail asked for survives a crash before it could be sent`, () => {
    const mail = new MailServer();
    let system: Crashable;
    let api: Api;
    const tag = runTag();
    const email = `reset-${tag}@mail.example`;
    const password = 'first long password';

    before(async () => {
      const smtpUrl = await mail.start();
      system = mode === 'embedded' ? await embeddedProcess(smtpUrl) : await distributedSystem(smtpUrl);
      api = new Api(system.url);
    });
    after(async () => {
      await system?.stop();
      await mail.stop();
    });

    it('a reset and an invitation asked while the mail server refuses, the processes SIGKILLed, started again: one e-mail each arrives and its link works', async () => {
      const budgets = new Budgets(FIRST_BOOT_SETTLE_MS);
      const admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      const entry = await api.post('/api/v1/admin/entries', { name: 'Mail Outbox', dateOfBirth: '2000-01-01', exam: 'B2 First', centre: 'JP001' }, admin).expect(201);
      await api.register({ idNumber: entry.body.idNumber, secretNumber: entry.body.secretNumber, email, password }, budgets.deadline());

      const candidate = await api.login({ idNumber: entry.body.idNumber, password });
      const invitee = `office-${tag}@college.example`;
      await api.post('/api/v1/directory/invitations', { organisationName: `Outbox College ${tag}`, email: invitee, website: `https://outbox-${tag}.example.edu` }, candidate).expect(202);
      await api.post('/api/v1/auth/password-reset', { idNumber: entry.body.idNumber }).expect(202);
      // The workers tried (so the events are stored) and the server refused: nothing was sent yet.
      await expectEventually(() => assert.ok(mail.refused.includes(email) && mail.refused.includes(invitee), 'the mail workers have not tried yet'), { timeoutMs: 20_000 });
      assert.equal(mail.received.length, 0);

      await system.crashMailer();
      mail.accepting = true;
      await system.startAgain();

      // A worker SIGKILLed mid-send leaves its claim: then the job waits for the lease (45 s) to end.
      const delivered = await expectEventually(() => {
        const reset = mail.received.find((m) => m.to === email);
        const invitation = mail.received.find((m) => m.to === invitee);
        assert.ok(reset && invitation, 'not every e-mail arrived after the restart');
        return { reset, invitation };
      }, { timeoutMs: 75_000 });
      // A few more passes of the workers (every 2 s): nothing more is sent.
      await sleep(5_000);
      for (const to of [email, invitee]) {
        const got = mail.received.filter((m) => m.to === to);
        assert.equal(new Set(got.map((m) => m.messageId)).size, 1, `one e-mail to ${to} in effect (resends carry the same Message-ID)`);
        assert.equal(got.length, 1, `and here, sent once to ${to}`);
      }

      const token = requireToken(delivered.reset.text, '/reset-password');
      const confirmed = await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'second long password' });
      assert.equal(confirmed.status, 204, `the mailed link (token ${token}) did not work: ${JSON.stringify(confirmed.body)}`);
      await api.login({ idNumber: entry.body.idNumber, password: 'second long password' });
      const invitationToken = requireToken(delivered.invitation.text, '/invitations/accept');
      await api.post(`/api/v1/directory/invitations/${invitationToken}/accept`, { contactName: 'Out Box', password: 'organisation long password' }).expect(201);
    });
  });
}
