from datetime import date

import pytest
from django.core.exceptions import ValidationError

from measures import services
from measures.models import Measure, MeasurePlan, ProgressEntry
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return world()


def test_measure_create_numbers_the_measure_and_keeps_steps_in_order(w):
    questions = list(w.plan.framework.questions.filter(code__in=["e6", "O20", "i7"]))
    measure = services.measure_create(
        plan=w.plan,
        title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง",
        period_start=date(2022, 10, 1),
        period_end=date(2023, 3, 1),
        units=[w.finance, w.works],
        questions=questions,
        steps=[services.Step("จัดทำประกาศ"), services.Step("เผยแพร่", date(2023, 1, 31))],
    )
    assert measure.number == 3
    assert [s.text for s in measure.steps.order_by("order")] == ["จัดทำประกาศ", "เผยแพร่"]
    assert set(measure.units.all()) == {w.finance, w.works}
    assert measure.questions.count() == 3


def test_measure_create_refuses_a_unit_of_another_organisation(w):
    with pytest.raises(ValidationError) as error:
        services.measure_create(
            plan=w.plan,
            title="x",
            period_start=date(2022, 10, 1),
            period_end=date(2023, 3, 1),
            units=[w.other_unit],
        )
    assert "units" in error.value.message_dict
    assert not Measure.objects.filter(title="x").exists()


def test_a_second_save_from_the_same_version_is_refused_with_what_changed(w):
    measure = Measure.objects.get(pk=w.measure.pk)
    loaded_version = measure.version
    services.measure_update(measure=measure, version=loaded_version, title="ชื่อใหม่ของเพื่อน")

    stale = Measure.objects.get(pk=w.measure.pk)
    with pytest.raises(services.StaleVersion) as error:
        services.measure_update(measure=stale, version=loaded_version, title="ชื่อของฉัน")

    assert ("มาตรการ/แนวทาง", "เผยแพร่รายงานการเงิน", "ชื่อใหม่ของเพื่อน") in error.value.changes
    assert Measure.objects.get(pk=w.measure.pk).title == "ชื่อใหม่ของเพื่อน"


def test_a_stale_entry_edit_is_refused_and_the_row_keeps_the_first_save(w):
    services.entry_update(
        entry=ProgressEntry.objects.get(pk=w.entry.pk), version=1, description="ของเพื่อน"
    )
    with pytest.raises(services.StaleVersion) as error:
        services.entry_update(
            entry=ProgressEntry.objects.get(pk=w.entry.pk), version=1, description="ของฉัน"
        )
    assert ("ผลการดำเนินการ", "ดำเนินการตามขั้นตอน", "ของเพื่อน") in error.value.changes
    assert ProgressEntry.objects.get(pk=w.entry.pk).description == "ของเพื่อน"


def test_an_entry_goes_draft_submitted_approved(w):
    entry = services.entry_submit(entry=w.entry, version=w.entry.version)
    assert entry.review_state == "submitted"
    entry = services.entry_approve(entry=entry, version=entry.version, reviewer=w.executive)
    assert entry.review_state == "approved"
    assert entry.reviewed_by == w.executive and entry.reviewed_at


def test_a_returned_entry_carries_the_comment_and_can_be_resubmitted(w):
    entry = services.entry_submit(entry=w.entry, version=w.entry.version)
    entry = services.entry_return(
        entry=entry, version=entry.version, reviewer=w.executive, comment="กรุณาแนบภาพถ่ายการประชุม"
    )
    fresh = ProgressEntry.objects.get(pk=entry.pk)
    assert fresh.review_state == "returned"
    assert fresh.review_comment == "กรุณาแนบภาพถ่ายการประชุม"
    assert services.entry_submit(entry=fresh, version=fresh.version).review_state == "submitted"


def test_returning_without_a_comment_is_refused(w):
    entry = services.entry_submit(entry=w.entry, version=w.entry.version)
    with pytest.raises(ValidationError):
        services.entry_return(
            entry=entry, version=entry.version, reviewer=w.executive, comment="  "
        )
    assert ProgressEntry.objects.get(pk=entry.pk).review_state == "submitted"


def test_a_draft_cannot_be_approved(w):
    with pytest.raises(services.ReviewStateError):
        services.entry_approve(entry=w.entry, version=w.entry.version, reviewer=w.executive)


def test_editing_an_approved_entry_sends_it_back_to_draft(w):
    entry = services.entry_submit(entry=w.entry, version=1)
    entry = services.entry_approve(entry=entry, version=entry.version, reviewer=w.executive)
    entry = services.entry_update(entry=entry, version=entry.version, percent=60)
    assert entry.review_state == "draft"


def test_an_entry_dated_outside_the_fiscal_year_is_refused(w):
    with pytest.raises(ValidationError) as error:
        services.entry_create(
            measure=w.measure,
            author=w.staff,
            done_on=date(2024, 1, 1),
            description="x",
            status="in_progress",
            percent=10,
        )
    assert "done_on" in error.value.message_dict


def test_moving_a_measure_up_swaps_it_with_the_one_above(w):
    services.measure_move(measure=w.measure_works, direction="up")
    order = list(w.plan.measures.order_by("order").values_list("pk", flat=True))
    assert order == [w.measure_works.pk, w.measure.pk]


