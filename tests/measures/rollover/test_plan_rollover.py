from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from measures.models import (
    Framework,
    Measure,
    MeasurePlan,
    MeasureStep,
    MonitoringItem,
    ProgressEntry,
    Theme,
)
from measures.rollover.services import RolloverRefused, plan_rollover, rollover_framework
from tests.factories import make_organisation, make_user
from tests.measures.rollover.plans import demo_like_plan

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        model.objects.count()
        for model in (MeasurePlan, Theme, Measure, MeasureStep, MonitoringItem, ProgressEntry)
    )


def _codes(measure):
    return sorted(measure.questions.values_list("code", flat=True))


@pytest.fixture
def demo_2566(db):
    """A FY 2566 plan answering the 2565 framework: rolls over to FY 2567 under 2566."""
    return demo_like_plan(
        make_organisation(),
        fiscal_year=2566,
        framework_year=2565,
        codes=[["i7", "O10", "O42"], ["e6", "O7"], ["O30"]],
    )


@pytest.fixture
def demo_2568(db):
    """A FY 2568 plan answering the 2568 framework: rolls over to FY 2569 under 2569."""
    return demo_like_plan(
        make_organisation(),
        fiscal_year=2568,
        framework_year=2568,
        codes=[["O12", "O16"], ["O2"], ["O17", "O18"]],
    )


def test_the_default_framework_is_the_newest_the_next_year_may_use(demo_2566, demo_2568):
    assert rollover_framework(demo_2566.plan).fiscal_year == 2566
    assert rollover_framework(demo_2568.plan).fiscal_year == 2569


def test_2565_to_2566_copies_the_plan_and_maps_its_questions(demo_2566):
    to = Framework.objects.get(fiscal_year=2566)

    result = plan_rollover(plan=demo_2566.plan, to_framework=to, by=make_user())

    new = result.new_plan
    assert (new.fiscal_year, new.framework, new.announced_on, new.version) == (2567, to, None, 1)
    assert list(new.themes.values_list("number", "title")) == [
        (1, "การเปิดเผยข้อมูล"),
        (2, "การป้องกันการทุจริต"),
    ]
    # Three measures in force, in their order and numbering; the withdrawn one stays behind.
    assert list(new.measures.values_list("number", "order")) == [(2, 1), (1, 2), (3, 3)]
    first, second, third = (new.measures.get(number=n) for n in (1, 2, 3))
    assert _codes(first) == ["O11", "O42"]
    assert _codes(second) == [] and _codes(third) == ["O28"]
    unmapped = {m.number: sorted(q.code for q in qs) for m, qs in result.unmapped}
    assert unmapped == {1: ["i7"], 2: ["O7", "e6"]}
    assert ProgressEntry.objects.filter(measure__plan=new).count() == 0
    assert ProgressEntry.objects.filter(measure__plan=demo_2566.plan).count() == 2


def test_the_copy_keeps_texts_units_and_moves_every_date_one_year(demo_2566):
    to = Framework.objects.get(fiscal_year=2566)

    new = plan_rollover(plan=demo_2566.plan, to_framework=to, by=None).new_plan

    first = new.measures.get(number=1)
    assert (first.title, first.issue, first.theme.number) == (
        "เผยแพร่แผนและรายงานผลบนเว็บไซต์",
        "O๑๐ แผนดำเนินงานประจำปี",
        1,
    )
    assert first.responsible_note == "ทุกกองจัดทำในส่วนที่เกี่ยวข้องส่งสำนักปลัด"
    assert set(first.units.all()) == {demo_2566.office, demo_2566.finance}
    assert (first.deadline, first.deadline_precision) == (date(2024, 9, 30), "month")
    assert (first.period_start, first.period_end) == (date(2023, 10, 1), date(2024, 9, 1))
    assert list(first.steps.values_list("order", "label", "text", "deadline")) == [
        (1, "๑", "จัดทำแผน", date(2023, 12, 31)),
        (2, "๓.๑", "เผยแพร่", None),
    ]
    assert list(
        first.monitoring_items.values_list("text", "deadline", "deadline_precision", "recurrence")
    ) == [
        ("รายงานผลต่อนายก", date(2024, 3, 31), "month", ""),
        ("ติดตามผล", None, "day", "ทุก ๖ เดือน ภายในเดือนเมษายน และตุลาคม"),
    ]
    second = new.measures.get(number=2)
    assert (second.title, second.all_units, second.period_start) == ("", True, date(2023, 9, 1))
    # A retired unit is not made responsible for next year's work.
    assert list(new.measures.get(number=3).units.all()) == []


