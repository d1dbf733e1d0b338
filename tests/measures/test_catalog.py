import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from measures.catalog import DEFAULT_CATALOG, CatalogError, catalog_load
from measures.models import Framework, Indicator, Question, SubIndicator
from tests.factories import make_measure, make_organisation, make_plan

pytestmark = pytest.mark.django_db


def write_catalog(tmp_path, change=None):
    """A copy of the shipped catalog, optionally edited by `change(frameworks)`."""
    data = json.loads(DEFAULT_CATALOG.read_text(encoding="utf-8"))
    if change:
        change(data["frameworks"])
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def reword_e6(frameworks):
    eit = next(t for t in frameworks[0]["tools"] if t["code"] == "EIT")
    eit["indicators"][1]["questions"][0]["text_th"] = "ถ้อยคำใหม่ของ e6"


def test_the_2565_framework_has_3_tools_10_indicators_and_88_codes(framework_2565):
    assert list(framework_2565.tools.values_list("code", flat=True)) == ["IIT", "EIT", "OIT"]
    assert Indicator.objects.filter(tool__framework=framework_2565).count() == 10
    assert framework_2565.questions.count() == 88
    assert SubIndicator.objects.filter(indicator__tool__framework=framework_2565).count() == 7
    assert framework_2565.tools.get(code="OIT").weight == 40
    assert framework_2565.rating_bands.count() == 7


def test_codes_are_stored_canonically_and_placed_in_their_indicator(framework_2565):
    e6 = framework_2565.questions.get(code="e6")
    assert e6.indicator.number == 7
    o42 = framework_2565.questions.get(code="O42")
    assert (o42.indicator.number, o42.sub_indicator.number) == (10, "10.2")
    assert set(framework_2565.questions.values_list("code", flat=True)) >= {"i1", "i30", "e15"}


def test_partial_years_keep_their_oit_items_and_sub_indicators():
    fw2566 = Framework.objects.get(fiscal_year=2566)
    assert fw2566.questions.count() == 43
    assert fw2566.questions.get(code="O1").sub_indicator.number == "9.1"
    fw2569 = Framework.objects.get(fiscal_year=2569)
    assert fw2569.questions.filter(indicator__isnull=True).count() == fw2569.questions.count()


def test_loading_again_changes_nothing(framework_2565):
    ids = set(framework_2565.questions.values_list("pk", flat=True))
    results = catalog_load()
    assert {r.action for r in results} == {"unchanged"}
    assert set(framework_2565.questions.values_list("pk", flat=True)) == ids
    assert Framework.objects.count() == 4


def test_a_framework_not_yet_used_is_updated_in_place(tmp_path, framework_2565):
    (result,) = catalog_load(path=write_catalog(tmp_path, reword_e6), fiscal_year=2565)
    assert (result.action, result.version) == ("updated", 1)
    assert Question.objects.get(framework=framework_2565, code="e6").text_th == "ถ้อยคำใหม่ของ e6"


def test_a_framework_in_use_is_not_rewritten(tmp_path, framework_2565):
    plan = make_plan(make_organisation(), framework=framework_2565)
    make_measure(plan).questions.add(framework_2565.questions.get(code="e6"))
    before = Question.objects.get(framework=framework_2565, code="e6").text_th
    with pytest.raises(CatalogError) as error:
        catalog_load(path=write_catalog(tmp_path, reword_e6), fiscal_year=2565)
    assert "--new-version" in str(error.value)
    assert Question.objects.get(framework=framework_2565, code="e6").text_th == before
    assert Framework.objects.filter(fiscal_year=2565).count() == 1


def test_a_changed_framework_in_use_can_become_a_new_version(tmp_path, framework_2565):
    make_plan(make_organisation(), framework=framework_2565)
    path = write_catalog(tmp_path, reword_e6)
    (result,) = catalog_load(path=path, fiscal_year=2565, new_version=True)
    assert (result.action, result.version) == ("new-version", 2)
    v2 = Framework.objects.get(fiscal_year=2565, version=2)
    assert v2.questions.get(code="e6").text_th == "ถ้อยคำใหม่ของ e6"
    assert v2.questions.count() == 88
    assert framework_2565.questions.get(code="e6").text_th != "ถ้อยคำใหม่ของ e6"


def test_codes_typed_as_documents_print_them_are_read(tmp_path):
    def thai_digit_codes(frameworks):
        frameworks[0]["fiscal_year"] = 2590
        frameworks[0]["tools"][1]["indicators"][1]["questions"][0]["code"] = "e๖"

    catalog_load(path=write_catalog(tmp_path, thai_digit_codes), fiscal_year=2590)
    assert Question.objects.filter(framework__fiscal_year=2590, code="e6").exists()


def test_the_command_reports_each_framework(tmp_path):
    out = StringIO()
    call_command("load_ita_catalog", "--year", "2565", stdout=out)
    assert "ITA 2565 ฉบับที่ 1: ไม่มีการเปลี่ยนแปลง (88 รหัส)" in out.getvalue()


def test_the_command_refuses_an_in_use_rewrite_with_a_clear_message(tmp_path, framework_2565):
    make_plan(make_organisation(), framework=framework_2565)
    with pytest.raises(CommandError, match="มีแผนมาตรการอ้างอิงอยู่แล้ว"):
        call_command("load_ita_catalog", str(write_catalog(tmp_path, reword_e6)))


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "อ่านไฟล์แค็ตตาล็อก"),
        ('{"about": "x"}', "ไม่มีรายการ frameworks"),
        ('{"frameworks": [{"tools": []}]}', "ผิดรูปแบบ"),
        ('{"frameworks": [{"fiscal_year": 2592, "oit_items": [{"code": "42"}]}]}', "ผิดรูปแบบ"),
    ],
)
def test_bad_catalog_files_are_refused_without_partial_writes(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    before = Framework.objects.count()
    with pytest.raises(CatalogError, match=message):
        catalog_load(path=path)
    assert Framework.objects.count() == before


def test_an_unknown_year_is_named_in_the_error():
    with pytest.raises(CatalogError, match="2599"):
        catalog_load(fiscal_year=2599)


def test_the_2565_oit_indicators_score_through_their_sub_indicators(framework_2565):
    rules = dict(
        Indicator.objects.filter(tool__framework=framework_2565).values_list("number", "score_from")
    )
    assert rules[9] == rules[10] == "sub_indicators"
    assert {rules[n] for n in range(1, 9)} == {"questions"}


def test_a_scoring_rule_change_is_a_change_of_the_framework(tmp_path, framework_2565):
    def average_items(frameworks):
        frameworks[0]["tools"][2]["indicators"][0]["score_from"] = "questions"

    (result,) = catalog_load(path=write_catalog(tmp_path, average_items), fiscal_year=2565)
    assert result.action == "updated"
    assert Indicator.objects.get(tool__framework=framework_2565, number=9).score_from == "questions"


def test_an_unknown_scoring_rule_is_refused(tmp_path, framework_2565):
    def bad_rule(frameworks):
        frameworks[0]["tools"][2]["indicators"][0]["score_from"] = "median"

    with pytest.raises(CatalogError, match="median"):
        catalog_load(path=write_catalog(tmp_path, bad_rule), fiscal_year=2565)
