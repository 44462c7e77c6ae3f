import { aggregateStream } from '#libs/event-store';
/**
 * The UserAccount aggregate: people who log in by e-mail (organisation users and the operator).
 * One stream per lower-cased e-mail address, so an address belongs to one account only.
 */
export type UserAccountEvent =
  | {
      type: 'OrganisationUserAdded';
      data: { userId: string; email: string; organisationId: string; name: string | null; passwordHash: string | null };
    }
  | { type: 'OperatorAdded'; data: { userId: string; email: string; passwordHash: string } }
  | { type: 'UserPasswordChanged'; data: { passwordHash: string } };

/** One stream per e-mail address, compared case-insensitively (addresses reach here trimmed). */
export const userStream = aggregateStream<UserAccountEvent>('user-');
export const userStreamId = (email: string) => userStream.id(email.toLowerCase());
