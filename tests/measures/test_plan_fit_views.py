"""Real plans entered through the forms without inventing data (issue 12, item 1)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import make_measure
from tests.measures.test_measure_views import create_url, measure_data
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return world()


def detail_url(measure):
    return reverse(
        "measures:measure-detail",
        kwargs={"slug": measure.plan.organisation.slug, "pk": measure.pk},
    )


# --- a. a measure headed by its issue --------------------------------------------------------


def test_a_measure_with_an_issue_and_no_title_is_saved_and_headed_by_its_issue(client, w):
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w, title="", issue="e๖ การเผยแพร่ข้อมูล"))
    assert response.status_code == 302
    measure = w.plan.measures.get(issue="e๖ การเผยแพร่ข้อมูล")
    assert measure.title == "" and measure.heading == "e๖ การเผยแพร่ข้อมูล"
    page = client.get(detail_url(measure)).text
    assert "มาตรการที่ ๓ e๖ การเผยแพร่ข้อมูล</h1>" in page
    plan_page = client.get(
        reverse("measures:plan-edit", kwargs={"slug": w.org.slug, "year": 2566})
    ).text
    assert "มาตรการที่ ๓ e๖ การเผยแพร่ข้อมูล</a>" in plan_page


def test_a_measure_needs_a_title_or_an_issue(client, w):
    client.force_login(w.coordinator)
    before = Measure.objects.count()
    response = client.post(create_url(w), measure_data(w, title="", issue=""))
    assert response.status_code == 200
    assert "กรุณากรอกมาตรการ/แนวทาง หรือประเด็นที่ต้องปรับปรุงแก้ไข อย่างน้อยหนึ่งช่อง" in response.text
    assert Measure.objects.count() == before


# --- f. step numbers as written ---------------------------------------------------------------


def steps_data(*rows):
    data = {"steps-TOTAL_FORMS": str(len(rows)), "steps-INITIAL_FORMS": "0"}
    for n, (label, text) in enumerate(rows):
        data |= {f"steps-{n}-label": label, f"steps-{n}-text": text, f"steps-{n}-deadline": ""}
    return data


def test_steps_keep_their_numbers_as_written(client, w):
    client.force_login(w.coordinator)
    rows = [("๑", "ประชุม"), ("๓", "จัดทำ"), ("3.1", "ร่าง"), ("๓.๒", "ตรวจ"), ("", "เผยแพร่")]
    response = client.post(create_url(w), measure_data(w) | steps_data(*rows))
    assert response.status_code == 302
    measure = w.plan.measures.get(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
    steps = measure.steps.order_by("order")
    assert [(s.order, s.label) for s in steps] == [
        (1, "๑"),
        (2, "๓"),
        (3, "๓.๑"),
        (4, "๓.๒"),
        (5, ""),
    ]
    assert [s.number_text for s in steps] == ["๑", "๓", "๓.๑", "๓.๒", "๕"]
    page = client.get(detail_url(measure)).text
    assert "๓.๑. ร่าง" in page and "๕. เผยแพร่" in page
    edit = client.get(
        reverse("measures:measure-edit", kwargs={"slug": w.org.slug, "pk": measure.pk})
    ).text
    assert 'value="๓.๒"' in edit


def test_a_step_label_without_its_text_is_refused_in_thai(client, w):
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w) | steps_data(("๓.๑", "")))
    assert response.status_code == 200
    assert "กรุณากรอกขั้นตอน หรือลบเลขข้อและกำหนดเสร็จของแถวนี้" in response.text


# --- b. units under their division, and a note beside the units ------------------------------


def people_url(w, name, unit=None):
    kwargs = {"slug": w.org.slug} | ({"pk": unit.pk} if unit else {})
    return reverse(f"measures:{name}", kwargs=kwargs)


def test_a_section_is_added_under_its_division_and_shown_with_it(client, w):
    client.force_login(w.coordinator)
    response = client.post(
        people_url(w, "unit-add"), {"name": "งานพัฒนารายได้", "parent": str(w.finance.pk)}
    )
    assert response.status_code == 302
    section = w.org.units.get(name="งานพัฒนารายได้")
    assert section.parent == w.finance and section.display_name == "งานพัฒนารายได้ (กองคลัง)"
    client.post(people_url(w, "unit-add"), {"name": "ผู้บริหาร", "parent": ""})
    assert w.org.units.get(name="ผู้บริหาร").parent is None
    form = client.get(create_url(w)).text
    assert "งานพัฒนารายได้ (กองคลัง)" in form and "ผู้บริหาร" in form


def test_a_section_cannot_take_a_section_or_another_organisations_unit_as_division(client, w):
    section = w.org.units.create(name="งานพัฒนารายได้", parent=w.finance)
    client.force_login(w.coordinator)
    client.post(people_url(w, "unit-add"), {"name": "งานย่อย", "parent": str(section.pk)})
    client.post(people_url(w, "unit-add"), {"name": "งานอื่น", "parent": str(w.other_unit.pk)})
    assert not w.org.units.filter(name__in=["งานย่อย", "งานอื่น"]).exists()
    response = client.post(
        people_url(w, "unit-edit", w.finance),
        {"name": "กองคลัง", "parent": str(w.works.pk)},
        follow=True,
    )
    assert "หน่วยนี้มีงานในสังกัดอยู่แล้ว จึงสังกัดหน่วยอื่นไม่ได้" in response.text
    w.finance.refresh_from_db()
    assert w.finance.parent is None


def test_a_unit_is_moved_under_a_division_from_the_people_page(client, w):
    client.force_login(w.coordinator)
    page = client.get(people_url(w, "people")).text
    assert f'id="unit-parent-{w.works.pk}"' in page
    client.post(
        people_url(w, "unit-edit", w.works), {"name": "งานก่อสร้าง", "parent": str(w.finance.pk)}
    )
    w.works.refresh_from_db()
    assert (w.works.name, w.works.parent) == ("งานก่อสร้าง", w.finance)


def test_the_responsible_note_is_saved_beside_the_units_and_shown_on_the_measure(client, w):
    note = "ทุกสำนัก/กองจัดทำในส่วนที่เกี่ยวข้องส่งสำนักปลัด"
    client.force_login(w.coordinator)
    response = client.post(
        create_url(w), measure_data(w, units=[], all_units="on", responsible_note=note)
    )
    assert response.status_code == 302
    measure = w.plan.measures.get(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
    assert measure.all_units and measure.responsible_note == note
    assert note in client.get(detail_url(measure)).text


# --- d. work begun before the fiscal year -----------------------------------------------------


def test_a_period_begun_before_the_fiscal_year_is_warned_about_then_saved_once_accepted(client, w):
    client.force_login(w.coordinator)
    data = measure_data(w, period="ก.ย. ๖๕ - เม.ย. ๖๖")
    warned = client.post(create_url(w), data)
    assert warned.status_code == 200
    assert "ระยะเวลาดำเนินการเริ่มก่อนปีงบประมาณ ๒๕๖๖" in warned.text
    assert 'name="accept_early_start"' in warned.text
    assert not w.plan.measures.filter(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง").exists()

    accepted = client.post(create_url(w), data | {"accept_early_start": "on"})
    assert accepted.status_code == 302
    measure = w.plan.measures.get(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
    assert (measure.period_start, measure.period_end) == (date(2022, 9, 1), date(2023, 4, 1))
    assert measure.period_text == "ก.ย. ๖๕ - เม.ย. ๖๖"
    edit = client.get(
        reverse("measures:measure-edit", kwargs={"slug": w.org.slug, "pk": measure.pk})
    ).text
    assert re.search(r'<input[^>]*name="accept_early_start"[^>]*checked', edit)


def test_a_measure_that_starts_after_the_fiscal_year_is_still_refused(w):
    from django.core.exceptions import ValidationError

    measure = make_measure(w.plan)
    measure.period_start, measure.period_end = date(2023, 10, 1), date(2023, 11, 1)
    with pytest.raises(ValidationError) as refused:
        measure.full_clean()
    assert "เดือนเริ่มดำเนินการต้องไม่เลยปีงบประมาณ ๒๕๖๖" in str(refused.value)


# --- c. deadlines by the month, and monitoring items of their own ----------------------------


def monitoring_data(*rows):
    data = {"monitoring-TOTAL_FORMS": str(len(rows)), "monitoring-INITIAL_FORMS": "0"}
    for n, (text, deadline, recurrence) in enumerate(rows):
        data |= {
            f"monitoring-{n}-text": text,
            f"monitoring-{n}-deadline": deadline,
            f"monitoring-{n}-recurrence": recurrence,
        }
    return data


def test_a_deadline_by_the_month_and_monitoring_items_with_their_own_deadlines(client, w):
    client.force_login(w.coordinator)
    data = measure_data(w, deadline="ภายในเดือนกันยายน ๒๕๖๖") | monitoring_data(
        ("ติดตามผล", "", "ทุก 6 เดือน ภายในเดือนเมษายน และตุลาคม"),
        ("รายงานผลต่อผู้บริหาร", "ก.ย. ๖๖", ""),
        ("สรุปผล", "๓๐/๙/๒๕๖๖", ""),
        ("", "", ""),
    )
    response = client.post(create_url(w), data)
    assert response.status_code == 302
    measure = w.plan.measures.get(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
    # A month's deadline is its last day: the measure is late only once the month is over.
    assert (measure.deadline, measure.deadline_precision) == (date(2023, 9, 30), "month")
    assert measure.deadline_text == "ภายในเดือนกันยายน ๒๕๖๖"
    items = list(measure.monitoring_items.order_by("order"))
    assert [i.printed for i in items] == [
        "ติดตามผล ทุก ๖ เดือน ภายในเดือนเมษายน และตุลาคม",
        "รายงานผลต่อผู้บริหาร ภายในเดือนกันยายน ๒๕๖๖",
        "สรุปผล ๓๐ กันยายน พ.ศ. ๒๕๖๖",
    ]
    page = client.get(detail_url(measure)).text
    assert "ภายในเดือนกันยายน ๒๕๖๖" in page and "ทุก ๖ เดือน" in page
    edit = client.get(
        reverse("measures:measure-edit", kwargs={"slug": w.org.slug, "pk": measure.pk})
    ).text
    assert 'value="ภายในเดือนกันยายน ๒๕๖๖"' in edit and 'value="๓๐/๙/๒๕๖๖"' in edit


def test_a_deadline_that_is_neither_a_day_nor_a_month_is_refused_in_thai(client, w):
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w, deadline="ปลายปี"))
    assert response.status_code == 200
    assert "เป็นวันที่หรือเดือนไม่ได้" in response.text
    response = client.post(create_url(w), measure_data(w) | monitoring_data(("", "ก.ย. ๖๖", "")))
    assert "กรุณากรอกการติดตามผล หรือลบกำหนดเวลาและความถี่ของแถวนี้" in response.text
    assert not w.plan.measures.filter(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง").exists()


def test_the_old_free_monitoring_text_stays_valid_and_is_printed_first(client, w):
    w.measure.monitoring = "รายงานผู้บริหารทุกเดือน"
    w.measure.save()
    w.measure.monitoring_items.create(order=1, text="ติดตามผล", recurrence="ทุกไตรมาส")
    client.force_login(w.coordinator)
    page = client.get(detail_url(w.measure)).text
    assert page.index("รายงานผู้บริหารทุกเดือน") < page.index("ติดตามผล ทุกไตรมาส")


# --- e. results dated by the month or the round, status and percent optional ----------------


def entry_url(w):
    return reverse("measures:entry-create", kwargs={"slug": w.org.slug, "pk": w.measure.pk})


def entry_post(**overrides):
    data = {
        "done_on": "",
        "round": "",
        "description": "จัดทำประกาศ",
        "status": "",
        "percent": "",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    return data | overrides


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({"done_on": "มีนาคม ๒๕๖๖"}, (date(2023, 3, 1), "month", "เดือนมีนาคม ๒๕๖๖")),
        ({"round": "6"}, (date(2023, 3, 31), "round", "รอบ ๖ เดือน")),
        ({"round": "12"}, (date(2023, 9, 30), "round", "รอบ ๑๒ เดือน")),
    ],
)
def test_a_result_is_recorded_as_precisely_as_its_source_dates_it(client, w, typed, expected):
    client.force_login(w.coordinator)
    response = client.post(entry_url(w), entry_post(**typed))
    assert response.status_code == 302
    entry = w.measure.entries.get(description="จัดทำประกาศ")
    assert (entry.done_on, entry.date_precision, entry.date_label) == expected
    assert (entry.status, entry.percent) == ("", None)  # nothing invented
    page = client.get(detail_url(w.measure)).text
    assert expected[2] in page and "ไม่ระบุสถานะ" in page
    edit = client.get(
        reverse("measures:entry-edit", kwargs={"slug": w.org.slug, "pk": entry.pk})
    ).text
    if "round" in typed:
        assert f'<option value="{typed["round"]}" selected>' in edit
    else:
        assert 'value="เดือนมีนาคม ๒๕๖๖"' in edit


def test_in_progress_without_a_percent_stays_without_one_and_done_still_means_100(client, w):
    client.force_login(w.coordinator)
    client.post(entry_url(w), entry_post(done_on="๔/๔/๒๕๖๖", status="in_progress"))
    assert w.measure.entries.get(description="จัดทำประกาศ").percent is None
    client.post(entry_url(w), entry_post(done_on="๕/๔/๒๕๖๖", status="done", description="เสร็จ"))
    assert w.measure.entries.get(description="เสร็จ").percent == 100


def test_a_result_needs_a_date_or_a_round_and_not_both(client, w):
    client.force_login(w.coordinator)
    before = w.measure.entries.count()
    neither = client.post(entry_url(w), entry_post())
    assert "กรุณากรอกวันที่ดำเนินการ หรือเลือกรอบรายงานเมื่อเอกสารไม่ระบุวันที่" in neither.text
    both = client.post(entry_url(w), entry_post(done_on="มี.ค. ๖๖", round="6"))
    assert "กรุณากรอกวันที่ดำเนินการหรือเลือกรอบรายงาน อย่างใดอย่างหนึ่ง" in both.text
    outside = client.post(entry_url(w), entry_post(done_on="ต.ค. ๖๖"))
    assert "ไม่อยู่ในปีงบประมาณ ๒๕๖๖" in outside.text
    assert w.measure.entries.count() == before


def test_the_entry_form_still_opens_on_a_status_and_offers_unknown_last(client, w):
    client.force_login(w.coordinator)
    page = client.get(entry_url(w)).text
    assert '<option value="not_started" selected>' in page
    assert page.index('<option value="not_started"') < page.index('<option value="">ไม่ระบุ')
