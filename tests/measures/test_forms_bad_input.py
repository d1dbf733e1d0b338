"""Bad input anywhere: a Thai message, nothing saved, never a 500."""

import re

import pytest
from django.urls import reverse

from measures.models import Measure, MeasurePlan, ProgressEntry
from tests.people import world

pytestmark = pytest.mark.django_db

JUNK = {
    "version": "abc",
    "number": "สาม",
    "fiscal_year": "ปีหน้า",
    "framework": "x",
    "title": "x" * 5000,
    "units": ["x", "99999999"],
    "questions": ["-1"],
    "question_codes": "Z9 ๐๐ ข้อ",
    "period": "เมื่อวาน - พรุ่งนี้",
    "deadline": "31/2/2566",
    "announced_on": "<script>alert(1)</script>",
    "done_on": "๙๙/๙๙/๙๙๙๙",
    "description": "",
    "status": "finished",
    "percent": "๑๐๐๐",
    "decision": "maybe",
    "direction": "sideways",
    "steps-TOTAL_FORMS": "abc",
    "steps-INITIAL_FORMS": "0",
    "links-TOTAL_FORMS": "5000",
    "links-INITIAL_FORMS": "0",
    "remove_files": ["abc"],
}

FORMS = [
    ("coordinator", "measures:plan-create", lambda w: {"slug": w.org.slug}),
    ("coordinator", "measures:plan-edit", lambda w: {"slug": w.org.slug, "year": 2566}),
    ("coordinator", "measures:measure-create", lambda w: {"slug": w.org.slug, "year": 2566}),
    ("coordinator", "measures:measure-edit", lambda w: {"slug": w.org.slug, "pk": w.measure.pk}),
    ("coordinator", "measures:measure-delete", lambda w: {"slug": w.org.slug, "pk": w.measure.pk}),
    ("coordinator", "measures:measure-move", lambda w: {"slug": w.org.slug, "pk": w.measure.pk}),
    ("staff", "measures:entry-create", lambda w: {"slug": w.org.slug, "pk": w.measure.pk}),
    ("staff", "measures:entry-edit", lambda w: {"slug": w.org.slug, "pk": w.entry.pk}),
    ("staff", "measures:entry-submit", lambda w: {"slug": w.org.slug, "pk": w.entry.pk}),
    ("executive", "measures:entry-review", lambda w: {"slug": w.org.slug, "pk": w.entry.pk}),
]


def snapshot():
    return (
        list(MeasurePlan.objects.values_list("pk", "version")),
        list(Measure.objects.values_list("pk", "version", "title", "order")),
        list(ProgressEntry.objects.values_list("pk", "version", "review_state", "description")),
    )


@pytest.mark.parametrize("role, name, kwargs", FORMS, ids=[f[1] for f in FORMS])
def test_junk_posted_to_a_form_changes_nothing_and_answers_in_thai(client, role, name, kwargs):
    w = world()
    client.force_login(getattr(w, role))
    before = snapshot()
    response = client.post(reverse(name, kwargs=kwargs(w)), JUNK, follow=True)
    assert response.status_code == 200
    assert snapshot() == before
    text = response.text
    # Every message shown is Thai: no Django default English error text leaks through.
    for english in ("Enter a", "This field", "Select a valid", "Ensure this", "Please submit"):
        assert english not in text
    assert re.search(r'class="(alert alert-(danger|warning|info)|invalid-feedback)', text)
