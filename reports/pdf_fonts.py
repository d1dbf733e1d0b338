"""Our bundled Sarabun, patched at load time so that every PDF text engine reads Thai back exactly.

WeasyPrint writes one ToUnicode entry per glyph, taken from the first cluster the glyph is drawn
in: the last glyph of a cluster gets the cluster's whole text, the others get "". HarfBuzz
decomposes SARA AM (ำ U+0E33) into NIKHAHIT + SARA AA (and Sarabun ligates NIKHAHIT with a
preceding tone: น้ำ → น, nikhahit+mai-tho, sara-aa), so the NIKHAHIT glyph would map to "" —
which PDFium and MuPDF reject, reading the glyph id instead (U+030E …) — and the shared SARA AA
glyph would map to whichever of "า" or "ำ" came first. Our copy replaces the NIKHAHIT (+ tone)
and SARA AA pair with one ligature glyph that draws both and stands for exactly "ำ" or "่ำ" ….

GPOS places the NIKHAHIT over its consonant with an offset that depends on the consonant, so
there is one ligature per offset, chosen by the preceding consonant: the page looks the same.
"""

import io
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "sarabun"
SARA_AA = "uni0E32"
NIKHAHITS = [
    f"uni0E4D{tone}{narrow}"
    for tone in ("", "0E48", "0E49", "0E4A", "0E4B")
    for narrow in ("", ".narrow")
]
USE_MY_METRICS = 0x0200


def _anchor_offsets(font, marks, bases):
    """{mark: {base: (dx, dy)}}: where GPOS mark-to-base puts ``mark`` after one of ``bases``,
    relative to the origin of the glyph that follows (marks have no advance), as HarfBuzz
    does: the last lookup wins."""
    advance = font["hmtx"].metrics
    offsets = defaultdict(dict)
    for lookup in font["GPOS"].table.LookupList.Lookup:
        for subtable in lookup.SubTable:
            if lookup.LookupType == 9:
                subtable = subtable.ExtSubTable
            if subtable.LookupType != 4:
                continue
            mark_cover = subtable.MarkCoverage.glyphs
            for mark in set(marks) & set(mark_cover):
                record = subtable.MarkArray.MarkRecord[mark_cover.index(mark)]
                mark_anchor = record.MarkAnchor
                for base, base_record in zip(
                    subtable.BaseCoverage.glyphs, subtable.BaseArray.BaseRecord, strict=True
                ):
                    anchor = base_record.BaseAnchor[record.Class]
                    if anchor is not None and base in bases:
                        offsets[mark][base] = (
                            anchor.XCoordinate - mark_anchor.XCoordinate - advance[base][0],
                            anchor.YCoordinate - mark_anchor.YCoordinate,
                        )
    return offsets


def _add_glyph(font, name, components, metrics_of):
    """A composite glyph of ``components`` [(glyph, x, y)], with the metrics of ``metrics_of``."""
    glyph = Glyph()
    glyph.numberOfContours, glyph.components = -1, []
    for component_name, x, y in components:
        component = GlyphComponent()
        component.glyphName, component.x, component.y = component_name, x, y
        component.flags = USE_MY_METRICS if component_name == metrics_of else 0
        glyph.components.append(component)
    order = [*font.getGlyphOrder(), name]
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order
    font["glyf"][name] = glyph
    font["glyf"][name].recalcBounds(font["glyf"])
    font["hmtx"][name] = (font["hmtx"][metrics_of][0], font["glyf"][name].xMin)
    font["GDEF"].table.GlyphClassDef.classDefs[name] = 1  # a base: nothing attaches to it


def _lookup(lookup_type, subtables):
    lookup = otTables.Lookup()
    lookup.LookupType, lookup.LookupFlag = lookup_type, 0
    lookup.SubTable, lookup.SubTableCount = subtables, len(subtables)
    return lookup


