import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { AddedAccount } from '#libs/contracts';

/** The operator adds a recipient account (a department) to an organisation. */
export class AddAccountCommand extends Command<AddedAccount> {
  constructor(
    readonly organisationId: string,
    readonly department: string,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
