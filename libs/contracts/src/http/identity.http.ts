// identity's public HTTP bodies and answers (its request and response DTOs implement these).

export interface RegisterCandidateBody {
  idNumber: string;
  secretNumber: string;
  email: string;
  password: string;
}

export interface RegisteredCandidate {
  candidateId: string;
}

/** Exactly one of idNumber (candidates) and email (organisation users, staff). */
export type AccountIdentifier = { idNumber: string; email?: never } | { email: string; idNumber?: never };

export type LoginBody = AccountIdentifier & { password: string };

export interface RefreshBody {
  refreshToken: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export type PasswordResetBody = AccountIdentifier;

/** The same answer whether or not the account exists. */
export interface PasswordResetRequested {
  message: string;
}

export interface ConfirmPasswordResetBody {
  token: string;
  newPassword: string;
}

export type AccountRole = 'candidate' | 'organisation' | 'exam-centre' | 'operator';

/** The signed-in account (GET /api/v1/me): candidates by ID Number and name, the others by e-mail. */
export interface MyAccount {
  accountId: string;
  roles: AccountRole[];
  /** Organisation users and staff. */
  email?: string;
  /** Candidates. */
  idNumber?: string;
  /** Candidates: the name on their exam entry. */
  name?: string;
  /** Organisation users: the organisation they belong to. */
  organisationId?: string;
  /** Candidates: the e-mails they asked for (all off until they opt in). */
  notifications?: NotificationSettings;
}

/** A candidate's opt-in e-mails: when a share is opened, when a shared result is amended. */
export interface NotificationSettings {
  shareOpened: boolean;
  resultAmended: boolean;
}
