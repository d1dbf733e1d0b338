"""What a phone downloads: WOFF2 subsets of Sarabun with the regular weight preloaded, scripts
only on the pages that use them, and Bootstrap trimmed to the public pages' classes.
bench/phone_speed.py measures the result in Chromium (bench/results-phone.md)."""

import importlib.util
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from fontTools.ttLib import TTFont

from measures.demo import DEMO_SLUG
from tests.people import world

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parent.parent / "static"
REGULAR = "/static/fonts/sarabun/web/Sarabun-400.woff2"
HX_ATTRIBUTE = re.compile(r"\shx-[a-z-]+=")
BOOTSTRAP_JS_ATTRIBUTE = re.compile(r'\sdata-bs-toggle="(dropdown|collapse|modal|tooltip)"')
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


@pytest.fixture
def demo(db):
    call_command("load_demo", "--force", stdout=StringIO())


def test_the_public_pages_preload_the_regular_weight_as_woff2(client, demo):
    for url in ("/", f"/{DEMO_SLUG}/"):
        html = client.get(url).text
        assert (
            f'<link rel="preload" href="{REGULAR}" as="font" type="font/woff2" crossorigin>' in html
        )
    portal_css = (STATIC / "css" / "portal.css").read_text(encoding="utf-8")
    assert ".ttf" not in portal_css
    assert 'url("../fonts/sarabun/web/Sarabun-400.woff2") format("woff2")' in portal_css


def test_the_woff2_subset_draws_every_character_of_the_public_pages(client, demo):
    """Thai shows in Sarabun, never in a fallback font or as boxes (the demo's own text)."""
    font = TTFont(STATIC / "fonts" / "sarabun" / "web" / "Sarabun-400.woff2")
    assert font.flavor == "woff2"
    drawn = set(font.getBestCmap())
    for url in ("/", f"/{DEMO_SLUG}/"):
        html = client.get(url).text
        text = re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1])
        missing = {c for c in text if not c.isspace() and ord(c) not in drawn}
        assert not missing, f"{url}: {sorted(missing)}"


def test_a_page_without_hx_attributes_loads_no_htmx_and_no_bootstrap_script(client, demo):
    for url in ("/", f"/{DEMO_SLUG}/", "/accounts/login/"):
        html = client.get(url).text
        assert not HX_ATTRIBUTE.search(html)
        assert "htmx.min" not in html
        assert "bootstrap.bundle.min" not in html


def test_pages_load_htmx_and_bootstrap_script_exactly_when_they_use_them(client):
    w = world()
    client.force_login(w.executive)
    slug = w.org.slug
    pages = [
        "/",
        reverse("measures:my-work"),
        reverse("reports:dashboard", args=[slug]),
        reverse("reports:measure-list", args=[slug]),
        reverse("reports:documents", args=[slug]),
        reverse("measures:review-queue", args=[slug]),
    ]
    loaders = []
    for url in pages:
        html = client.get(url).text
        uses_htmx, uses_bootstrap = (
            bool(HX_ATTRIBUTE.search(html)),
            bool(BOOTSTRAP_JS_ATTRIBUTE.search(html)),
        )
        assert ("htmx.min" in html) == uses_htmx, url
        assert ("bootstrap.bundle.min" in html) == uses_bootstrap, url
        if uses_htmx or uses_bootstrap:
            loaders.append(url)
    # The measure list filters with htmx and sorts with a dropdown.
    assert loaders == [reverse("reports:measure-list", args=[slug])]


def test_the_trimmed_bootstrap_is_made_from_every_class_the_public_pages_use(client, demo):
    """A class added to a public template needs scripts/bootstrap_trim.py run again."""
    trim = _bootstrap_trim()
    classes = trim.public_classes()
    signed_out = client.get(f"/{DEMO_SLUG}/").text
    client.force_login(get_user_model().objects.get(username="coordinator"))
    for html in (client.get("/").text, signed_out, client.get(f"/{DEMO_SLUG}/").text):
        assert "bootstrap.public.min.css" in html
        used = {c for attribute in CLASS_ATTRIBUTE.findall(html) for c in attribute.split()}
        assert used - classes == set()
    assert trim.stylesheet_trim() == (
        STATIC / "vendor" / "bootstrap" / "bootstrap.public.min.css"
    ).read_text(encoding="utf-8")


def _bootstrap_trim():
    path = STATIC.parent / "scripts" / "bootstrap_trim.py"
    spec = importlib.util.spec_from_file_location("bootstrap_trim", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
