from datetime import date

import pytest
from django.utils import timezone

from measures.models import Question
from tests.factories import (
    make_entry,
    make_measure,
    make_organisation,
    make_plan,
    make_publication,
    make_unit,
)


@pytest.fixture
def published(db):
    """อบต.บ้านนา's announced 2566 plan, its 6-month report published, with one of each kind
    of progress that must stay private besides the one public entry."""
    org = make_organisation(
        slug="banna", name_th="องค์การบริหารส่วนตำบลบ้านนา", short_name="อบต.บ้านนา", province="ขอนแก่น"
    )
    finance = make_unit(org, "กองคลัง")
    plan = make_plan(org, 2566, announced_on=date(2022, 10, 20))
    measure = make_measure(plan, number=1, units=[finance], title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
    measure.questions.set(Question.objects.filter(framework=plan.framework, code="O42"))
    withdrawn = make_measure(plan, number=2, title="มาตรการที่ถอนแล้ว", withdrawn_at=timezone.now())
    entries = {
        "public": make_entry(
            measure, date(2022, 12, 1), review_state="approved", description="ผลที่อนุมัติและเผยแพร่แล้ว"
        ),
        "draft": make_entry(measure, date(2022, 12, 2), description="ผลฉบับร่าง"),
        "waiting": make_entry(
            measure, date(2022, 12, 3), review_state="submitted", description="ผลที่รออนุมัติ"
        ),
        "returned": make_entry(
            measure, date(2022, 12, 4), review_state="returned", description="ผลที่ถูกส่งกลับ"
        ),
        # Approved, but in the 12-month round, whose report is not published.
        "unpublished": make_entry(
            measure, date(2023, 5, 1), review_state="approved", description="ผลของรอบที่ยังไม่เผยแพร่"
        ),
        "withdrawn": make_entry(
            withdrawn, date(2022, 12, 5), review_state="approved", description="ผลของมาตรการที่ถอนแล้ว"
        ),
    }
    measures_doc = make_publication(plan, kind="measures", sha256="a" * 64, size=1234)
    report = make_publication(plan, kind="progress-6", sha256="b" * 64, size=2345)
    # A plan neither announced nor published: nothing of it is public.
    hidden_plan = make_plan(org, 2567)
    make_measure(hidden_plan, number=1, title="มาตรการของแผนที่ยังไม่ประกาศ")
    return {
        "org": org,
        "plan": plan,
        "measure": measure,
        "entries": entries,
        "documents": [measures_doc, report],
        "hidden_plan": hidden_plan,
    }
