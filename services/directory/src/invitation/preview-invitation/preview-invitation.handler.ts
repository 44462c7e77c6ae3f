import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { InvitationPreview } from '#libs/contracts';
import { DomainError, sha256Hex } from '#libs/domain';
import { EventStore, fold } from '#libs/event-store';
import { INFRA, RateLimiter, type RateLimit, type ServiceInfrastructure } from '#libs/platform';
import { InvitationsProjection } from '../../projections/invitations.projection.js';
import { invitationDecider } from '../invitation.decider.js';
import { InvitationErrors, invitationAccepted, invitationNotValid as notValid } from '../invitation.errors.js';
import { invitationStreamId } from '../invitation.events.js';
import { PreviewInvitationQuery } from './preview-invitation.query.js';

/** Per caller address: a person opens a link a few times; a guesser gets nowhere at this pace. */
export const PREVIEW_LIMIT: RateLimit = { max: 30, windowMs: 15 * 60_000 };

/**
 * The invitation behind a link, only to whoever holds the link (its token has 256 random bits;
 * only its hash is stored): the organisation's name, the invited address, until when. An unknown,
 * malformed or expired link all answer the same 404; a used one 409, as accepting it would.
 */
@QueryHandler(PreviewInvitationQuery)
export class PreviewInvitationHandler implements IQueryHandler<PreviewInvitationQuery, InvitationPreview> {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly store: EventStore,
    private readonly invitations: InvitationsProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {
    // The platform's limiter on the service's store (its index is made by InvitationRateLimiter's).
    this.limiter = new RateLimiter(infra.documents, infra.clock);
  }

  async execute(query: PreviewInvitationQuery): Promise<InvitationPreview> {
    if (!(await this.limiter.hit(`invitation-preview:${query.clientKey}`, PREVIEW_LIMIT))) {
      throw new DomainError('rate-limited', InvitationErrors.RATE_LIMITED, 'Too many invitation links opened from this address; please try again later.');
    }
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(query.token)) throw notValid();
    const tokenHash = sha256Hex(query.token);
    const view = await this.invitations.view.findOne({ tokenHash });
    if (!view) throw notValid();
    const state = fold(await this.store.readStream(invitationStreamId(view._id)), invitationDecider.evolve, invitationDecider.initialState);
    if (state.status === 'none' || state.invitation.tokenHash !== tokenHash) throw notValid();
    if (state.status === 'accepted') throw invitationAccepted();
    if (state.invitation.expiresAt <= this.infra.clock.now().toISOString()) throw notValid();
    const { organisationName, email, expiresAt } = state.invitation;
    return { organisationName, email, expiresAt };
  }
}
