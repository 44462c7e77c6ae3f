/** Reads configuration from the environment once, at boot, and fails fast on anything wrong. */
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
