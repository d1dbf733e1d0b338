"""HTML → PDF with WeasyPrint: bundled Sarabun only, a closed URL fetcher, a time limit.

The renderer reads nothing but what ``asset_urls`` hands to the template: our Sarabun fonts,
``static/css/pdf.css`` and the organisation's uploaded emblem. Every other URL (``file:``,
``http:``, ``data:``, an ``@import`` a user managed to smuggle in) is refused before any I/O.
"""

import io
import logging
import multiprocessing
import resource
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

SCHEME = "ita-asset:"
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "sarabun"
CSS_PATH = Path(settings.BASE_DIR) / "static" / "css" / "pdf.css"
FONT_FILES = {
    "regular": "Sarabun_400Regular.ttf",
    "italic": "Sarabun_400Regular_Italic.ttf",
    "semibold": "Sarabun_600SemiBold.ttf",
    "bold": "Sarabun_700Bold.ttf",
}
RENDER_TIMEOUT = 60  # seconds; a larger plan than any real one renders in a few


class DocumentRenderError(Exception):
    """Rendering failed; ``str(e)`` is a Thai sentence for the coordinator."""


# --- SARA AM and the PDF text layer --------------------------------------------------
#
# WeasyPrint writes one ToUnicode entry per glyph, taken from the first cluster the glyph is
# drawn in: the last glyph of a cluster gets the cluster's whole text, the others get "".
# HarfBuzz always decomposes SARA AM (ำ U+0E33) into NIKHAHIT + SARA AA (and ligates NIKHAHIT
# with a preceding tone mark: น้ำ → น, nikhahit+mai-tho, sara-aa). The SARA AA glyph is the
# same one plain า uses, so whichever comes first wins: "การ" extracts as "กำร", or "ดำเนินการ"
# as "ดาเนินการ" — the damage of every Word-made Thai PDF. Fix at the font level: our copy of
# Sarabun gets one twin of SARA AA per preceding tone (none, ่ ้ ๊ ๋) and twins of the
# NIKHAHIT glyphs, substituted by a GSUB rule run after the font's own ones. Each glyph then
# always stands for the same text ("ำ", "่ำ", …, or "" for the nikhahit twin), so the
# first-use mapping is exact. Outlines and advances are unchanged: the page looks the same.

SARA_AA = "uni0E32"
TONES = ("", "0E48", "0E49", "0E4A", "0E4B")


def _nikhahit_glyphs(order):
    """Nikhahit glyphs (plain, narrow, ligated with a tone) → index of that tone in TONES."""
    found = {}
    for tone_index, tone in enumerate(TONES):
        for suffix in ("", ".narrow"):
            name = f"uni0E4D{tone}{suffix}"
            if name in order:
                found[name] = tone_index
    return found


def _single_subst(mapping):
    subtable = otTables.SingleSubst()
    subtable.mapping = dict(mapping)
    lookup = otTables.Lookup()
    lookup.LookupType, lookup.LookupFlag = 1, 0
    lookup.SubTable, lookup.SubTableCount = [subtable], 1
    return lookup


def _coverage(font, glyphs):
    coverage = otTables.Coverage()
    coverage.glyphs = sorted(glyphs, key=font.getGlyphID)
    return coverage


def _chain_rule(font, backtrack, input_glyphs, lookahead, lookup_index):
    rule = otTables.ChainContextSubst()
    rule.Format = 3
    rule.BacktrackCoverage = [_coverage(font, g) for g in backtrack]
    rule.InputCoverage = [_coverage(font, input_glyphs)]
    rule.LookAheadCoverage = [_coverage(font, g) for g in lookahead]
    rule.BacktrackGlyphCount = len(backtrack)
    rule.InputGlyphCount = 1
    rule.LookAheadGlyphCount = len(lookahead)
    record = otTables.SubstLookupRecord()
    record.SequenceIndex, record.LookupListIndex = 0, lookup_index
    rule.SubstLookupRecord, rule.SubstCount = [record], 1
    return rule


