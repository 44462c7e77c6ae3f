import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '#libs/domain';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { DIRECTORY_OPTIONS, type DirectoryOptions } from '../../directory.options.js';

interface WindowCounter {
  _id: string;
  count: number;
  windowEnd: string;
}

const HOUR = 60 * 60 * 1000;

/**
 * A fixed-window counter per candidate (one document per candidate and hour, `$inc` upsert):
 * atomic on both stores, and shared by every replica of the service.
 */
@Injectable()
export class InvitationRateLimiter implements OnModuleInit {
  private readonly counters: DocumentCollection<WindowCounter>;
  private readonly limit: number;

  constructor(
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
    @Inject(DIRECTORY_OPTIONS) options: DirectoryOptions,
  ) {
    this.counters = infra.documents.collection<WindowCounter>('invitation_rate');
    this.limit = options.invitationsPerHour ?? 5;
  }

  async onModuleInit(): Promise<void> {
    await this.counters.ensureIndex({ windowEnd: 1 });
  }

  /** Counts one invitation by the candidate; throws 429 beyond the hourly limit. */
  async hit(candidateId: string): Promise<void> {
    const now = this.infra.clock.now().getTime();
    const windowStart = Math.floor(now / HOUR) * HOUR;
    const _id = `${candidateId}:${windowStart}`;
    const r = await this.counters.updateOne(
      { _id },
      { $inc: { count: 1 }, $set: { windowEnd: new Date(windowStart + HOUR).toISOString() } },
      { upsert: true },
    );
    // A new window: past windows are no longer needed.
    if (r.upserted) await this.counters.deleteMany({ windowEnd: { $lte: new Date(now).toISOString() } });
    const counter = await this.counters.findOne({ _id });
    if ((counter?.count ?? 0) > this.limit) {
      throw new DomainError(
        'rate-limited',
        'INVITATION.RATE_LIMITED',
        `You can send at most ${this.limit} invitations an hour; please try again later.`,
      );
    }
  }
}