def test_2568_to_2569_maps_through_the_renumbered_oit(demo_2568):
    to = Framework.objects.get(fiscal_year=2569)

    result = plan_rollover(plan=demo_2568.plan, to_framework=to, by=None)

    new = result.new_plan
    assert (new.fiscal_year, new.framework.fiscal_year, new.measures.count()) == (2569, 2569, 3)
    assert _codes(new.measures.get(number=1)) == ["O11", "O15"]
    assert _codes(new.measures.get(number=3)) == ["O16", "O17"]
    assert [(m.number, [q.code for q in qs]) for m, qs in result.unmapped] == [(2, ["O2"])]


def test_a_second_rollover_is_refused_and_changes_nothing(demo_2566):
    to = Framework.objects.get(fiscal_year=2566)
    plan_rollover(plan=demo_2566.plan, to_framework=to, by=None)
    before = _counts()

    with pytest.raises(RolloverRefused, match="มีมาตรการอยู่แล้ว"):
        plan_rollover(plan=demo_2566.plan, to_framework=to, by=None)

    assert _counts() == before


def test_an_empty_plan_of_next_year_is_filled(demo_2566):
    empty = MeasurePlan.objects.create(
        organisation=demo_2566.plan.organisation,
        fiscal_year=2567,
        framework=Framework.objects.get(fiscal_year=2565),
    )
    to = Framework.objects.get(fiscal_year=2566)

    new = plan_rollover(plan=demo_2566.plan, to_framework=to, by=None).new_plan

    assert new.pk == empty.pk
    assert (new.framework, new.measures.count()) == (to, 3)


def test_a_framework_after_next_year_is_refused(demo_2566):
    with pytest.raises(RolloverRefused, match="ใช้กับแผนปีงบประมาณ ๒๕๖๗"):
        plan_rollover(
            plan=demo_2566.plan, to_framework=Framework.objects.get(fiscal_year=2568), by=None
        )
    assert not MeasurePlan.objects.filter(fiscal_year=2567).exists()


def test_the_command_rolls_over_and_lists_the_unmapped_questions(demo_2566):
    out = StringIO()

    call_command("plan_rollover", "--from=2566", org=demo_2566.plan.organisation.slug, stdout=out)

    assert MeasurePlan.objects.get(fiscal_year=2567).measures.count() == 3
    text = out.getvalue()
    assert "มาตรการ ๓" in text and "บันทึกแล้ว" in text
    assert "มาตรการที่ ๒: ข้อคำถามที่ไม่มีคู่ในกรอบใหม่" in text


def test_a_dry_run_saves_nothing(demo_2566):
    before, out = _counts(), StringIO()

    call_command(
        "plan_rollover",
        "--dry-run",
        "--framework=2566",
        "--from=2566",
        org=demo_2566.plan.organisation.slug,
        stdout=out,
    )

    assert _counts() == before
    assert "ไม่ได้บันทึก (--dry-run)" in out.getvalue() and "มาตรการ ๓" in out.getvalue()


def test_the_command_refuses_an_unknown_plan_or_a_second_rollover(demo_2566):
    slug = demo_2566.plan.organisation.slug
    with pytest.raises(CommandError, match="ไม่พบแผนมาตรการ"):
        call_command("plan_rollover", "--from=2570", org=slug)
    call_command("plan_rollover", "--from=2566", org=slug, stdout=StringIO())
    with pytest.raises(CommandError, match="มีมาตรการอยู่แล้ว"):
        call_command("plan_rollover", "--from=2566", org=slug)
