"""OIT topics → item codes in the catalog data, checked against each year's own items."""

import re

import pytest

from measures.catalog import TopicCodes, catalog_read, oit_topic_codes


def oit_items(framework):
    """{code: (sub-indicator, title)} of a framework entry of the catalog file."""
    if "oit_items" in framework:
        return {
            i["code"]: (i.get("sub_indicator"), i.get("text_th") or "")
            for i in framework["oit_items"]
        }
    items = {}
    for tool in framework["tools"]:
        for indicator in tool.get("indicators", []):
            for sub in indicator.get("sub_indicators", []):
                for q in sub["questions"]:
                    items[q["code"]] = (str(sub["number"]), q.get("text_th") or "")
    return items


FRAMEWORKS = {f["fiscal_year"]: f for f in catalog_read()}


@pytest.mark.parametrize("year", sorted(FRAMEWORKS))
def test_every_topic_code_is_an_item_of_that_year_as_its_basis_says(year):
    framework = FRAMEWORKS[year]
    items = oit_items(framework)
    assert framework.get("oit_topics"), f"{year} has no topics"
    for topic in framework["oit_topics"]:
        assert topic["codes"] and set(topic["codes"]) <= set(items), topic["topic"]
        basis = topic["basis"]
        if sub := re.fullmatch(r"sub-indicator ([0-9.]+)", basis):
            assert {items[c][0] for c in topic["codes"]} == {sub[1]}, topic["topic"]
            # …and the topic covers the whole sub-indicator.
            assert {c for c, (s, _) in items.items() if s == sub[1]} == set(topic["codes"])
        elif naming := re.fullmatch(r"titles naming (.+)", basis):
            words = [w.replace(" ", "").lower() for w in naming[1].split("/")]
            for code in topic["codes"]:
                title = items[code][1].replace(" ", "").lower()
                assert any(w in title for w in words), (year, topic["topic"], code)


def test_a_topic_as_plans_write_it_gives_the_codes_of_that_years_framework():
    assert oit_topic_codes(fiscal_year=2565, text="- ข้อมูลพื้นฐาน") == [
        TopicCodes("ข้อมูลพื้นฐาน", ("O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9"))
    ]
    # The OIT was renumbered: the same topic has other codes in another year.
    assert oit_topic_codes(fiscal_year=2565, text="- การจัดซื้อจัดจ้าง")[0].codes == (
        "O21",
        "O22",
        "O23",
        "O24",
    )
    assert oit_topic_codes(fiscal_year=2566, text="• การจัดซื้อ จัดจ้าง")[0].codes == (
        "O19",
        "O20",
        "O21",
        "O22",
    )
    assert oit_topic_codes(fiscal_year=2569, text="๑. การจัดซื้อจัดจ้าง")[0].codes == ("O11", "O12")


def test_a_text_naming_no_topic_or_several_is_never_guessed_into_one():
    assert oit_topic_codes(fiscal_year=2565, text="- การประชาสัมพันธ์") == []
    assert oit_topic_codes(fiscal_year=2565, text="") == []
    assert oit_topic_codes(fiscal_year=2570, text="ข้อมูลพื้นฐาน") == []  # no such framework
    several = oit_topic_codes(fiscal_year=2565, text="การบริหารเงินงบประมาณ และการจัดซื้อจัดจ้าง")
    assert [t.topic for t in several] == ["การบริหารเงินงบประมาณ", "การจัดซื้อจัดจ้าง"]
