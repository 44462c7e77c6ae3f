import { Logger } from '@nestjs/common';
import { DomainError } from '#libs/domain';
import { injectTraceContext } from '#libs/trace-context';
import { AccountErrors, IdentityClient, type OrganisationUserRequest } from './identity.client.js';

export const ORGANISATION_USERS_PATH = '/internal/organisation-users';

const unavailable = () =>
  new DomainError(
    'unavailable',
    AccountErrors.SERVICE_UNAVAILABLE,
    'Accounts cannot be created at the moment; nothing was saved. Please try again in a minute.',
  );

/** IdentityClient over HTTP, to identity's internal listener (never the public API port). */
export class HttpIdentityClient extends IdentityClient {
  private readonly logger = new Logger('IdentityClient');

  private readonly baseUrls: string[];

  /** `baseUrl`: one URL, or a comma-separated list of identity's instances (tried in turn while they refuse). */
  constructor(
    baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {
    super();
    this.baseUrls = baseUrl
      .split(',')
      .map((u) => u.trim().replace(/\/+$/, ''))
      .filter((u) => u !== '');
  }

  async addOrganisationUser(user: OrganisationUserRequest, correlationId: string): Promise<void> {
    const response = await this.post(user, correlationId);
    if (response.status === 200 || response.status === 201) return;
    const body = (await response.json().catch(() => ({}))) as { message?: unknown; code?: unknown };
    const message = typeof body.message === 'string' ? body.message : '';
    if (response.status === 409) {
      throw new DomainError('conflict', AccountErrors.EMAIL_TAKEN, message || 'This e-mail address already belongs to another account.');
    }
    // Identity's own rules on the address or the password (the directory checks the same ones first).
    if (response.status === 400) {
      throw new DomainError('invalid', typeof body.code === 'string' ? body.code : AccountErrors.INVALID, message || 'The account details are not valid.');
    }
    // Anything else is a fault between the services, not the client's mistake: nothing is saved.
    this.logger.error(`identity answered ${response.status} to ${ORGANISATION_USERS_PATH}: ${message}`);
    throw unavailable();
  }

  /**
   * The request to the first instance that takes the connection. Only a refused connection moves
   * on to the next (that instance never saw the request); any other failure may have been applied,
   * so it is reported as unavailable and nothing is retried.
   */
  private async post(user: OrganisationUserRequest, correlationId: string): Promise<Response> {
    for (const [index, base] of this.baseUrls.entries()) {
      try {
        return await fetch(`${base}${ORGANISATION_USERS_PATH}`, {
          method: 'POST',
          headers: injectTraceContext({ 'content-type': 'application/json', 'x-request-id': correlationId }),
          body: JSON.stringify(user),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        const refused = (error as { cause?: { code?: unknown } }).cause?.code === 'ECONNREFUSED';
        this.logger.warn(`identity at ${base} unreachable: ${String(error)}`);
        if (!refused || index === this.baseUrls.length - 1) throw unavailable();
      }
    }
    throw unavailable();
  }
}
