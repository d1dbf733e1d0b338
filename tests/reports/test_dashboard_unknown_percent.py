"""The dashboard's rule for results without a status or a percent (reports/dashboard.py)."""

from datetime import date

import pytest

from reports.dashboard import dashboard_figures
from tests.factories import make_entry, make_measure, make_organisation, make_plan

pytestmark = pytest.mark.django_db


def test_an_unknown_percent_is_left_out_of_the_mean_and_an_unknown_status_moves_nothing():
    plan = make_plan(make_organisation())
    approved = {"review_state": "approved"}
    known = make_measure(plan, number=1)
    make_entry(known, date(2023, 1, 5), percent=40, **approved)
    unknown_percent = make_measure(plan, number=2)
    make_entry(unknown_percent, date(2023, 1, 5), percent=None, **approved)
    unknown_status = make_measure(plan, number=3)
    make_entry(unknown_status, date(2023, 1, 5), status="done", percent=100, **approved)
    make_entry(unknown_status, date(2023, 2, 1), status="", percent=None, **approved)

    figures = dashboard_figures(
        organisation=plan.organisation, fiscal_year=2566, today=date(2023, 2, 10)
    )
    overall = figures.overall
    assert (overall.total, overall.done, overall.in_progress) == (3, 1, 2)
    # (40 + 100) / 2 measures whose percent is known; neither 0 % nor 100 % for measure 2.
    assert str(overall.mean_percent) == "70.0"
