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
  it('refuses a command or an event of a type it does not know (a newer writer, a corrupt stream)', () => {
    const nope = { type: 'Nope' } as never;
    assert.throws(() => decider.decide(nope, decider.initialState), { message: 'unknown command Nope' });
    assert.throws(() => decider.evolve(decider.initialState, nope), { message: 'unknown event Nope' });
  });
});
