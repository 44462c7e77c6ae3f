import { tmpdir } from 'node:os';
import { EventStore, OutboxRelay, type DomainEvent } from '#libs/event-store';
import { IntegrationSink, type KafkaPublisher } from '#libs/messaging';
import { distributedInfrastructure, type ServiceInfrastructure } from '#libs/platform';
import { ProjectionSink } from '#libs/projections';
import { FeedProjection } from '../../services/sharing/src/feed/feed.projection.js';
import { sharingIntegrationMapper } from '../../services/sharing/src/integration/sharing.integration-mapper.js';
import { RecipientsProjection } from '../../services/sharing/src/projections/recipients.projection.js';
import { ResultsProjection } from '../../services/sharing/src/projections/results.projection.js';
import { SharesProjection } from '../../services/sharing/src/projections/shares.projection.js';
import { CONSENT_TEXT_VERSION } from '../../services/sharing/src/share/consent.js';
import { shareDecider } from '../../services/sharing/src/share/share.decider.js';
import { shareIdOf, shareStreamId } from '../../services/sharing/src/share/share.events.js';

/** Sharing's infrastructure, opened by the bench as the sharing process opens it (same database, topics). */
export async function sharingInfrastructure(namespace: string): Promise<ServiceInfrastructure> {
  return distributedInfrastructure('sharing', {
    mongoUri: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017',
    mongoDb: `sharing-${namespace}`,
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    jwksUrl: 'http://127.0.0.1:1/unused',
    publicUrl: 'http://localhost',
    smtpUrl: undefined,
    mailDir: tmpdir(),
    logLevel: 'warn',
    internalPort: undefined,
    trustProxy: 'loopback',
    namespace,
  });
}

/**
 * Loads shares the way an import would (EventStore.startStreams on the bulk lane), with sharing's
 * own pipeline: each share decided by the Share decider from sharing's copies of the result and
 * the recipient account (what SendResultHandler reads), appended 500 streams at a time, and
 * relayed by an OutboxRelay with sharing's sinks (Kafka through the integration mapper, then the
 * shares and feed read models). Run while the sharing process is stopped, so that its relay does
 * not race this one. Waits whenever 2,000 events are still unrelayed (as the directory's seed does).
 */
export async function bulkShares(infra: ServiceInfrastructure, pairs: readonly { resultId: string; recipientId: string }[], onChunk: (done: number) => void): Promise<number> {
  const store = new EventStore(infra.documents, infra.clock);
  await store.init();
  const shares = new SharesProjection(infra);
  const feed = new FeedProjection(infra);
  await shares.init();
  await feed.init();
  const relay = new OutboxRelay(store, [new IntegrationSink(infra.publisher, sharingIntegrationMapper, 'sharing'), new ProjectionSink([shares, feed])], {
    logger: { error: (m, e) => console.error(`[bench] relay: ${m}: ${String(e)}`) },
  });
  const results = new Map((await new ResultsProjection(infra).view.find({})).map((r) => [r._id, r]));
  const recipients = new Map((await new RecipientsProjection(infra).view.find({ active: true })).map((r) => [r._id, r]));
  relay.start();
  let done = 0;
  try {
    const CHUNK = 500;
    for (let i = 0; i < pairs.length; i += CHUNK) {
      const at = infra.clock.now().toISOString();
      const streams = pairs.slice(i, i + CHUNK).map(({ resultId, recipientId }) => {
        const result = results.get(resultId);
        const recipient = recipients.get(recipientId);
        if (!result || !recipient) throw new Error(`sharing does not know result ${resultId} or account ${recipientId} yet`);
        const shareId = shareIdOf(result._id, recipient._id);
        const events: DomainEvent[] = shareDecider.decide(
          {
            type: 'SendResult',
            consented: true,
            restrictions: result.restrictions,
            data: {
              shareId,
              resultId: result._id,
              candidateId: `bench-${result.idNumber}`,
              recipient: { recipientId: recipient._id, organisationId: recipient.organisationId, organisationName: recipient.organisationName, department: recipient.department, kind: recipient.kind },
              candidate: { name: result.candidate.name, dateOfBirth: result.candidate.dateOfBirth, idNumber: result.idNumber },
              result: { ...result.details, verificationCode: result.verificationCode },
              consent: { textVersion: CONSENT_TEXT_VERSION, givenAt: at },
              sharedAt: at,
            },
          },
          shareDecider.initialState,
        );
        return { streamId: shareStreamId(shareId), events };
      });
      await store.startStreams(streams, { correlationId: 'bench-volume', causationId: null, actor: 'bench' }, { beforeChunk: () => relay.bulkBelow(2_000) });
      done += streams.length;
      onChunk(done);
    }
    await relay.bulkBelow(1);
    return done;
  } finally {
    await relay.stop();
  }
}

export async function closeInfrastructure(infra: ServiceInfrastructure): Promise<void> {
  await (infra.publisher as KafkaPublisher).close();
  await infra.documents.close();
}
