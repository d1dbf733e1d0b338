"""A strict Content-Security-Policy: no inline script or style anywhere the browser renders."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from reports.publishing import publication_create
from tests.people import world
from tests.reports.conftest import emblem_png

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Rendered by WeasyPrint into PDFs, never by a browser.
PDF_TEMPLATES = TEMPLATES / "reports" / "pdf"
INLINE = {
    "an inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>"),
    "a <style> without a nonce": re.compile(r"<style(?![^>]*\bnonce=)[^>]*>"),
    "an event handler attribute": re.compile(r"\son[a-z]+=", re.IGNORECASE),
}


def browser_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if PDF_TEMPLATES not in path.parents:
            yield path


@pytest.mark.parametrize(
    "path", list(browser_templates()), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_no_browser_template_has_inline_script_or_style(path):
    text = path.read_text(encoding="utf-8")
    for what, pattern in INLINE.items():
        assert not pattern.search(text), f"{what} in {path.name}"
    # style="" only where the include is told it renders for a PDF (see pdf/_table.html).
    assert ' style="' not in text


@pytest.mark.django_db
def test_pages_send_a_policy_without_unsafe_inline(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(item.strip().split(" ", 1) for item in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def publishable(w):
    """world()'s plan with what every document prints: signatory, announcement date, emblem."""
    w.plan.signatory_name = "นายสมชาย ใจดี"
    w.plan.signatory_position = "นายกองค์การบริหารส่วนตำบลเอ"
    w.plan.announced_on = date(2022, 10, 20)
    w.plan.save()
    w.org.emblem.save("emblem.png", ContentFile(emblem_png()), save=True)
    return w


@pytest.mark.django_db
def test_a_published_documents_page_sizes_its_columns_with_a_nonced_style(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    w = publishable(world())
    publication = publication_create(
        plan=w.plan, kind="measures", layout="plan", user=w.coordinator
    )
    url = reverse(
        "reports:publication",
        kwargs={"slug": w.org.slug, "year": w.plan.fiscal_year, "kind": publication.kind},
    )
    response = client.get(url)
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    assert f'<style nonce="{nonce}">' in response.text
    assert ".doc-table col:nth-child(1) { width:" in response.text
    assert ' style="' not in response.text
