import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, runDecider } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { shareViewOf } from '../../projections/shares.projection.js';
import { inboxStatusOf, timelineOf, type ShareView } from '../../projections/shares.read-model.js';
import { isDelivered, shareDecider } from '../share.decider.js';
import { shareNotFound } from '../share.errors.js';
import { shareStreamId, UUID_PATTERN } from '../share.events.js';
import { OpenShareCommand, type OpenedShare } from './open-share.command.js';

/** The share as its organisation opens it: a withdrawn one shows why and when, never the candidate or the result. */
export function toOpenedShare(s: ShareView): OpenedShare {
  const opened: OpenedShare = {
    shareId: s._id,
    status: inboxStatusOf(s.status),
    sharedAt: s.sharedAt,
    readAt: s.readAt,
    recipient: { recipientId: s.recipient.recipientId, organisationName: s.recipient.organisationName, department: s.recipient.department },
    amendments: [],
    timeline: timelineOf(s).map((t) => ({ event: t.event, at: t.at })),
  };
  if (s.status === 'withdrawn') {
    if (s.withdrawal) opened.withdrawal = { ...s.withdrawal };
    return opened;
  }
  const { components, ...rest } = s.result;
  return {
    ...opened,
    candidate: { name: s.candidate.name, dateOfBirth: s.candidate.dateOfBirth, idNumber: s.idNumber },
    result: { qualification: s.qualification, cefrLevel: s.cefrLevel, ...rest, components: components.map((c) => ({ skill: c.skill, score: c.score })) },
    amendments: (s.amendments ?? []).map((a) => structuredClone(a)),
  };
}

@CommandHandler(OpenShareCommand)
export class OpenShareHandler implements ICommandHandler<OpenShareCommand, OpenedShare> {
  constructor(
    private readonly store: EventStore,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: OpenShareCommand): Promise<OpenedShare> {
    const organisationId = command.by.organisationId;
    if (!organisationId || !UUID_PATTERN.test(command.shareId)) {
      throw shareNotFound();
    }
    const shareId = command.shareId.toLowerCase();
    const stream = shareStreamId(shareId);
    // Decided on the stream itself (the version it read guards the append): an opening and a
    // withdrawal at the same moment cannot both happen; the loser decides again on the winner's state.
    const { state } = await runDecider(
      this.store,
      stream,
      shareDecider,
      { type: 'ReadShare', data: { organisationId, readAt: this.infra.clock.now().toISOString(), readBy: command.by.sub } },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    if (!isDelivered(state)) throw shareNotFound();
    // Answered from the stream, so the first opening already shows it read.
    const view = shareViewOf(shareId, await this.store.readStream(stream));
    if (!view || view.organisationId !== organisationId || view.status === 'pending' || view.status === 'lapsed') throw shareNotFound();
    return toOpenedShare(view);
  }
}
