import { setTimeout as sleep } from 'node:timers/promises';
import { shuffled } from '#libs/testing';
import { Client, type Outcomes } from './client.js';
import type { Candidate, Organisation } from './population.js';

/** A share the gateway acknowledged (201, or 200 for a repeat of one already made). */
export interface Acknowledged {
  shareId: string;
  idNumber: string;
  resultId: string;
  recipientId: string;
  organisationId: string;
}

export interface LoadOptions {
  /** Pause between one candidate's shares (0: as fast as answers come). */
  intervalMs: number;
  /** A share not acknowledged by then (the client honouring Retry-After all along) counts as failed. */
  deadline: number;
}

/**
 * Each candidate, concurrently, sends each of `resultIds` (taken from the end of their results) to
 * every organisation, in a random order, retrying a share on 503/429 as a client honouring
 * Retry-After would: a repeat is answered 200 with the same share, never a second one.
 */
export async function sendShares(
  url: string,
  outcomes: Outcomes,
  candidates: readonly Candidate[],
  organisations: readonly Organisation[],
  resultsEach: number,
  options: LoadOptions,
): Promise<{ acknowledged: Acknowledged[]; failed: string[] }> {
  const acknowledged: Acknowledged[] = [];
  const failed: string[] = [];
  await Promise.all(
    candidates.map(async (candidate, i) => {
      const client = new Client(url, outcomes, `10.9.4.${i + 1}`);
      const pairs = shuffled(candidate.resultIds.slice(-resultsEach).flatMap((resultId) => organisations.map((o) => ({ resultId, o }))));
      for (const { resultId, o } of pairs) {
        const answer = await client.until<{ shareId: string }>('POST', '/api/v1/me/shares', candidate.token, { resultId, recipientId: o.recipientId, consent: true }, options.deadline, 'POST /api/v1/me/shares');
        if (answer.status === 201 || answer.status === 200) {
          acknowledged.push({ shareId: answer.body.shareId, idNumber: candidate.idNumber, resultId, recipientId: o.recipientId, organisationId: o.organisationId });
        } else {
          failed.push(`${candidate.idNumber} → ${o.name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
        if (options.intervalMs > 0) await sleep(options.intervalMs);
      }
    }),
  );
  return { acknowledged, failed };
}

/**
 * Organisations reading while the load runs: each, every `everyMs`, lists its inbox and opens up
 * to two unread shares (the first open makes a share read: ResultRead). Runs until `stop` aborts.
 */
export async function readInboxes(url: string, outcomes: Outcomes, organisations: readonly Organisation[], everyMs: number, stop: AbortSignal): Promise<number> {
  let opened = 0;
  await Promise.all(
    organisations.map(async (o, i) => {
      const client = new Client(url, outcomes, `10.9.5.${i + 1}`);
      while (!stop.aborted) {
        const inbox = await client.call<{ items: { shareId: string; status: string }[] }>('GET', '/api/v1/institution/shares?status=unread', o.token, undefined, 'GET /api/v1/institution/shares');
        if (inbox.status === 200) {
          for (const item of inbox.body.items.slice(0, 2)) {
            const read = await client.call('GET', `/api/v1/institution/shares/${item.shareId}`, o.token, undefined, 'GET /api/v1/institution/shares/{shareId}');
            if (read.status === 200) opened++;
          }
        }
        await sleep(everyMs, undefined, { ref: false }).catch(() => undefined);
      }
    }),
  );
  return opened;
}

/** Candidates asking who they are (identity) in a tight loop: requests in flight when identity is stopped. */
export async function askIdentity(url: string, outcomes: Outcomes, candidates: readonly Candidate[], stop: AbortSignal): Promise<number> {
  let answered = 0;
  await Promise.all(
    candidates.slice(0, 10).map(async (c, i) => {
      const client = new Client(url, outcomes, `10.9.6.${i + 1}`);
      while (!stop.aborted) {
        const me = await client.call('GET', '/api/v1/me', c.token, undefined, 'GET /api/v1/me');
        if (me.status === 200) answered++;
        await sleep(20);
      }
    }),
  );
  return answered;
}
