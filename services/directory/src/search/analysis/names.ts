import { ACRONYM_SKIPS, isCjk, normalise, tokenize } from './text.js';

/**
 * The acronym a name's initials make, when the name is Latin-script and has at least three
 * words that count ("Massachusetts Institute of Technology" -> "mit", "National University of
 * Singapore" -> "nus"); null otherwise. Whether it is unambiguous is judged at query time,
 * among the organisations it could mean (see ranking.ts).
 */
export function derivedAcronym(name: string): string | null {
  // The main name only: "University College London, University of London" -> "ucl".
  const main = name.split(/,| - | \(/)[0] ?? name;
  const words = normalise(main)
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}&]+/u)
    .filter((w) => w !== '' && !ACRONYM_SKIPS.has(w));
  if (words.length < 3 || words.length > 8 || words.some(isCjk)) return null;
  return words.map((w) => w[0]).join('');
}

/**
 * Acronyms a name spells out itself: capitalised words of 2-6 letters
 * ("ETHZ - ETH Zurich" -> ethz, eth; "Institut d'Etudes Politiques de Paris (Sciences Po)" -> none).
 */
export function spelledAcronyms(name: string): string[] {
  return [...name.matchAll(/(?<![\p{L}\p{N}])\p{Lu}{2,6}(?![\p{L}\p{N}])/gu)].map((m) => normalise(m[0]));
}

/** Public suffix labels and other parts of a host that say nothing about whose it is. */
const HOST_NOISE = new Set(['www', 'ac', 'edu', 'co', 'com', 'org', 'net', 'gov', 'go', 'or', 'ne', 'gr', 'ed', 'lg', 'int', 'info', 'biz', 'corp', 'global', 'en', 'ja', 'html', 'http', 'https']);

/** The host of a website, without "www.": "http://www.u-tokyo.ac.jp/" -> "u-tokyo.ac.jp". */
export function hostOf(website: string | null): string | null {
  if (!website) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(website) ? website : `http://${website}`);
    const host = url.hostname.toLowerCase().replace(/^www\d*\./, '');
    return host.includes('.') ? host : null;
  } catch {
    return null;
  }
}

/**
 * What of a website can be searched: the host and the domains above it that still say whose it
 * is ("immi.homeaffairs.gov.au", "homeaffairs.gov.au"; found whole or by their beginning), and
 * its telling labels and their parts ("u-tokyo", "tokyo"; not "ac" or "jp").
 */
export function domainTerms(website: string | null): { hosts: string[]; words: string[] } {
  const host = hostOf(website);
  if (!host) return { hosts: [], words: [] };
  const labels = host.split('.');
  const hosts = labels
    .map((label, i) => ({ label, suffix: labels.slice(i).join('.') }))
    .filter(({ label, suffix }, i) => i === 0 || (suffix.includes('.') && !HOST_NOISE.has(label) && label.length > 2))
    .map(({ suffix }) => suffix);
  const telling = labels.filter((label, i) => i < labels.length - 1 && !HOST_NOISE.has(label) && !(i > 0 && label.length === 2));
  const words = new Set<string>();
  for (const label of telling) {
    words.add(label);
    for (const part of tokenize(label)) if (part.length >= 2 && !HOST_NOISE.has(part)) words.add(part);
  }
  return { hosts, words: [...words] };
}

/** A query that looks like a host or URL ("ox.ac.uk", "https://www.waseda.jp/"): its host, else null. */
export function hostQuery(query: string): string | null {
  const q = query.trim().toLowerCase();
  if (!/^([a-z][a-z0-9+.-]*:\/\/)?(www\d*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\.?(\/\S*)?$/.test(q)) return null;
  return hostOf(q.replace(/\.$/, '')) ?? q.replace(/^www\d*\./, '');
}
