// Cases StrykerJS showed unpinned (npm run test:mutation): an operator's address is not an
// organisation user's, the errors' messages, and a password change that evolves no account.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { userAccountDecider as decider, type UserAccountCommand } from './user-account.decider.js';
import type { UserAccountEvent } from './user-account.events.js';

const given = (events: UserAccountEvent[]) => events.reduce(decider.evolve, decider.initialState);
const error = (kind: string, code: string, message: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === kind && e.code === code && e.message === message;
const emailTaken = error('conflict', 'ACCOUNT.EMAIL_TAKEN', 'This e-mail address already belongs to another account.');
const operatorAdded: UserAccountEvent = { type: 'OperatorAdded', data: { userId: 'op', email: 'x@uni.example', passwordHash: 'p1' } };
const orgUser: UserAccountCommand = {
  type: 'AddOrganisationUser',
  data: { userId: 'u-1', email: 'x@uni.example', organisationId: 'org-1', name: null, passwordHash: 'h' },
};

describe('UserAccount decider (mutation cases)', () => {
  it("an operator's address cannot become an organisation user's", () => {
    assert.throws(() => decider.decide(orgUser, given([operatorAdded])), emailTaken);
  });

  it('errors carry their kind, code and message', () => {
    assert.throws(
      () => decider.decide({ type: 'ChangeUserPassword', data: { passwordHash: 'h2' } }, given([])),
      error('not-found', 'ACCOUNT.NOT_FOUND', 'No such account.'),
    );
  });

  it('a password change without an account changes nothing; with one, it sets the hash', () => {
    assert.deepEqual(given([{ type: 'UserPasswordChanged', data: { passwordHash: 'h2' } }]), { status: 'none' });
    assert.deepEqual(given([operatorAdded, { type: 'UserPasswordChanged', data: { passwordHash: 'h2' } }]), {
      status: 'operator',
      userId: 'op',
      email: 'x@uni.example',
      passwordHash: 'h2',
    });
  });
  it('refuses a command or an event of a type it does not know (a newer writer, a corrupt stream)', () => {
    const nope = { type: 'Nope' } as never;
    assert.throws(() => decider.decide(nope, decider.initialState), { message: 'unknown command {"type":"Nope"}' });
    assert.throws(() => decider.evolve(decider.initialState, nope), { message: 'unknown event {"type":"Nope"}' });
  });
});
