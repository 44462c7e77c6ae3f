import { invalidDate, invalidRange } from './page.errors.js';

/** `from`/`to` as bounds on sortKey: `lower` inclusive, `upper` exclusive (ISO instants, which sort as they read). */
export interface DateRange {
  lower?: string;
  upper?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (a whole day in UTC) or a date-time with a zone; [start, end) of what it names. */
function parse(name: string, text: string): { start: number; end: number } {
  const day = DAY.exec(text);
  if (day) {
    const start = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    // 2026-02-30 would roll over to March: refused instead.
    if (new Date(start).toISOString().slice(0, 10) !== text) throw invalidDate(name);
    return check(name, { start, end: start + 86_400_000 });
  }
  if (!DATE_TIME.test(text)) throw invalidDate(name);
  const start = Date.parse(text);
  if (Number.isNaN(start)) throw invalidDate(name);
  return check(name, { start, end: start + 1 });
}

function check(name: string, span: { start: number; end: number }): { start: number; end: number } {
  if (span.start < Date.UTC(2000, 0, 1) || span.start >= Date.UTC(3000, 0, 1)) throw invalidDate(name);
  return span;
}

/** Both inclusive: `to=2026-12-02` takes in the whole of that day. */
export function dateRange(from: string | undefined, to: string | undefined): DateRange {
  const lower = from === undefined ? undefined : parse('from', from).start;
  const upper = to === undefined ? undefined : parse('to', to).end;
  if (lower !== undefined && upper !== undefined && lower >= upper) throw invalidRange();
  return {
    ...(lower !== undefined ? { lower: new Date(lower).toISOString() } : {}),
    ...(upper !== undefined ? { upper: new Date(upper).toISOString() } : {}),
  };
}
