from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone

from itaportal import thai
from measures.models import Profile, ProgressEntry, ReminderSent
from measures.reminders import reminders_send
from tests.factories import (
    make_entry,
    make_measure,
    make_member,
    make_organisation,
    make_plan,
    make_round_lock,
    make_unit,
)
from tests.people import world
from tests.smtp import _free_port, body

pytestmark = pytest.mark.django_db

TODAY = date(2023, 4, 10)  # FY 2566, the month its 6-month report falls due


@pytest.fixture
def w(db):
    w = world()
    for role in ("staff", "staff_other_unit", "coordinator", "executive", "outsider"):
        user = getattr(w, role)
        user.email = f"{role}@example.go.th"
        user.save()
    w.measure.deadline = TODAY + timedelta(days=5)
    w.measure.save()
    w.measure_works.deadline = TODAY - timedelta(days=3)
    w.measure_works.save()
    w.other_measure.deadline = TODAY
    w.other_measure.save()
    ProgressEntry.objects.filter(pk=w.entry.pk).update(
        review_state="returned", review_comment="กรุณาแนบรูปถ่ายกิจกรรม"
    )
    w.waiting = make_entry(
        w.measure_works, date(2023, 3, 20), author=w.staff_other_unit, review_state="submitted"
    )
    return w


def digests(mailoutbox):
    return {m.to[0].split("@")[0]: body(m) for m in mailoutbox}


def test_each_person_is_told_only_what_concerns_them(w, mailoutbox):
    reminders_send(today=TODAY)
    mail = digests(mailoutbox)
    assert set(mail) == {"staff", "staff_other_unit", "coordinator", "executive", "outsider"}

    staff = mail["staff"]
    assert "มาตรการที่ ๑ เผยแพร่รายงานการเงิน (อบต.เอ) กำหนดแล้วเสร็จ ๑๕ เม.ย. ๒๕๖๖: อีก ๕ วัน" in staff
    assert "ถูกส่งกลับแก้ไข: “กรุณาแนบรูปถ่ายกิจกรรม”" in staff
    assert f"/manage/{w.org.slug}/entries/{w.entry.pk}/edit/" in staff
    assert "ซ่อมถนน" not in staff and "รอท่านอนุมัติ" not in staff

    other_unit = mail["staff_other_unit"]
    assert "มาตรการที่ ๒ ซ่อมถนน (อบต.เอ) กำหนดแล้วเสร็จ ๗ เม.ย. ๒๕๖๖: เลยกำหนดมาแล้ว ๓ วัน" in other_unit
    assert "เผยแพร่รายงานการเงิน" not in other_unit

    coordinator = mail["coordinator"]
    assert "เผยแพร่รายงานการเงิน" in coordinator and "ซ่อมถนน" in coordinator
    assert "รายงานผลการดำเนินการรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๖" in coordinator
    assert "ถูกส่งกลับแก้ไข" not in coordinator

    executive = mail["executive"]
    assert "ผลการดำเนินการที่รอท่านอนุมัติ" in executive
    assert f"/manage/{w.org.slug}/entries/{w.waiting.pk}/review/" in executive
    assert "เลยกำหนด" not in executive and "รอบ ๖ เดือน" not in executive

    assert "อบต.เอ" not in mail["outsider"] and "ครบกำหนดวันนี้" in mail["outsider"]


def test_a_done_measure_a_locked_round_and_a_published_round_are_not_reminded(w, mailoutbox):
    make_entry(w.measure, date(2023, 4, 1), status="done", percent=100, review_state="approved")
    make_round_lock(publication=None, plan=w.plan, months=6)
    reminders_send(today=TODAY)
    mail = digests(mailoutbox)
    assert "เผยแพร่รายงานการเงิน" not in mail["coordinator"]
    assert "รอบ ๖ เดือน" not in mail["coordinator"]
    assert "executive" not in mail  # the waiting entry (20 March) is in the locked 6-month round
    assert "ซ่อมถนน" in mail["coordinator"]


def test_the_12_month_report_is_due_in_october_of_the_next_fiscal_year(w, mailoutbox):
    ProgressEntry.objects.update(review_state="approved")
    reminders_send(today=date(2023, 10, 2), days=0)
    assert "รายงานผลการดำเนินการรอบ ๑๒ เดือน ปีงบประมาณ ๒๕๖๖" in digests(mailoutbox)["coordinator"]
    mailoutbox.clear()
    reminders_send(today=date(2023, 6, 2), days=0)
    assert all("รอบรายงาน" not in text for text in digests(mailoutbox).values())


