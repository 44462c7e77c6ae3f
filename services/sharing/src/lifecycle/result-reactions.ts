import { Injectable, Logger } from '@nestjs/common';
import type { ResultDetails } from '#libs/contracts';
import { SharesProjection } from '../projections/shares.projection.js';
import type { ResultEvent, SharableResult } from '../projections/results.projection.js';
import { reactionTo, ShareCommands, type ShareReaction } from './share-commands.js';

/** What the reactions need to know of a share of the result. */
export interface ShareOfResult {
  _id: string;
}

/**
 * What the exam centre's change to a result means for each share of it (pure):
 * - ResultAmended: every share gets the amendment (AmendShare, recognised by its time when
 *   consumed again); the decider records it on unread and read ones;
 * - ResultWithdrawn: every share is withdrawn by the exam centre (WithdrawForResult); the decider
 *   withdraws delivered ones and lapses pending ones.
 * Each share is asked whatever the read model says of it: the model may lag its stream a moment
 * (a share withdrawn by the candidate and sent again), and the decider knows.
 */
export function reactionsToResult(event: ResultEvent, shares: readonly ShareOfResult[]): ShareReaction[] {
  switch (event.type) {
    case 'ResultPublished':
      return [];
    case 'ResultAmended': {
      const { amendedAt, reason, changes, result } = event.data;
      return shares.map((s) => ({
          shareId: s._id,
          command: { type: 'AmendShare', data: { amendedAt, reason, changes: structuredClone(changes), result: structuredClone(result) } },
        }));
    }
    case 'ResultWithdrawn': {
      const { withdrawnAt, reason } = event.data;
      return shares.map((s) => ({ shareId: s._id, command: { type: 'WithdrawForResult', data: { withdrawnAt, reason } } }));
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown result event ${JSON.stringify(unknown)}`);
    }
  }
}

const sameResult = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A share just sent (ResultShared) of a result whose amendment or withdrawal sharing consumed
 * meanwhile (the send read the result before; the reaction to the result looked for its shares
 * before this one was listed): what brings it up to date (pure). Nothing when it is.
 */
export function catchUpWithResult(
  share: { shareId: string; result: ResultDetails & { verificationCode: string } },
  result: SharableResult | null,
): ShareReaction | null {
  if (!result) return null;
  if (result.withdrawn) return { shareId: share.shareId, command: { type: 'WithdrawForResult', data: { withdrawnAt: result.withdrawn.at, reason: result.withdrawn.reason } } };
  const amendment = result.lastAmendment;
  if (!amendment) return null;
  const current = { ...result.details, verificationCode: result.verificationCode };
  const sent = {
    qualification: share.result.qualification,
    cefrLevel: share.result.cefrLevel,
    overallScore: share.result.overallScore,
    grade: share.result.grade,
    components: share.result.components,
    examDate: share.result.examDate,
    verificationCode: share.result.verificationCode,
  };
  if (sameResult(sent, current)) return null;
  return { shareId: share.shareId, command: { type: 'AmendShare', data: { amendedAt: amendment.at, reason: amendment.reason, changes: structuredClone(amendment.changes), result: current } } };
}

/**
 * The process manager behind ResultAmended and ResultWithdrawn: appends to each share stream of the
 * result (found in the shares read model, read only), so the organisation's inbox, feed and webhook
 * carry the change like any other share event.
 */
@Injectable()
export class ResultReactions {
  private readonly logger = new Logger('ResultReactions');

  constructor(
    private readonly shares: SharesProjection,
    private readonly commands: ShareCommands,
  ) {}

  /** In order; a failure is thrown, so that the inbox retries the batch (the decider makes what was done a no-op). */
  async react(events: readonly ResultEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'ResultPublished') continue;
      const shares = await this.shares.view.find({ resultId: event.data.resultId });
      const reactions = reactionsToResult(event, shares);
      const appended = await this.commands.runAll(reactions, reactionTo(event));
      if (appended > 0) this.logger.log(`${event.type} ${event.data.resultId}: ${appended} share(s) updated`);
    }
  }
}
