// Cases StrykerJS showed unpinned (npm run test:mutation): the errors' kind, code and message
// (which of the two duplicate messages is chosen).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { organisationDecider as decider } from './organisation.decider.js';
import type { OrganisationEvent, RegisteredOrganisation } from './organisation.events.js';

const org = (recipients: RegisteredOrganisation['recipients']): RegisteredOrganisation => ({
  organisationId: 'o-1',
  name: 'Waseda University',
  kind: 'education',
  country: 'Japan',
  website: 'https://www.waseda.jp/',
  email: 'admissions@waseda.example',
  aliases: [],
  recipients,
  firstUser: null,
});
const register = (data: RegisteredOrganisation, events: OrganisationEvent[] = []) =>
  decider.decide({ type: 'RegisterOrganisation', data }, events.reduce(decider.evolve, decider.initialState));
const error = (kind: string, code: string, message: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === kind && e.code === code && e.message === message;

describe('Organisation decider (mutation cases)', () => {
  it('errors carry their kind, code and message', () => {
    const data = org([{ recipientId: 'r-1', department: null }]);
    assert.throws(
      () => register(data, [{ type: 'OrganisationRegistered', data }]),
      error('conflict', 'ORGANISATION.EXISTS', 'This organisation is already registered.'),
    );
    assert.throws(
      () => register(org([])),
      error('invalid', 'ORGANISATION.NO_ACCOUNT', 'An organisation needs at least one recipient account.'),
    );
    assert.throws(
      () => register(org([{ recipientId: 'r-1', department: null }, { recipientId: 'r-2', department: null }])),
      error('invalid', 'ORGANISATION.DUPLICATE_DEPARTMENT', 'An organisation has at most one main account.'),
    );
    assert.throws(
      () => register(org([{ recipientId: 'r-1', department: 'Admissions' }, { recipientId: 'r-2', department: ' admissions ' }])),
      error('invalid', 'ORGANISATION.DUPLICATE_DEPARTMENT', 'The department " admissions " appears twice: each account needs its own name.'),
    );
  });
  it("the operator's refusals carry their kind, code and message", () => {
    const data = org([{ recipientId: 'r-1', department: null }, { recipientId: 'r-2', department: 'Law' }]);
    const registered: OrganisationEvent[] = [{ type: 'OrganisationRegistered', data }];
    const state = registered.reduce(decider.evolve, decider.initialState);
    assert.throws(
      () => decider.decide({ type: 'ApproveOrganisation', organisationId: 'o-9' }, decider.initialState),
      error('not-found', 'ORGANISATION.NOT_FOUND', 'There is no organisation o-9 in the directory.'),
    );
    assert.throws(
      () => decider.decide({ type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-9', active: false }, state),
      error('not-found', 'ORGANISATION.ACCOUNT_NOT_FOUND', 'Waseda University has no recipient account r-9.'),
    );
    assert.throws(
      () => decider.decide({ type: 'AddAccount', organisationId: 'o-1', recipientId: 'r-3', department: 'LAW' }, state),
      error('conflict', 'ORGANISATION.DEPARTMENT_TAKEN', 'Waseda University already has an account named "Law": each account needs its own name.'),
    );
    const off = decider.evolve(state, { type: 'RecipientAccountUpdated', data: { organisationId: 'o-1', recipientId: 'r-2', department: 'Law', active: false } });
    assert.throws(
      () => decider.decide({ type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-1', department: ' law' }, off),
      error('conflict', 'ORGANISATION.DEPARTMENT_TAKEN', 'Waseda University already has a deactivated account named "Law": reactivate it instead ({"active": true}).'),
    );
  });

  it('an edit of an unregistered stream leaves the state as it is (events never found there)', () => {
    const details = { organisationId: 'o-1', name: 'X', kind: 'education', country: 'Japan', website: null, aliases: [], approved: true } as const;
    const account = { organisationId: 'o-1', recipientId: 'r-1', department: null, active: true };
    for (const event of [
      { type: 'OrganisationUpdated', data: { ...details, aliases: [] } },
      { type: 'OrganisationApproved', data: { ...details, aliases: [] } },
      { type: 'RecipientAccountAdded', data: account },
      { type: 'RecipientAccountUpdated', data: account },
    ] as OrganisationEvent[]) {
      assert.deepEqual(decider.evolve(decider.initialState, event), { status: 'none' }, event.type);
    }
  });

  it('refuses a command or an event of a type it does not know (a newer writer, a corrupt stream)', () => {
    const nope = { type: 'Nope' } as never;
    assert.throws(() => decider.decide(nope, decider.initialState), { message: 'unknown command Nope' });
    assert.throws(() => decider.evolve(decider.initialState, nope), { message: 'unknown event Nope' });
  });
});
