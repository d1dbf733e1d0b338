"""Names of the organisation, its units and people are never broken inside a word: Thai has
no spaces, so without care a line would end in ทุ่ง and the next begin with ดาวเรือง."""

from datetime import date

import pytest
from weasyprint.formatting_structure import boxes

from reports import pdf
from reports.documents import document_context, document_html
from tests.factories import make_measure, make_organisation, make_plan, make_unit

pytestmark = pytest.mark.django_db

# Names of a length that puts the organisation's name across a line end in the announcement's
# paragraphs for some of them: each differs by a syllable.
PLACES = ["ทุ่งดาวเรือง", "ทุ่งดาวเรืองใต้", "ทุ่งดาวเรืองเหนือ", "ทุ่งดาวเรืองตะวันออก", "หนองบัวทอง"]


def line_texts(document):
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, boxes.LineBox):
                yield "".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox))


@pytest.mark.parametrize("place", PLACES)
def test_the_organisations_name_is_whole_on_every_line_it_stands_on(place):
    name = f"องค์การบริหารส่วนตำบล{place}"
    org = make_organisation(name_th=name)
    unit = make_unit(org, "กองการศึกษา ศาสนาและวัฒนธรรม")
    plan = make_plan(org, signatory_name="นายสมชาย ใจดี", signatory_position=f"นายก{name}")
    make_measure(plan, number=1, units=[unit])
    doc = document_context(plan, "progress-6", "plan", on=date(2023, 4, 4))
    html = document_html(doc)
    lines = list(line_texts(pdf.laid_out(html)))
    joined = "".join("".join(lines).split())
    assert joined.count(name) >= 6  # heading, body twice, signature, cover twice, table title
    assert sum(line.count(name) for line in lines) == joined.count(name)
    assert all(" ".join(line.split()).count("กองการศึกษา") <= 1 for line in lines)
    assert any("กองการศึกษา" in line for line in lines)
    for part in ("ศาสนาและวัฒนธรรม", "ใจดี"):
        assert sum(line.count(part) for line in lines) == joined.count(part), part


KIND, PLACE = "องค์การบริหารส่วนตำบล", "ทุ่งดาวเรือง"
# The name as |unbroken prints it: a phone may break between kind and place, never inside.
UNBROKEN = f'<span class="unbroken">{KIND}</span><span class="unbroken">{PLACE}</span>'


def test_names_print_unbroken_on_the_web_page_too(client):
    from django.urls import reverse

    from measures.models import Membership
    from tests.factories import make_member

    org = make_organisation(name_th=KIND + PLACE)
    plan = make_plan(org)
    client.force_login(make_member(org, Membership.Role.COORDINATOR))
    url = reverse("reports:document-preview", args=[org.slug, plan.fiscal_year, "measures"])
    assert UNBROKEN in client.get(url).text


def test_the_public_page_and_the_dashboard_keep_names_whole(client):
    from django.urls import reverse

    from measures.models import Membership
    from tests.factories import make_member

    org = make_organisation(name_th=KIND + PLACE, short_name="อบต.ทุ่งดาวเรือง")
    unit = make_unit(org, "กองการศึกษา ศาสนาและวัฒนธรรม")
    make_measure(make_plan(org), number=1, units=[unit])
    page = client.get(reverse("reports:organisation", args=[org.slug])).text
    assert f'<h1 class="h2 mb-1">{UNBROKEN}</h1>' in page
    assert UNBROKEN in client.get(reverse("reports:home")).text
    client.force_login(make_member(org, Membership.Role.COORDINATOR))
    dashboard = client.get(reverse("reports:dashboard", args=[org.slug])).text
    assert 'แดชบอร์ดมาตรการ <span class="unbroken">อบต.ทุ่งดาวเรือง</span></h1>' in dashboard
    unit_name = (
        '<span class="unbroken">กองการศึกษา</span> <span class="unbroken">ศาสนาและวัฒนธรรม</span>'
    )
    assert unit_name in dashboard
    assert "Stacked bars" not in dashboard  # a template comment once printed on the page
    measures = client.get(reverse("reports:measure-list", args=[org.slug])).text
    assert unit_name in measures
