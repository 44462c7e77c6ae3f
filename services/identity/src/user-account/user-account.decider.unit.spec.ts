import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { userAccountDecider as decider, type UserAccountCommand } from './user-account.decider.js';
import type { UserAccountEvent } from './user-account.events.js';

const given = (events: UserAccountEvent[]) => events.reduce(decider.evolve, decider.initialState);
const when = (events: UserAccountEvent[], command: UserAccountCommand) => decider.decide(command, given(events));
const isConflict = (e: unknown) => e instanceof DomainError && e.code === 'ACCOUNT.EMAIL_TAKEN';

const orgUser = (passwordHash: string | null, organisationId = 'org-1'): UserAccountCommand => ({
  type: 'AddOrganisationUser',
  data: { userId: 'u-1', email: 'x@uni.example', organisationId, name: null, passwordHash },
});
const added = (passwordHash: string | null): UserAccountEvent => ({
  type: 'OrganisationUserAdded',
  data: { userId: 'u-1', email: 'x@uni.example', organisationId: 'org-1', name: null, passwordHash },
});
const operatorAdded: UserAccountEvent = { type: 'OperatorAdded', data: { userId: 'op', email: 'x@uni.example', passwordHash: 'p1' } };

describe('UserAccount decider', () => {
  it('adds an organisation user, with or without a password', () => {
    assert.deepEqual(when([], orgUser(null)), [added(null)]);
    assert.deepEqual(when([], orgUser('h')), [added('h')]);
  });

  it('ignores a repeat and never resets a password already set', () => {
    assert.deepEqual(when([added(null)], orgUser(null)), []);
    assert.deepEqual(when([added('h1')], orgUser('h2')), []);
    assert.deepEqual(when([added(null), { type: 'UserPasswordChanged', data: { passwordHash: 'mine' } }], orgUser('h2')), []);
  });

  it('sets the first password when a later event brings one', () => {
    assert.deepEqual(when([added(null)], orgUser('h')), [{ type: 'UserPasswordChanged', data: { passwordHash: 'h' } }]);
  });

  it('refuses an address taken by another organisation or the operator', () => {
    assert.throws(() => when([added(null)], orgUser(null, 'org-2')), isConflict);
    assert.throws(() => when([operatorAdded], orgUser(null)), isConflict);
    assert.throws(() => when([added(null)], { type: 'EnsureOperator', data: { userId: 'op', email: 'x@uni.example', passwordHash: 'p' } }), isConflict);
  });

  it('creates the operator once and updates a changed password', () => {
    const ensure = (passwordHash: string): UserAccountCommand => ({ type: 'EnsureOperator', data: { userId: 'op', email: 'x@uni.example', passwordHash } });
    assert.deepEqual(when([], ensure('p1')), [operatorAdded]);
    assert.deepEqual(when([operatorAdded], ensure('p1')), []);
    assert.deepEqual(when([operatorAdded], ensure('p2')), [{ type: 'UserPasswordChanged', data: { passwordHash: 'p2' } }]);
  });

  it('changes a password only of an existing account', () => {
    const change: UserAccountCommand = { type: 'ChangeUserPassword', data: { passwordHash: 'n' } };
    const state = given([added(null), ...when([added(null)], change)]);
    assert.equal(state.status === 'organisation-user' && state.passwordHash, 'n');
    assert.throws(() => when([], change), (e: unknown) => e instanceof DomainError && e.kind === 'not-found');
  });
});
