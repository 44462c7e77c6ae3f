import { Controller, Inject, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type KnownEnvelope } from '#libs/contracts';
import type { DocumentStore } from '#libs/persistence';
import { applyVersioned, type VersionedDoc } from '#libs/projections';
import type { DeadLetters } from '../src/dead-letter.port.js';
import { IntegrationInbox } from '../src/integration.inbox.js';

export interface ProbeContext {
  documents: DocumentStore;
  deadLetters: DeadLetters;
  group: string;
  /** Only events of aggregates with this prefix count (topics are shared with other runs). */
  prefix: string;
  /** Handler runs per aggregate (after the inbox dropped repeats). */
  deliveries: Map<string, number>;
}

export interface ReadCount extends VersionedDoc {
  applied: number;
  eventIds: string[];
}

const PROBE = Symbol('PROBE');

/** A consumer like a service's: `@EventPattern` → IntegrationInbox → a versioned read model. */
@Controller()
class ProbeConsumer {
  private readonly inbox: IntegrationInbox;

  constructor(@Inject(PROBE) private readonly ctx: ProbeContext) {
    this.inbox = new IntegrationInbox(ctx.documents, ctx.deadLetters, ctx.group, { attempts: 2, backoffMs: 10 });
  }

  @EventPattern(Topics.shares)
  async onShares(@Payload() batch: unknown[]): Promise<void> {
    await this.inbox.consumeBatch(Topics.shares, batch, async (events) => {
      for (const event of events) await this.apply(event);
    });
  }

  private async apply(event: KnownEnvelope): Promise<void> {
    if (!event.aggregateId.startsWith(this.ctx.prefix)) return;
    this.ctx.deliveries.set(event.aggregateId, (this.ctx.deliveries.get(event.aggregateId) ?? 0) + 1);
    await applyVersioned(
      this.ctx.documents.collection<ReadCount>('read_counts'),
      event.aggregateId,
      event.aggregateVersion,
      event,
      (doc, e) => ({ applied: (doc?.applied ?? 0) + 1, eventIds: [...(doc?.eventIds ?? []), e.eventId] }),
    );
  }
}

@Module({})
export class ProbeModule {
  static register(ctx: ProbeContext): DynamicModule {
    return { module: ProbeModule, controllers: [ProbeConsumer], providers: [{ provide: PROBE, useValue: ctx }] };
  }
}
