import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { candidateAccountDecider as decider, type CandidateAccountCommand } from './candidate-account.decider.js';
import type { CandidateAccountEvent } from './candidate-account.events.js';

const given = (events: CandidateAccountEvent[]) => events.reduce(decider.evolve, decider.initialState);
const when = (events: CandidateAccountEvent[], command: CandidateAccountCommand) => decider.decide(command, given(events));

const registered: CandidateAccountEvent = {
  type: 'CandidateRegistered',
  data: { candidateId: 'c-1', idNumber: 'C12345678', email: 'a@example.com', passwordHash: 'h1' },
};

describe('CandidateAccount decider', () => {
  it('registers an ID Number once', () => {
    const events = when([], { type: 'RegisterCandidate', data: registered.data });
    assert.deepEqual(events, [registered]);
  });

  it('refuses a second registration of the same ID Number with a conflict', () => {
    assert.throws(
      () => when([registered], { type: 'RegisterCandidate', data: { ...registered.data, candidateId: 'c-2' } }),
      (e: unknown) => e instanceof DomainError && e.kind === 'conflict' && e.code === 'ACCOUNT.ALREADY_REGISTERED',
    );
  });

  it('changes the password of a registered account', () => {
    const events = when([registered], { type: 'ChangeCandidatePassword', data: { passwordHash: 'h2' } });
    assert.deepEqual(events, [{ type: 'CandidatePasswordChanged', data: { passwordHash: 'h2' } }]);
    const state = given([registered, ...events]);
    assert.equal(state.status === 'registered' && state.passwordHash, 'h2');
  });

  it('has no password to change before registration', () => {
    assert.throws(() => when([], { type: 'ChangeCandidatePassword', data: { passwordHash: 'h2' } }), (e: unknown) => e instanceof DomainError && e.kind === 'not-found');
  });
});
