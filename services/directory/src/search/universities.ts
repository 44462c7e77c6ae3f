import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DirectoryEntry } from './directory-index.port.js';

/** One record of services/directory/data/universities.json (Hipo/university-domains-list). */
export interface University {
  name: string;
  country: string;
  alpha_two_code: string;
  'state-province': string | null;
  domains: string[];
  web_pages: string[];
}

/** Where the data set lives, from the repository root. */
export const UNIVERSITIES_FILE = join('services', 'directory', 'data', 'universities.json');

/**
 * Finds the project's copy of the data set by walking up from this module (it runs from
 * services/directory/src/search or from dist/services/directory/src/search) to the folder that holds it.
 */
export function universitiesPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, UNIVERSITIES_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${UNIVERSITIES_FILE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

// Four names of the data set carry Windows-1252 quotes decoded as C1 control characters
// ("Medical Academy \x93Ludwik Rydygier\x94"): shown as they mean, and searchable (the API refuses
// control characters in text).
const WINDOWS_1252: Record<string, string> = { '\x91': '\u2018', '\x92': '\u2019', '\x93': '\u201C', '\x94': '\u201D', '\x96': '\u2013', '\x97': '\u2014' };

/** A name as people read it: Windows-1252 punctuation mended, other control characters dropped, NFC. */
export const readableName = (name: string): string =>
  name
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252[c] ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .normalize('NFC')
    .trim();

/** The data set with readable names; `sourceName` keeps the name as the file spells it (seed ids derive from it). */
export async function loadUniversities(path: string = universitiesPath()): Promise<(University & { sourceName: string })[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected a JSON array`);
  return (parsed as University[]).map((u) => ({ ...u, sourceName: u.name, name: readableName(u.name ?? '') }));
}

/** One main account (department null) per university: recipientId `uni-<index>`. */
export function universityEntries(universities: readonly University[]): DirectoryEntry[] {
  return universities.map((u, i) => ({
    recipientId: `uni-${i}`,
    organisationId: `org-uni-${i}`,
    organisationName: u.name,
    department: null,
    country: u.country,
    kind: 'education',
    aliases: [],
    website: u.web_pages[0] ?? null,
  }));
}