def _chain_lookup(rules):
    lookup = otTables.Lookup()
    lookup.LookupType, lookup.LookupFlag = 6, 0
    lookup.SubTable, lookup.SubTableCount = rules, len(rules)
    return lookup


def _add_twin(font, name, twin):
    """A composite glyph drawing ``name`` unchanged, under a new glyph id."""
    glyf = font["glyf"]
    component = GlyphComponent()
    component.glyphName, component.x, component.y, component.flags = name, 0, 0, 0x0204
    glyph = Glyph()
    glyph.numberOfContours, glyph.components = -1, [component]
    order = [*font.getGlyphOrder(), twin]
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    glyf[twin] = glyph
    font["hmtx"][twin] = font["hmtx"][name]
    gdef = font["GDEF"].table.GlyphClassDef.classDefs
    if name in gdef:
        gdef[twin] = gdef[name]


@lru_cache(maxsize=8)
def pdf_font(filename):
    """Our Sarabun file with the SARA AM twins added (see above), as bytes."""
    font = TTFont(FONT_DIR / filename)
    order = font.getGlyphOrder()
    nikhahits = _nikhahit_glyphs(order)
    aa_twins = [f"{SARA_AA}.am{i}" for i in range(len(TONES))]
    for twin in aa_twins:
        _add_twin(font, SARA_AA, twin)
    nik_twins = {name: f"{name}.am" for name in nikhahits}
    for name, twin in nik_twins.items():
        _add_twin(font, name, twin)

    lookups = font["GSUB"].table.LookupList
    first = len(lookups.Lookup)
    # first … first+4: SARA AA → its twin for each tone; first+5: nikhahit → its twin.
    lookups.Lookup += [_single_subst({SARA_AA: twin}) for twin in aa_twins]
    lookups.Lookup.append(_single_subst(nik_twins))
    aa_rules = [
        _chain_rule(font, [[name]], [SARA_AA], [], first + tone_index)
        for name, tone_index in nikhahits.items()
    ]
    nik_rule = _chain_rule(font, [], list(nikhahits), [aa_twins], first + len(TONES))
    lookups.Lookup += [_chain_lookup(aa_rules), _chain_lookup([nik_rule])]
    lookups.LookupCount = len(lookups.Lookup)
    new = [lookups.LookupCount - 2, lookups.LookupCount - 1]
    for record in font["GSUB"].table.FeatureList.FeatureRecord:
        # ccmp is applied to Thai in every shaper; appended lookups run after the font's own.
        if record.FeatureTag == "ccmp":
            record.Feature.LookupListIndex += new
            record.Feature.LookupCount = len(record.Feature.LookupListIndex)
    if "post" in font:
        font["post"].extraNames = []
        font["post"].mapping = {}
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


# --- the fetcher ------------------------------------------------------------


def asset_urls(emblem_path=None):
    """The URLs a PDF template may use; the emblem only when the organisation has one."""
    urls = {name: f"{SCHEME}font/{name}" for name in FONT_FILES}
    urls["css"] = f"{SCHEME}css/pdf.css"
    urls["emblem"] = f"{SCHEME}emblem" if emblem_path else ""
    return urls


class AssetFetcher(URLFetcher):
    """Serves our fonts, pdf.css and the emblem; refuses every other URL without any I/O."""

    def __init__(self, emblem_path=None):
        super().__init__(timeout=1, allowed_protocols=())
        self.emblem_path = emblem_path
        self.refused = []

    def fetch(self, url, headers=None):
        if url.startswith(f"{SCHEME}font/"):
            name = url.removeprefix(f"{SCHEME}font/")
            if name in FONT_FILES:
                return self._response(url, pdf_font(FONT_FILES[name]), "font/ttf")
        elif url == f"{SCHEME}css/pdf.css":
            return self._response(url, CSS_PATH.read_bytes(), "text/css; charset=utf-8")
        elif url == f"{SCHEME}emblem" and self.emblem_path:
            return self._response(url, Path(self.emblem_path).read_bytes(), None)
        self.refused.append(url)
        logger.warning("PDF renderer refused to fetch %r", url[:200])
        raise ValueError(f"refused: {url[:200]}")

    @staticmethod
    def _response(url, body, content_type):
        headers = {"Content-Type": content_type} if content_type else {}
        return URLFetcherResponse(url, body, headers)


