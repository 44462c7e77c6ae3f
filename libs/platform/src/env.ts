/**
 * Reads configuration from the environment once, at boot, and fails fast on anything wrong. The
 * only reader of process.env in the services and libs (with each service's src/config.ts and the
 * launcher's config.ts): see the no-restricted-properties rule in eslint.config.js.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    this.problems.push(`${name} is required`);
    return '';
  }

  optional(name: string): string | undefined {
    return this.env[name]?.trim() || undefined;
  }

  int(name: string, fallback: number): number {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0)
      this.problems.push(`${name} must be a whole number, got "${raw}"`);
    return value;
  }

  /** `true` or `false` (anything else is a problem). */
  flag(name: string, fallback: boolean): boolean {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    if (raw !== 'true' && raw !== 'false') this.problems.push(`${name} must be true or false, got "${raw}"`);
    return raw === 'true';
  }

  /** One of `values` (anything else is a problem). */
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    if (!(values as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be ${values.map((v) => `"${v}"`).join(' or ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  }

  /** A problem found by the caller (a value that does not parse, a variable that is gone), reported with the others. */
  problem(message: string): void {
    this.problems.push(message);
  }

  list(name: string, fallback?: string): string[] {
    return this.string(name, fallback)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /** Throws one error listing every problem found. */
  done(): void {
    if (this.problems.length > 0)
      throw new Error(`Invalid configuration:\n  - ${this.problems.join('\n  - ')}`);
  }
}
