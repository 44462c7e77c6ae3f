import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { Organisation } from '#libs/contracts';
import type { OrganisationChanges } from '../organisation.decider.js';

/** The operator edits an organisation's details (those given; the others stay). */
export class UpdateOrganisationCommand extends Command<Organisation> {
  constructor(
    readonly organisationId: string,
    readonly changes: OrganisationChanges,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
