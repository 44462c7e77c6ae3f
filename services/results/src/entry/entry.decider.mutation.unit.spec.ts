// The entry decider had no spec of its own; StrykerJS (npm run test:mutation) reached it only
// through the results smoke test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { entryDecider as decider } from './entry.decider.js';
import type { EntryEvent } from './entry.events.js';

const data: EntryEvent['data'] = {
  entryId: 'e-1',
  idNumber: 'C12345678',
  secretHash: 's',
  name: 'Hanako Yamada',
  dateOfBirth: '2001-04-02',
  exam: 'CAE',
  centre: 'JP001',
};
const entered: EntryEvent = { type: 'CandidateEntered', data };

describe('Entry decider (mutation cases)', () => {
  it('enters an ID Number once; the state keeps what a result needs, not the secret', () => {
    assert.deepEqual(decider.decide({ type: 'EnterCandidate', data }, decider.initialState), [entered]);
    assert.deepEqual(decider.evolve(decider.initialState, entered), {
      status: 'entered',
      entryId: 'e-1',
      idNumber: 'C12345678',
      name: 'Hanako Yamada',
      dateOfBirth: '2001-04-02',
      exam: 'CAE',
      centre: 'JP001',
    });
    assert.throws(
      () => decider.decide({ type: 'EnterCandidate', data }, decider.evolve(decider.initialState, entered)),
      (e: unknown) => e instanceof DomainError && e.kind === 'conflict' && e.code === 'ENTRY.EXISTS' && e.message === 'This ID Number is already taken.',
    );
  });

  it('refuses a command or an event of a type it does not know (a newer writer, a corrupt stream)', () => {
    const nope = { type: 'Nope' } as never;
    assert.throws(() => decider.decide(nope, decider.initialState), { message: 'unknown command Nope' });
    assert.throws(() => decider.evolve(decider.initialState, nope), { message: 'unknown event Nope' });
  });
});
