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
const optIn = (data: { shareOpened?: boolean; resultAmended?: boolean }, language: 'en' | 'ja' = 'ja'): CandidateAccountCommand => ({
  type: 'ChangeNotifications',
  data: { ...data, language },
});
const opened = (sourceEventId = 'ev-1'): CandidateAccountCommand => ({
  type: 'RequestShareOpenedNotification',
  data: {
    sourceEventId,
    resultId: 'r-1',
    qualification: 'Certificate in Advanced English',
    shareId: 's-1',
    organisationName: 'Kanto University',
    department: 'Faculty of Law',
    readAt: '2026-08-01T10:00:00.000Z',
  },
});
const amended = (sourceEventId = 'ev-2', organisations = ['Kanto University']): CandidateAccountCommand => ({
  type: 'RequestResultAmendedNotification',
  data: {
    sourceEventId,
    resultId: 'r-1',
    qualification: 'Certificate in Advanced English',
    amendedAt: '2026-08-02T10:00:00.000Z',
    reason: 'Re-mark',
    changes: { overallScore: 175 },
    organisations,
  },
});

describe('CandidateAccount decider: notification settings', () => {
  it('starts with every e-mail off, in English', () => {
    const state = given([registered]);
    assert.ok(state.status === 'registered');
    assert.deepEqual(state.notifications, { shareOpened: false, resultAmended: false });
    assert.equal(state.language, 'en');
  });

  it('changes the settings given, keeps the others, and records the language to write in', () => {
    const events = when([registered], optIn({ shareOpened: true }));
    assert.deepEqual(events, [{ type: 'CandidateNotificationsChanged', data: { candidateId: 'c-1', shareOpened: true, resultAmended: false, language: 'ja' } }]);
    const next = when([registered, ...events], optIn({ resultAmended: true }));
    assert.deepEqual(next, [{ type: 'CandidateNotificationsChanged', data: { candidateId: 'c-1', shareOpened: true, resultAmended: true, language: 'ja' } }]);
    const state = given([registered, ...events, ...next]);
    assert.ok(state.status === 'registered');
    assert.deepEqual(state.notifications, { shareOpened: true, resultAmended: true });
    assert.equal(state.language, 'ja');
  });

  it('records nothing when nothing changes (a repeated PUT), but a new language counts', () => {
    const events = when([registered], optIn({ shareOpened: true }));
    assert.deepEqual(when([registered, ...events], optIn({ shareOpened: true })), []);
    assert.deepEqual(when([registered, ...events], optIn({ shareOpened: true }, 'en')).length, 1);
    assert.deepEqual(when([registered], optIn({ shareOpened: false }, 'en')), []);
  });

  it('counts a change of one setting alone, in the same language', () => {
    const on = when([registered], optIn({ shareOpened: true, resultAmended: true }));
    assert.deepEqual(when([registered, ...on], optIn({ shareOpened: false })), [
      { type: 'CandidateNotificationsChanged', data: { candidateId: 'c-1', shareOpened: false, resultAmended: true, language: 'ja' } },
    ]);
    assert.deepEqual(when([registered, ...on], optIn({ resultAmended: false })), [
      { type: 'CandidateNotificationsChanged', data: { candidateId: 'c-1', shareOpened: true, resultAmended: false, language: 'ja' } },
    ]);
  });

  it('has no settings to change before registration (404)', () => {
    assert.throws(
      () => when([], optIn({ shareOpened: true })),
      (e: unknown) => e instanceof DomainError && e.kind === 'not-found' && e.code === 'ACCOUNT.NOT_FOUND' && e.message === 'No such account.',
    );
  });
});

describe('CandidateAccount decider: notification requests', () => {
  it('asks for no e-mail unless the candidate opted in to that kind', () => {
    assert.deepEqual(when([registered], opened()), []);
    assert.deepEqual(when([registered], amended()), []);
    const onlyOpened = when([registered], optIn({ shareOpened: true }));
    assert.equal(when([registered, ...onlyOpened], opened()).length, 1);
    assert.deepEqual(when([registered, ...onlyOpened], amended()), []);
  });

  it('asks for an e-mail to the account’s address in its language, once per causing event', () => {
    const settings = when([registered], optIn({ shareOpened: true, resultAmended: true }));
    const history = [registered, ...settings];
    const events = when(history, opened());
    assert.deepEqual(events, [
      {
        type: 'ShareOpenedNotificationRequested',
        data: { ...(opened().data as object), candidateId: 'c-1', email: 'a@example.com', language: 'ja' },
      },
    ]);
    assert.deepEqual(when([...history, ...events], opened()), [], 'the same ResultRead again');
    assert.equal(when([...history, ...events], opened('ev-3')).length, 1, 'another ResultRead');
    const amendedEvents = when([...history, ...events], amended());
    assert.deepEqual(amendedEvents, [
      {
        type: 'ResultAmendedNotificationRequested',
        data: { ...(amended().data as object), candidateId: 'c-1', email: 'a@example.com', language: 'ja' },
      },
    ]);
    assert.deepEqual(when([...history, ...events, ...amendedEvents], amended()), [], 'the same ResultAmended again');
    const state = given([...history, ...events, ...amendedEvents]);
    assert.ok(state.status === 'registered');
    assert.deepEqual(state.notified, ['ev-1', 'ev-2']);
  });

  it('asks for no amendment e-mail about a result no organisation holds (the setting is about shared results)', () => {
    const on = when([registered], optIn({ resultAmended: true }));
    assert.deepEqual(when([registered, ...on], amended('ev-9', [])), []);
  });

  it('asks for nothing for an ID Number without an account', () => {
    assert.deepEqual(when([], opened()), []);
    assert.deepEqual(when([], amended()), []);
  });

  it('opting out stops the e-mails', () => {
    const on = when([registered], optIn({ shareOpened: true, resultAmended: true }));
    const off = when([registered, ...on], optIn({ shareOpened: false, resultAmended: false }));
    assert.deepEqual(when([registered, ...on, ...off], opened()), []);
    assert.deepEqual(when([registered, ...on, ...off], amended()), []);
  });

  it('evolves no account out of settings or requests found before registration (a corrupt stream)', () => {
    const settings: CandidateAccountEvent = { type: 'CandidateNotificationsChanged', data: { candidateId: 'c-1', shareOpened: true, resultAmended: true, language: 'en' } };
    assert.deepEqual(given([settings]), { status: 'none' });
    const request = when([registered, settings], opened());
    assert.deepEqual(given(request), { status: 'none' });
  });
});
