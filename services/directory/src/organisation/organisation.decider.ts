import type { Decider } from '#libs/event-store';
import { DomainError } from '#libs/domain';
import { OrganisationErrors } from './organisation.errors.js';
import type { OrganisationEvent, RegisteredOrganisation } from './organisation.events.js';

export type OrganisationCommand = { type: 'RegisterOrganisation'; data: RegisteredOrganisation };

export type OrganisationState = { status: 'none' } | { status: 'registered'; organisation: RegisteredOrganisation };

const key = (department: string | null): string => (department ?? '').trim().toLowerCase();

/**
 * An organisation is registered once, with at least one recipient account; its accounts must
 * be told apart, so departments are unique (ignoring case) and there is at most one main account.
 */
export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterOrganisation': {
        if (state.status !== 'none') {
          throw new DomainError('conflict', OrganisationErrors.EXISTS, 'This organisation is already registered.');
        }
        const { recipients } = command.data;
        if (recipients.length === 0) {
          throw new DomainError('invalid', OrganisationErrors.NO_ACCOUNT, 'An organisation needs at least one recipient account.');
        }
        const seen = new Set<string>();
        for (const r of recipients) {
          if (seen.has(key(r.department))) {
            throw new DomainError(
              'invalid',
              OrganisationErrors.DUPLICATE_DEPARTMENT,
              r.department === null
                ? 'An organisation has at most one main account.'
                : `The department "${r.department}" appears twice: each account needs its own name.`,
            );
          }
          seen.add(key(r.department));
        }
        return [{ type: 'OrganisationRegistered', data: command.data }];
      }
      default: {
        const unknown: never = command.type;
        throw new Error(`unknown command ${String(unknown)}`);
      }
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return { status: 'registered', organisation: event.data };
      default: {
        const unknown: never = event.type;
        throw new Error(`unknown event ${String(unknown)}`);
      }
    }
  },
};
