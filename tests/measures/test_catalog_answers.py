"""Which document answers which OIT item is catalog data, loaded with the framework."""

import pytest
from django.core.exceptions import ValidationError

from measures.catalog import CatalogError, catalog_load
from measures.models import Framework, Question
from tests.factories import make_measure, make_organisation, make_plan
from tests.measures.test_catalog import write_catalog

pytestmark = pytest.mark.django_db


def answers(year):
    framework = Framework.objects.get(fiscal_year=year)
    return {
        q.code: [(a["document"], a["fiscal_year_offset"]) for a in q.answered_by]
        for q in framework.questions.exclude(answered_by=[])
    }


def test_the_shipped_catalog_maps_the_measures_documents_to_each_years_items():
    # The analysis of the year before is published with the measures it leads into.
    measures = [("analysis", 0), ("measures", 0)]
    assert answers(2565) == {"O42": measures, "O43": [("progress-6", 0)]}
    assert answers(2566) == {"O42": measures, "O43": [("progress-6", 0)]}
    # Renumbered: the previous fiscal year's report answers O26.
    assert answers(2569) == {"O25": measures, "O26": [("progress-12", -1)]}
    assert answers(2568) == {}


def oit_item(frameworks, code):
    oit = next(t for t in frameworks[0]["tools"] if t["code"] == "OIT")
    return next(
        q
        for ind in oit["indicators"]
        for sub in ind["sub_indicators"]
        for q in sub["questions"]
        if q["code"] == code
    )


def test_a_corrected_mapping_updates_a_framework_in_use_in_place(tmp_path, framework_2565):
    plan = make_plan(make_organisation(), framework=framework_2565)
    make_measure(plan).questions.add(framework_2565.questions.get(code="O42"))

    def answer_o41_too(frameworks):
        oit_item(frameworks, "O41")["answered_by"] = [
            {"document": "progress-12", "fiscal_year_offset": -1}
        ]

    (result,) = catalog_load(path=write_catalog(tmp_path, answer_o41_too), fiscal_year=2565)
    assert (result.action, result.version) == ("updated", 1)
    assert Question.objects.get(framework=framework_2565, code="O41").answered_by == [
        {"document": "progress-12", "fiscal_year_offset": -1}
    ]
    assert Framework.objects.filter(fiscal_year=2565).count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        "measures",
        [{"document": "measures"}],
        [{"document": "", "fiscal_year_offset": 0}],
        [{"document": "measures", "fiscal_year_offset": 1}],
        [{"document": "measures", "fiscal_year_offset": "0"}],
    ],
)
def test_a_malformed_mapping_is_refused_in_thai_and_changes_nothing(tmp_path, framework_2565, bad):
    def spoil(frameworks):
        oit_item(frameworks, "O42")["answered_by"] = bad

    with pytest.raises(CatalogError) as error:
        catalog_load(path=write_catalog(tmp_path, spoil), fiscal_year=2565)
    assert "answered_by ของข้อ O42 ในกรอบปี 2565" in str(error.value)
    assert answers(2565)["O42"] == [("analysis", 0), ("measures", 0)]


def test_the_admin_form_refuses_a_malformed_mapping(framework_2565):
    question = framework_2565.questions.get(code="O42")
    question.answered_by = [{"document": "measures", "fiscal_year_offset": 2}]
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "answered_by" in error.value.message_dict
