#!/usr/bin/env python3
"""Makes the SitegenFontTests fixtures with fontTools (an independent TrueType reader):

- DejaVuSans-ASCII-variant.ttf: the vendored DejaVu Sans ASCII subset
  (../../SitegenRasterTests/Fixtures/fonts) plus what that subset lacks: composite glyphs (plain
  offset, uniform scale, x/y scale, 2x2 transform, nested), a format 12 cmap with a code point
  beyond the BMP, a format 0 `kern` table and long `loca` offsets.
- DroidSansFallback-subset.ttf: Debian fonts-droid-fallback's DroidSansFallback.ttf (Apache 2.0)
  cut down to the CJK characters of CJK_TEXT (most are composite glyphs in this font) and one
  code point beyond the BMP; made only when that file is installed
  (apt-get install fonts-droid-fallback), else the committed copy is described as it is.
- expected.json: what fontTools reads from the three fonts: metrics, cmap lookups, advances,
  outline points (composites flattened), bounding boxes, and kerned string widths.

Run: pip install fonttools==4.69.1 && python3 make-fixtures.py
"""
import json, os
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent
from fontTools.ttLib.tables._k_e_r_n import KernTable_format_0
from fontTools.ttLib.tables._c_m_a_p import cmap_format_12
from fontTools import subset

HERE = os.path.dirname(os.path.abspath(__file__))
VENDORED = os.path.join(HERE, "..", "..", "SitegenRasterTests", "Fixtures", "fonts")


def component(name, x, y, transform=None):
    c = GlyphComponent()
    c.glyphName, c.x, c.y, c.flags = name, x, y, 0
    if transform is not None:
        c.transform = transform
    return c


def make_variant():
    font = TTFont(os.path.join(VENDORED, "DejaVuSans-ASCII.ttf"), recalcTimestamp=False)
    glyf, hmtx = font["glyf"], font["hmtx"]
    cmap = font.getBestCmap()
    A, o, V = cmap[ord("A")], cmap[ord("o")], cmap[ord("V")]
    new = {
        # name: (code point, components)
        "compositeOffset": (0xC5, [component(A, 0, 0), component(o, 300, 1200)]),
        "compositeScale": (0xC6, [component(o, 50, -100, [[0.5, 0], [0, 0.5]])]),
        "compositeXYScale": (0xC7, [component(V, 0, 0, [[1.25, 0], [0, 0.75]])]),
        "compositeTwoByTwo": (0xC8, [component(A, 100, 0, [[1, 0], [0.25, 1]])]),
        "compositeNested": (0x1F600, [component("compositeOffset", 0, 0), component("compositeScale", 1400, 0)]),
    }
    order = list(font.getGlyphOrder()) + list(new)
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    for name, (code, components) in new.items():
        g = Glyph()
        g.numberOfContours = -1
        g.components = components
        glyf.glyphs[name] = g
        hmtx[name] = (1500 if name == "compositeNested" else 1300, 0)
    for name in new:
        glyf[name].recalcBounds(glyf)
    font["maxp"].numGlyphs = len(order)
    font["hhea"].numberOfHMetrics = len(order)
    # Format 12 beside the existing format 4 ones.
    mapping = dict(font.getBestCmap())
    mapping.update({code: name for name, (code, _) in new.items()})
    for sub in font["cmap"].tables:
        sub.cmap = {c: n for c, n in mapping.items() if c <= 0xFFFF}
    full = cmap_format_12(12)
    full.platformID, full.platEncID, full.language, full.cmap = 3, 10, 0, mapping
    font["cmap"].tables.append(full)
    kern = newTable("kern")
    kern.version = 0
    sub = KernTable_format_0()
    sub.version, sub.coverage, sub.format = 0, 1, 0
    sub.kernTable = {(A, V): -150, (V, A): -140, (cmap[ord("T")], o): -120, (cmap[ord("L")], cmap[ord("T")]): -90}
    kern.kernTables = [sub]
    font["kern"] = kern
    # Unpadded (padding 0) glyph data has odd offsets, which only the long `loca` format can hold.
    glyf.padding = 0
    path = os.path.join(HERE, "DejaVuSans-ASCII-variant.ttf")
    font.save(path)
    assert TTFont(path)["head"].indexToLocFormat == 1, "expected long loca"
    return path


DROID = os.environ.get("DROID_SANS_FALLBACK", "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf")
CJK_TEXT = ["地域の庭園ボランティア", "社區花園志工證明書", "커뮤니티 정원 봉사자", "\U00010400\U00010428"]


def make_cjk_subset():
    path = os.path.join(HERE, "DroidSansFallback-subset.ttf")
    if os.path.exists(DROID):
        options = subset.Options()
        options.hinting = False
        options.layout_features = []
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = TTFont(DROID, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(c) for t in CJK_TEXT for c in t}))
        subsetter.subset(font)
        font.save(path)
    return path


def describe(path, strings):
    font = TTFont(path)
    glyf, hmtx, cmap = font["glyf"], font["hmtx"], font.getBestCmap()
    kern = {}
    if "kern" in font:
        for sub in font["kern"].kernTables:
            for (l, r), v in sub.kernTable.items():
                kern[(font.getGlyphID(l), font.getGlyphID(r))] = v
    glyphs = []
    for code in sorted(cmap):
        name = cmap[code]
        coords, ends, flags = glyf[name].getCoordinates(glyf)
        entry = {
            "codePoint": code,
            "glyph": font.getGlyphID(name),
            "advance": hmtx[name][0],
            "points": len(coords),
            "contours": len(ends),
            "onCurve": sum(1 for f in flags if f & 1),
        }
        if len(coords):
            xs = [x for x, _ in coords]; ys = [y for _, y in coords]
            entry["bounds"] = [min(xs), min(ys), max(xs), max(ys)]
        if glyf[name].isComposite() and len(coords) < 80 or chr(code) in "Ago%@":
            entry["coordinates"] = [[round(x, 4), round(y, 4)] for x, y in coords]
        glyphs.append(entry)
    widths = []
    for s in strings:
        ids = [font.getGlyphID(cmap[ord(c)]) for c in s]
        width = sum(hmtx[font.getGlyphOrder()[g]][0] for g in ids)
        width += sum(kern.get((a, b), 0) for a, b in zip(ids, ids[1:]))
        widths.append({"text": s, "glyphs": ids, "width": width})
    return {
        "file": os.path.basename(path),
        "unitsPerEm": font["head"].unitsPerEm,
        "indexToLocFormat": font["head"].indexToLocFormat,
        "numGlyphs": font["maxp"].numGlyphs,
        "ascender": font["hhea"].ascent,
        "descender": font["hhea"].descent,
        "lineGap": font["hhea"].lineGap,
        "kernPairs": [[a, b, v] for (a, b), v in sorted(kern.items())],
        "glyphs": glyphs,
        "strings": widths,
    }


variant = make_variant()
cjk = make_cjk_subset()
strings = ["Hello, World!", "AVATAR LTo", "Open Badges 3.0", "WAVE", "{x|y}~"]
expected = [
    describe(os.path.join(VENDORED, "DejaVuSans-ASCII.ttf"), strings),
    describe(os.path.join(VENDORED, "DejaVuSans-Bold-ASCII.ttf"), strings),
    describe(variant, strings + ["\u00c5\u00c6\u00c7\u00c8\U0001F600"]),
    describe(cjk, CJK_TEXT),
]
with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(expected, f, indent=None, separators=(",", ":"))
    f.write("\n")
