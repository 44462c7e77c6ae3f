import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, systemClock } from '#libs/event-store';
import { FileDocumentStore, MongooseDocumentStore, type DocumentStore } from '#libs/persistence';
import type { ServiceInfrastructure } from '#libs/platform';
import { rebuildProjection, type Projection } from '#libs/projections';
import { INVITATIONS_VIEW, InvitationsProjection } from '../../services/directory/src/projections/invitations.projection.js';
import { ACCOUNTS_VIEW, AccountsProjection } from '../../services/identity/src/projections/accounts.projection.js';
import { ResultsProjection } from '../../services/results/src/projections/results.projection.js';
import { RESULTS_VIEW } from '../../services/results/src/projections/results.read-model.js';
import { FEED_COLLECTION, FeedProjection } from '../../services/sharing/src/feed/feed.projection.js';
import { SharesProjection } from '../../services/sharing/src/projections/shares.projection.js';
import { SHARES_VIEW } from '../../services/sharing/src/projections/shares.read-model.js';

export interface RebuildCheck {
  readModel: string;
  documents: number;
  rebuilt: number;
  differing: number;
  /** Empty on both sides although the load must have filled it: the check proved nothing. */
  hollow: boolean;
}

type Doc = Record<string, unknown> & { _id: string };

/** JSON with keys sorted at every level: two documents with the same content give the same text. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

interface Subject {
  service: string;
  collection: string;
  make(infra: ServiceInfrastructure, store: EventStore): Projection;
  /** The drill's load fills it (an empty one would make the comparison hollow); the drill invites nobody. */
  expectDocuments: boolean;
  /** What may differ after a rebuild by design (nothing today). */
  ignore?: string[];
}

const SUBJECTS: Subject[] = [
  { service: 'sharing', collection: SHARES_VIEW, expectDocuments: true, make: (infra) => new SharesProjection(infra) },
  // Positions included: a position names the same event in every rebuild (issue 15).
  { service: 'sharing', collection: FEED_COLLECTION, expectDocuments: true, make: (infra) => new FeedProjection(infra) },
  { service: 'results', collection: RESULTS_VIEW, expectDocuments: true, make: (infra) => new ResultsProjection(infra) },
  { service: 'identity', collection: ACCOUNTS_VIEW, expectDocuments: true, make: (infra, store) => new AccountsProjection(infra, store) },
  { service: 'directory', collection: INVITATIONS_VIEW, expectDocuments: false, make: (infra) => new InvitationsProjection(infra) },
];

/**
 * White box, after the drill: each service's read models (in its own database) against a rebuild
 * of the same projection from that service's events (replayed into a scratch store). Equal means
 * no event was applied twice, skipped or applied out of order in effect.
 */
export async function checkRebuilds(mongoUri: string, databaseOf: (service: string) => string): Promise<RebuildCheck[]> {
  const checks: RebuildCheck[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'drill-rebuild-'));
  const live = new Map<string, DocumentStore>();
  try {
    for (const subject of SUBJECTS) {
      let documents = live.get(subject.service);
      if (!documents) {
        documents = await MongooseDocumentStore.connect(mongoUri, databaseOf(subject.service));
        live.set(subject.service, documents);
      }
      const store = new EventStore(documents);
      const strip = (d: Doc) => {
        const copy: Record<string, unknown> = { ...d };
        for (const field of subject.ignore ?? []) delete copy[field];
        return canonical(copy);
      };
      // Compared again (a fresh rebuild, a fresh read) while documents differ, for up to ~10 s: an
      // event appended between the rebuild's read of the events and the read of the read model (a
      // ShareDelivered the audit's feed reads caused) differs once and is gone the next time. A
      // document applied twice, skipped or out of order stays different.
      let current = new Map<string, string>();
      let rebuilt = new Map<string, string>();
      let differing: string[] = [];
      for (let attempt = 1; attempt <= 6; attempt++) {
        const memory = await FileDocumentStore.open(join(scratch, `${subject.service}-${subject.collection}-${attempt}`));
        const infra = { documents: memory, clock: systemClock, serviceName: subject.service } as unknown as ServiceInfrastructure;
        await rebuildProjection(store, subject.make(infra, store));
        current = new Map((await documents.collection<Doc>(subject.collection).find({})).map((d) => [d._id, strip(d)]));
        rebuilt = new Map((await memory.collection<Doc>(subject.collection).find({})).map((d) => [d._id, strip(d)]));
        await memory.close();
        const ids = new Set([...current.keys(), ...rebuilt.keys()]);
        differing = [...ids].filter((id) => current.get(id) !== rebuilt.get(id));
        if (differing.length === 0) break;
        console.error(`${subject.service}.${subject.collection}: ${differing.length} differ at comparison ${attempt}; first ${differing[0]}\n  read model: ${current.get(differing[0])}\n  rebuilt:    ${rebuilt.get(differing[0])}`);
        if (attempt < 6) await sleep(2_000);
      }
      checks.push({ readModel: `${subject.service}.${subject.collection}`, documents: current.size, rebuilt: rebuilt.size, differing: differing.length, hollow: subject.expectDocuments && current.size === 0 });
    }
  } finally {
    for (const documents of live.values()) await documents.close();
    await rm(scratch, { recursive: true, force: true });
  }
  return checks;
}
