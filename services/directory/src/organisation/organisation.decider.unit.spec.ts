import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { organisationDecider, type OrganisationCommand } from './organisation.decider.js';
import type { OrganisationEvent, OrganisationUpdate, RegisteredOrganisation } from './organisation.events.js';

const given = (events: OrganisationEvent[]) => events.reduce(organisationDecider.evolve, organisationDecider.initialState);
const when = (events: OrganisationEvent[], command: OrganisationCommand) => organisationDecider.decide(command, given(events));

const org = (recipients: RegisteredOrganisation['recipients'], extra: Partial<RegisteredOrganisation> = {}): RegisteredOrganisation => ({
  organisationId: 'o-1',
  name: 'Waseda University',
  kind: 'education',
  country: 'Japan',
  website: 'https://www.waseda.jp/',
  email: 'admissions@waseda.example',
  aliases: [],
  recipients,
  firstUser: null,
  ...extra,
});

const code = (expected: string) => (error: unknown) => error instanceof DomainError && error.code === expected;

/** Waseda with a main account (r-1) and the Faculty of Law (r-2). */
const waseda: OrganisationEvent = {
  type: 'OrganisationRegistered',
  data: org([
    { recipientId: 'r-1', department: null },
    { recipientId: 'r-2', department: 'Faculty of Law' },
  ]),
};
const details: OrganisationUpdate = { organisationId: 'o-1', name: 'Waseda University', kind: 'education', country: 'Japan', website: 'https://www.waseda.jp/', aliases: [], approved: true };

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

  it('evolves to registered: approved unless the event says otherwise, every account active', () => {
    const data = org([{ recipientId: 'r-1', department: null }]);
    assert.deepEqual(given([{ type: 'OrganisationRegistered', data }]), {
      status: 'registered',
      organisation: {
        organisationId: 'o-1',
        name: 'Waseda University',
        kind: 'education',
        country: 'Japan',
        website: 'https://www.waseda.jp/',
        email: 'admissions@waseda.example',
        aliases: [],
        firstUser: null,
        approved: true,
        accounts: [{ recipientId: 'r-1', department: null, active: true }],
      },
    });
    const waiting = given([{ type: 'OrganisationRegistered', data: { ...data, approved: false } }]);
    assert.equal(waiting.status === 'registered' && waiting.organisation.approved, false);
    const approved = given([{ type: 'OrganisationRegistered', data: { ...data, approved: true } }]);
    assert.equal(approved.status === 'registered' && approved.organisation.approved, true);
  });

  describe('the operator edits an organisation', () => {
    it('records the whole organisation as edited: the fields given change, the others stay', () => {
      assert.deepEqual(when([waseda], { type: 'UpdateOrganisation', organisationId: 'o-1', changes: { name: 'Waseda Univ.', aliases: ['早稲田大学'] } }), [
        { type: 'OrganisationUpdated', data: { ...details, name: 'Waseda Univ.', aliases: ['早稲田大学'] } },
      ]);
      assert.deepEqual(when([waseda], { type: 'UpdateOrganisation', organisationId: 'o-1', changes: { kind: 'employer', country: 'Japan ', website: null } }), [
        { type: 'OrganisationUpdated', data: { ...details, kind: 'employer', country: 'Japan ', website: null } },
      ]);
    });

    it('records nothing when nothing changes (a repeated edit; a field sent as undefined is left as it is)', () => {
      assert.deepEqual(when([waseda], { type: 'UpdateOrganisation', organisationId: 'o-1', changes: { name: 'Waseda University', country: 'Japan' } }), []);
      assert.deepEqual(when([waseda], { type: 'UpdateOrganisation', organisationId: 'o-1', changes: { name: undefined, aliases: [] } }), []);
      const renamed: OrganisationEvent = { type: 'OrganisationUpdated', data: { ...details, aliases: ['WU', 'Waseda'] } };
      assert.deepEqual(when([waseda, renamed], { type: 'UpdateOrganisation', organisationId: 'o-1', changes: { aliases: ['WU', 'Waseda', 'WU'] } }), []);
      // Aliases in another order are an edit.
      assert.equal(when([waseda, renamed], { type: 'UpdateOrganisation', organisationId: 'o-1', changes: { aliases: ['Waseda', 'WU'] } }).length, 1);
      assert.equal(when([waseda, renamed], { type: 'UpdateOrganisation', organisationId: 'o-1', changes: { aliases: ['WU'] } }).length, 1);
      for (const changes of [{ kind: 'employer' as const }, { country: 'Japon' }, { website: 'https://waseda.example/' }]) {
        assert.equal(when([waseda], { type: 'UpdateOrganisation', organisationId: 'o-1', changes }).length, 1, JSON.stringify(changes));
      }
    });

    it('de-duplicates aliases', () => {
      const [event] = when([waseda], { type: 'UpdateOrganisation', organisationId: 'o-1', changes: { aliases: ['WU', 'WU', 'Waseda'] } });
      assert.deepEqual(event?.data, { ...details, aliases: ['WU', 'Waseda'] });
    });

    it('refuses an organisation that does not exist (404), for every command but registration', () => {
      for (const command of [
        { type: 'UpdateOrganisation', organisationId: 'o-9', changes: { name: 'X' } },
        { type: 'AddAccount', organisationId: 'o-9', recipientId: 'r-9', department: 'Law' },
        { type: 'UpdateAccount', organisationId: 'o-9', recipientId: 'r-1', active: false },
        { type: 'ApproveOrganisation', organisationId: 'o-9' },
      ] as OrganisationCommand[]) {
        assert.throws(() => when([], command), code('ORGANISATION.NOT_FOUND'), command.type);
      }
    });

    it('evolves: the details change, the accounts and the approval stay', () => {
      const state = given([
        { ...waseda, data: { ...waseda.data, approved: false } },
        { type: 'OrganisationUpdated', data: { ...details, name: 'Waseda', aliases: ['WU'], website: null, approved: false } },
      ]);
      assert.equal(state.status, 'registered');
      if (state.status !== 'registered') return;
      assert.equal(state.organisation.name, 'Waseda');
      assert.deepEqual(state.organisation.aliases, ['WU']);
      assert.equal(state.organisation.website, null);
      assert.equal(state.organisation.approved, false);
      assert.equal(state.organisation.email, 'admissions@waseda.example');
      assert.equal(state.organisation.accounts.length, 2);
    });
  });

  describe('the operator keeps the accounts', () => {
    it('adds an account with a department of its own', () => {
      assert.deepEqual(when([waseda], { type: 'AddAccount', organisationId: 'o-1', recipientId: 'r-3', department: 'Faculty of Science' }), [
        { type: 'RecipientAccountAdded', data: { organisationId: 'o-1', recipientId: 'r-3', department: 'Faculty of Science', active: true } },
      ]);
    });

    it('refuses a department name another account has (409, ignoring case and spaces), also a deactivated one', () => {
      assert.throws(() => when([waseda], { type: 'AddAccount', organisationId: 'o-1', recipientId: 'r-3', department: ' faculty of LAW' }), code('ORGANISATION.DEPARTMENT_TAKEN'));
      const off: OrganisationEvent = { type: 'RecipientAccountUpdated', data: { organisationId: 'o-1', recipientId: 'r-2', department: 'Faculty of Law', active: false } };
      assert.throws(() => when([waseda, off], { type: 'AddAccount', organisationId: 'o-1', recipientId: 'r-3', department: 'Faculty of Law' }), code('ORGANISATION.DEPARTMENT_TAKEN'));
    });

    it('records nothing when the same account is added again (a repeated request)', () => {
      const added: OrganisationEvent = { type: 'RecipientAccountAdded', data: { organisationId: 'o-1', recipientId: 'r-3', department: 'Science', active: true } };
      assert.deepEqual(when([waseda, added], { type: 'AddAccount', organisationId: 'o-1', recipientId: 'r-3', department: 'Science' }), []);
    });

    it('renames, deactivates and reactivates an account, recording it as it now is', () => {
      assert.deepEqual(when([waseda], { type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-2', department: 'School of Law' }), [
        { type: 'RecipientAccountUpdated', data: { organisationId: 'o-1', recipientId: 'r-2', department: 'School of Law', active: true } },
      ]);
      assert.deepEqual(when([waseda], { type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-1', active: false }), [
        { type: 'RecipientAccountUpdated', data: { organisationId: 'o-1', recipientId: 'r-1', department: null, active: false } },
      ]);
      const off: OrganisationEvent = { type: 'RecipientAccountUpdated', data: { organisationId: 'o-1', recipientId: 'r-2', department: 'Faculty of Law', active: false } };
      assert.deepEqual(when([waseda, off], { type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-2', active: true }), [
        { type: 'RecipientAccountUpdated', data: { organisationId: 'o-1', recipientId: 'r-2', department: 'Faculty of Law', active: true } },
      ]);
      // Its own name in another case is a rename, not a clash; the main account may be given a name.
      assert.deepEqual(when([waseda], { type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-2', department: 'faculty of law' }), [
        { type: 'RecipientAccountUpdated', data: { organisationId: 'o-1', recipientId: 'r-2', department: 'faculty of law', active: true } },
      ]);
      assert.equal(when([waseda], { type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-1', department: 'Admissions' }).length, 1);
    });

    it('records nothing when the account already is as asked', () => {
      assert.deepEqual(when([waseda], { type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-2', department: 'Faculty of Law', active: true }), []);
      assert.deepEqual(when([waseda], { type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-1' }), []);
    });

    it("refuses a rename to another account's department (409) and an account of another organisation (404)", () => {
      assert.throws(() => when([waseda], { type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-1', department: 'FACULTY OF LAW' }), code('ORGANISATION.DEPARTMENT_TAKEN'));
      assert.throws(() => when([waseda], { type: 'UpdateAccount', organisationId: 'o-1', recipientId: 'r-of-another', active: false }), code('ORGANISATION.ACCOUNT_NOT_FOUND'));
    });

    it('evolves: an added account joins at the end, an updated one changes in place', () => {
      const state = given([
        waseda,
        { type: 'RecipientAccountAdded', data: { organisationId: 'o-1', recipientId: 'r-3', department: 'Science', active: true } },
        { type: 'RecipientAccountUpdated', data: { organisationId: 'o-1', recipientId: 'r-1', department: 'Admissions', active: false } },
      ]);
      assert.ok(state.status === 'registered');
      assert.deepEqual(state.organisation.accounts, [
        { recipientId: 'r-1', department: 'Admissions', active: false },
        { recipientId: 'r-2', department: 'Faculty of Law', active: true },
        { recipientId: 'r-3', department: 'Science', active: true },
      ]);
    });
  });

  describe('the operator approves an organisation that came from an invitation', () => {
    const invited: OrganisationEvent = { ...waseda, data: { ...waseda.data, approved: false } };
    const waiting = { ...details, approved: false };

    it('approves one that waits, with the organisation as it now is', () => {
      const [renamed] = when([invited], { type: 'UpdateOrganisation', organisationId: 'o-1', changes: { name: 'Waseda' } });
      assert.deepEqual(renamed, { type: 'OrganisationUpdated', data: { ...waiting, name: 'Waseda' } }, 'an edit keeps it waiting');
      assert.deepEqual(when([invited, renamed], { type: 'ApproveOrganisation', organisationId: 'o-1' }), [
        { type: 'OrganisationApproved', data: { ...details, name: 'Waseda' } },
      ]);
      const state = given([invited, { type: 'OrganisationApproved', data: details }]);
      assert.ok(state.status === 'registered' && state.organisation.approved);
    });

    it('is idempotent: an approved organisation (or one registered without approval) records nothing', () => {
      assert.deepEqual(when([invited, { type: 'OrganisationApproved', data: details }], { type: 'ApproveOrganisation', organisationId: 'o-1' }), []);
      assert.deepEqual(when([waseda], { type: 'ApproveOrganisation', organisationId: 'o-1' }), []);
    });
  });
});
