#!/usr/bin/env bash
# Makes the Statement of Results' font subsets from Debian's Noto packages (not run by the build:
# its output is checked in). Needs: apt-get install fonts-noto-core fonts-noto-cjk fonttools
# (Debian 12: fonts-noto-core 20201225-1, fonts-noto-cjk 1:20220127+repack1-1, fonttools 4.38).
set -euo pipefail
cd "$(dirname "$0")"
CORE=/usr/share/fonts/truetype/noto
CJK=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
LATIN='U+0020-007E,U+00A0-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+FEFF,U+FFFD'
ARABIC='U+0020-007E,U+00A0,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F'
# Latin (with Vietnamese and the other accented letters), Greek, Cyrillic: every OpenType feature kept (marks, kerning).
for weight in Regular Bold; do
  pyftsubset "$CORE/NotoSans-$weight.ttf" --unicodes="$LATIN" --layout-features='*' --name-IDs='*' --no-hinting --output-file="NotoSans-$weight.subset.ttf"
done
# Arabic (also Persian and Urdu letters): the shaping features are what makes it Arabic.
pyftsubset "$CORE/NotoSansArabic-Regular.ttf" --unicodes="$ARABIC" --layout-features='*' --name-IDs='*' --no-hinting --output-file=NotoSansArabic-Regular.subset.ttf
# CJK: the characters of the national character sets names are written in (JIS X 0208 with the
# NEC/IBM extensions, GB 2312, Big5 levels 1 and 2, KS X 1001: ~16,800 ideographs, 2,350 Hangul
# syllables), ASCII, kana, CJK punctuation, full-width forms and Hangul jamo; the Japanese face of the
# collection (ideographs in their Japanese forms), no vertical or alternate forms.
node --input-type=module -e '
const decode = (label, leads, trails) => {
  const d = new TextDecoder(label, { fatal: true });
  const out = new Set();
  for (const a of leads) for (const b of trails) {
    try { for (const ch of d.decode(Uint8Array.of(a, b))) if (ch.codePointAt(0) > 0x7f) out.add(ch.codePointAt(0)); } catch {}
  }
  return out;
};
const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const all = new Set([
  ...decode("euc-jp", range(0xa1, 0xfe), range(0xa1, 0xfe)),
  ...decode("gbk", range(0xa1, 0xf7), range(0xa1, 0xfe)),
  ...decode("big5", range(0xa1, 0xf9), [...range(0x40, 0x7e), ...range(0xa1, 0xfe)]),
  ...decode("euc-kr", range(0xa1, 0xfe), range(0xa1, 0xfe)),
  ...range(0x20, 0x7e), ...range(0x3000, 0x30ff), ...range(0x3190, 0x31ff), ...range(0xff00, 0xffef), ...range(0x1100, 0x11ff), ...range(0x3130, 0x318f),
]);
all.delete(0xfffd);
process.stdout.write([...all].sort((a, b) => a - b).map((c) => "U+" + c.toString(16).padStart(4, "0")).join("\n") + "\n");
' > /tmp/cjk-unicodes.txt
/usr/bin/python3 - "$CJK" /tmp/cjk-unicodes.txt NotoSansCJKjp-Regular.subset.otf <<'PY'
import sys
from fontTools import subset
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
src, codes, out = sys.argv[1:4]
opts = subset.Options()
opts.font_number = 0  # Noto Sans CJK JP
opts.layout_features = []
opts.name_IDs = ['*']
opts.name_languages = ['*']
opts.notdef_outline = True
opts.hinting = False
opts.desubroutinize = True  # fontkit subsets a subroutinized CFF slowly (every subroutine, every PDF): 3× faster statements
font = subset.load_font(src, opts)
subsetter = subset.Subsetter(opts)
subsetter.populate(unicodes=[int(line[2:], 16) for line in open(codes) if line.strip()])
subsetter.subset(font)
# ~21,000 scattered code points overflow a format 4 cmap (64 KB): one format 12 table instead.
cmap = font['cmap']
table = CmapSubtable.newSubtable(12)
table.platformID, table.platEncID, table.language, table.cmap = 3, 10, 0, dict(cmap.getBestCmap())
cmap.tables = [table]
font.save(out)
PY
ls -l ./*.ttf ./*.otf
