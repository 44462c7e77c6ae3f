import { allowedEdits, fuzzyMatch } from './text.js';

/** How a document matched every typed token, at worst: 3 whole word, 2 beginning of a word, 1 with a typo; 0 only some tokens. */
export interface Candidate {
  id: string;
  match: 0 | 1 | 2 | 3;
}

/**
 * An inverted index of analysed tokens (the embedded mode's candidate finder): for each typed
 * token, the documents with a word equal to it or starting with it, and, when asked for typos,
 * a word within its allowed edits (first letter as typed), by the very rules the ranking
 * applies. Every typed token must match (AND); if no document matches them all, any does (OR).
 * Documents are numbered and postings are arrays: a one-letter query touches most documents.
 */
export class TokenIndex {
  private readonly postings = new Map<string, number[]>();
  /** Words matched only whole (a country: "Jap" is no reason to list every Japanese name). */
  private readonly wholeOnly = new Map<string, number[]>();
  private readonly ids: (string | null)[] = [];
  private readonly numberOf = new Map<string, number>();
  private readonly wordsOf: { words: string[]; whole: string[] }[] = [];
  private readonly free: number[] = [];
  private sorted: string[] | null = null;

  set(id: string, words: readonly string[], wholeOnly: readonly string[]): void {
    this.remove(id);
    const n = this.free.pop() ?? this.ids.length;
    this.ids[n] = id;
    this.numberOf.set(id, n);
    const entry = { words: [...new Set(words)], whole: [...new Set(wholeOnly)] };
    this.wordsOf[n] = entry;
    for (const w of entry.words) {
      const list = this.postings.get(w);
      if (list) list.push(n);
      else {
        this.postings.set(w, [n]);
        this.sorted = null;
      }
    }
    for (const w of entry.whole) {
      const list = this.wholeOnly.get(w);
      if (list) list.push(n);
      else this.wholeOnly.set(w, [n]);
    }
  }

  remove(id: string): void {
    const n = this.numberOf.get(id);
    if (n === undefined) return;
    const entry = this.wordsOf[n] ?? { words: [], whole: [] };
    for (const w of entry.words) {
      const list = (this.postings.get(w) ?? []).filter((x) => x !== n);
      if (list.length > 0) this.postings.set(w, list);
      else {
        this.postings.delete(w);
        this.sorted = null;
      }
    }
    for (const w of entry.whole) this.wholeOnly.set(w, (this.wholeOnly.get(w) ?? []).filter((x) => x !== n));
    this.ids[n] = null;
    this.numberOf.delete(id);
    this.free.push(n);
  }

  /** The documents the typed tokens may mean, with how they matched. */
  candidates(tokens: readonly string[], typos: boolean): Candidate[] {
    const size = this.ids.length;
    const worst = new Uint8Array(size).fill(3);
    const hits = new Uint8Array(size);
    const kind = new Uint8Array(size);
    for (const token of tokens) {
      kind.fill(0);
      this.matching(token, typos, kind);
      for (let n = 0; n < size; n++) {
        if (kind[n] === 0) continue;
        hits[n]++;
        if (kind[n] < worst[n]) worst[n] = kind[n]!;
      }
    }
    const all: Candidate[] = [];
    const some: Candidate[] = [];
    for (let n = 0; n < size; n++) {
      const id = this.ids[n];
      if (!id || hits[n] === 0) continue;
      if (hits[n] === tokens.length) all.push({ id, match: worst[n] as 1 | 2 | 3 });
      else some.push({ id, match: 0 });
    }
    return all.length > 0 ? all : some;
  }

  private matching(token: string, typos: boolean, kind: Uint8Array): void {
    const mark = (list: readonly number[] | undefined, k: number) => {
      for (const n of list ?? []) if (kind[n] < k) kind[n] = k;
    };
    mark(this.wholeOnly.get(token), 3);
    const words = this.vocabulary();
    // Words starting with the token sit together in sorted order.
    for (let i = lowerBound(words, token); i < words.length && words[i].startsWith(token); i++) {
      mark(this.postings.get(words[i]), words[i] === token ? 3 : 2);
    }
    const edits = allowedEdits(token);
    if (!typos || edits === 0) return;
    const first = String.fromCodePoint(token.codePointAt(0)!);
    for (let i = lowerBound(words, first); i < words.length && words[i].startsWith(first); i++) {
      const word = words[i];
      if (!word.startsWith(token) && fuzzyMatch(token, word, edits)) mark(this.postings.get(word), 1);
    }
  }

  private vocabulary(): string[] {
    return (this.sorted ??= [...this.postings.keys()].sort());
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
