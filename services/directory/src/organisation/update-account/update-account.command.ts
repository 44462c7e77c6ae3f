import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { RecipientAccount } from '#libs/contracts';

export interface AccountChanges {
  department?: string;
  active?: boolean;
}

/** The operator renames, deactivates or reactivates one of an organisation's accounts. */
export class UpdateAccountCommand extends Command<RecipientAccount> {
  constructor(
    readonly organisationId: string,
    readonly recipientId: string,
    readonly changes: AccountChanges,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
