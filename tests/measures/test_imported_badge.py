"""Entries an import created carry a small "นำเข้า" badge on staff pages; documents do not."""

from datetime import date

import pytest
from django.urls import reverse

from reports.documents import document_context, document_html
from tests.factories import make_entry
from tests.people import world

pytestmark = pytest.mark.django_db
BADGE = "imported-badge"


@pytest.fixture
def w(db):
    w = world()
    w.imported = make_entry(
        w.measure,
        date(2023, 2, 1),
        imported=True,
        review_state="submitted",
        description="ผลที่นำเข้าจากรายงานเดิม",
    )
    return w


def test_the_measure_page_marks_only_the_imported_entry(client, w):
    client.force_login(w.coordinator)
    page = client.get(
        reverse("measures:measure-detail", kwargs={"slug": w.org.slug, "pk": w.measure.pk})
    ).text
    imported = page.split(f'id="entry-{w.imported.pk}"')[1].split("</article>")[0]
    typed = page.split(f'id="entry-{w.entry.pk}"')[1].split("</article>")[0]
    assert BADGE in imported and ">นำเข้า</span>" in imported
    assert BADGE not in typed


def test_the_review_queue_and_the_review_page_mark_it_too(client, w):
    client.force_login(w.executive)
    queue = client.get(reverse("measures:review-queue", kwargs={"slug": w.org.slug})).text
    assert queue.count(BADGE) == 1
    review = client.get(
        reverse("measures:entry-review", kwargs={"slug": w.org.slug, "pk": w.imported.pk})
    ).text
    assert BADGE in review


def test_documents_print_an_imported_entry_like_any_other(w):
    w.imported.review_state = "approved"
    w.imported.save()
    html = document_html(document_context(w.plan, "progress-6", "plan"))
    assert "ผลที่นำเข้าจากรายงานเดิม" in html and "นำเข้า<" not in html
