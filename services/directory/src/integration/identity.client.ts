/** An organisation's user, as the directory asks identity to create it (identity hashes the password). */
export interface OrganisationUserRequest {
  organisationId: string;
  email: string;
  /** The person's name (the contact who accepted an invitation); null for the organisation's address. */
  name: string | null;
  /** Only when the person chose one (invitation acceptance); otherwise they set it through the reset link. */
  password?: string;
}

/**
 * The codes of identity's account refusals the directory passes on (identity defines them; these
 * are the ones its client translates), and its own when identity cannot be reached.
 */
export const AccountErrors = {
  EMAIL_TAKEN: 'ACCOUNT.EMAIL_TAKEN',
  INVALID: 'ACCOUNT.INVALID',
  SERVICE_UNAVAILABLE: 'ACCOUNT.SERVICE_UNAVAILABLE',
} as const;

/**
 * The port to identity, the only service that keeps credentials. Called before the directory
 * appends an organisation, so an address that belongs to another account is refused (409) and a
 * password never enters the directory's events.
 */
export abstract class IdentityClient {
  /**
   * Resolves once the user exists (created now, or already this organisation's: idempotent).
   * Throws DomainError ACCOUNT.EMAIL_TAKEN (409) when the address belongs to another account, and
   * DomainError ACCOUNT.SERVICE_UNAVAILABLE (503) when identity cannot be reached.
   */
  abstract addOrganisationUser(user: OrganisationUserRequest, correlationId: string): Promise<void>;
}
