import { Query } from '@nestjs/cqrs';
import type { MyAccount } from '#libs/contracts';
import type { Principal } from '#libs/auth';

/** The signed-in account, as GET /api/v1/me answers it. */
export class MyAccountQuery extends Query<MyAccount> {
  constructor(readonly principal: Principal) {
    super();
  }
}
