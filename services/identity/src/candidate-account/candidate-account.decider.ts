import { DomainError } from '#libs/domain';
import type { Decider } from '#libs/event-store';
import { CandidateAccountErrors } from './candidate-account.errors.js';
import type {
  CandidateAccountEvent,
  NotificationLanguage,
  NotificationSettingsData,
  ResultAmendedNotification,
  ShareOpenedNotification,
} from './candidate-account.events.js';

/** What a notification request carries before identity adds the candidate's address and language. */
type Details<T> = Omit<T, 'candidateId' | 'email' | 'language'>;

export type CandidateAccountCommand =
  | { type: 'RegisterCandidate'; data: { candidateId: string; idNumber: string; email: string; passwordHash: string } }
  | { type: 'ChangeCandidatePassword'; data: { passwordHash: string } }
  | { type: 'ChangeNotifications'; data: Partial<NotificationSettingsData> & { language: NotificationLanguage } }
  | { type: 'RequestShareOpenedNotification'; data: Details<ShareOpenedNotification> }
  | { type: 'RequestResultAmendedNotification'; data: Details<ResultAmendedNotification> };

export type CandidateAccountState =
  | { status: 'none' }
  | {
      status: 'registered';
      candidateId: string;
      idNumber: string;
      email: string;
      passwordHash: string;
      notifications: NotificationSettingsData;
      language: NotificationLanguage;
      /** The integration events an e-mail was already asked for (each asks once). */
      notified: string[];
    };

export const NO_NOTIFICATIONS: NotificationSettingsData = { shareOpened: false, resultAmended: false };

/**
 * One account per ID Number. The ID Number / Secret Number check happens before (it needs
 * argon2 and the entries read model); this decider only guards the stream's own rules. A
 * candidate's opt-in e-mails are asked for here: only when opted in, once per causing event,
 * never for an ID Number without an account.
 */
export const candidateAccountDecider: Decider<CandidateAccountCommand, CandidateAccountEvent, CandidateAccountState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterCandidate':
        if (state.status !== 'none') {
          throw new DomainError('conflict', CandidateAccountErrors.ALREADY_REGISTERED, 'An account already exists for this ID Number. Log in, or reset your password.');
        }
        return [{ type: 'CandidateRegistered', data: command.data }];
      case 'ChangeCandidatePassword':
        if (state.status === 'none') throw new DomainError('not-found', CandidateAccountErrors.NOT_FOUND, 'No such account.');
        return [{ type: 'CandidatePasswordChanged', data: command.data }];
      case 'ChangeNotifications': {
        if (state.status === 'none') throw new DomainError('not-found', CandidateAccountErrors.NOT_FOUND, 'No such account.');
        const { shareOpened = state.notifications.shareOpened, resultAmended = state.notifications.resultAmended, language } = command.data;
        if (shareOpened === state.notifications.shareOpened && resultAmended === state.notifications.resultAmended && language === state.language) return [];
        return [{ type: 'CandidateNotificationsChanged', data: { candidateId: state.candidateId, shareOpened, resultAmended, language } }];
      }
      case 'RequestShareOpenedNotification':
        if (state.status === 'none' || !state.notifications.shareOpened || state.notified.includes(command.data.sourceEventId)) return [];
        return [
          {
            type: 'ShareOpenedNotificationRequested',
            data: { ...command.data, candidateId: state.candidateId, email: state.email, language: state.language },
          },
        ];
      case 'RequestResultAmendedNotification':
        if (state.status === 'none' || !state.notifications.resultAmended || state.notified.includes(command.data.sourceEventId)) return [];
        // The setting is about results the candidate has shared: one no organisation holds asks for nothing.
        if (command.data.organisations.length === 0) return [];
        return [
          {
            type: 'ResultAmendedNotificationRequested',
            data: { ...command.data, candidateId: state.candidateId, email: state.email, language: state.language },
          },
        ];
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'CandidateRegistered':
        return { status: 'registered', ...event.data, notifications: NO_NOTIFICATIONS, language: 'en', notified: [] };
      case 'CandidatePasswordChanged':
        return state.status === 'registered' ? { ...state, passwordHash: event.data.passwordHash } : state;
      case 'CandidateNotificationsChanged': {
        if (state.status !== 'registered') return state;
        const { shareOpened, resultAmended, language } = event.data;
        return { ...state, notifications: { shareOpened, resultAmended }, language };
      }
      case 'ShareOpenedNotificationRequested':
      case 'ResultAmendedNotificationRequested':
        return state.status === 'registered' ? { ...state, notified: [...state.notified, event.data.sourceEventId] } : state;
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
