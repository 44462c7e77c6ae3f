import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Stats {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export const envInt = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0;
  return { count: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: s.at(-1) ?? 0, mean };
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Prints rows as an aligned table. */
export function table(title: string, rows: Record<string, string | number>[]): void {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | undefined): string => (typeof v === 'number' ? String(round(v)) : (v ?? ''));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]): string => vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n== ${title}\n${line(cols)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
}

export async function writeResult(name: string, data: unknown): Promise<string> {
  const dir = new URL('../../bench/results/', import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  await writeFile(file, `${JSON.stringify({ name, at: new Date().toISOString(), ...(data as object) }, null, 2)}\n`);
  return file;
}

/** `concurrency` loops calling `op` back to back for `seconds`: latencies and errors. */
export async function closedLoop(op: () => Promise<boolean>, concurrency: number, seconds: number): Promise<{ latencies: number[]; errors: number; elapsed: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t = performance.now();
      const ok = await op().catch(() => false);
      if (!ok) errors++;
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors, elapsed: (performance.now() - start) / 1000 };
}