def test_every_kind_of_change_leaves_a_history_row_with_old_and_new(w):
    measure = Measure.objects.get(pk=w.measure.pk)
    services.measure_update(
        measure=measure, version=1, title="ใหม่", units=[w.works], steps=[services.Step("ขั้นแรก")]
    )
    newest = measure.history.order_by("-history_date").first()
    delta = newest.diff_against(measure.history.filter(version=1).order_by("-history_date")[0])
    changed = {c.field: (c.old, c.new) for c in delta.changes}
    assert changed["title"] == ("เผยแพร่รายงานการเงิน", "ใหม่")
    assert "units" in changed
    assert measure.steps.get().history.first().history_type == "+"

    services.entry_update(entry=w.entry, version=1, percent=70)
    entry_delta = w.entry.history.first().diff_against(w.entry.history.last())
    assert {c.field: (c.old, c.new) for c in entry_delta.changes}["percent"] == (50, 70)


def _last_change(obj):
    newest, previous = obj.history.order_by("-history_date", "-history_id")[:2]
    return {c.field: (c.old, c.new) for c in newest.diff_against(previous).changes}


def test_a_plan_change_is_recorded_with_old_and_new(w):
    services.plan_update(plan=w.plan, version=w.plan.version, signatory_name="นายสมชาย ใจดี")
    assert _last_change(w.plan)["signatory_name"] == ("", "นายสมชาย ใจดี")


def test_review_steps_are_recorded_with_old_and_new_states(w):
    entry = services.entry_submit(entry=w.entry, version=w.entry.version)
    assert _last_change(entry)["review_state"] == ("draft", "submitted")
    entry = services.entry_return(
        entry=entry, version=entry.version, reviewer=w.executive, comment="แนบหลักฐาน"
    )
    change = _last_change(entry)
    assert change["review_state"] == ("submitted", "returned")
    assert change["review_comment"] == ("", "แนบหลักฐาน")


def test_evidence_added_and_removed_and_a_deleted_measure_leave_history(w):
    entry = services.entry_update(
        entry=w.entry,
        version=w.entry.version,
        links=[services.Link("https://example.org/a", "ประกาศ")],
    )
    link = entry.links.get()
    assert link.history.get().history_type == "+"
    services.entry_update(entry=entry, version=entry.version, remove_links=[link])
    assert [h.history_type for h in link.history.order_by("history_date")] == ["+", "-"]

    pk = w.measure_works.pk
    services.measure_delete(measure=w.measure_works, version=w.measure_works.version)
    assert Measure.history.filter(id=pk).order_by("-history_date")[0].history_type == "-"


def test_a_step_edit_is_recorded_as_old_and_new_and_unchanged_steps_stay_quiet(w):
    first, second = services.Step("ขั้นแรก"), services.Step("ขั้นสอง")
    services.measure_update(measure=w.measure, version=1, steps=[first, second])
    services.measure_update(measure=w.measure, version=2, steps=[first, services.Step("ขั้นสองที่แก้")])
    services.measure_update(measure=w.measure, version=3, steps=[first])
    records = [
        (h.history_type, h.order, h.text)
        for h in w.measure.steps.model.history.filter(measure_id=w.measure.pk).order_by(
            "history_date", "history_id"
        )
    ]
    assert records == [
        ("+", 1, "ขั้นแรก"),
        ("+", 2, "ขั้นสอง"),
        ("~", 2, "ขั้นสองที่แก้"),
        ("-", 2, "ขั้นสองที่แก้"),
    ]


def test_a_stale_plan_edit_is_refused_with_what_changed(w):
    services.plan_update(
        plan=MeasurePlan.objects.get(pk=w.plan.pk), version=1, signatory_name="นายก"
    )
    with pytest.raises(services.StaleVersion) as error:
        services.plan_update(
            plan=MeasurePlan.objects.get(pk=w.plan.pk), version=1, signatory_name="ปลัด"
        )
    assert ("ผู้ลงนาม", "–", "นายก") in error.value.changes
    assert MeasurePlan.objects.get(pk=w.plan.pk).signatory_name == "นายก"


def test_deleting_a_measure_someone_just_edited_is_refused(w):
    services.measure_update(measure=Measure.objects.get(pk=w.measure.pk), version=1, title="แก้แล้ว")
    with pytest.raises(services.StaleVersion):
        services.measure_delete(measure=Measure.objects.get(pk=w.measure.pk), version=1)
    assert Measure.objects.filter(pk=w.measure.pk).exists()


def test_approving_a_submission_twice_from_two_tabs_keeps_one_approval(w):
    entry = services.entry_submit(entry=w.entry, version=w.entry.version)
    tab_a = ProgressEntry.objects.get(pk=entry.pk)
    tab_b = ProgressEntry.objects.get(pk=entry.pk)
    services.entry_approve(entry=tab_a, version=tab_a.version, reviewer=w.executive)
    with pytest.raises((services.StaleVersion, services.ReviewStateError)):
        services.entry_return(
            entry=tab_b, version=tab_b.version, reviewer=w.executive, comment="ขัดกัน"
        )
    assert ProgressEntry.objects.get(pk=entry.pk).review_state == "approved"


def test_the_history_reads_a_bounded_number_of_queries_however_often_a_measure_changed(w):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from measures.history import measure_history

    def edits(count):
        for _ in range(count):
            measure = Measure.objects.get(pk=w.measure.pk)
            units = [w.works] if measure.units.filter(pk=w.finance.pk).exists() else [w.finance]
            services.measure_update(measure=measure, version=measure.version, units=units)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            rows = measure_history(w.measure, limit=4)
        assert len(rows) == 4
        return len(captured)

    edits(6)
    few = queries()
    edits(20)
    assert queries() <= few