def test_a_second_run_the_same_day_sends_only_what_is_new(w, mailoutbox):
    reminders_send(today=TODAY)
    assert len(mailoutbox) == 5
    assert not reminders_send(today=TODAY).sent and len(mailoutbox) == 5

    make_entry(w.measure, date(2023, 4, 5), author=w.staff, review_state="returned")
    reminders_send(today=TODAY)
    assert len(mailoutbox) == 6
    assert mailoutbox[-1].to == ["staff@example.go.th"]
    assert "ผลวันที่ ๕ เม.ย. ๒๕๖๖" in body(mailoutbox[-1])
    assert "ผลวันที่ ๑๐ ม.ค. ๒๕๖๖" not in body(mailoutbox[-1])
    assert "งานที่ต้องติดตาม ๑ รายการ" in mailoutbox[-1].subject

    assert len(reminders_send(today=TODAY + timedelta(days=1)).sent) == 5  # a new day


def test_an_item_another_run_claimed_today_is_not_sent_again(w, mailoutbox):
    ReminderSent.objects.create(
        user=w.executive, item=f"entry-waiting:{w.waiting.pk}", sent_on=TODAY
    )
    reminders_send(today=TODAY)
    assert "executive" not in digests(mailoutbox)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderSent.objects.create(
            user=w.executive, item=f"entry-waiting:{w.waiting.pk}", sent_on=TODAY
        )


def test_a_dry_run_sends_and_claims_nothing(w, mailoutbox):
    run = reminders_send(today=TODAY, dry_run=True)
    assert len(run.sent) == 5 and not mailoutbox and not ReminderSent.objects.exists()


def test_a_person_who_switched_reminders_off_gets_none(client, w, mailoutbox):
    client.force_login(w.staff)
    page = client.get(reverse("measures:reminder-settings"))
    assert "staff@example.go.th" in page.text and "checked" in page.text
    response = client.post(reverse("measures:reminder-settings"), {}, follow=True)
    assert "ปิดอีเมลแจ้งเตือนแล้ว" in response.text
    assert Profile.objects.get(user=w.staff).wants_reminders is False
    reminders_send(today=TODAY)
    assert "staff" not in digests(mailoutbox) and "coordinator" in digests(mailoutbox)


def test_a_refused_mail_is_tried_again_by_the_next_run(w, settings, smtp_inbox):
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = _free_port(), 2
    run = reminders_send(today=TODAY)
    assert len(run.failed) == 5 and not ReminderSent.objects.exists()
    settings.EMAIL_PORT = port
    assert len(reminders_send(today=TODAY).sent) == 5 and len(smtp_inbox.messages) == 5


def test_the_command_delivers_over_smtp_once_a_day(smtp_inbox, capsys):
    today = timezone.localdate()
    org = make_organisation()
    unit = make_unit(org)
    plan = make_plan(org, fiscal_year=thai.fiscal_year_of(today))
    make_measure(plan, units=[unit], title="ติดประกาศ", deadline=today + timedelta(days=3))
    staff = make_member(org, "staff", [unit])
    staff.email = "somsri@example.go.th"
    staff.save()

    call_command("send_reminders")
    [message] = smtp_inbox.messages
    assert message.recipients == ["somsri@example.go.th"]
    assert "งานที่ต้องติดตาม ๑ รายการ" in message["Subject"]
    assert "ติดประกาศ" in body(message) and "อีก ๓ วัน" in body(message)
    assert "/accounts/reminders/" in body(message)

    call_command("send_reminders")
    call_command("send_reminders", "--days", "30")
    assert len(smtp_inbox.messages) == 1
    assert "Sent 0 digest(s)" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_runs_at_the_same_moment_send_each_person_one_digest(smtp_inbox):
    from measures.models import Framework
    from tests.reports.test_concurrency import run_at_once

    if not Framework.objects.exists():  # a transactional test before this one emptied it
        call_command("load_ita_catalog", verbosity=0)
    org = make_organisation()
    unit = make_unit(org)
    plan = make_plan(org)
    make_measure(plan, units=[unit], deadline=TODAY + timedelta(days=1))
    for n in range(4):
        make_member(org, "staff", [unit], username=f"staff{n}")
    get_user_model().objects.filter(username__startswith="staff").update(
        email=Concat("username", Value("@example.go.th"))
    )

    runs = run_at_once([lambda: reminders_send(today=TODAY)] * 3)
    assert not [run for run in runs if isinstance(run, Exception)], runs
    assert sum(len(run.sent) for run in runs) == 4, runs
    assert sorted(m.recipients[0] for m in smtp_inbox.messages) == [
        f"staff{n}@example.go.th" for n in range(4)
    ]
    assert ReminderSent.objects.count() == 4
