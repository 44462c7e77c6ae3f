import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, type Font } from 'fontkit';

/** The statement's fonts (services/results/assets/fonts, README there): Latin/Greek/Cyrillic, CJK, Arabic. */
export type FontName = 'latin' | 'latinBold' | 'cjk' | 'arabic';

const FILES: Record<FontName, string> = {
  latin: 'NotoSans-Regular.subset.ttf',
  latinBold: 'NotoSans-Bold.subset.ttf',
  cjk: 'NotoSansCJKjp-Regular.subset.otf',
  arabic: 'NotoSansArabic-Regular.subset.ttf',
};

/** Where the fonts live, from the repository root. */
export const FONTS_DIR = join('services', 'results', 'assets', 'fonts');

/** Finds the fonts by walking up from this module (src/... or dist/services/results/src/...). */
function fontsDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, FONTS_DIR, FILES.latin))) return join(dir, FONTS_DIR);
    if (dirname(dir) === dir) throw new Error(`${FONTS_DIR} not found above ${fileURLToPath(import.meta.url)}`);
  }
}

let loaded: Record<FontName, Font> | undefined;

/** The fonts, read and parsed once per process (fontkit keeps its glyph and layout caches between statements). */
export function statementFonts(): Record<FontName, Font> {
  if (!loaded) {
    const dir = fontsDir();
    const open = (name: FontName): Font => create(readFileSync(join(dir, FILES[name]))) as Font;
    loaded = { latin: open('latin'), latinBold: open('latinBold'), cjk: open('cjk'), arabic: open('arabic') };
  }
  return loaded;
}

/** A stretch of text in one font; `rtl` runs are laid out whole (shaped and ordered right to left). */
export interface TextRun {
  font: FontName;
  text: string;
  rtl: boolean;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
const ARABIC = /\p{Script=Arabic}/u;
/** Spaces, digits, punctuation and marks: they stay in the run they are in when its font has them. */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

/**
 * Splits text into runs of one font each, by script: Han, kana, Hangul and CJK punctuation in the
 * CJK font, Arabic in the Arabic font, everything else in the Latin one (Latin, Greek, Cyrillic),
 * neutral characters kept with their neighbours. A character the chosen font lacks goes to the
 * first font that has it.
 */
export function textRuns(text: string, base: FontName = 'latin'): TextRun[] {
  const fonts = statementFonts();
  const runs: TextRun[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const last = runs.at(-1);
    let font: FontName = CJK.test(ch) ? 'cjk' : ARABIC.test(ch) ? 'arabic' : base;
    if (last && NEUTRAL.test(ch) && !CJK.test(ch) && fonts[last.font].hasGlyphForCodePoint(cp)) font = last.font;
    if (!fonts[font].hasGlyphForCodePoint(cp)) font = (['latin', 'cjk', 'arabic'] as const).find((f) => fonts[f].hasGlyphForCodePoint(cp)) ?? font;
    if (last?.font === font) last.text += ch;
    else runs.push({ font, text: ch, rtl: font === 'arabic' });
  }
  // Spaces after right-to-left text belong between it and what follows, not inside its reversed run.
  return runs.flatMap((run) => {
    const trailing = run.rtl ? /\s+$/.exec(run.text)?.[0] : undefined;
    return trailing ? [{ ...run, text: run.text.slice(0, -trailing.length) }, { font: 'latin' as const, text: trailing, rtl: false }] : [run];
  });
}
