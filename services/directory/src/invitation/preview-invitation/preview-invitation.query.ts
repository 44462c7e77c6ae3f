import { Query } from '@nestjs/cqrs';
import type { InvitationPreview } from '#libs/contracts';

/** What the accept page shows for a link: the organisation and the address invited. */
export class PreviewInvitationQuery extends Query<InvitationPreview> {
  constructor(
    readonly token: string,
    /** The caller's address: the service's own limit on guesses, beside the gateway's. */
    readonly clientKey: string,
  ) {
    super();
  }
}
