import { randomUUID } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import type { InternalRoute } from '#libs/platform';
import { AddOrganisationUserCommand } from './add-organisation-user.command.js';
import { parseAddOrganisationUser } from './add-organisation-user.request.js';

export const ORGANISATION_USERS_PATH = '/internal/organisation-users';

/**
 * `POST /internal/organisation-users {organisationId, email, name, password?}` on identity's
 * internal listener only (the directory calls it; the gateway cannot reach it). 201 `{userId}`
 * when created, 200 `{userId}` when the address is already this organisation's user, 409
 * ACCOUNT.EMAIL_TAKEN when it is the operator's or another organisation's, 400 for a bad body.
 */
export function addOrganisationUserRoute(commands: CommandBus): InternalRoute {
  return {
    method: 'POST',
    path: ORGANISATION_USERS_PATH,
    async handle(req) {
      const body = parseAddOrganisationUser(req.body);
      const added = await commands.execute(
        new AddOrganisationUserCommand(body.organisationId, body.email, body.name, body.password, randomUUID()),
      );
      return { status: added.created ? 201 : 200, body: { userId: added.userId } };
    },
  };
}
