import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { eventOf, EventStore, type StoredEvent } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import type { DocumentCollection } from '#libs/persistence';
import { applyVersioned, type Evolve, type Projection, type VersionedDoc } from '#libs/projections';
import { candidateStream, type CandidateAccountEvent } from '../candidate-account/candidate-account.events.js';
import { userStream, type UserAccountEvent } from '../user-account/user-account.events.js';

/** An account by its id (the access token's `sub`), as GET /api/v1/me shows it: no credentials. */
export interface AccountView extends VersionedDoc {
  kind: 'candidate' | 'organisation-user' | 'operator';
  email: string;
  idNumber?: string;
  organisationId?: string;
  /** Organisation users only, when given (identity keeps no candidate names). */
  name?: string;
  /** Candidates: their opt-in e-mails, once they changed them (absent: all off). */
  notifications?: { shareOpened: boolean; resultAmended: boolean };
}

export const ACCOUNTS_VIEW = 'accounts_view';

type AccountEvent = CandidateAccountEvent | UserAccountEvent;

/** Keyed by account id: the event that creates an account names it; later events change only its password. */
const accountIdOf = (e: AccountEvent): string | null => {
  switch (e.type) {
    case 'CandidateRegistered':
      return e.data.candidateId;
    case 'OrganisationUserAdded':
    case 'OperatorAdded':
      return e.data.userId;
    case 'CandidateNotificationsChanged':
      return e.data.candidateId;
    case 'CandidatePasswordChanged':
    case 'UserPasswordChanged':
    case 'ShareOpenedNotificationRequested':
    case 'ResultAmendedNotificationRequested':
      return null;
    default: {
      const unknown: never = e;
      throw new Error(`unknown account event ${JSON.stringify(unknown)}`);
    }
  }
};

const evolveAccount: Evolve<AccountView, AccountEvent> = (doc, e) => {
  switch (e.type) {
    case 'CandidateRegistered':
      return { kind: 'candidate', email: e.data.email, idNumber: e.data.idNumber };
    case 'OrganisationUserAdded':
      return { kind: 'organisation-user', email: e.data.email, organisationId: e.data.organisationId, ...(e.data.name ? { name: e.data.name } : {}) };
    case 'OperatorAdded':
      return { kind: 'operator', email: e.data.email };
    case 'CandidateNotificationsChanged': {
      if (!doc) return null;
      const { _id, _version, ...rest } = doc;
      return { ...rest, notifications: { shareOpened: e.data.shareOpened, resultAmended: e.data.resultAmended } };
    }
    default:
      return null;
  }
};

/** identity's read model of its accounts by id (the streams are keyed by ID Number or e-mail). */
@Injectable()
export class AccountsProjection implements Projection, OnModuleInit {
  readonly name = ACCOUNTS_VIEW;
  readonly view: DocumentCollection<AccountView>;

  constructor(
    @Inject(INFRA) infra: ServiceInfrastructure,
    private readonly store: EventStore,
  ) {
    this.view = infra.documents.collection<AccountView>(ACCOUNTS_VIEW);
  }

  /**
   * Accounts made before this read model existed: applied once from identity's events (few:
   * accounts only). No reset first: writes are versioned, so an instance starting beside another
   * one that is already applying live accounts cannot delete them.
   */
  async onModuleInit(): Promise<void> {
    if ((await this.view.count()) > 0) return;
    for await (const event of this.store.readAll()) await this.apply(event);
  }

  async apply(event: StoredEvent): Promise<void> {
    if (!candidateStream.owns(event) && !userStream.owns(event)) return;
    const e: AccountEvent = eventOf(event, candidateStream, userStream);
    const id = accountIdOf(e);
    if (id !== null) await applyVersioned(this.view, id, event.version, e, evolveAccount);
  }

  byId(accountId: string): Promise<AccountView | null> {
    return this.view.findOne({ _id: accountId });
  }

  async reset(): Promise<void> {
    await this.view.deleteMany({});
  }
}
