"""Every typed text has a limit a real document needs, said in Thai; longer is refused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measures import services
from measures.models import ProgressEntry, limits
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return world()


def test_a_too_long_progress_description_is_refused_in_thai_and_nothing_saved(client, w):
    client.force_login(w.staff)
    url = reverse("measures:entry-create", kwargs={"slug": w.org.slug, "pk": w.measure.pk})
    before = ProgressEntry.objects.count()
    response = client.post(
        url,
        {
            "done_on": "๔/๔/๒๕๖๖",
            "description": "ก" * (limits.ENTRY_DESCRIPTION + 1),
            "status": "in_progress",
            "percent": "๕๐",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "“ผลการดำเนินการ” ยาวเกิน ๕,๐๐๐ ตัวอักษร กรุณาย่อให้สั้นลง" in response.text
    assert ProgressEntry.objects.count() == before


def test_a_description_at_the_limit_is_kept_whole(client, w):
    entry = services.entry_create(
        measure=w.measure,
        author=w.staff,
        done_on=date(2023, 4, 4),
        description="ก" * limits.ENTRY_DESCRIPTION,
        status="in_progress",
        percent=50,
    )
    assert len(ProgressEntry.objects.get(pk=entry.pk).description) == limits.ENTRY_DESCRIPTION


@pytest.mark.parametrize(
    "field, limit",
    [
        ("title", limits.MEASURE_TITLE),
        ("issue", limits.MEASURE_ISSUE),
        ("monitoring", limits.MEASURE_MONITORING),
        ("expected_outcome", limits.MEASURE_OUTCOME),
    ],
)
def test_the_services_refuse_a_measure_text_over_its_limit(w, field, limit):
    with pytest.raises(ValidationError) as refused:
        services.measure_update(
            measure=w.measure, version=w.measure.version, **{field: "ก" * (limit + 1)}
        )
    assert "ตัวอักษร กรุณาย่อให้สั้นลง" in str(refused.value.message_dict[field])


def test_a_too_long_step_or_comment_or_intro_is_refused_by_the_model(w):
    w.plan.intro = "ก" * (limits.PLAN_INTRO + 1)
    with pytest.raises(ValidationError, match="๑๐,๐๐๐"):
        w.plan.full_clean()
    w.entry.review_comment = "ก" * (limits.REVIEW_COMMENT + 1)
    with pytest.raises(ValidationError, match="๒,๐๐๐"):
        w.entry.full_clean()
