from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from measures.demo import DEMO_PASSWORD, DEMO_SLUG
from measures.models import Measure, Membership, Organisation, ProgressEntry

pytestmark = pytest.mark.django_db

EXAMPLE_ORGANISATIONS = ["บางทรายน้อย", "หมากเจี๊ยะ", "หมากแข้ง", "เขมราฐ", "ปอ"]


@pytest.fixture
def demo():
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)  # tests run with DEBUG off
    return Organisation.objects.get(slug=DEMO_SLUG), out.getvalue()


def test_the_demo_has_five_units_and_a_2566_plan_of_at_least_12_measures(demo):
    org, _ = demo
    assert org.units.count() == 5
    plan = org.plans.get(fiscal_year=2566)
    assert plan.framework.fiscal_year == 2565
    assert plan.measures.count() >= 12


def test_demo_measures_address_questions_of_all_three_tools(demo):
    org, _ = demo
    measures = Measure.objects.filter(plan__organisation=org)
    tools = set(measures.values_list("questions__tool__code", flat=True))
    assert tools == {"IIT", "EIT", "OIT"}
    assert set(measures.values_list("questions__framework__fiscal_year", flat=True)) == {2565}


def test_demo_progress_falls_in_both_rounds(demo):
    org, _ = demo
    entries = ProgressEntry.objects.filter(measure__plan__organisation=org)
    assert entries.in_round(2566, 6).exists()
    assert entries.exclude(done_on__lte=date(2023, 3, 31)).exists()  # 12-month round only


def test_demo_has_one_user_per_role_and_prints_the_password(demo):
    org, output = demo
    roles = sorted(Membership.objects.filter(organisation=org).values_list("role", flat=True))
    assert roles == ["coordinator", "executive", "staff", "staff"]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in output
    for username in ("admin", "coordinator", "executive", "staff.finance", "staff.works"):
        assert username in output


def test_loading_the_demo_twice_changes_nothing(demo):
    org, _ = demo
    counts = (Measure.objects.count(), ProgressEntry.objects.count(), org.units.count())
    call_command("load_demo", "--force", stdout=StringIO())
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


def test_the_demo_review_queue_has_one_entry_of_each_state(demo):
    org, _ = demo
    entries = ProgressEntry.objects.filter(measure__plan__organisation=org)
    states = {
        state: entries.filter(review_state=state).count()
        for state in ("draft", "submitted", "returned")
    }
    assert states == {"draft": 1, "submitted": 1, "returned": 1}
    assert entries.filter(review_state="approved").count() == entries.count() - 3
    assert entries.get(review_state="returned").review_comment


def test_the_demo_records_last_years_ita_result_for_the_dashboard(demo):
    org, _ = demo
    result = org.ita_results.get(fiscal_year=2565)
    assert (str(result.total_score), result.rating) == ("78.42", "B")
    # Its indicator scores give the same total by the framework's rules.
    assert (result.computed_total, result.totals_disagree) == (result.total_score, False)
    assert result.scores.filter(question__code="O42").exists()


def test_the_demo_plan_has_everything_publishing_needs_and_one_emblem(demo, media):
    from reports.publishing import publication_missing

    org, _ = demo
    assert publication_missing(org.plans.get(fiscal_year=2566)) == []
    call_command("load_demo", "--force", stdout=StringIO())  # a second load keeps the emblem
    assert len(list((media / "emblems").glob("*"))) == 1
