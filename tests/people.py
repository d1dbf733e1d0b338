"""A small world for workflow tests: two organisations and one person per role.

``world()`` builds organisation A (the own one) with two units and a plan with two measures,
and organisation B (the other) with the same shape, and returns a namespace with:
staff (of A's finance unit), staff_other_unit (A's works unit), coordinator, executive,
admin (superuser, no membership), outsider (staff of B); measure (A, finance unit),
measure_works (A, works unit), other_measure (B); entry (draft on measure, by staff),
other_entry (on B's measure).
"""

from datetime import date
from types import SimpleNamespace

from django.contrib.auth import get_user_model

from tests.factories import (
    make_entry,
    make_measure,
    make_member,
    make_organisation,
    make_plan,
    make_unit,
)

PASSWORD = "a-long-test-password"  # make_user's default


def world():
    org = make_organisation(name_th="องค์การบริหารส่วนตำบลเอ", short_name="อบต.เอ")
    finance = make_unit(org, "กองคลัง")
    works = make_unit(org, "กองช่าง")
    plan = make_plan(org)
    measure = make_measure(plan, number=1, units=[finance], title="เผยแพร่รายงานการเงิน")
    measure_works = make_measure(plan, number=2, units=[works], title="ซ่อมถนน")

    other = make_organisation(name_th="องค์การบริหารส่วนตำบลบี", short_name="อบต.บี")
    other_unit = make_unit(other, "กองคลัง")
    other_plan = make_plan(other)
    other_measure = make_measure(other_plan, number=1, units=[other_unit])

    w = SimpleNamespace(
        org=org,
        finance=finance,
        works=works,
        plan=plan,
        measure=measure,
        measure_works=measure_works,
        other=other,
        other_unit=other_unit,
        other_plan=other_plan,
        other_measure=other_measure,
        staff=make_member(org, "staff", [finance]),
        staff_other_unit=make_member(org, "staff", [works]),
        coordinator=make_member(org, "coordinator"),
        executive=make_member(org, "executive"),
        outsider=make_member(other, "staff", [other_unit]),
        other_coordinator=make_member(other, "coordinator"),
        admin=get_user_model().objects.create_superuser(
            "site-admin", "admin@example.org", PASSWORD
        ),
    )
    w.entry = make_entry(measure, date(2023, 1, 10), author=w.staff)
    w.other_entry = make_entry(other_measure, date(2023, 1, 10), author=w.outsider)
    return w
