import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { InvitationSent } from '#libs/contracts';
import { DomainError, sha256Hex } from '#libs/domain';
import { EventStore, runDecider, type EventMetadata } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { InvitationsProjection } from '../../projections/invitations.projection.js';
import { invitationDecider } from '../invitation.decider.js';
import { InvitationErrors } from '../invitation.errors.js';
import { INVITATION_TTL_MS, invitationStreamId, type IssuedInvitation } from '../invitation.events.js';
import { normaliseWebsite, websiteDomain } from '../website-domain.js';
import { InvitationRateLimiter } from './invitation-rate.limiter.js';
import { invitationMail } from './invitation.mail.js';
import { InviteInstitutionCommand } from './invite-institution.command.js';

/**
 * Invites an organisation that is not listed, once per website domain. The e-mail is sent here,
 * after the append succeeded, not by a projection: the link's token exists only in this
 * handler's memory (the store keeps its hash), so nothing downstream could write the link.
 */
@CommandHandler(InviteInstitutionCommand)
export class InviteInstitutionHandler implements ICommandHandler<InviteInstitutionCommand, InvitationSent> {
  private readonly logger = new Logger('Invitations');

  constructor(
    private readonly store: EventStore,
    private readonly invitations: InvitationsProjection,
    private readonly limiter: InvitationRateLimiter,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: InviteInstitutionCommand): Promise<InvitationSent> {
    const website = normaliseWebsite(command.website);
    const domain = websiteDomain(website);
    if (!domain) throw new DomainError('invalid', InvitationErrors.BAD_WEBSITE, 'website must be a web address, e.g. https://www.example.ac.jp/');
    await this.limiter.hit(command.by.sub);
    const token = randomBytes(32).toString('base64url');
    const now = this.infra.clock.now();
    const invitation: IssuedInvitation = {
      invitationId: randomUUID(),
      organisationName: command.organisationName,
      email: command.email,
      website,
      domain,
      invitedBy: command.by.sub,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
      language: command.language,
    };
    const metadata: EventMetadata = { correlationId: command.correlationId, causationId: null, actor: command.by.sub };
    const streamId = invitationStreamId(domain);
    const decision = await runDecider(this.store, streamId, invitationDecider, { type: 'InviteInstitution', invitation, now: now.toISOString() }, metadata);
    if (decision.state.status === 'none') throw new Error('an invitation decision left no invitation');
    const current = decision.state.invitation;
    // Pending already: no second e-mail, and the candidate is told so.
    if (decision.appended.length === 0) return { invitationId: current.invitationId, alreadyInvited: true };
    // The link must work as soon as the e-mail arrives: update the lookup now (the relay repeats it idempotently).
    for (const event of decision.appended) await this.invitations.apply(event);
    const link = `${this.infra.publicUrl}/invitations/accept?token=${token}`;
    try {
      const { email: to, organisationName, expiresAt, language = 'en' } = invitation;
      await this.infra.mailer.send(invitationMail({ to, organisationName, link, expiresAt, language }));
    } catch (error) {
      this.logger.error(`invitation e-mail to ${domain} failed: ${(error as Error).message}`);
      // Let the next invitation for this domain issue a fresh link instead of waiting 14 days.
      await runDecider(this.store, streamId, invitationDecider, { type: 'RecordMailFailure', invitationId: current.invitationId }, metadata);
      throw new DomainError(
        'unavailable',
        InvitationErrors.MAIL_UNAVAILABLE,
        'The invitation e-mail could not be sent just now; please try again in a few minutes.',
      );
    }
    return { invitationId: current.invitationId, alreadyInvited: false };
  }
}
