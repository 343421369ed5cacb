# Convert a CFF-flavoured OpenType font to TrueType outlines (quadratic glyf),
# for PDF libraries that only embed TrueType (go-pdf/fpdf). Based on the
# fontTools otf2ttf snippet (MIT).
import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

def convert(src, dst, max_err=1.0):
    f = TTFont(src)
    assert f.sfntVersion == "OTTO" and "CFF " in f
    order = f.getGlyphOrder()
    gs = f.getGlyphSet()
    glyphs = {}
    for name in order:
        tt = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(tt, max_err, reverse_direction=True))
        glyphs[name] = tt.glyph()
    f["loca"] = newTable("loca")
    f["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del f["CFF "]
    for t in ("VORG", "GPOS", "GSUB"):
        if t in f:
            del f[t]
    glyf.compile(f)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for k in ("maxZones",):
        setattr(maxp, k, 1)
    for k in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, k, 0)
    f["maxp"] = maxp
    post = f["post"]
    post.formatType = 3.0
    f.sfntVersion = "\x00\x01\x00\x00"
    f.save(dst)

convert(sys.argv[1], sys.argv[2])
