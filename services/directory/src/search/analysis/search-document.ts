import type { OrganisationKind } from '../../organisation/organisation.events.js';
import type { DirectoryEntry } from '../directory-index.port.js';
import { knownNames, type KnownNames } from './known-names.js';
import { derivedAcronym, domainTerms, spelledAcronyms } from './names.js';
import { normalise, tokenize, wholeText } from './text.js';

/**
 * An account as both indexes hold it: what it is, plus everything search matches on, made by
 * the shared analysis (text.ts), so both adapters index the same tokens.
 */
export interface SearchDocument {
  recipientId: string;
  organisationId: string;
  organisationName: string;
  department: string | null;
  country: string;
  kind: OrganisationKind;
  website: string | null;
  /** The name, the operator's aliases and the curated other names, as written. */
  names: string[];
  /** Curated acronyms (they mean this organisation alone), normalised. */
  acronyms: string[];
  /** Acronyms its name spells out ("MIT World Peace University" -> "mit"), normalised. */
  spelledAcronyms: string[];
  /** The acronym its initials make; it counts as exact only when no other organisation found shares it. */
  derivedAcronym: string | null;
  /** The website's host without "www.", the domains above it that still say whose it is, and its telling labels. */
  hosts: string[];
  domainWords: string[];
  /** The first other name written in Japanese (kanji or kana), shown beside the name; null if none. */
  japaneseName: string | null;
  /** Listed in the curated known names: a well-known organisation. */
  known: boolean;
  nameLength: number;
}

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;

const unique = (values: readonly string[]): string[] => [...new Set(values)];

export function toSearchDocument(entry: DirectoryEntry, catalogue: KnownNames = knownNames()): SearchDocument {
  const known = catalogue.lookup(entry.organisationName, entry.country);
  const names = unique([entry.organisationName, ...entry.aliases, ...(known?.aliases ?? [])].map((n) => n.trim()).filter((n) => n !== ''));
  const acronyms = unique((known?.acronyms ?? []).map(normalise));
  const spelled = spelledAcronyms(entry.organisationName).filter((a) => !acronyms.includes(a));
  const derived = derivedAcronym(entry.organisationName);
  const { hosts, words } = domainTerms(entry.website);
  return {
    recipientId: entry.recipientId,
    organisationId: entry.organisationId,
    organisationName: entry.organisationName,
    department: entry.department,
    country: entry.country,
    kind: entry.kind,
    website: entry.website,
    names,
    acronyms,
    spelledAcronyms: unique(spelled),
    derivedAcronym: derived !== null && !acronyms.includes(derived) && !spelled.includes(derived) ? derived : null,
    hosts,
    domainWords: words,
    japaneseName: names.slice(1).find((n) => JAPANESE.test(n) && !HANGUL.test(n)) ?? null,
    known: known !== undefined,
    nameLength: entry.organisationName.length + (entry.department?.length ?? 0),
  };
}

/** The token fields both indexes are built from (space-separated tokens). */
export interface IndexedText {
  names: string;
  department: string;
  /** Acronyms, the derived one, hosts and domain words: each one token, matched whole or by its beginning. */
  keys: string[];
  country: string;
  /** Each name, whole (for exact matches). */
  wholeNames: string[];
}

export function indexedText(doc: SearchDocument): IndexedText {
  return {
    names: doc.names.flatMap(tokenize).join(' '),
    department: doc.department ? tokenize(doc.department).join(' ') : '',
    keys: unique([...doc.acronyms, ...doc.spelledAcronyms, ...(doc.derivedAcronym ? [doc.derivedAcronym] : []), ...doc.hosts, ...doc.domainWords]),
    country: tokenize(doc.country).join(' '),
    wholeNames: unique(doc.names.map(wholeText)),
  };
}
