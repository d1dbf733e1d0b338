import json

import pytest

from measures.catalog import DEFAULT_MAPPING, CatalogError, question_code_mapping
from measures.models import Question

pytestmark = pytest.mark.django_db


def _steps():
    with open(DEFAULT_MAPPING, encoding="utf-8") as fh:
        return json.load(fh)["steps"]


def test_every_mapped_code_exists_in_both_frameworks():
    for step in _steps():
        codes = {
            year: set(
                Question.objects.filter(framework__fiscal_year=year).values_list("code", flat=True)
            )
            for year in (step["from"], step["to"])
        }
        for old, new in step["codes"].items():
            assert old in codes[step["from"]], (step["from"], old)
            assert new in codes[step["to"]], (step["to"], new)


def test_each_step_says_how_it_was_derived_and_steps_follow_the_catalog_years():
    steps = _steps()
    assert [(s["from"], s["to"]) for s in steps] == [(2565, 2566), (2566, 2568), (2568, 2569)]
    assert all(s["method"] and s["unmapped"] for s in steps)


def test_a_renumbered_item_follows_its_title_and_one_without_counterpart_is_left_out():
    mapping = question_code_mapping(from_year=2565, to_year=2566)

    assert mapping["O10"] == "O11"  # แผนดำเนินงานประจำปี → แผนดำเนินงานและการใช้งบประมาณ
    assert mapping["O42"] == "O42"
    assert "O7" not in mapping and "i7" not in mapping


def test_steps_chain_from_one_framework_to_a_later_one():
    # 2566 O39 ประมวลจริยธรรม → 2568 O16 → 2569 O15; 2566 O42 stops at 2568.
    mapping = question_code_mapping(from_year=2566, to_year=2569)

    assert mapping["O39"] == "O15"
    assert "O42" not in mapping


def test_years_with_no_chain_of_steps_map_nothing():
    assert question_code_mapping(from_year=2565, to_year=2567) == {}
    assert question_code_mapping(from_year=2569, to_year=2570) == {}


def test_a_damaged_mapping_file_is_refused_in_thai(tmp_path):
    broken = tmp_path / "mapping.json"
    broken.write_text('{"steps": [{"from": 2565}]}', encoding="utf-8")

    with pytest.raises(CatalogError, match="อ่านไฟล์การจับคู่รหัสข้อคำถาม"):
        question_code_mapping(from_year=2565, to_year=2566, path=broken)
