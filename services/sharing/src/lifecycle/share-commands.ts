import { Injectable } from '@nestjs/common';
import { EventStore, runDecider, type EventMetadata } from '#libs/event-store';
import { shareDecider, type ShareCommand } from '../share/share.decider.js';
import { shareStreamId } from '../share/share.events.js';

/** A command for one share, as a process (not a person) decided it. */
export interface ShareReaction {
  shareId: string;
  command: ShareCommand;
}

/**
 * Applies sharing's own reactions to share streams (amendments, withdrawals, deliveries, lapses)
 * through the share decider: a repeat (a redelivered event, two instances reacting to the same
 * thing) is recognised by the decider and appends nothing.
 */
@Injectable()
export class ShareCommands {
  constructor(private readonly store: EventStore) {}

  /** True when the command appended something. */
  async run(reaction: ShareReaction, metadata: EventMetadata): Promise<boolean> {
    const decision = await runDecider(this.store, shareStreamId(reaction.shareId), shareDecider, reaction.command, metadata);
    return decision.appended.length > 0;
  }

  /** One after another (the shares of one result, of one invitation: a handful); the first failure stops and is thrown. */
  async runAll(reactions: readonly ShareReaction[], metadata: EventMetadata): Promise<number> {
    let appended = 0;
    for (const reaction of reactions) if (await this.run(reaction, metadata)) appended++;
    return appended;
  }
}

/** The metadata of a reaction to an integration event: same correlation, caused by that event. */
export const reactionTo = (envelope: { eventId: string; correlationId: string }): EventMetadata => ({
  correlationId: envelope.correlationId,
  causationId: envelope.eventId,
  actor: 'sharing',
});
