#!/usr/bin/env node
// Lists what a mutation run left alive, from reports/mutation/mutation.json (or the file given):
// the score per file, then each surviving / uncovered mutant as file:line mutator, the replacement
// and the line it changed.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? new URL('../../reports/mutation/mutation.json', import.meta.url).pathname;
const report = JSON.parse(readFileSync(file, 'utf8'));
const detected = new Set(['Killed', 'Timeout']);
const valid = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
let killed = 0;
let total = 0;
const alive = [];
for (const [path, { source, mutants }] of Object.entries(report.files)) {
  const lines = source.split('\n');
  const mine = mutants.filter((m) => valid.has(m.status));
  const dead = mine.filter((m) => detected.has(m.status)).length;
  killed += dead;
  total += mine.length;
  console.log(`${((100 * dead) / (mine.length || 1)).toFixed(1).padStart(6)} %  ${dead}/${mine.length}  ${path}`);
  for (const m of mine.filter((x) => !detected.has(x.status))) {
    const line = m.location.start.line;
    alive.push(`${path}:${line} ${m.status} ${m.mutatorName} -> ${JSON.stringify(m.replacement)} | ${lines[line - 1].trim().slice(0, 100)}`);
  }
}
console.log(`${((100 * killed) / (total || 1)).toFixed(2).padStart(6)} %  ${killed}/${total}  all\n`);
console.log(alive.join('\n'));
