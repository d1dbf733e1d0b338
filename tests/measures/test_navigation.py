"""Every role reaches its work from the navbar, without knowing addresses."""

import pytest
from django.urls import reverse

from measures import services
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return world()


def navbar(client, user):
    client.force_login(user)
    text = client.get(reverse("measures:my-work")).text
    return text[text.index("<nav") : text.index("</nav>")]


def link(name, w):
    return f'href="{reverse(name, args=[w.org.slug])}"'


def test_staff_see_the_dashboard_and_measures_but_no_queue_documents_or_people(client, w):
    nav = navbar(client, w.staff)
    assert link("reports:dashboard", w) in nav and link("reports:measure-list", w) in nav
    for name in ("measures:review-queue", "reports:documents", "measures:people"):
        assert link(name, w) not in nav


def test_the_coordinator_sees_documents_and_people(client, w):
    nav = navbar(client, w.coordinator)
    assert link("reports:documents", w) in nav and link("measures:people", w) in nav
    assert link("measures:review-queue", w) not in nav


def test_the_executive_sees_the_queue_with_what_waits_and_the_documents(client, w):
    services.entry_submit(entry=w.entry, version=w.entry.version)
    nav = navbar(client, w.executive)
    assert link("measures:review-queue", w) in nav and link("reports:documents", w) in nav
    assert "รออนุมัติ <span" in nav and ">๑<" in nav
    assert link("measures:people", w) not in nav


def test_the_navbar_follows_the_organisation_of_the_page(client, w):
    # The outsider's organisation is B: its links, never A's.
    nav = navbar(client, w.outsider)
    assert link("reports:dashboard", w) not in nav
    assert f'href="{reverse("reports:dashboard", args=[w.other.slug])}"' in nav


def test_a_person_without_membership_gets_no_organisation_links(client, w):
    nav = navbar(client, w.admin)
    assert "/manage/" not in nav


def test_my_work_puts_returned_entries_first_with_the_executives_comment(client, w):
    services.entry_submit(entry=w.entry, version=w.entry.version)
    w.entry.refresh_from_db()
    services.entry_return(
        entry=w.entry, version=w.entry.version, reviewer=w.executive, comment="แนบคำสั่งด้วย"
    )
    client.force_login(w.staff)
    text = client.get(reverse("measures:my-work")).text
    assert "ส่งกลับให้แก้ไข ๑ รายการ" in text and "แนบคำสั่งด้วย" in text
    edit = reverse("measures:entry-edit", args=[w.org.slug, w.entry.pk])
    assert text.index(edit) < text.index("เผยแพร่รายงานการเงิน")
    # Staff of another unit are not told about it.
    client.force_login(w.staff_other_unit)
    assert "แนบคำสั่งด้วย" not in client.get(reverse("measures:my-work")).text


def test_my_work_lists_what_i_sent_and_still_waits(client, w):
    services.entry_submit(entry=w.entry, version=w.entry.version)
    client.force_login(w.staff)
    text = client.get(reverse("measures:my-work")).text
    assert "ท่านส่งรออนุมัติ ๑ รายการ" in text
