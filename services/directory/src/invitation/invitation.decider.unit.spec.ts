import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { invitationDecider, type InvitationCommand } from './invitation.decider.js';
import type { InvitationEvent, IssuedInvitation } from './invitation.events.js';

const given = (events: InvitationEvent[]) => events.reduce(invitationDecider.evolve, invitationDecider.initialState);
const when = (events: InvitationEvent[], command: InvitationCommand) => invitationDecider.decide(command, given(events));

const NOW = '2026-07-01T10:00:00.000Z';
const LATER = '2026-07-20T10:00:00.000Z'; // after the 14 days

const issued = (invitationId: string, tokenHash = `hash-${invitationId}`): IssuedInvitation => ({
  invitationId,
  organisationName: 'Example Academy',
  email: 'office@example.ac.jp',
  website: 'https://www.example.ac.jp/x',
  domain: 'example.ac.jp',
  invitedBy: 'cand-1',
  tokenHash,
  expiresAt: '2026-07-15T10:00:00.000Z',
});
const invited = (id: string): InvitationEvent => ({ type: 'InstitutionInvited', data: issued(id) });
const accept = (tokenHash: string, now = NOW): InvitationCommand => ({ type: 'AcceptInvitation', tokenHash, now, organisationId: 'o-1', recipientId: 'r-1' });
const code = (expected: string) => (error: unknown) => error instanceof DomainError && error.code === expected;

describe('Invitation decider', () => {
  it('given nothing, when invited, then InstitutionInvited', () => {
    assert.deepEqual(when([], { type: 'InviteInstitution', invitation: issued('i-1'), now: NOW }), [invited('i-1')]);
  });

  it('given a pending invitation for the domain, when invited again, then nothing (de-duplicated)', () => {
    assert.deepEqual(when([invited('i-1')], { type: 'InviteInstitution', invitation: issued('i-2'), now: NOW }), []);
  });

  it('given an expired invitation, when invited again, then a fresh invitation', () => {
    assert.deepEqual(when([invited('i-1')], { type: 'InviteInstitution', invitation: issued('i-2'), now: LATER }), [invited('i-2')]);
  });

  it('given an invitation whose e-mail failed, when invited again, then a fresh invitation', () => {
    const history: InvitationEvent[] = [invited('i-1'), { type: 'InvitationMailFailed', data: { invitationId: 'i-1' } }];
    assert.deepEqual(when(history, { type: 'InviteInstitution', invitation: issued('i-2'), now: NOW }), [invited('i-2')]);
  });

  it('given a pending invitation, when accepted with its token, then InvitationAccepted', () => {
    assert.deepEqual(when([invited('i-1')], accept('hash-i-1')), [
      { type: 'InvitationAccepted', data: { invitationId: 'i-1', organisationId: 'o-1', recipientId: 'r-1' } },
    ]);
  });

  it('accepts once: a second accept is a conflict, and then inviting the domain again is too', () => {
    const history: InvitationEvent[] = [
      invited('i-1'),
      { type: 'InvitationAccepted', data: { invitationId: 'i-1', organisationId: 'o-1', recipientId: 'r-1' } },
    ];
    assert.throws(() => when(history, accept('hash-i-1')), code('INVITATION.ACCEPTED'));
    assert.throws(
      () => when(history, { type: 'InviteInstitution', invitation: issued('i-2'), now: NOW }),
      code('INVITATION.ALREADY_ACCEPTED'),
    );
  });

  it('refuses an unknown token, a replaced token and an expired one as "not valid"', () => {
    assert.throws(() => when([], accept('hash-i-1')), code('INVITATION.NOT_VALID'));
    assert.throws(() => when([invited('i-1'), invited('i-2')], accept('hash-i-1')), code('INVITATION.NOT_VALID'));
    assert.throws(() => when([invited('i-1')], accept('hash-i-1', LATER)), code('INVITATION.NOT_VALID'));
  });

  it('records a mail failure once, for the current invitation only', () => {
    assert.deepEqual(when([invited('i-1')], { type: 'RecordMailFailure', invitationId: 'i-1' }), [
      { type: 'InvitationMailFailed', data: { invitationId: 'i-1' } },
    ]);
    assert.deepEqual(when([invited('i-1')], { type: 'RecordMailFailure', invitationId: 'i-0' }), []);
  });
});