# --- rendering ------------------------------------------------------------


def laid_out(html, *, emblem_path=None, fetcher=None):
    """The laid-out WeasyPrint document, in this process: its pages can be inspected."""
    from weasyprint import HTML

    fetcher = fetcher or AssetFetcher(emblem_path)
    return HTML(string=html, base_url=SCHEME, url_fetcher=fetcher).render()


def render_pdf_bytes(html, *, emblem_path=None, fetcher=None):
    """Render in this process (no time limit): the plain path, used by the child and the bench."""
    return laid_out(html, emblem_path=emblem_path, fetcher=fetcher).write_pdf()


def _address_space_bytes():
    """This process's virtual address space now (Linux /proc), or 0 where it cannot be read."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _cap_memory(megabytes):
    """Let the child grow by at most ``megabytes`` beyond the address space it inherited: a
    document or an image that needs more fails with MemoryError instead of taking the server's
    memory. Measured from what it inherited because a web worker's own size varies."""
    if not megabytes:
        return
    limit = _address_space_bytes() + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(conn, html, emblem_path, memory_mb):
    try:
        _cap_memory(memory_mb)
        conn.send(("ok", render_pdf_bytes(html, emblem_path=emblem_path)))
    except MemoryError:
        conn.send(("memory", "MemoryError"))
    except Exception as exc:  # reported to the parent, which raises the Thai error
        conn.send(("error", repr(exc)))
    finally:
        conn.close()


def render_pdf(html, *, emblem_path=None, timeout=RENDER_TIMEOUT):
    """Render ``html`` to PDF bytes in a forked child that is killed after ``timeout`` seconds.

    WeasyPrint cannot be interrupted from inside, so the limit needs a process; fork keeps the
    start cheap (fonts already built in the parent are inherited)."""
    for filename in FONT_FILES.values():
        pdf_font(filename)
    context = multiprocessing.get_context("fork")
    parent_conn, child_conn = context.Pipe(duplex=False)
    memory_mb = getattr(settings, "PDF_RENDER_MEMORY_MB", 1024)
    process = context.Process(
        target=_child, args=(child_conn, html, emblem_path, memory_mb), daemon=True
    )
    process.start()
    child_conn.close()
    try:
        if not parent_conn.poll(timeout):
            raise DocumentRenderError(
                "การสร้างไฟล์ PDF ใช้เวลานานเกินกำหนด กรุณาลองใหม่อีกครั้ง หากยังไม่สำเร็จ กรุณาแจ้งผู้ดูแลระบบ"
            )
        try:
            status, payload = parent_conn.recv()
        except EOFError:
            status, payload = "error", "the renderer exited without an answer"
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent_conn.close()
    if status == "memory":
        logger.error("PDF rendering exceeded its memory cap of %s MB", memory_mb)
        raise DocumentRenderError(
            "เอกสารนี้ใช้หน่วยความจำเกินกำหนดในการสร้างไฟล์ PDF กรุณาตรวจสอบข้อความที่ยาวผิดปกติ"
            "หรือรูปตราสัญลักษณ์ที่ใหญ่เกินไป หากยังไม่สำเร็จ กรุณาแจ้งผู้ดูแลระบบ"
        )
    if status != "ok":
        # A child killed by a signal (exit code -6, -9) may have hit the memory cap in C code.
        logger.error("PDF rendering failed: %s (exit code %s)", payload, process.exitcode)
        raise DocumentRenderError(
            "สร้างไฟล์ PDF ไม่สำเร็จ กรุณาลองใหม่อีกครั้ง หากยังไม่สำเร็จ กรุณาแจ้งผู้ดูแลระบบ"
        )
    return payload


def child_peak_memory_kib():
    """Peak resident memory of finished render children (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
