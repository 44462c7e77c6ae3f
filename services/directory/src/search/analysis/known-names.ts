import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wholeText } from './text.js';

/** One organisation of services/directory/data/known-names.json. */
export interface KnownName {
  name: string;
  country: string;
  aliases: string[];
  acronyms: string[];
}

export const KNOWN_NAMES_FILE = join('services', 'directory', 'data', 'known-names.json');

function knownNamesPath(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, KNOWN_NAMES_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${KNOWN_NAMES_FILE} not found above ${fileURLToPath(import.meta.url)}`);
  }
}

const keyOf = (name: string, country: string): string => `${wholeText(name)}|${wholeText(country)}`;

/**
 * The curated other names and acronyms of well-known organisations, by organisation name and
 * country. Applied when an account is indexed (not stored in its events), so an index rebuilt
 * from events of any age gets them.
 */
export class KnownNames {
  private readonly byKey = new Map<string, KnownName>();

  constructor(entries: readonly KnownName[]) {
    for (const e of entries) this.byKey.set(keyOf(e.name, e.country), e);
  }

  static fromFile(path: string = knownNamesPath()): KnownNames {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { organisations?: unknown };
    if (!Array.isArray(parsed.organisations)) throw new Error(`${path}: expected {organisations: [...]}`);
    return new KnownNames(parsed.organisations as KnownName[]);
  }

  get entries(): KnownName[] {
    return [...this.byKey.values()];
  }

  lookup(name: string, country: string): KnownName | undefined {
    return this.byKey.get(keyOf(name, country));
  }
}

let shared: KnownNames | undefined;
/** The project's list, read once. */
export const knownNames = (): KnownNames => (shared ??= KnownNames.fromFile());
