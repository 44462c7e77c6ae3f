import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type DocumentCollection, type DocumentStore } from '#libs/persistence';

interface JobLeaseDoc {
  /** The job's name. */
  _id: string;
  /** The claim of the instance running it now ('' when none). */
  lease: string;
  /** Epoch ms: before this nobody else starts the job (the holder's claim, then the pause until the next run). */
  leaseUntil: number;
}

/**
 * A scheduled job that runs on one instance at a time, every `everyMs` across all instances: an
 * instance claims the job's document (compare-and-set on `leaseUntil`), runs it, and holds it for
 * `everyMs` after it finished. A claim lapses after `holdMs`, so a crashed holder is taken over.
 */
export class JobLease {
  private readonly leases: DocumentCollection<JobLeaseDoc>;

  constructor(
    documents: DocumentStore,
    private readonly job: string,
    private readonly options: { holdMs: number; everyMs: number },
  ) {
    this.leases = documents.collection<JobLeaseDoc>('scheduled_jobs');
  }

  /** Runs `work` when this instance wins the claim at `now`; false when another holds it, or it is not due. */
  async runIfDue(now: () => number, work: () => Promise<void>): Promise<boolean> {
    const lease = randomUUID();
    const at = now();
    const claimed = await this.leases.updateOne({ _id: this.job, leaseUntil: { $lte: at } }, { $set: { lease, leaseUntil: at + this.options.holdMs } });
    if (claimed.matched !== 1 && !(await this.claimFirst(lease, at))) return false;
    try {
      await work();
    } finally {
      await this.leases.updateOne({ _id: this.job, lease }, { $set: { lease: '', leaseUntil: now() + this.options.everyMs } });
    }
    return true;
  }

  /** The job's very first run anywhere: whoever creates its document holds it. */
  private async claimFirst(lease: string, at: number): Promise<boolean> {
    if (await this.leases.findOne({ _id: this.job })) return false;
    try {
      await this.leases.insertOne({ _id: this.job, lease, leaseUntil: at + this.options.holdMs });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }
}