def _ligatures(mapping):
    """LigatureSubst: (first, second) → ligature, for each item of ``mapping``."""
    subtable = otTables.LigatureSubst()
    subtable.ligatures = defaultdict(list)
    for (first, second), name in mapping.items():
        ligature = otTables.Ligature()
        ligature.LigGlyph, ligature.Component, ligature.CompCount = name, [second], 2
        subtable.ligatures[first].append(ligature)
    return _lookup(4, [subtable])


def _coverage(font, glyphs):
    coverage = otTables.Coverage()
    coverage.glyphs = sorted(glyphs, key=font.getGlyphID)
    return coverage


def _chain_rule(font, backtrack, first, lookup_index):
    """After any of ``backtrack``, ``first`` + SARA AA goes through lookup ``lookup_index``."""
    rule = otTables.ChainContextSubst()
    rule.Format = 3
    rule.BacktrackCoverage = [_coverage(font, backtrack)] if backtrack else []
    rule.InputCoverage = [_coverage(font, [first]), _coverage(font, [SARA_AA])]
    rule.LookAheadCoverage = []
    rule.BacktrackGlyphCount, rule.InputGlyphCount, rule.LookAheadGlyphCount = (
        len(rule.BacktrackCoverage),
        2,
        0,
    )
    record = otTables.SubstLookupRecord()
    record.SequenceIndex, record.LookupListIndex = 0, lookup_index
    rule.SubstLookupRecord, rule.SubstCount = [record], 1
    return rule


def _add_sara_am_ligatures(font):
    nikhahits = [name for name in NIKHAHITS if name in font.getGlyphOrder()]
    # SARA AM follows a Thai consonant (or a form of it the font substituted): its ligatures
    # leave out the Latin and other letters, after which SARA AM stands unattached.
    other = {name for code, name in font.getBestCmap().items() if not 0x0E01 <= code <= 0x0E2E}
    thai = set(font.getGlyphOrder()) - other
    offsets = _anchor_offsets(font, nikhahits, thai)
    # One ligature lookup per offset; the chain rules pick it by the consonant before.
    by_offset, rules = defaultdict(dict), []
    for nikhahit in nikhahits:
        bases = defaultdict(list)
        for base, offset in offsets[nikhahit].items():
            bases[offset].append(base)
        for offset in [*sorted(bases), None]:  # None: no consonant it attaches to
            dx, dy = offset or (0, 0)
            name = f"{nikhahit}_{SARA_AA}.{dx}_{dy}".replace("-", "m")
            if name not in font["glyf"]:
                _add_glyph(font, name, [(nikhahit, dx, dy), (SARA_AA, 0, 0)], SARA_AA)
            by_offset[(dx, dy)][nikhahit, SARA_AA] = name
            rules.append((bases[offset] if offset else [], nikhahit, (dx, dy)))
    lookups = font["GSUB"].table.LookupList
    first = len(lookups.Lookup)
    index = {offset: first + i for i, offset in enumerate(by_offset)}
    lookups.Lookup += [_ligatures(mapping) for mapping in by_offset.values()]
    chain = [_chain_rule(font, bases, nikhahit, index[off]) for bases, nikhahit, off in rules]
    lookups.Lookup.append(_lookup(6, chain))
    lookups.LookupCount = len(lookups.Lookup)
    for record in font["GSUB"].table.FeatureList.FeatureRecord:
        # ccmp is applied to Thai in every shaper; an appended lookup runs after the font's own.
        if record.FeatureTag == "ccmp":
            record.Feature.LookupListIndex.append(lookups.LookupCount - 1)
            record.Feature.LookupCount = len(record.Feature.LookupListIndex)


@lru_cache(maxsize=8)
def pdf_font(filename):
    """Our Sarabun file ``filename`` patched for the PDF text layer (see above), as bytes."""
    font = TTFont(FONT_DIR / filename)
    _add_sara_am_ligatures(font)
    if "post" in font:
        font["post"].extraNames = []
        font["post"].mapping = {}
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
