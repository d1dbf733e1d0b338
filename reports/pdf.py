"""HTML → PDF with WeasyPrint: bundled Sarabun only, a closed URL fetcher, a time limit.

The renderer reads nothing but what ``asset_urls`` hands to the template: our Sarabun fonts,
``static/css/pdf.css`` and the organisation's uploaded emblem. Every other URL (``file:``,
``http:``, ``data:``, an ``@import`` a user managed to smuggle in) is refused before any I/O.
"""

import logging
import multiprocessing
import resource
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .pdf_fonts import pdf_font

logger = logging.getLogger(__name__)

SCHEME = "ita-asset:"
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


def _child(conn, html, emblem_path, memory_mb, workdir):
    try:
        # WeasyPrint copies the fonts into a temporary folder that only its garbage collector
        # removes, which a child leaving by os._exit never runs: keep it where the parent
        # removes it.
        tempfile.tempdir = workdir
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
    workdir = tempfile.mkdtemp(prefix="itaportal-render-")
    process = context.Process(
        target=_child, args=(child_conn, html, emblem_path, memory_mb, workdir), daemon=True
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
        shutil.rmtree(workdir, ignore_errors=True)
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
