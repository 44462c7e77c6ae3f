import { DomainError } from '#libs/domain';

/** The codes (`AREA.REASON`) of the result aggregate's refusals: part of the public error contract. */
export const ResultErrors = {
  EXISTS: 'RESULT.EXISTS',
  DUPLICATE_SKILL: 'RESULT.DUPLICATE_SKILL',
  /** Someone else's result, one not yet released, or no result at all: existence is not disclosed. */
  NOT_FOUND: 'RESULT.NOT_FOUND',
  /** An amendment whose every field equals the result's current value (or names none). */
  NO_CHANGE: 'RESULT.NO_CHANGE',
  /** The exam centre withdrew the result: it cannot be amended, and its statement is no longer issued. */
  WITHDRAWN: 'RESULT.WITHDRAWN',
  /** No released statement has this verification code. */
  VERIFICATION_NOT_FOUND: 'RESULT.VERIFICATION_NOT_FOUND',
  /** Too many statements checked from one address (public) or by one organisation (bulk) in a while. */
  VERIFICATION_RATE_LIMITED: 'VERIFICATION.RATE_LIMITED',
} as const;

export const resultNotFound = () => new DomainError('not-found', ResultErrors.NOT_FOUND, 'No such result.');

/** The day part of an ISO time, as messages show it. */
const day = (iso: string): string => iso.slice(0, 10);

export const resultWithdrawn = (withdrawnAt: string, what: string) =>
  new DomainError('conflict', ResultErrors.WITHDRAWN, `This result was withdrawn by the exam centre on ${day(withdrawnAt)}: ${what}.`);
