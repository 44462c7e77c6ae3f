// Cases StrykerJS showed unpinned (npm run test:mutation): the expiry instant itself, mail
// failures that change nothing, evolve's no-ops, and the errors' kind, code and message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { invitationDecider as decider, type InvitationCommand, type InvitationState } from './invitation.decider.js';
import type { InvitationEvent, IssuedInvitation } from './invitation.events.js';

const given = (events: InvitationEvent[]) => events.reduce(decider.evolve, decider.initialState);
const when = (events: InvitationEvent[], command: InvitationCommand) => decider.decide(command, given(events));

const EXPIRES = '2026-07-15T10:00:00.000Z';
const issued = (invitationId: string): IssuedInvitation => ({
  invitationId,
  organisationName: 'Example Academy',
  email: 'office@example.ac.jp',
  website: 'https://www.example.ac.jp/x',
  domain: 'example.ac.jp',
  invitedBy: 'cand-1',
  tokenHash: `hash-${invitationId}`,
  expiresAt: EXPIRES,
});
const invited = (id: string): InvitationEvent => ({ type: 'InstitutionInvited', data: issued(id) });
const failed = (id: string): InvitationEvent => ({ type: 'InvitationMailFailed', data: { invitationId: id } });
const accepted = (id: string): InvitationEvent => ({ type: 'InvitationAccepted', data: { invitationId: id, organisationId: 'o-1', recipientId: 'r-1' } });
const accept = (now: string): InvitationCommand => ({ type: 'AcceptInvitation', tokenHash: 'hash-i-1', now, organisationId: 'o-1', recipientId: 'r-1' });
const error = (kind: string, code: string, message: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === kind && e.code === code && e.message === message;
const notValid = error('not-found', 'INVITATION.NOT_VALID', 'This invitation link is not valid.');

describe('Invitation decider (mutation cases)', () => {
  it('an invitation that expires at this very instant is replaced, and cannot be accepted', () => {
    assert.deepEqual(when([invited('i-1')], { type: 'InviteInstitution', invitation: issued('i-2'), now: EXPIRES }), [invited('i-2')]);
    assert.throws(() => when([invited('i-1')], accept(EXPIRES)), notValid);
  });

  it('a mail failure changes nothing without a pending invitation, for another invitation, or twice', () => {
    const record: InvitationCommand = { type: 'RecordMailFailure', invitationId: 'i-1' };
    assert.deepEqual(when([], record), []);
    assert.deepEqual(when([invited('i-1'), accepted('i-1')], record), []);
    assert.deepEqual(when([invited('i-2')], record), []);
    assert.deepEqual(when([invited('i-1'), failed('i-1')], record), []);
    assert.deepEqual(when([invited('i-1')], record), [failed('i-1')]);
  });

  it('errors carry their kind, code and message', () => {
    assert.throws(
      () => when([invited('i-1'), accepted('i-1')], { type: 'InviteInstitution', invitation: issued('i-2'), now: '2026-07-01T00:00:00.000Z' }),
      error('conflict', 'INVITATION.ALREADY_ACCEPTED', 'This organisation has already created its account: search for it in the directory.'),
    );
    assert.throws(
      () => when([invited('i-1'), accepted('i-1')], accept('2026-07-01T00:00:00.000Z')),
      error('conflict', 'INVITATION.ACCEPTED', 'This invitation has already been accepted.'),
    );
    assert.throws(() => when([], accept('2026-07-01T00:00:00.000Z')), notValid);
  });

  it('evolve: a mail failure marks only a pending invitation; an acceptance without one changes nothing', () => {
    const pending: InvitationState = { status: 'pending', invitation: issued('i-1'), mailFailed: true };
    assert.deepEqual(given([invited('i-1'), failed('i-1')]), pending);
    const done: InvitationState = { status: 'accepted', invitation: issued('i-1'), organisationId: 'o-1', recipientId: 'r-1' };
    assert.deepEqual(given([invited('i-1'), accepted('i-1'), failed('i-1')]), done);
    assert.deepEqual(given([accepted('i-1')]), { status: 'none' });
  });
  it('refuses a command or an event of a type it does not know (a newer writer, a corrupt stream)', () => {
    const nope = { type: 'Nope' } as never;
    assert.throws(() => decider.decide(nope, decider.initialState), { message: 'unknown command {"type":"Nope"}' });
    assert.throws(() => decider.evolve(decider.initialState, nope), { message: 'unknown event {"type":"Nope"}' });
  });
});
