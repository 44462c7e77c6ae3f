import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MyAccount } from '#libs/contracts';
import { DomainError } from '#libs/domain';
import { AccountsProjection } from '../../projections/accounts.projection.js';
import { AuthErrors } from '../../security/auth.errors.js';
import { MyAccountQuery } from './my-account.query.js';

@QueryHandler(MyAccountQuery)
export class MyAccountHandler implements IQueryHandler<MyAccountQuery, MyAccount> {
  constructor(private readonly accounts: AccountsProjection) {}

  async execute({ principal }: MyAccountQuery): Promise<MyAccount> {
    const account = await this.accounts.byId(principal.sub);
    if (!account) throw new DomainError('not-found', AuthErrors.ACCOUNT_NOT_FOUND, 'This account does not exist (any more).');
    return {
      accountId: account._id,
      roles: principal.roles,
      ...(account.kind === 'candidate' ? { idNumber: account.idNumber! } : { email: account.email }),
      ...(account.organisationId ? { organisationId: account.organisationId } : {}),
      ...(account.name ? { name: account.name } : {}),
      ...(account.kind === 'candidate' ? { notifications: account.notifications ?? { shareOpened: false, resultAmended: false } } : {}),
    };
  }
}
