/** Prints rows as a plain-text table (the drills' output, pasted into notes). */
export function printTable<T extends object>(title: string, rows: readonly T[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const records = rows as readonly Record<string, unknown>[];
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): string => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const widths = columns.map((c) => Math.max(c.length, ...records.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(columns));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of records) console.log(line(columns.map((c) => cell(r[c]))));
}
