import { aggregateStream } from '#libs/event-store';
import type { ResultChangesV1 } from '#libs/contracts';

/** The languages identity writes e-mails in. */
export type NotificationLanguage = 'en' | 'ja';

/** A candidate's opt-in e-mails (all off until they opt in). */
export interface NotificationSettingsData {
  shareOpened: boolean;
  resultAmended: boolean;
}

/** An e-mail the candidate asked for: to whom, in which language, and which integration event caused it (once per event). */
interface NotificationRequest {
  /** The integration event (ResultRead, ResultAmended) this asks an e-mail for: one request per event. */
  sourceEventId: string;
  candidateId: string;
  email: string;
  language: NotificationLanguage;
  resultId: string;
  /** The qualification, to say which result (null when identity does not know it). */
  qualification: string | null;
}

export interface ShareOpenedNotification extends NotificationRequest {
  shareId: string;
  /** From the share's ResultShared (the organisation's name as the candidate chose it). */
  organisationName: string | null;
  department: string | null;
  readAt: string;
}

export interface ResultAmendedNotification extends NotificationRequest {
  amendedAt: string;
  reason: string;
  changes: ResultChangesV1;
  /** The organisations holding a share of the result, as identity knows them (they get the current version). */
  organisations: string[];
}

/** The CandidateAccount aggregate's events: one stream per ID Number, so one account per ID Number. */
export type CandidateAccountEvent =
  | {
      type: 'CandidateRegistered';
      data: { candidateId: string; idNumber: string; email: string; passwordHash: string };
    }
  | { type: 'CandidatePasswordChanged'; data: { passwordHash: string } }
  | {
      type: 'CandidateNotificationsChanged';
      /** `language`: the portal's when the settings were saved; the e-mails are written in it. */
      data: NotificationSettingsData & { candidateId: string; language: NotificationLanguage };
    }
  | { type: 'ShareOpenedNotificationRequested'; data: ShareOpenedNotification }
  | { type: 'ResultAmendedNotificationRequested'; data: ResultAmendedNotification };

export const SHARE_OPENED_NOTIFICATION_REQUESTED = 'ShareOpenedNotificationRequested' as const;
export const RESULT_AMENDED_NOTIFICATION_REQUESTED = 'ResultAmendedNotificationRequested' as const;

export const candidateStream = aggregateStream<CandidateAccountEvent>('candidate-');
export const candidateStreamId = (idNumber: string) => candidateStream.id(idNumber);
