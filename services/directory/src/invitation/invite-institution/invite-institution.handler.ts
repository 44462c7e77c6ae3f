import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { InvitationSent } from '#libs/contracts';
import { DomainError, sha256Hex } from '#libs/domain';
import { EventStore, runDecider, type EventMetadata } from '#libs/event-store';
import { LinkKeys } from '#libs/mail';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { invitationDecider } from '../invitation.decider.js';
import { InvitationErrors } from '../invitation.errors.js';
import { INVITATION_LINK_PURPOSE, INVITATION_TTL_MS, invitationStreamId, type IssuedInvitation } from '../invitation.events.js';
import { normaliseWebsite, websiteDomain } from '../website-domain.js';
import { InvitationRateLimiter } from './invitation-rate.limiter.js';
import { InviteInstitutionCommand } from './invite-institution.command.js';

/**
 * Invites an organisation that is not listed, once per website domain. The e-mail is a
 * consequence of the stored InstitutionInvited, sent by the mail worker through the outbox
 * (invitation.mail-composer.ts): a crash after the append loses no e-mail, and a mail server
 * that is down delays it instead of failing the invitation. The link's token is derived from
 * the invitation id with the service's link key; the event keeps only its hash.
 */
@CommandHandler(InviteInstitutionCommand)
export class InviteInstitutionHandler implements ICommandHandler<InviteInstitutionCommand, InvitationSent> {
  constructor(
    private readonly store: EventStore,
    private readonly limiter: InvitationRateLimiter,
    private readonly links: LinkKeys,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: InviteInstitutionCommand): Promise<InvitationSent> {
    const website = normaliseWebsite(command.website);
    const domain = websiteDomain(website);
    if (!domain) throw new DomainError('invalid', InvitationErrors.BAD_WEBSITE, 'website must be a web address, e.g. https://www.example.ac.jp/');
    await this.limiter.hit(command.by.sub);
    const invitationId = randomUUID();
    const token = await this.links.tokenFor(INVITATION_LINK_PURPOSE, invitationId);
    const now = this.infra.clock.now();
    const invitation: IssuedInvitation = {
      invitationId,
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
    return { invitationId: current.invitationId, alreadyInvited: false };
  }
}
