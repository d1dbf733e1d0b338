"""Every role reaches its work from the navbar, without knowing addresses."""

from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from measures import services
from measures.views import ORGANISATIONS_PER_PAGE
from tests.factories import make_organisation
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
    nobody = get_user_model().objects.create_user("nobody", password="x-long-password-1")
    nav = navbar(client, nobody)
    assert "/manage/" not in nav
    # An administrator gets the picker, still no organisation's pages until one is chosen.
    nav = navbar(client, w.admin)
    assert "/manage/organisations/" in nav
    assert w.org.slug not in nav and w.other.slug not in nav


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


# --- site administrators observe any organisation -------------------------------------------


def test_an_administrator_without_membership_is_offered_the_organisation_picker(client, w):
    client.force_login(w.admin)
    text = client.get(reverse("measures:my-work")).text
    assert f'href="{reverse("measures:organisation-pick")}"' in text
    assert client.get(reverse("reports:dashboard-home")).url == reverse(
        "measures:organisation-pick"
    )


def test_the_picker_finds_an_organisation_by_a_word_of_its_name_or_province(client, w):
    client.force_login(w.admin)
    url = reverse("measures:organisation-pick")
    found = client.get(url, {"q": w.org.name_th.split()[-1]}).text
    assert reverse("reports:dashboard", args=[w.org.slug]) in found
    assert reverse("reports:dashboard", args=[w.other.slug]) not in found
    nothing = client.get(url, {"q": "ไม่มีหน่วยงานชื่อนี้"}).text
    assert "ไม่พบหน่วยงานที่ตรงกับคำค้น" in nothing


def test_the_pickers_pages_keep_the_search_words(client, w):
    for n in range(ORGANISATIONS_PER_PAGE):
        make_organisation(name_th=f"เทศบาลตำบลทดสอบ{n}")
    client.force_login(w.admin)
    first = client.get(reverse("measures:organisation-pick"), {"q": "ทดสอบ"}).text
    assert "หน้า ๑ / ๒" in first
    assert f'href="?q={quote("ทดสอบ")}&amp;page=2"' in first


def test_an_administrator_observes_an_organisation_from_its_pages_and_changes_nothing(client, w):
    client.force_login(w.admin)
    page = client.get(reverse("reports:dashboard", args=[w.org.slug])).text
    nav = page[page.index("<nav") : page.index("</nav>")]
    assert "ผู้สังเกตการณ์" in nav and link("reports:measure-list", w) in nav
    for name in ("measures:review-queue", "reports:documents", "measures:people"):
        assert link(name, w) not in nav, name
    detail = client.get(reverse("measures:measure-detail", args=[w.org.slug, w.measure.pk]))
    assert detail.status_code == 200
    assert reverse("measures:entry-create", args=[w.org.slug, w.measure.pk]) not in detail.text
    version = w.entry.version
    response = client.post(
        reverse("measures:entry-submit", args=[w.org.slug, w.entry.pk]), {"version": version}
    )
    assert response.status_code == 403
    w.entry.refresh_from_db()
    assert w.entry.version == version
