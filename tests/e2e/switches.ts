/**
 * Environment switches of the e2e tests. A switch that narrows what runs or what is checked (fewer
 * modes, a smaller sample, stretched budgets) is refused under CI=true, where the whole suite must
 * run; outside CI it is allowed for a quick local run but printed loudly, so that a green run is
 * never taken for the full one. A value the switch does not know fails loudly: a typo must not
 * turn into "ran nothing" or "checked less".
 */
export function narrowing(name: string, value: string, what: string): void {
  const message = `${name}=${value} narrows the e2e tests: ${what}`;
  if (process.env.CI === 'true') throw new Error(`${message}. Refused under CI=true: CI runs everything.`);
  process.stderr.write(`\n!!! WARNING: ${message}. Not the full suite: do not take this run's result for CI's.\n\n`);
}

/** A positive number from the environment, or `fallback` when unset; anything else fails loudly. */
export function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${name}=${JSON.stringify(raw)} is not a positive number (unset means ${fallback}).`);
  }
  return value;
}
