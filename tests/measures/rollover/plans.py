"""A plan shaped like the demo's and like real ones, for rollover tests: themes, a measure with
steps numbered as written and monitoring by month and by recurrence, one headed by its issue
alone with all units, one withdrawn, one with a retired unit; progress on two of them."""

from datetime import date
from types import SimpleNamespace

from django.utils import timezone

from measures.models import Framework, MonitoringItem, Theme
from tests.factories import make_entry, make_measure, make_plan, make_unit


def demo_like_plan(organisation, *, fiscal_year, framework_year, codes):
    """codes: three lists of question codes of framework_year, one per measure in force."""
    framework = Framework.objects.get(fiscal_year=framework_year, version=1)
    plan = make_plan(organisation, fiscal_year, framework=framework, announced_on=None)
    ce = fiscal_year - 543  # the Christian year the fiscal year ends in
    office = make_unit(organisation, "สำนักปลัด")
    finance = make_unit(organisation, "กองคลัง")
    old = make_unit(organisation, "กองที่ยุบแล้ว")
    open_work = Theme.objects.create(plan=plan, number=1, title="การเปิดเผยข้อมูล")
    Theme.objects.create(plan=plan, number=2, title="การป้องกันการทุจริต")

    questions = [framework.questions.filter(code__in=group) for group in codes]
    first = make_measure(
        plan,
        number=1,
        units=[office, finance],
        theme=open_work,
        title="เผยแพร่แผนและรายงานผลบนเว็บไซต์",
        issue="O๑๐ แผนดำเนินงานประจำปี",
        responsible_note="ทุกกองจัดทำในส่วนที่เกี่ยวข้องส่งสำนักปลัด",
        deadline=date(ce, 9, 30),
        deadline_precision="month",
        order=2,
    )
    first.questions.set(questions[0])
    for order, (label, text, on) in enumerate(
        [("๑", "จัดทำแผน", date(ce - 1, 12, 31)), ("๓.๑", "เผยแพร่", None)], start=1
    ):
        first.steps.create(order=order, label=label, text=text, deadline=on)
    MonitoringItem.objects.create(
        measure=first,
        order=1,
        text="รายงานผลต่อนายก",
        deadline=date(ce, 3, 31),
        deadline_precision="month",
    )
    MonitoringItem.objects.create(
        measure=first,
        order=2,
        text="ติดตามผล",
        recurrence="ทุก ๖ เดือน ภายในเดือนเมษายน และตุลาคม",
    )
    second = make_measure(
        plan,
        number=2,
        title="",
        issue="e๖ การเผยแพร่ข้อมูล",
        all_units=True,
        period_start=date(ce - 1, 9, 1),  # began before the fiscal year
        order=1,
    )
    second.questions.set(questions[1])
    third = make_measure(plan, number=3, units=[old], title="ปรับปรุงช่องทางร้องเรียน", order=3)
    third.questions.set(questions[2])
    withdrawn = make_measure(plan, number=4, title="มาตรการที่ถอนแล้ว", order=4)
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    old.retired_at = timezone.now()
    old.save()
    make_entry(first, date(ce - 1, 11, 1), review_state="approved")
    make_entry(second, date(ce, 2, 1), review_state="draft")
    return SimpleNamespace(
        plan=plan, first=first, second=second, third=third, office=office, finance=finance, old=old
    )
