import { DomainError } from '#libs/domain';

/** The codes (`AREA.REASON`) of a refused page or export request: part of the public error contract. */
export const PageErrors = {
  INVALID_CURSOR: 'PAGE.INVALID_CURSOR',
  CURSOR_MISMATCH: 'PAGE.CURSOR_MISMATCH',
  INVALID_DATE: 'PAGE.INVALID_DATE',
  INVALID_RANGE: 'PAGE.INVALID_RANGE',
} as const;

export const invalidCursor = () =>
  new DomainError('invalid', PageErrors.INVALID_CURSOR, 'cursor must be a nextCursor given by this list, passed on unchanged.');

export const cursorMismatch = () =>
  new DomainError('invalid', PageErrors.CURSOR_MISMATCH, 'cursor belongs to a list with other filters: start again without a cursor, or keep the filters it was given with.');

export const invalidDate = (name: string) =>
  new DomainError('invalid', PageErrors.INVALID_DATE, `${name} must be a date (YYYY-MM-DD) or a date-time (ISO 8601 with a time zone), between 2000 and 2999.`);

export const invalidRange = () => new DomainError('invalid', PageErrors.INVALID_RANGE, 'from must not be later than to.');
