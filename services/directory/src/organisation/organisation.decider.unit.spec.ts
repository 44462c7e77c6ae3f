import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { organisationDecider, type OrganisationCommand } from './organisation.decider.js';
import type { OrganisationEvent, RegisteredOrganisation } from './organisation.events.js';

const given = (events: OrganisationEvent[]) => events.reduce(organisationDecider.evolve, organisationDecider.initialState);
const when = (events: OrganisationEvent[], command: OrganisationCommand) => organisationDecider.decide(command, given(events));

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

const code = (expected: string) => (error: unknown) => error instanceof DomainError && error.code === expected;

describe('Organisation decider', () => {
  it('given nothing, when registered with two departments, then OrganisationRegistered', () => {
    const data = org([
      { recipientId: 'r-1', department: 'Faculty of Science and Engineering' },
      { recipientId: 'r-2', department: 'School of International Liberal Studies' },
    ]);
    assert.deepEqual(when([], { type: 'RegisterOrganisation', data }), [{ type: 'OrganisationRegistered', data }]);
  });

  it('given a registered organisation, when registered again, then a conflict', () => {
    const data = org([{ recipientId: 'r-1', department: null }]);
    assert.throws(
      () => when([{ type: 'OrganisationRegistered', data }], { type: 'RegisterOrganisation', data }),
      code('ORGANISATION.EXISTS'),
    );
  });

  it('refuses departments that cannot be told apart (ignoring case and spaces)', () => {
    const data = org([
      { recipientId: 'r-1', department: 'Law' },
      { recipientId: 'r-2', department: ' law ' },
    ]);
    assert.throws(() => when([], { type: 'RegisterOrganisation', data }), code('ORGANISATION.DUPLICATE_DEPARTMENT'));
  });

  it('refuses two main accounts and an organisation without accounts', () => {
    const two = org([
      { recipientId: 'r-1', department: null },
      { recipientId: 'r-2', department: null },
    ]);
    assert.throws(() => when([], { type: 'RegisterOrganisation', data: two }), code('ORGANISATION.DUPLICATE_DEPARTMENT'));
    assert.throws(() => when([], { type: 'RegisterOrganisation', data: org([]) }), code('ORGANISATION.NO_ACCOUNT'));
  });

  it('evolves to registered', () => {
    const data = org([{ recipientId: 'r-1', department: null }]);
    assert.deepEqual(given([{ type: 'OrganisationRegistered', data }]), { status: 'registered', organisation: data });
  });
});
