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

export async function loadUniversities(path: string = universitiesPath()): Promise<University[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected a JSON array`);
  return parsed as University[];
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
