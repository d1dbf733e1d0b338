"""Rebuilding the index at scale: organisations in batches, a fixed number of queries for a
batch, and rows exactly as the services that save one measure or entry write them."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import Organisation, SearchDocument
from measures.search.indexing import (
    search_entry_index,
    search_measure_index,
    search_organisations_reindex,
)
from tests.factories import make_entry, make_measure, make_organisation, make_plan, make_unit

pytestmark = pytest.mark.django_db


def _organisation_with_work(n):
    org = make_organisation()
    unit = make_unit(org, "กองคลัง")
    measure = make_measure(make_plan(org), number=1, units=[unit], title=f"ตรวจสอบพัสดุ{n}")
    make_entry(measure, date(2022, 11, 1), description="ตรวจนับพัสดุประจำปีครบถ้วน")
    make_entry(measure, date(2023, 2, 1), description=f"จัดซื้อวัสดุสำนักงาน {n} รายการ")
    return org


def _queries(organisations):
    with CaptureQueriesContext(connection) as captured:
        rows = search_organisations_reindex(organisations=organisations)
    return len(captured.captured_queries), rows


def test_a_batch_of_organisations_takes_the_same_queries_as_one():
    organisations = [_organisation_with_work(n) for n in range(3)]
    one, one_rows = _queries(organisations[:1])
    three, three_rows = _queries(organisations)
    assert (one, one_rows) == (three, 4)
    assert three_rows == 12
    assert SearchDocument.objects.count() == 12


def test_a_rebuilt_row_is_the_row_the_saving_services_write():
    org = _organisation_with_work(0)
    measure = org.plans.get().measures.get()
    search_measure_index(measure=measure)
    for entry in measure.entries.all():
        search_entry_index(entry=entry)
    fields = ("kind", "measure_id", "entry_id", "title", "body", "segmented", "round_months")
    saved = set(SearchDocument.objects.values_list(*fields))
    search_organisations_reindex(organisations=[org])
    rebuilt = set(SearchDocument.objects.exclude(kind="unit").values_list(*fields))
    assert rebuilt == saved and len(saved) == 3


def test_the_command_says_how_far_a_long_run_has_come():
    for n in range(2):
        _organisation_with_work(n)
    out = StringIO()
    call_command("search_reindex", batch=1, stdout=out)
    total = Organisation.objects.count()
    assert f"1/{total} organisations" in out.getvalue()
    assert f"{total}/{total} organisations, {4 * total} rows" in out.getvalue()
