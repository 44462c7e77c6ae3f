import { ValidateBy, type ValidationOptions } from 'class-validator';

// Dates an exam centre can mean: nobody was born before 1900 or after today, no exam is older
// than 1950 or later than today, and a result is not held back for more than two years. "Today"
// allows one day ahead, so that a date that is already today somewhere on Earth is accepted.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoDay = (at: Date): string => at.toISOString().slice(0, 10);
const dayAfter = (now: Date): string => isoDay(new Date(now.getTime() + 86_400_000));

export const EARLIEST_BIRTH = '1900-01-01';
export const EARLIEST_EXAM = '1950-01-01';
export const RELEASE_YEARS_AHEAD = 2;

/** RFC 3339 date and time, as `format: date-time` means it (the offset is required). */
export const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Why a YYYY-MM-DD day is not within [earliest, today + 1 day], or null (also for text that is no such day: other rules say so). */
function dayProblem(field: string, value: unknown, earliest: string, now: Date): string | null {
  if (typeof value !== 'string' || !DAY.test(value)) return null;
  if (value < earliest) return `${field} must not be before ${earliest}`;
  if (value > dayAfter(now)) return `${field} must not be in the future`;
  return null;
}

export const dateOfBirthProblem = (value: unknown, now: Date): string | null => dayProblem('dateOfBirth', value, EARLIEST_BIRTH, now);
export const examDateProblem = (value: unknown, now: Date): string | null => dayProblem('examDate', value, EARLIEST_EXAM, now);

/** Why a release time is more than RELEASE_YEARS_AHEAD years ahead, or null. */
export function releaseAtProblem(value: unknown, now: Date): string | null {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) return null;
  const at = new Date(value);
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + RELEASE_YEARS_AHEAD);
  if (Number.isNaN(at.getTime())) return 'releaseAt must be a date and time that exists';
  return at > latest ? `releaseAt must not be more than ${RELEASE_YEARS_AHEAD} years ahead` : null;
}

/** A regular expression matching the years from..to, e.g. `(19[0-9]|20[0-1][0-9]|202[0-5])`, for the OpenAPI patterns. */
export function yearsPattern(from: number, to: number): string {
  const parts: string[] = [];
  for (let year = from; year <= to; ) {
    const end = Math.min(year - (year % 10) + 9, to);
    parts.push(year === end ? String(year) : `${String(year).slice(0, 3)}[${year % 10}-${end % 10}]`);
    year = end + 1;
  }
  return `(${parts.join('|')})`;
}

const MONTH_DAY = '-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';
const thisYear = (): number => new Date().getUTCFullYear();

/**
 * What the OpenAPI document promises: days in complete past years (always accepted, whatever the
 * day of the year the document is read), the full rule in words.
 */
export const dayPattern = (fromYear: number): string => `^${yearsPattern(fromYear, thisYear() - 1)}${MONTH_DAY}$`;
export const releaseAtPattern = (): string =>
  `^${yearsPattern(2000, thisYear() + RELEASE_YEARS_AHEAD - 1)}${MONTH_DAY}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$`;

const plausible = (name: string, problem: (value: unknown, now: Date) => string | null, options?: ValidationOptions) =>
  ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => problem(value, new Date()) === null,
        defaultMessage: (args) => problem(args?.value, new Date()) ?? `${name} failed`,
      },
    },
    options,
  );

export const IsPlausibleDateOfBirth = (options?: ValidationOptions) => plausible('isPlausibleDateOfBirth', dateOfBirthProblem, options);
export const IsPlausibleExamDate = (options?: ValidationOptions) => plausible('isPlausibleExamDate', examDateProblem, options);
export const IsPlausibleReleaseTime = (options?: ValidationOptions) => plausible('isPlausibleReleaseTime', releaseAtProblem, options);
