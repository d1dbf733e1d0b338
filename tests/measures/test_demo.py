from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from itaportal import thai
from measures.demo import DEMO_PASSWORD, DEMO_SLUG, demo_plans
from measures.models import Measure, Membership, Organisation, ProgressEntry

pytestmark = pytest.mark.django_db

EXAMPLE_ORGANISATIONS = ["บางทรายน้อย", "หมากเจี๊ยะ", "หมากแข้ง", "เขมราฐ", "ปอ"]


def load_demo(*options):
    out = StringIO()
    call_command("load_demo", "--force", *options, stdout=out)  # tests run with DEBUG off
    return out.getvalue()


@pytest.fixture
def demo():
    output = load_demo("--without-documents")
    return Organisation.objects.get(slug=DEMO_SLUG), output


def test_the_demo_has_last_fiscal_years_plan_and_this_ones(demo):
    org, _ = demo
    year = thai.fiscal_year_of(timezone.localdate())
    assert sorted(org.plans.values_list("fiscal_year", flat=True)) == [year - 1, year]
    last, current = demo_plans(org)
    assert org.units.count() == 5
    for plan in (last, current):
        assert plan.framework.fiscal_year == 2565
        assert plan.measures.count() >= 12
        first, end = plan.date_range
        assert first <= plan.announced_on <= end


def test_demo_measures_address_questions_of_all_three_tools(demo):
    org, _ = demo
    measures = Measure.objects.filter(plan__organisation=org)
    tools = set(measures.values_list("questions__tool__code", flat=True))
    assert tools == {"IIT", "EIT", "OIT"}


def test_last_years_progress_is_complete_and_approved_in_both_rounds(demo):
    org, _ = demo
    last, _ = demo_plans(org)
    entries = ProgressEntry.objects.filter(measure__plan=last)
    assert entries.in_round(last.fiscal_year, 6).exists()
    assert entries.exclude(pk__in=entries.in_round(last.fiscal_year, 6)).exists()
    assert set(entries.values_list("review_state", flat=True)) == {"approved"}
    # Texts written for 2566 say the plan's own year.
    texts = " ".join(entries.values_list("description", flat=True))
    assert thai.to_thai_digits(last.fiscal_year) in texts and "๒๕๖๖" not in texts


def test_this_years_plan_has_work_done_due_overdue_and_waiting(demo):
    org, _ = demo
    today = timezone.localdate()
    _, current = demo_plans(org)
    entries = ProgressEntry.objects.filter(measure__plan=current)
    assert all(e.done_on <= today for e in entries)
    states = {s: entries.filter(review_state=s).count() for s in ("draft", "submitted", "returned")}
    assert states == {"draft": 1, "submitted": 1, "returned": 1}
    assert entries.get(review_state="returned").review_comment
    assert entries.filter(review_state="approved", status="done").exists()
    first, _ = current.date_range
    deadlines = list(current.measures.values_list("deadline", flat=True))
    if today > first:  # on 1 October nothing can be overdue yet
        assert any(d < today for d in deadlines)
    assert any(today <= d <= today + timezone.timedelta(days=14) for d in deadlines)


def test_demo_has_one_user_per_role_with_mail_and_prints_the_password(demo):
    org, output = demo
    roles = sorted(Membership.objects.filter(organisation=org).values_list("role", flat=True))
    assert roles == ["coordinator", "executive", "staff", "staff"]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in output
    for username in ("admin", "coordinator", "executive", "staff.finance", "staff.works"):
        assert username in output
        assert get_user_model().objects.get(username=username).email.endswith(".example.org")


def test_loading_the_demo_twice_changes_nothing(demo):
    org, _ = demo
    counts = (Measure.objects.count(), ProgressEntry.objects.count(), org.units.count())
    load_demo("--without-documents")
    assert (Measure.objects.count(), ProgressEntry.objects.count(), org.units.count()) == counts
    assert get_user_model().objects.filter(username="coordinator").count() == 1


def test_every_demo_row_passes_validation(demo):
    org, _ = demo
    org.full_clean()
    for measure in Measure.objects.filter(plan__organisation=org):
        measure.full_clean()
        for entry in measure.entries.all():
            entry.full_clean()


def test_the_demo_organisation_is_not_one_of_the_examples(demo):
    org, _ = demo
    for name in EXAMPLE_ORGANISATIONS:
        assert name not in org.name_th.removeprefix("องค์การบริหารส่วนตำบล")


@override_settings(DEBUG=False)
def test_the_demo_is_refused_on_a_production_server():
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=StringIO())
    assert not Organisation.objects.filter(slug=DEMO_SLUG).exists()


def test_the_demo_records_the_two_ita_results_its_plans_answer(demo):
    org, _ = demo
    year = thai.fiscal_year_of(timezone.localdate())
    results = {r.fiscal_year: r for r in org.ita_results.all()}
    assert sorted(results) == [year - 2, year - 1]
    assert (str(results[year - 2].total_score), results[year - 2].rating) == ("74.10", "C")
    latest = results[year - 1]
    assert (str(latest.total_score), latest.rating) == ("78.42", "B")
    # Its indicator scores give the same total by the framework's rules.
    assert (latest.computed_total, latest.totals_disagree) == (latest.total_score, False)
    assert latest.scores.filter(question__code="O42").exists()


def test_the_demo_plans_have_everything_publishing_needs_and_one_emblem(demo, media):
    from reports.publishing import publication_missing

    org, _ = demo
    for plan in demo_plans(org):
        assert publication_missing(plan) == []
    load_demo("--without-documents")  # a second load keeps the emblem
    assert len(list((media / "emblems").glob("*"))) == 1


def test_the_demo_publishes_last_years_three_documents_once(client):
    output = load_demo()
    org = Organisation.objects.get(slug=DEMO_SLUG)
    last, current = demo_plans(org)
    for kind in ("measures", "progress-6", "progress-12"):
        response = client.get(f"/{DEMO_SLUG}/{last.fiscal_year}/{kind}.pdf")
        assert response.status_code == 200, kind
        assert response.content.startswith(b"%PDF")
    assert not current.publications.exists()
    assert "เผยแพร่แล้ว" in output
    # Published rounds are locked; a second load leaves them and adds no revision.
    load_demo()
    assert last.publications.count() == 3
