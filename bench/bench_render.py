"""Render the 12-month report of a 30-measure plan (4 approved entries per measure).

Prints pages, the median of 5 renders and peak memory for our path (data → context → HTML →
PDF in a time-limited child) and for a bare WeasyPrint render of the same HTML with the stock
fonts and fetcher, and the ratio between the two.

    .venv/bin/python bench/bench_render.py

Timings alternate the two variants in one process (a busy machine slows both alike) and the
ratio is the median of each round's ratio; peak memory (ru_maxrss) comes from one render of
each in a fresh process.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
RUNS = 5
MEASURES = 30
ENTRIES = 4


def setup_django():
    sys.path.insert(0, str(BASE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaportal.settings")
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_ita_catalog", verbosity=0)


def build_plan():
    from measures.models import (
        EvidenceLink,
        Framework,
        Measure,
        MeasurePlan,
        MeasureStep,
        Organisation,
        ProgressEntry,
        Theme,
        Unit,
    )

    framework = Framework.objects.get(fiscal_year=2565, version=1)
    org = Organisation.objects.create(
        slug="bench",
        name_th="องค์การบริหารส่วนตำบลทดสอบความเร็ว",
        short_name="อบต.ทดสอบความเร็ว",
        kind="sao",
        district="เมือง",
        province="ทดสอบ",
        executive_name="นายทดสอบ ระบบ",
        executive_position="นายกองค์การบริหารส่วนตำบลทดสอบความเร็ว",
    )
    units = [
        Unit.objects.create(organisation=org, name=n, order=i)
        for i, n in enumerate(["สำนักปลัด", "กองคลัง", "กองช่าง"])
    ]
    plan = MeasurePlan.objects.create(
        organisation=org, fiscal_year=2566, framework=framework, announced_on=date(2022, 10, 20)
    )
    themes = [
        Theme.objects.create(plan=plan, number=n, title=f"ประเด็นการพัฒนาที่ {n}") for n in (1, 2, 3)
    ]
    questions = list(framework.questions.order_by("tool__order", "order")[:60])
    for n in range(1, MEASURES + 1):
        measure = Measure.objects.create(
            plan=plan,
            number=n,
            order=n,
            theme=themes[n % 3],
            title=f"มาตรการส่งเสริมการเปิดเผยข้อมูลและการมีส่วนร่วมของประชาชน ข้อ {n}",
            issue="ประชาชนเข้าถึงข้อมูลการดำเนินงานได้ไม่ครบถ้วนและไม่สะดวก ต้องปรับปรุงช่องทาง",
            monitoring="หัวหน้าสำนักปลัดรายงานผลต่อผู้บริหารทุกไตรมาส",
            deadline=date(2023, 9, 30),
            period_start=date(2022, 10, 1),
            period_end=date(2023, 9, 1),
            expected_outcome="ประชาชนรับรู้และตรวจสอบการดำเนินงานได้",
        )
        measure.questions.set(questions[2 * n % len(questions) : 2 * n % len(questions) + 2])
        measure.units.set(units[n % 3 : n % 3 + 1])
        for s in range(1, 4):
            MeasureStep.objects.create(
                measure=measure,
                order=s,
                text=f"ขั้นตอนที่ {s} ดำเนินการตามแผนและจัดทำรายงานผลให้ผู้บริหารทราบ",
            )
        for e in range(ENTRIES):
            entry = ProgressEntry.objects.create(
                measure=measure,
                done_on=date(2022, 11 + e, 10) if e < 2 else date(2023, e + 3, 10),
                description="จัดประชุมชี้แจงผู้นำชุมชนและเผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงาน "
                f"ครั้งที่ {e + 1} มีผู้เข้าร่วม ๔๕ คน",
                status="in_progress",
                percent=25 * (e + 1) if e < 3 else 90,
                review_state="approved",
            )
            EvidenceLink.objects.create(
                entry=entry,
                url=f"https://bench.example.go.th/news/{n}-{e}",
                title="ภาพกิจกรรมและรายงานการประชุม",
            )
    return plan


def bare_html(html):
    """The same document for a stock WeasyPrint: CSS inlined, fonts as plain file URLs."""
    from reports import pdf, pdf_fonts

    css = pdf.CSS_PATH.read_text()
    for name, filename in pdf.FONT_FILES.items():
        css = css.replace(f"ita-asset:font/{name}", (pdf_fonts.FONT_DIR / filename).as_uri())
    return html.replace(
        '<link rel="stylesheet" href="ita-asset:css/pdf.css">', f"<style>{css}</style>"
    )


def pages_of(data, tmp):
    tmp.write_bytes(data)
    out = subprocess.run(  # noqa: S603 (our own fixed command)
        [shutil.which("pdfinfo"), str(tmp)], capture_output=True, text=True, check=True
    ).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def render_once(variant, plan, html):
    from weasyprint import HTML

    from reports.documents import document_pdf

    if variant == "ours":
        return document_pdf(plan, "progress-12", "plan", on=date(2023, 10, 5))[0]
    return HTML(string=bare_html(html)).write_pdf()


def prepare():
    setup_django()
    from reports.documents import document_context, document_html

    plan = build_plan()
    return plan, document_html(document_context(plan, "progress-12", "plan", on=date(2023, 10, 5)))


def memory(variant):
    """One render in a fresh process: its peak resident memory (and its render child's)."""
    import resource

    plan, html = prepare()
    from reports import pdf

    render_once(variant, plan, html)
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, pdf.child_peak_memory_kib())
    print(json.dumps({"peak_kib": peak}))


def main():
    plan, html = prepare()
    results = {variant: {"times": []} for variant in ("ours", "bare")}
    for variant in results:  # warm-up, not counted
        render_once(variant, plan, html)
    # Alternate the two so that a busy machine slows both alike.
    for _ in range(RUNS):
        for variant, result in results.items():
            start = time.perf_counter()
            result["data"] = render_once(variant, plan, html)
            result["times"].append(time.perf_counter() - start)
    for variant, result in results.items():
        with tempfile.TemporaryDirectory() as directory:
            result["pages"] = pages_of(result["data"], Path(directory) / "bench.pdf")
        out = subprocess.run(  # noqa: S603 (this script, run again)
            [sys.executable, __file__, variant], capture_output=True, text=True, check=True
        )
        result.update(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"12-month report, {MEASURES} measures × {ENTRIES} approved entries, median of {RUNS}")
    for variant, label in (("ours", "ours (context + HTML + fork)"), ("bare", "bare WeasyPrint")):
        r = results[variant]
        print(
            f"  {label:30} pages {r['pages']:3}  median {statistics.median(r['times']):.2f} s"
            f"  (min {min(r['times']):.2f}, max {max(r['times']):.2f})"
            f"  peak memory {r['peak_kib'] / 1024:.0f} MiB"
        )
    # Each round's pair ran back to back, so its ratio holds when the machine's speed drifts.
    pairs = zip(results["ours"]["times"], results["bare"]["times"], strict=True)
    ratio = statistics.median(ours / bare for ours, bare in pairs)
    print(f"  ratio ours / bare (median of the rounds' ratios): {ratio:.2f}×")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        memory(sys.argv[1])
    else:
        main()
