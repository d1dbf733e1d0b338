"""Our bundled Sarabun, patched at load time so that every PDF text engine reads Thai back exactly.

Two patches, each leaving every glyph's ink where the font on disk draws it:

SARA AM. WeasyPrint writes one ToUnicode entry per glyph, taken from the first cluster the glyph
is drawn in: the last glyph of a cluster gets the cluster's whole text, the others get "".
HarfBuzz decomposes SARA AM (ำ U+0E33) into NIKHAHIT + SARA AA (and Sarabun ligates NIKHAHIT
with a preceding tone: น้ำ → น, nikhahit+mai-tho, sara-aa), so the NIKHAHIT glyph would map to
"" — which PDFium and MuPDF reject, reading the glyph id instead (U+030E …) — and the SARA AA
glyph to whichever of "า" or "ำ" came first. Our copy draws the pair as one ligature glyph that
stands for exactly "ำ" or "่ำ" …; GPOS places NIKHAHIT by its consonant, so there is one
ligature per offset, chosen by the consonant before it.

Marks. Their origins move a tenth of an em into their consonant (``_marks_inside_their_consonant``)
so that engines ordering text by position keep each mark after its consonant.
"""

import copy
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
MARK_SHIFT = 100  # font units (a tenth of an em): see _marks_inside_their_consonant


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


def _add_sara_am_ligatures(font, unattached):
    """The ligatures of NIKHAHIT (+ tone) and SARA AA; ``unattached`` {mark: x offset} says
    where a mark stands when no consonant holds it."""
    nikhahits = [name for name in NIKHAHITS if name in font.getGlyphOrder()]
    # SARA AM follows a Thai consonant (or a form of it the font substituted): its ligatures
    # leave out the Latin and other letters, after which SARA AM stands unattached.
    other = {name for code, name in font.getBestCmap().items() if not 0x0E01 <= code <= 0x0E2E}
    thai = set(font.getGlyphOrder()) - other
    offsets = _anchor_offsets(font, nikhahits, thai)
    # One ligature lookup per offset; the chain rules pick it by the consonant before, the
    # last rule of each NIKHAHIT (no consonant before) is the unattached one.
    by_offset, rules = defaultdict(dict), []
    for nikhahit in nikhahits:
        bases = defaultdict(list)
        for base, offset in offsets[nikhahit].items():
            bases[offset].append(base)
        unheld = ((unattached.get(nikhahit, 0), 0), [])
        for (dx, dy), after in [*bases.items(), unheld]:
            name = f"{nikhahit}_{SARA_AA}.{dx}_{dy}".replace("-", "m")
            if name not in font["glyf"]:
                _add_glyph(font, name, [(nikhahit, dx, dy), (SARA_AA, 0, 0)], SARA_AA)
            by_offset[dx, dy][nikhahit, SARA_AA] = name
            rules.append((after, nikhahit, (dx, dy)))
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


def _mark_anchors(font):
    """Every GPOS anchor that belongs to a mark glyph, as (glyph, holder, attribute)."""
    for lookup in font["GPOS"].table.LookupList.Lookup:
        for subtable in lookup.SubTable:
            if lookup.LookupType == 9:
                subtable = subtable.ExtSubTable
            if subtable.LookupType not in (4, 5, 6):
                continue
            if subtable.LookupType == 6:
                covered, records = subtable.Mark1Coverage, subtable.Mark1Array.MarkRecord
            else:
                covered, records = subtable.MarkCoverage, subtable.MarkArray.MarkRecord
            for glyph, record in zip(covered.glyphs, records, strict=True):
                yield glyph, record, "MarkAnchor"
            if subtable.LookupType == 6:
                for glyph, record in zip(
                    subtable.Mark2Coverage.glyphs, subtable.Mark2Array.Mark2Record, strict=True
                ):
                    for index in range(len(record.Mark2Anchor)):
                        yield glyph, record.Mark2Anchor, index


def _marks_inside_their_consonant(font):
    """Give every mark an origin a tenth of an em inside its consonant, and that tenth as width.

    Sarabun's marks have no advance and draw left of their origin, which GPOS puts at the end
    of their consonant: a little before it in the regular weight, a little after it in the
    bold ones. Engines that order text by position then read a bold mark after the next letter
    ("ทีต่้อง"), and pdfminer, which groups glyphs by their boxes, sets zero-width marks apart
    ("ตามที" / "่อง"). HarfBuzz zeroes the advance of GDEF marks whatever hmtx says and places
    them by their anchors, so moving outline and anchors together leaves the ink in place.
    Returns {mark: x offset} that keeps an unattached mark where it was."""
    glyf, hmtx = font["glyf"], font["hmtx"]
    classes = font["GDEF"].table.GlyphClassDef.classDefs
    marks = {name for name, cls in classes.items() if cls == 3 and glyf[name].numberOfContours}
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if not glyph.isComposite():
            if name in marks:
                glyph.coordinates.translate((MARK_SHIFT, 0))
            continue
        for component in glyph.components:
            # The ink of a mark moves with its origin, any other glyph's ink stays (Ć keeps ´).
            component.x += MARK_SHIFT * ((name in marks) - (component.glyphName in marks))
    for name in marks:
        glyf[name].recalcBounds(glyf)
        hmtx[name] = (MARK_SHIFT, glyf[name].xMin)
    for glyph, holder, key in _mark_anchors(font):
        anchor = holder[key] if isinstance(key, int) else getattr(holder, key)
        if glyph in marks and anchor is not None:
            anchor = copy.copy(anchor)  # records may share an anchor: shift each once
            anchor.XCoordinate += MARK_SHIFT
            if isinstance(key, int):
                holder[key] = anchor
            else:
                setattr(holder, key, anchor)
    unattached = dict.fromkeys(marks, -MARK_SHIFT)
    _place_unattached_marks(font, unattached)
    return unattached


def _place_unattached_marks(font, offsets):
    """A mark no consonant holds (after a space, a digit) stays where it was drawn: a GPOS
    placement run before the mark lookups, which overwrite it for every attached mark.
    Sarabun's GPOS has no contextual lookups, so renumbering the features is enough."""
    subtable = otTables.SinglePos()
    subtable.Format, subtable.ValueFormat = 2, 0x0001  # XPlacement per glyph
    subtable.Coverage = _coverage(font, offsets)
    subtable.Value = []
    for name in subtable.Coverage.glyphs:
        value = otTables.ValueRecord()
        value.XPlacement = offsets[name]
        subtable.Value.append(value)
    subtable.ValueCount = len(subtable.Value)
    gpos = font["GPOS"].table
    assert not any(lookup.LookupType in (7, 8) for lookup in gpos.LookupList.Lookup)
    gpos.LookupList.Lookup.insert(0, _lookup(1, [subtable]))
    gpos.LookupList.LookupCount = len(gpos.LookupList.Lookup)
    for record in gpos.FeatureList.FeatureRecord:
        indices = [index + 1 for index in record.Feature.LookupListIndex]
        if record.FeatureTag == "mark":
            indices.insert(0, 0)
        record.Feature.LookupListIndex, record.Feature.LookupCount = indices, len(indices)


@lru_cache(maxsize=8)
def pdf_font(filename):
    """Our Sarabun file ``filename`` patched for the PDF text layer (see above), as bytes."""
    font = TTFont(FONT_DIR / filename)
    unattached = _marks_inside_their_consonant(font)
    _add_sara_am_ligatures(font, unattached)
    if "post" in font:
        font["post"].extraNames = []
        font["post"].mapping = {}
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
