from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from measures.models import ItaResult
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db

LINES = "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 93.58\ne๖ การเผยแพร่ข้อมูล 80\n"


def run(tmp_path, text, *extra, name="ผล.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    org = make_organisation()
    call_command("import_ita_result", str(path), "--org", org.slug, "--year", "2565", *extra)
    return org


def test_a_dry_run_reads_everything_and_saves_nothing(tmp_path, capsys):
    org = run(tmp_path, LINES, "--dry-run")
    assert "คะแนนที่อ่านได้ ๒ รายการ" in capsys.readouterr().out
    assert not ItaResult.objects.filter(organisation=org).exists()


def test_the_command_saves_a_csv_result(tmp_path):
    org = run(tmp_path, "O42,มาตรการ,100\nO43,การดำเนินการ,50\n", name="ผล.csv")
    result = ItaResult.objects.get(organisation=org, fiscal_year=2565)
    assert result.scores.get(sub_indicator__number="10.2", question=None).score == Decimal(75)


def test_a_line_not_understood_stops_the_command_with_nothing_saved(tmp_path):
    with pytest.raises(CommandError, match="บรรทัดที่ ๒"):
        run(tmp_path, LINES.replace("e๖", "การสื่อสาร"))
    assert not ItaResult.objects.exists()
