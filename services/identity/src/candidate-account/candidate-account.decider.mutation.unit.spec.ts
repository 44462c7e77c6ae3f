// Cases StrykerJS showed unpinned (npm run test:mutation): the errors' messages, and a password
// change that evolves no account into one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { candidateAccountDecider as decider } from './candidate-account.decider.js';
import type { CandidateAccountEvent } from './candidate-account.events.js';

const given = (events: CandidateAccountEvent[]) => events.reduce(decider.evolve, decider.initialState);
const data = { candidateId: 'c-1', idNumber: 'C12345678', email: 'a@example.com', passwordHash: 'h1' };
const error = (kind: string, code: string, message: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === kind && e.code === code && e.message === message;

describe('CandidateAccount decider (mutation cases)', () => {
  it('errors carry their kind, code and message', () => {
    assert.throws(
      () => decider.decide({ type: 'RegisterCandidate', data }, given([{ type: 'CandidateRegistered', data }])),
      error('conflict', 'ACCOUNT.ALREADY_REGISTERED', 'An account already exists for this ID Number. Log in, or reset your password.'),
    );
    assert.throws(
      () => decider.decide({ type: 'ChangeCandidatePassword', data: { passwordHash: 'h2' } }, given([])),
      error('not-found', 'ACCOUNT.NOT_FOUND', 'No such account.'),
    );
  });

  it('a password change without an account changes nothing', () => {
    assert.deepEqual(given([{ type: 'CandidatePasswordChanged', data: { passwordHash: 'h2' } }]), { status: 'none' });
  });
  it('refuses a command or an event of a type it does not know (a newer writer, a corrupt stream)', () => {
    const nope = { type: 'Nope' } as never;
    assert.throws(() => decider.decide(nope, decider.initialState), { message: 'unknown command {"type":"Nope"}' });
    assert.throws(() => decider.evolve(decider.initialState, nope), { message: 'unknown event {"type":"Nope"}' });
  });
});
