import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { shuffled } from '#libs/testing';
import { loadUniversities } from '../../services/directory/src/search/index.js';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll, POLL_INTERVAL_MS, type Answer } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';
import { narrowing, positiveNumber } from './switches.js';
import { seedOrganisations } from '../../services/directory/src/organisation/seed/seed-organisations.js';
import { directoryIndexCount, directoryRecipientIds, sharingRecipients } from './white-box.js';

/** Seeded organisations checked after the crash (E2E_FAULT_SAMPLE). */
const FULL_SAMPLE = 200;
const SAMPLE = Math.floor(positiveNumber('E2E_FAULT_SAMPLE', FULL_SAMPLE));
if (SAMPLE < FULL_SAMPLE) narrowing('E2E_FAULT_SAMPLE', String(SAMPLE), `${SAMPLE} seeded organisations checked after the crash, not ${FULL_SAMPLE}`);
/** One-shot checks over the sample go at 20 a second: under the gateway's 6000 a minute per route. */
const SAMPLE_SPACING_MS = 50;

/** A seeded organisation found through search: its main account. */
interface Seeded {
  name: string;
  recipientId: string;
}

/**
 * Distributed mode with the full seed on a fresh namespace: while the 10k-organisation import is
 * flowing, sharing and identity are SIGKILLed (no shutdown hooks, offsets and outbox marks left
 * where they were) and started again. Then, once the gateway reports caught up: every sampled
 * seeded organisation is sendable, sharing knows exactly the accounts the directory published,
 * and nothing was applied twice (each share listed once, each read-model document at its
 * organisation's version).
 */
