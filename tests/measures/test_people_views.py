import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from measures.models import Membership, Unit
from tests.factories import make_user
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return world()


def url(name, w, **kwargs):
    return reverse(f"measures:{name}", kwargs={"slug": w.org.slug, **kwargs})


def test_the_coordinator_sees_units_and_members(client, w):
    client.force_login(w.coordinator)
    text = client.get(url("people", w)).text
    assert "กองคลัง" in text and "กองช่าง" in text
    assert w.staff.username in text and w.executive.username in text
    assert w.outsider.username not in text


def test_the_coordinator_adds_a_unit_and_a_duplicate_is_refused_in_thai(client, w):
    client.force_login(w.coordinator)
    assert client.post(url("unit-add", w), {"name": "กองสวัสดิการสังคม"}).status_code == 302
    assert w.org.units.filter(name="กองสวัสดิการสังคม").exists()
    response = client.post(url("unit-add", w), {"name": "กองคลัง"})
    assert "มี “กองคลัง” อยู่แล้ว" in response.text
    assert Unit.objects.filter(organisation=w.org, name="กองคลัง").count() == 1


def test_the_coordinator_changes_a_members_role_and_units(client, w):
    member = w.staff.memberships.get()
    client.force_login(w.coordinator)
    response = client.post(
        url("member-edit", w, pk=member.pk), {"role": "staff", "units": [w.finance.pk, w.works.pk]}
    )
    assert response.status_code == 302
    assert set(member.units.all()) == {w.finance, w.works}


def test_the_last_coordinator_can_neither_leave_nor_step_down(client, w):
    own = w.coordinator.memberships.get()
    client.force_login(w.coordinator)
    response = client.post(url("member-edit", w, pk=own.pk), {"role": "executive"})
    assert "ต้องมีผู้ประสานงานอย่างน้อยหนึ่งคน" in response.text
    response = client.post(url("member-remove", w, pk=own.pk), follow=True)
    assert "ต้องมีผู้ประสานงานอย่างน้อยหนึ่งคน" in response.text
    assert Membership.objects.filter(pk=own.pk, role="coordinator").exists()


def test_a_member_of_another_organisation_cannot_be_edited_through_ones_own_slug(client, w):
    client.force_login(w.coordinator)
    other = w.outsider.memberships.get()
    assert client.post(url("member-remove", w, pk=other.pk)).status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_a_role_change_is_recorded_with_who_changed_it_and_when(client, w):
    member = w.staff.memberships.get()
    client.force_login(w.coordinator)
    response = client.post(url("member-edit", w, pk=member.pk), {"role": "executive"})
    assert response.status_code == 302

    records = list(member.history.order_by("history_date", "history_id"))
    before = [r for r in records if r.history_user is None]  # made by world(), no request
    changed = records[len(before) :]
    assert (before[-1].role, [u.unit_id for u in before[-1].units.all()]) == (
        "staff",
        [w.finance.pk],
    )
    assert changed and {r.history_user for r in changed} == {w.coordinator}
    assert (changed[-1].role, list(changed[-1].units.all())) == ("executive", [])


def test_a_removed_member_and_a_new_unit_stay_in_the_history(client, w):
    member = w.staff_other_unit.memberships.get()
    client.force_login(w.coordinator)
    client.post(url("member-remove", w, pk=member.pk))
    client.post(url("unit-add", w), {"name": "กองสวัสดิการสังคม"})

    gone = Membership.history.filter(id=member.pk).latest()
    assert gone.history_type == "-" and gone.history_user == w.coordinator
    assert gone.role == "staff" and gone.user_id == w.staff_other_unit.pk
    added = Unit.history.get(name="กองสวัสดิการสังคม")
    assert added.history_type == "+" and added.history_user == w.coordinator


def test_the_admin_shows_who_changed_members_units_and_organisations(client, w):
    member = w.staff.memberships.get()
    client.force_login(w.coordinator)
    client.post(url("member-edit", w, pk=member.pk), {"role": "executive"})
    client.post(url("unit-add", w), {"name": "กองสวัสดิการสังคม"})
    unit = Unit.objects.get(name="กองสวัสดิการสังคม")
    w.org.short_name = "อบต.เอใหม่"
    editor = make_user("org-editor")  # as a change made outside a request names its author
    w.org._history_user = editor
    w.org.save()

    client.force_login(w.admin)
    for model, obj, who in [
        ("membership", member, w.coordinator),
        ("unit", unit, w.coordinator),
        ("organisation", w.org, editor),
    ]:
        response = client.get(reverse(f"admin:measures_{model}_history", args=[obj.pk]))
        assert response.status_code == 200
        assert who.username in response.text, model


def test_the_people_page_shows_the_coordinator_who_changed_a_role(client, w):
    member = w.staff.memberships.get()
    w.coordinator.first_name, w.coordinator.last_name = "สมหญิง", "ใจดี"
    w.coordinator.save()
    client.force_login(w.coordinator)
    client.post(url("member-edit", w, pk=member.pk), {"role": "executive"})

    history = client.get(url("people", w)).text.split('id="history"')[1]
    text = " ".join(strip_tags(history).split())
    assert f"สมหญิง ใจดี แก้ไข สมาชิก: {w.staff.username}" in text
    assert "บทบาท: เจ้าหน้าที่ → ผู้บริหาร" in text
    assert "สังกัด: กองคลัง → –" in text
    assert f"เพิ่ม สมาชิก: {w.staff.username} (เจ้าหน้าที่)" in text


def test_a_removed_member_reads_as_removed_with_the_role_they_had(client, w):
    member = w.staff_other_unit.memberships.get()
    client.force_login(w.coordinator)
    client.post(url("member-remove", w, pk=member.pk))
    history = client.get(url("people", w)).text.split('id="history"')[1]
    rows = [" ".join(strip_tags(li).split()) for li in history.split("<li")[1:]]
    assert rows[0].endswith(f"ลบ สมาชิก: {w.staff_other_unit.username} (เจ้าหน้าที่)")
