/**
 * The one text analysis of the directory search, shared by both index adapters (the in-memory
 * index in embedded mode, OpenSearch in distributed mode): both index and query the very tokens made
 * here, so the two modes cannot drift apart on what a word is.
 *
 * - NFKC (full-width "ＵＣＬ" = "UCL", half-width "ﾜｾﾀﾞ" = "ワセダ"), lowercase, Latin accents
 *   folded ("Université" = "universite"), katakana folded to hiragana ("ワセダ" = "わせだ").
 * - Words of Latin, Cyrillic, Greek, Arabic... script are split on anything that is not a
 *   letter or digit; runs of CJK (Han, kana, Hangul) have no spaces, so they are cut into
 *   overlapping bigrams ("早稲田大学" -> 早稲 稲田 田大 大学), the scheme of Lucene's CJK
 *   analyser: a partial name ("早稲田") is then a run of whole tokens of the full one.
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆ヵヶ]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆ヵヶ]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Katakana (U+30A1..U+30F6) to hiragana: readings typed in either kana match. */
const toHiragana = (text: string): string =>
  text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

/** NFKC, lowercase, Latin/Greek/Cyrillic accents off (kana voicing marks kept), katakana as hiragana. */
export function normalise(text: string): string {
  const nfkc = text.normalize('NFKC').toLowerCase();
  // Only the combining diacritical marks block: NFD would also split が into か + U+3099.
  const folded = nfkc.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  return toHiragana(folded).replace(/[ßẞ]/g, 'ss').replace(/[æ]/g, 'ae').replace(/[ø]/g, 'o').replace(/[ł]/g, 'l');
}

export const isCjk = (token: string): boolean => CJK.test(token);

/** Bigrams of a CJK run; a single character stays itself. */
function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** The tokens of a text (normalised): words, and bigrams of CJK runs, in order. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of normalise(text).replace(/['’‘`]/g, '').match(WORD) ?? []) {
    if (!isCjk(word)) {
      out.push(word);
      continue;
    }
    // A word may mix scripts ("東京tech"): CJK runs as bigrams, the rest as words.
    let last = 0;
    for (const m of word.matchAll(CJK_RUN)) {
      if (m.index > last) out.push(word.slice(last, m.index));
      out.push(...bigrams(m[0]));
      last = m.index + m[0].length;
    }
    if (last < word.length) out.push(word.slice(last));
  }
  return out;
}

/** A whole text, normalised and spaced one way, to compare names as wholes. */
export const wholeText = (text: string): string => tokenize(text).join(' ');

/** Words that say what kind of place it is: they weigh little when judging how much of a name a query covers. */
const GENERIC = new Set(
  (
    'university universities college institute institution school faculty department of the and for in at de del der des di da du la le les el y e et und fur ' +
    'universidad universidade universite universita universitat universiteit universitas uniwersytet univerzita instituto institut hochschule academy ' +
    'academia national state international technology science sciences studies center centre graduate 大学 学校 学院 大學 대학 학교'
  ).split(' '),
);
export const isGeneric = (token: string): boolean => GENERIC.has(token);

/** Words an acronym skips. */
export const ACRONYM_SKIPS = new Set('of the and for in at on de del der des di da du la le les el y e et und fur a an &'.split(' '));

/**
 * Damerau-Levenshtein (optimal string alignment) distance, capped: returns max+1 as soon as
 * it is certain to exceed max. A transposition ("yonsie"/"yonsei") counts as one edit.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length];
}

/**
 * Edits forgiven in a typed word, as OpenSearch's `fuzziness: AUTO:4,7`: none under 4
 * characters (short prefixes stay exact), one up to 6, two from 7. CJK bigrams: none.
 */
export function allowedEdits(token: string): number {
  if (isCjk(token)) return 0;
  const n = [...token].length;
  return n < 4 ? 0 : n < 7 ? 1 : 2;
}

/**
 * A whole word within `edits`, or the beginning of one (a word still being typed). The first
 * letter must be as typed (OpenSearch's prefix_length 1: what keeps typo search cheap there).
 */
export function fuzzyMatch(token: string, word: string, edits: number): boolean {
  if (token.codePointAt(0) !== word.codePointAt(0)) return false;
  if (editDistance(token, word, edits) <= edits) return true;
  const n = [...token].length;
  for (const len of [n, n + 1, n - 1]) {
    if (len < 1 || len >= [...word].length) continue;
    if (editDistance(token, [...word].slice(0, len).join(''), edits) <= edits) return true;
  }
  return false;
}