describe('distributed mode: sharing and identity SIGKILLed during the first-boot import', { skip: !modes().includes('distributed') }, () => {
  let system: SystemUnderTest;
  let api: Api;
  let budgets: Budgets;
  const tag = runTag();
  const state: { admin?: string; candidate?: string; resultId?: string; org?: { email: string; recipientId: string }; sent: Set<string>; knownAtKill?: number } = {
    sent: new Set(),
  };

  const newCandidate = async (deadline: number) => {
    const entry = await api.post('/api/v1/admin/entries', { name: `Fault ${tag}`, dateOfBirth: '2000-02-29', exam: 'C1 Advanced', centre: 'JP001' }, state.admin).expect(201);
    const result = await api.post('/api/v1/admin/results', sampleResult(entry.body.idNumber), state.admin).expect(201);
    const password = 'fault candidate password';
    await api.register({ idNumber: entry.body.idNumber, secretNumber: entry.body.secretNumber, email: `fault-${tag}-${runTag()}@mail.example`, password }, deadline);
    return { token: await api.login({ idNumber: entry.body.idNumber, password }), resultId: result.body.resultId as string };
  };
  const share = (recipientId: string) => api.post('/api/v1/me/shares', { resultId: state.resultId, recipientId, consent: true }, state.candidate);

  before(async () => {
    system = await startSystem('distributed', 'full');
    budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
    api = new Api(system.url);
  });
  after(async () => {
    await system?.stop();
  });

  it('the operator adds an organisation and enters a candidate, who registers', async () => {
    state.admin = await api.loginEventually({ email: system.adminEmail, password: system.adminPassword }, budgets.deadline());
    const email = `faults-${tag}@org.example`;
    const org = await api
      .post('/api/v1/admin/organisations', { name: `Crashproof College ${tag}`, kind: 'education', country: 'Japan', website: `https://crashproof-${tag}.example`, email }, state.admin)
      .expect(201);
    state.org = { email, recipientId: org.body.recipients[0].recipientId };
    const candidate = await newCandidate(budgets.deadline());
    state.candidate = candidate.token;
    state.resultId = candidate.resultId;
  });

  it('SIGKILLs sharing and identity while the import is flowing, and starts them again', async (t) => {
    // Flowing: sharing has applied part of the seed (checked on its database, 4 times a second).
    let known = 0;
    for (const deadline = budgets.settleDeadline; known === 0 && Date.now() < deadline; ) {
      await sleep(POLL_INTERVAL_MS);
      known = (await sharingRecipients(system.data.namespace).catch(() => [])).length;
    }
    await Promise.all([system.kill('sharing'), system.kill('identity')]);
    state.knownAtKill = known;
    t.diagnostic(`killed ${Date.now() - system.healthyAt} ms after /health, sharing knowing ${known} recipient accounts`);
    const restarting = Date.now();
    // Together: each restart waits for the gateway's /health, which needs the other one up too.
    await Promise.all([system.restart('sharing'), system.restart('identity')]);
    budgets.restarted();
    t.diagnostic(`restarted in ${Date.now() - restarting} ms`);
  });

  it('the gateway reports caught up (/health/ready)', async () => {
    const ready = await poll<Answer>(() => api.get('/health/ready'), {
      what: 'GET /health/ready',
      deadline: budgets.deadline(),
      retryOn: [503],
      accept: (a) => (a.status === 200 ? a : undefined),
    });
    assert.equal((ready.body as { ready: boolean }).ready, true);
  });

  it(`every one of ${SAMPLE} random seeded organisations is found by search and sendable`, async () => {
    // Ready is not "imported": the directory was ready before its import began and stays ready
    // while its backlog stays under the threshold (README, distributed mode). The import (not
    // interrupted: the directory was not killed) finishes in the background; search is checked on
    // the whole of it, or the sample would miss whatever was still on its way.
    const { organisations } = await seedOrganisations();
    const seeded = organisations.reduce((n, o) => n + o.recipients.length, 0);
    const indexed = budgets.deadline();
    let count = await directoryIndexCount(system.data.namespace);
    while (count < seeded && Date.now() < indexed) {
      await sleep(POLL_INTERVAL_MS * 4);
      count = await directoryIndexCount(system.data.namespace);
    }
    assert.ok(count >= seeded, `the directory's index holds ${count} of the ${seeded} seeded accounts by the deadline`);
    const universities = shuffled(await loadUniversities());
    const sample: Seeded[] = [];
    const unmatched: string[] = [];
    for (const u of universities) {
      if (sample.length >= SAMPLE || unmatched.length > SAMPLE / 10) break;
      const name = u.name.trim();
      const r = await api.get(`/api/v1/directory/search?q=${encodeURIComponent(name.slice(0, 100))}&limit=50`, state.candidate).expect(200);
      const hit = (r.body.items as { recipientId: string; organisationName: string; country: string; department: string | null }[]).find(
        (i) => i.organisationName.toLowerCase() === name.toLowerCase() && i.country.toLowerCase() === u.country.trim().toLowerCase(),
      );
      if (hit) sample.push({ name, recipientId: hit.recipientId });
      else unmatched.push(`${name} (${u.country})`);
      await sleep(SAMPLE_SPACING_MS);
    }
    assert.equal(sample.length, SAMPLE, `seeded organisations not found by their own name: ${unmatched.slice(0, 10).join('; ')}`);
    // 404 until the account has reached sharing; each account is tried again, 20 a second overall.
    const pending = new Map(sample.map((s) => [s.recipientId, s]));
    const deadline = budgets.deadline();
    while (pending.size > 0) {
      for (const [recipientId] of pending) {
        const r = await share(recipientId);
        if (r.status === 201 || r.status === 200) {
          pending.delete(recipientId);
          state.sent.add(r.body.shareId);
        } else if (r.status !== 404) {
          throw new Error(`POST /me/shares to seeded account ${recipientId} → ${r.status} ${JSON.stringify(r.body)}`);
        }
        await sleep(SAMPLE_SPACING_MS);
      }
      if (Date.now() >= deadline) break;
    }
    assert.equal(
      pending.size,
      0,
      `${pending.size} of ${SAMPLE} seeded accounts still unknown to sharing ${Date.now() - system.healthyAt} ms after /health: ${[...pending.values()].slice(0, 5).map((s) => s.name).join('; ')}`,
    );
  });

  it('sharing knows exactly the recipient accounts the directory published, each at its version', async (t) => {
    const deadline = budgets.deadline();
    for (;;) {
      // Both read again each round: the directory may still be importing.
      const published = await directoryRecipientIds(system.data.namespace);
      const known = await sharingRecipients(system.data.namespace);
      const ids = new Set(known.filter((d) => d.active).map((d) => d._id));
      const diff = {
        missing: [...published].filter((id) => !ids.has(id)),
        extra: [...ids].filter((id) => !published.has(id)),
        inactive: known.length - ids.size,
        // Every organisation of this run was registered once (version 1): an account at another version had an event applied to it again.
        versions: known.filter((d) => d._version !== 1).map((d) => `${d._id}@${d._version}`),
      };
      if ((diff.missing.length > 0 || diff.extra.length > 0) && Date.now() < deadline) {
        await sleep(1_000);
        continue;
      }
      t.diagnostic(`the directory published ${published.size} recipient accounts; sharing knew ${state.knownAtKill ?? '?'} when it was killed`);
      if ((state.knownAtKill ?? 0) >= published.size) t.diagnostic('the import had already gone through sharing: the crash did not hit it mid-flow');
      assert.deepEqual(
        { missing: diff.missing.length, extra: diff.extra.length, inactive: diff.inactive, otherVersions: diff.versions.length },
        { missing: 0, extra: 0, inactive: 0, otherVersions: 0 },
        `directory published ${published.size}; first missing ${diff.missing.slice(0, 3).join(', ')}; extra ${diff.extra.slice(0, 3).join(', ')}; ${diff.versions.slice(0, 3).join(', ')}`,
      );
      return;
    }
  });

  it('each share is listed once for the candidate', async () => {
    // Every page of "Shared with" (200 a page at most, issue 15), walked again until all are there.
    const walk = async (): Promise<string[]> => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await api.get(`/api/v1/me/shares?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, state.candidate).expect(200);
        const body = page.body as { items: { shareId: string }[]; nextCursor: string | null };
        ids.push(...body.items.map((s) => s.shareId));
        cursor = body.nextCursor;
      } while (cursor);
      return ids;
    };
    const deadline = budgets.deadline();
    let ids = await walk();
    while (ids.length < state.sent.size && Date.now() < deadline) {
      await sleep(POLL_INTERVAL_MS);
      ids = await walk();
    }
    assert.equal(new Set(ids).size, ids.length, 'a share is listed twice');
    assert.deepEqual([...ids].sort(), [...state.sent].sort());
  });

  it('a share acknowledged just before a SIGKILL of sharing reaches the inbox once; identity caught up (the organisation user logs in)', async () => {
    const sent = await poll(() => share(state.org!.recipientId), {
      what: 'POST /me/shares to the organisation added before the crash',
      deadline: budgets.deadline(),
      retryOn: [404],
      accept: (a) => (a.status === 201 ? (a.body as { shareId: string }) : undefined),
    });
    await system.kill('sharing');
    await system.restart('sharing');
    budgets.restarted();
    const token = await api.resetToken(system.mailDir, state.org!.email, budgets.deadline());
    await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'crashproof password' }).expect(204);
    const org = await api.login({ email: state.org!.email, password: 'crashproof password' });
    const inbox = await poll(() => api.get('/api/v1/institution/shares', org), {
      what: 'the share in the inbox after the crash',
      deadline: budgets.deadline(),
      accept: (a) => {
        const list = (a.body as { items: { shareId: string }[] }).items;
        return list.some((s) => s.shareId === sent.shareId) ? list : undefined;
      },
    });
    assert.deepEqual(inbox.map((s) => s.shareId), [sent.shareId]);
    const mine = (await api.get('/api/v1/me/shares', state.candidate).expect(200)).body.items as { shareId: string }[];
    assert.equal(mine.filter((s) => s.shareId === sent.shareId).length, 1);
  });

  it('a new entry made after the crash is registrable (identity consumes again)', async () => {
    await newCandidate(budgets.deadline());
  });
});
