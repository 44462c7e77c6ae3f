import type { Decider } from '#libs/event-store';
import { DomainError } from '#libs/domain';
import { accountNotFound, organisationNotFound, OrganisationErrors } from './organisation.errors.js';
import type { AccountState, FirstUser, OrganisationDetails, OrganisationEvent, OrganisationUpdate, RegisteredOrganisation } from './organisation.events.js';

/** The operator's edit: any of the details (at least one, checked at the edge); the rest stay. */
export type OrganisationChanges = Partial<OrganisationDetails>;

export type OrganisationCommand =
  | { type: 'RegisterOrganisation'; data: RegisteredOrganisation }
  | { type: 'UpdateOrganisation'; organisationId: string; changes: OrganisationChanges }
  | { type: 'AddAccount'; organisationId: string; recipientId: string; department: string }
  | { type: 'UpdateAccount'; organisationId: string; recipientId: string; department?: string; active?: boolean }
  | { type: 'ApproveOrganisation'; organisationId: string };

export interface Account {
  recipientId: string;
  /** null for the organisation's main account. */
  department: string | null;
  /** An inactive account is not in search and refuses new shares; the shares it holds stay readable. */
  active: boolean;
}

/** An organisation as its events left it. */
export interface Organisation extends OrganisationDetails {
  organisationId: string;
  email: string | null;
  firstUser: FirstUser | null;
  /** false while an organisation from an invitation waits for the operator's approval. */
  approved: boolean;
  accounts: Account[];
}

export type OrganisationState = { status: 'none' } | { status: 'registered'; organisation: Organisation };

const key = (department: string | null): string => (department ?? '').trim().toLowerCase();

const registered = (state: OrganisationState, organisationId: string): Organisation => {
  if (state.status === 'none') throw organisationNotFound(organisationId);
  return state.organisation;
};

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Another account of the organisation already has this department name (ignoring case and spaces). */
const taken = (organisation: Organisation, department: string, except: string | null): void => {
  const clash = organisation.accounts.find((a) => a.recipientId !== except && key(a.department) === key(department));
  if (!clash) return;
  throw new DomainError(
    'conflict',
    OrganisationErrors.DEPARTMENT_TAKEN,
    clash.active
      ? `${organisation.name} already has an account named "${clash.department ?? ''}": each account needs its own name.`
      : `${organisation.name} already has a deactivated account named "${clash.department ?? ''}": reactivate it instead ({"active": true}).`,
  );
};

const details = (o: Organisation): OrganisationUpdate => ({
  organisationId: o.organisationId,
  name: o.name,
  kind: o.kind,
  country: o.country,
  website: o.website,
  aliases: [...o.aliases],
  approved: o.approved,
});

/**
 * An organisation is registered once, with at least one recipient account; its accounts must
 * be told apart, so departments are unique (ignoring case) and there is at most one main account.
 * The operator then edits its details and its accounts (an account is never removed: it is
 * deactivated, so the shares it holds keep their recipient), and approves one that came from an
 * invitation while approval is required. An edit that changes nothing records nothing.
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
      case 'UpdateOrganisation': {
        const o = registered(state, command.organisationId);
        const given = Object.fromEntries(Object.entries(command.changes).filter(([, v]) => v !== undefined)) as OrganisationChanges;
        const next = { ...details(o), ...given };
        next.aliases = [...new Set(next.aliases)];
        const same =
          next.name === o.name && next.kind === o.kind && next.country === o.country && next.website === o.website && sameList(next.aliases, o.aliases);
        return same ? [] : [{ type: 'OrganisationUpdated', data: next }];
      }
      case 'AddAccount': {
        const o = registered(state, command.organisationId);
        if (o.accounts.some((a) => a.recipientId === command.recipientId)) return [];
        taken(o, command.department, null);
        const data: AccountState = { organisationId: o.organisationId, recipientId: command.recipientId, department: command.department, active: true };
        return [{ type: 'RecipientAccountAdded', data }];
      }
      case 'UpdateAccount': {
        const o = registered(state, command.organisationId);
        const account = o.accounts.find((a) => a.recipientId === command.recipientId);
        if (!account) throw accountNotFound(o.name, command.recipientId);
        const department = command.department ?? account.department;
        const active = command.active ?? account.active;
        if (department === account.department && active === account.active) return [];
        if (department !== null && key(department) !== key(account.department)) taken(o, department, account.recipientId);
        return [{ type: 'RecipientAccountUpdated', data: { organisationId: o.organisationId, recipientId: account.recipientId, department, active } }];
      }
      case 'ApproveOrganisation': {
        const o = registered(state, command.organisationId);
        return o.approved ? [] : [{ type: 'OrganisationApproved', data: { ...details(o), approved: true } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${String((unknown as { type: unknown }).type)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered': {
        const { recipients, approved, ...rest } = event.data;
        return {
          status: 'registered',
          organisation: {
            organisationId: rest.organisationId,
            name: rest.name,
            kind: rest.kind,
            country: rest.country,
            website: rest.website,
            email: rest.email,
            aliases: rest.aliases,
            firstUser: rest.firstUser,
            approved: approved ?? true,
            accounts: recipients.map((r) => ({ recipientId: r.recipientId, department: r.department, active: true })),
          },
        };
      }
      case 'OrganisationUpdated':
      case 'OrganisationApproved': {
        if (state.status === 'none') return state;
        const { name, kind, country, website, aliases, approved } = event.data;
        return { status: 'registered', organisation: { ...state.organisation, name, kind, country, website, aliases, approved } };
      }
      case 'RecipientAccountAdded':
      case 'RecipientAccountUpdated': {
        if (state.status === 'none') return state;
        const { recipientId, department, active } = event.data;
        const account: Account = { recipientId, department, active };
        const others = state.organisation.accounts.filter((a) => a.recipientId !== recipientId);
        const accounts =
          others.length === state.organisation.accounts.length
            ? [...others, account]
            : state.organisation.accounts.map((a) => (a.recipientId === recipientId ? account : a));
        return { status: 'registered', organisation: { ...state.organisation, accounts } };
      }
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${String((unknown as { type: unknown }).type)}`);
      }
    }
  },
};
