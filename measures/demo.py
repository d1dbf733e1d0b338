"""A fictional organisation to show the portal with: อบต.ทุ่งดาวเรือง, its people, last fiscal
year's plan complete and this year's under way (relative to today).

The organisation, its district and province, its people and its measures are invented; they
follow the shape of real reports without taking any organisation's data.
"""

import io
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from itaportal import thai

from .models import (
    EvidenceLink,
    Framework,
    ItaResult,
    Measure,
    MeasurePlan,
    MeasureStep,
    Membership,
    Organisation,
    ProgressEntry,
    Theme,
    Unit,
)
from .results.scoring import Shape
from .results.services import TypedResult, result_save
from .search.indexing import search_organisation_reindex

DEMO_SLUG = "thungdaoruang"
DEMO_YEAR = 2566  # the year the measures below are written for; demo_load moves them
DEMO_PASSWORD = "ita-demo-2566"
WEBSITE = "https://thungdaoruang.example.go.th"
# Reserved for examples (RFC 2606): mail to the demo users never reaches anyone.
DEMO_MAIL_DOMAIN = "thungdaoruang.example.org"

UNITS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม", "หน่วยตรวจสอบภายใน"]

THEMES = [
    (1, "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"),
    (2, "การเปิดเผยข้อมูลและการสื่อสารกับประชาชน"),
    (3, "การป้องกันการทุจริตและผลประโยชน์ทับซ้อน"),
]


@dataclass
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str  # a Membership.Role value, or "admin"
    units: tuple = ()


USERS = [
    DemoUser("admin", "ผู้ดูแล", "ระบบ", "admin"),
    DemoUser("coordinator", "พิมพ์ชนก", "ศรีสว่าง", "coordinator", ("สำนักปลัด",)),
    DemoUser("executive", "วีระพงษ์", "ทองดี", "executive"),
    DemoUser("staff.finance", "สุดารัตน์", "มั่นคง", "staff", ("กองคลัง",)),
    DemoUser("staff.works", "ธนากร", "แก้วใส", "staff", ("กองช่าง",)),
]

# The latest result's scores (invented): ten indicators that give its total of 78.42, and
# the questions below the pass mark that this year's measures answer, with a few strong ones.
DEMO_SCORES = {
    **dict(
        zip(
            [f"ind:{n}" for n in range(1, 11)],
            "88.50 86.20 85.10 83.40 76.80 82.30 78.90 78.80 81.35 64.75".split(),
            strict=True,
        )
    ),
    "q:i1": "96.40",
    "q:i8": "79.15",
    "q:i13": "80.60",
    "q:i19": "82.05",
    "q:i26": "71.30",
    "q:e1": "94.20",
    "q:e6": "70.25",
    "q:e7": "76.10",
    "q:e11": "71.80",
    "q:O1": "100",
    "q:O11": "50",
    "q:O20": "0",
    "q:O42": "50",
    "q:O43": "0",
}

# Every plan maps its measures to the 2565 framework: the only year whose catalog holds every
# tool's questions (later years have OIT items only).
# number, theme, question codes, units ("*" = all), title, issue, steps, monitoring,
# deadline, (period start, period end), expected outcome, entries (date, status, %, text, links)
# fmt: off
MEASURES = [
    (1, 1, ["i1", "i2"], ["สำนักปลัด"],
     "จัดทำคู่มือมาตรฐานการให้บริการประชาชนทุกงานบริการ",
     "บุคลากรให้บริการผู้มาติดต่อตามขั้นตอนและระยะเวลาที่กำหนดอย่างเท่าเทียม",
     ["สำรวจงานบริการทุกงานและขั้นตอนที่ใช้อยู่",
      "จัดทำคู่มือพร้อมระยะเวลาให้บริการของแต่ละงาน",
      "ประกาศคู่มือบนเว็บไซต์และบอร์ด ณ จุดบริการ"],
     "หัวหน้าสำนักปลัดรายงานผู้บริหารทุกไตรมาส", date(2023, 3, 31),
     (date(2022, 10, 1), date(2023, 3, 1)), "ประชาชนได้รับบริการตามมาตรฐานเดียวกัน",
     [(date(2022, 11, 15), "in_progress", 50, "สำรวจงานบริการครบ ๑๒ งาน และร่างคู่มือแล้ว", []),
      (date(2023, 3, 20), "done", 100, "ประกาศคู่มือการให้บริการประชาชน ฉบับปี ๒๕๖๖ แล้ว",
       [("/manual-2566", "คู่มือการให้บริการประชาชน ๒๕๖๖")])]),
    (2, 1, ["i8", "i9"], ["กองคลัง"],
     "เปิดเผยขั้นตอนการเบิกจ่ายงบประมาณและให้ตรวจสอบได้",
     "การใช้งบประมาณเป็นไปตามวัตถุประสงค์และตรวจสอบได้",
     ["จัดทำแผนผังขั้นตอนการเบิกจ่าย", "เผยแพร่รายงานการเบิกจ่ายรายไตรมาส"],
     "ผู้อำนวยการกองคลังรายงานผลการเบิกจ่ายต่อที่ประชุมประจำเดือน", date(2023, 9, 30),
     (date(2022, 10, 1), date(2023, 9, 1)), "บุคลากรและประชาชนรับรู้การใช้งบประมาณ",
     [(date(2023, 1, 10), "in_progress", 40, "เผยแพร่รายงานการเบิกจ่ายไตรมาสที่ ๑", []),
      (date(2023, 7, 12), "in_progress", 80, "เผยแพร่รายงานการเบิกจ่ายไตรมาสที่ ๒ และ ๓", [])]),
    (3, 3, ["i13", "i14"], ["*"],
     "กำหนดแนวทางการมอบหมายงานและประเมินผลการปฏิบัติงานอย่างเป็นธรรม",
     "ผู้บังคับบัญชามอบหมายงานและประเมินผลโดยไม่เลือกปฏิบัติ",
     ["ชี้แจงหลักเกณฑ์การประเมินผลในที่ประชุมพนักงาน", "เผยแพร่ผลการประเมินในภาพรวม"],
     "ปลัดรายงานนายกทุกรอบการประเมิน", date(2023, 4, 30),
     (date(2022, 10, 1), date(2023, 4, 1)), "พนักงานเชื่อมั่นในความเป็นธรรม",
     [(date(2022, 12, 5), "done", 100, "ชี้แจงหลักเกณฑ์ในการประชุมพนักงาน ครั้งที่ ๑๒/๒๕๖๕", [])]),
    (4, 3, ["i19", "i20"], ["กองช่าง", "กองคลัง"],
     "ควบคุมการยืมและใช้ทรัพย์สินของทางราชการ",
     "การนำทรัพย์สินของราชการไปใช้ต้องได้รับอนุญาตและมีหลักฐาน",
     ["จัดทำแบบฟอร์มการยืมทรัพย์สิน", "จัดทำทะเบียนคุมการยืม-คืน", "ตรวจสอบทรัพย์สินประจำปี"],
     "หัวหน้าหน่วยงานตรวจทะเบียนทุกเดือน", date(2023, 2, 28),
     (date(2022, 11, 1), date(2023, 2, 1)), "ทรัพย์สินของราชการไม่สูญหายหรือถูกใช้ส่วนตัว",
     [(date(2023, 2, 20), "done", 100, "ใช้แบบฟอร์มและทะเบียนคุมการยืม-คืนครบทุกกอง",
       [("/asset-register", "ทะเบียนคุมการยืมทรัพย์สิน")])]),
    (5, 3, ["i25", "i26"], ["หน่วยตรวจสอบภายใน"],
     "ทบทวนความเสี่ยงการทุจริตและรายงานผลต่อผู้บริหาร",
     "การแก้ไขปัญหาการทุจริตต้องทำอย่างจริงจังและต่อเนื่อง",
     ["ประเมินความเสี่ยงการทุจริตทุกกอง", "จัดทำแผนบริหารความเสี่ยง", "ติดตามผลรอบ ๖ และ ๑๒ เดือน"],
     "หน่วยตรวจสอบภายในรายงานนายกรอบ ๖ และ ๑๒ เดือน", date(2023, 9, 30),
     (date(2022, 10, 1), date(2023, 9, 1)), "ความเสี่ยงการทุจริตลดลง",
     [(date(2022, 12, 20), "in_progress", 30, "ประเมินความเสี่ยงครบ ๕ หน่วยงาน", []),
      (date(2023, 8, 25), "done", 100, "รายงานผลการบริหารความเสี่ยงรอบ ๑๒ เดือนต่อนายก", [])]),
    (6, 2, ["e6", "e7"], ["สำนักปลัด"],
     "เพิ่มช่องทางการสื่อสารกับประชาชนและเผยแพร่ผลงานสม่ำเสมอ",
     "ประชาชนเข้าถึงข้อมูลของหน่วยงานได้ง่ายและหลากหลายช่องทาง",
     ["ปรับปรุงหน้าเว็บไซต์ให้อ่านง่ายบนโทรศัพท์", "เผยแพร่ข่าวกิจกรรมทุกสัปดาห์"],
     "ผู้รับผิดชอบรายงานจำนวนข่าวที่เผยแพร่ทุกเดือน", date(2023, 6, 30),
     (date(2022, 10, 1), date(2023, 6, 1)), "ประชาชนรับรู้ผลงานของหน่วยงานมากขึ้น",
     [(date(2023, 1, 25), "in_progress", 60, "ปรับปรุงเว็บไซต์และเปิดเพจข่าวสารของหน่วยงาน",
       [("/news", "หน้าข่าวประชาสัมพันธ์")])]),
    (7, 2, ["e8", "e9"], ["สำนักปลัด", "กองการศึกษา ศาสนาและวัฒนธรรม"],
     "จัดช่องทางรับฟังความคิดเห็นและตอบคำถามประชาชน",
     "มีช่องทางรับฟังคำติชมและชี้แจงข้อสงสัยอย่างชัดเจน",
     ["ตั้งกล่องและแบบฟอร์มออนไลน์รับความคิดเห็น", "ตอบคำถามภายใน ๓ วันทำการ"],
     "สรุปความคิดเห็นเสนอผู้บริหารทุก ๖ เดือน", date(2023, 9, 30),
     (date(2022, 10, 1), date(2023, 9, 1)), "ข้อสงสัยของประชาชนได้รับคำตอบรวดเร็ว",
     [(date(2023, 5, 15), "in_progress", 50, "เปิดแบบฟอร์มรับความคิดเห็นออนไลน์", [])]),
    (8, 2, ["e11", "e12"], ["*"],
     "ปรับปรุงวิธีการทำงานจากข้อเสนอของผู้รับบริการ",
     "หน่วยงานปรับปรุงคุณภาพการปฏิบัติงานและการให้บริการให้ดีขึ้น",
     ["วิเคราะห์ข้อเสนอของผู้รับบริการ", "กำหนดแนวทางปรับปรุงอย่างน้อย ๒ เรื่อง"],
     "รายงานผลการปรับปรุงต่อผู้บริหารภายในเดือนกันยายน", date(2023, 9, 15),
     (date(2023, 4, 1), date(2023, 9, 1)), "ผู้รับบริการพึงพอใจมากขึ้น", []),
    (9, 2, ["O1", "O2", "O3"], ["สำนักปลัด"],
     "ปรับปรุงข้อมูลพื้นฐานของหน่วยงานบนเว็บไซต์ให้เป็นปัจจุบัน",
     "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล: ข้อมูลพื้นฐาน",
     ["ตรวจสอบโครงสร้าง ข้อมูลผู้บริหาร และอำนาจหน้าที่", "แก้ไขข้อมูลที่ล้าสมัย"],
     "ตรวจสอบความเป็นปัจจุบันทุกไตรมาส", date(2022, 12, 31),
     (date(2022, 10, 1), date(2022, 12, 1)), "ข้อมูลพื้นฐานครบถ้วนเป็นปัจจุบัน",
     [(date(2022, 12, 28), "done", 100, "ปรับปรุงโครงสร้างและข้อมูลผู้บริหารบนเว็บไซต์แล้ว",
       [("/about", "ข้อมูลพื้นฐานของหน่วยงาน")])]),
    (10, 1, ["O11", "O12"], ["สำนักปลัด", "กองคลัง"],
     "จัดทำรายงานผลการดำเนินงานรอบ ๖ เดือนและประจำปี",
     "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล: การบริหารงาน",
     ["รวบรวมผลการดำเนินงานจากทุกกอง", "เผยแพร่รายงานบนเว็บไซต์"],
     "เสนอรายงานต่อนายกก่อนเผยแพร่", date(2023, 10, 31),
     (date(2023, 3, 1), date(2023, 9, 1)), "ประชาชนทราบผลการดำเนินงานตามรอบ",
     [(date(2023, 4, 10), "in_progress", 50, "เผยแพร่รายงานผลการดำเนินงานรอบ ๖ เดือนแล้ว", [])]),
    (11, 1, ["O20", "O21"], ["กองคลัง"],
     "เผยแพร่แผนการจัดซื้อจัดจ้างและรายงานผลการใช้จ่ายงบประมาณ",
     "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล: การบริหารเงินงบประมาณ",
     ["ประกาศแผนการจัดซื้อจัดจ้าง", "รายงานผลการจัดซื้อจัดจ้างรายเดือน"],
     "ผู้อำนวยการกองคลังตรวจรายงานก่อนเผยแพร่", date(2023, 9, 30),
     (date(2022, 10, 1), date(2023, 9, 1)), "การจัดซื้อจัดจ้างโปร่งใสตรวจสอบได้",
     [(date(2022, 10, 20), "in_progress", 30, "ประกาศแผนการจัดซื้อจัดจ้างประจำปี ๒๕๖๖", []),
      (date(2023, 6, 30), "in_progress", 75, "รายงานผลการจัดซื้อจัดจ้างถึงเดือนมิถุนายน", [])]),
    (12, 3, ["O36", "O37"], ["หน่วยตรวจสอบภายใน", "สำนักปลัด"],
     "จัดทำแผนป้องกันการทุจริตและรายงานการกำกับติดตาม",
     "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต",
     ["จัดทำแผนปฏิบัติการป้องกันการทุจริต", "รายงานการกำกับติดตามรอบ ๖ เดือน"],
     "รายงานต่อผู้บริหารและเผยแพร่บนเว็บไซต์", date(2023, 4, 30),
     (date(2022, 10, 1), date(2023, 4, 1)), "มีแผนและการติดตามที่ตรวจสอบได้",
     [(date(2022, 11, 30), "in_progress", 50, "ประกาศแผนปฏิบัติการป้องกันการทุจริต ๒๕๖๖", [])]),
    (13, 3, ["O42", "O43"], ["สำนักปลัด"],
     "ประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใสและรายงานผล",
     "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต: มาตรการภายใน",
     ["วิเคราะห์ผลการประเมิน ITA ปี ๒๕๖๕", "ประกาศมาตรการ", "รายงานผลรอบ ๖ และ ๑๒ เดือน"],
     "ผู้ประสานงานรายงานนายกทุกรอบ", date(2023, 10, 15),
     (date(2022, 10, 1), date(2023, 9, 1)), "หน่วยงานมีผลการประเมิน ITA ดีขึ้น",
     [(date(2022, 10, 25), "in_progress", 30, "ประกาศมาตรการประจำปีงบประมาณ ๒๕๖๖", []),
      (date(2023, 3, 31), "in_progress", 60, "สรุปผลการดำเนินการรอบ ๖ เดือน", [])]),
]
# fmt: on

# Last year's plan is the data above moved to that year, every entry approved: a complete year.
# This year's shows work under way relative to today: (measure, days before today, status,
# percent, text, review state, the executive's comment). Texts say ๒๕๖๖ for "the plan's year".
# fmt: off
SO_FAR = [
    (13, 30, "in_progress", 20, "ประกาศมาตรการประจำปีงบประมาณ ๒๕๖๖ บนเว็บไซต์แล้ว", "approved", ""),
    (1, 25, "in_progress", 30, "สำรวจงานบริการของทุกกองแล้ว ๘ งาน จากทั้งหมด ๑๒ งาน", "approved", ""),
    (9, 12, "in_progress", 50, "ตรวจข้อมูลผู้บริหารบนเว็บไซต์ พบที่ต้องแก้ไข ๓ รายการ", "approved", ""),
    (4, 3, "done", 100, "ใช้แบบฟอร์มและทะเบียนคุมการยืม-คืนทรัพย์สินครบทุกกองแล้ว", "approved", ""),
    (7, 2, "in_progress", 40, "ติดตั้งกล่องรับความคิดเห็น ณ จุดบริการแล้ว", "submitted", ""),
    (11, 5, "in_progress", 20, "ประกาศแผนการจัดซื้อจัดจ้างประจำปีแล้ว", "returned",
     "กรุณาแนบลิงก์ประกาศแผนการจัดซื้อจัดจ้างบนเว็บไซต์"),
    (2, 0, "in_progress", 25, "รวบรวมขั้นตอนการเบิกจ่ายของทุกกองแล้ว", "draft", ""),
]
# fmt: on
# This year's deadlines that make the dashboard show something due: measure → days from today
# (negative: overdue). The others keep the data's dates, moved to this year.
DUE_FROM_TODAY = {9: -7, 1: 10, 6: 20}
# Invented ITA totals of the two assessments before this fiscal year.
ITA_TOTALS = (Decimal("74.10"), Decimal("78.42"))


@transaction.atomic
def demo_load(*, on=None):
    """Create or refresh the demo organisation around the fiscal year of ``on`` (today): last
    fiscal year's plan complete and this year's under way. A plan with a published document
    is left as it was published. Returns (organisation, [(username, role)])."""
    on = on or timezone.localdate()
    year = thai.fiscal_year_of(on)
    framework = Framework.objects.filter(fiscal_year=2565).order_by("-version").first()
    if framework is None:
        raise LookupError("ยังไม่มีกรอบการประเมิน ITA 2565: เรียก load_ita_catalog ก่อน")
    org, _ = Organisation.objects.update_or_create(
        slug=DEMO_SLUG,
        defaults={
            "name_th": "องค์การบริหารส่วนตำบลทุ่งดาวเรือง",
            "short_name": "อบต.ทุ่งดาวเรือง",
            "kind": Organisation.Kind.SUBDISTRICT,
            "district": "ลำน้ำใส",
            "province": "ศรีสุวรรณ",
            "website": WEBSITE,
            "executive_name": "นายวีระพงษ์ ทองดี",
            "executive_position": "นายกองค์การบริหารส่วนตำบลทุ่งดาวเรือง",
        },
    )
    # The results each plan answers (invented, like everything here); the latest in detail,
    # scored by the 2565 framework like the plans.
    for result_year, total in zip((year - 2, year - 1), ITA_TOTALS, strict=True):
        ItaResult.objects.update_or_create(
            organisation=org,
            fiscal_year=result_year,
            defaults={"total_score": total, "rating": framework.rating_for(total)},
        )
    result_save(
        organisation=org,
        fiscal_year=year - 1,
        typed=TypedResult(scores={k: Decimal(v) for k, v in DEMO_SCORES.items()}),
        shape=Shape.of(framework),
    )
    units = {
        name: Unit.objects.update_or_create(organisation=org, name=name, defaults={"order": n})[0]
        for n, name in enumerate(UNITS)
    }
    users = _demo_users(org, units)
    staff = {m.units.first(): m.user for m in org.memberships.filter(role="staff")}
    people = {"executive": org.memberships.get(role="executive").user, "staff": staff}
    for plan_year in (year - 1, year):
        plan = _demo_plan(org, plan_year, framework)
        if plan.publications.exists():
            continue
        measures = _demo_measures(plan, framework, units, on=on)
        if plan_year < year:
            _demo_entries_as_reported(measures, plan_year, people)
        else:
            _demo_entries_so_far(measures, on, people)
    search_organisation_reindex(organisation=org)
    return org, users


def demo_plans(org, *, on=None):
    """(last fiscal year's plan, this year's) of the demo organisation."""
    year = thai.fiscal_year_of(on or timezone.localdate())
    plans = {p.fiscal_year: p for p in org.plans.filter(fiscal_year__in=(year - 1, year))}
    return plans[year - 1], plans[year]


def _years_text(text, plan_year):
    """The data's texts are written for FY 2566; moved to another year, their years follow."""
    return text.replace("๒๕๖๖", thai.to_thai_digits(plan_year)).replace(
        "๒๕๖๕", thai.to_thai_digits(plan_year - 1)
    )


def _moved(day, plan_year):
    return day.replace(year=day.year + plan_year - DEMO_YEAR)


def _demo_plan(org, plan_year, framework):
    first, _last = thai.fiscal_year_range(plan_year)
    plan, _ = MeasurePlan.objects.get_or_create(
        organisation=org,
        fiscal_year=plan_year,
        defaults={
            "framework": framework,
            "intro": _years_text(
                "จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ "
                "พ.ศ. ๒๕๖๕ องค์การบริหารส่วนตำบลทุ่งดาวเรืองกำหนดมาตรการดังต่อไปนี้",
                plan_year,
            ),
            "announced_on": first.replace(day=20),
            "signatory_name": org.executive_name,
            "signatory_position": org.executive_position,
        },
    )
    return plan


def _demo_measures(plan, framework, units, *, on):
    """The data's measures on the plan, their dates moved to its year; {number: measure}."""
    themes = {
        n: Theme.objects.update_or_create(plan=plan, number=n, defaults={"title": t})[0]
        for n, t in THEMES
    }
    first, last = plan.date_range
    questions = {q.code: q for q in framework.questions.all()}
    made = {}
    for order, row in enumerate(MEASURES):
        number, theme, codes, unit_names, title, issue, steps, monitoring, deadline = row[:9]
        (start, end), outcome = row[9], row[10]
        deadline = _moved(deadline, plan.fiscal_year)
        if plan.fiscal_year == thai.fiscal_year_of(on) and number in DUE_FROM_TODAY:
            deadline = min(max(on + timedelta(days=DUE_FROM_TODAY[number]), first), last)
        measure, _ = Measure.objects.update_or_create(
            plan=plan,
            number=number,
            defaults=dict(
                order=order,
                theme=themes[theme],
                title=_years_text(title, plan.fiscal_year),
                issue=issue,
                monitoring=monitoring,
                deadline=deadline,
                period_start=_moved(start, plan.fiscal_year),
                period_end=_moved(end, plan.fiscal_year),
                expected_outcome=outcome,
                all_units=unit_names == ["*"],
            ),
        )
        measure.questions.set([questions[c] for c in codes])
        measure.units.set([] if unit_names == ["*"] else [units[u] for u in unit_names])
        measure.steps.exclude(order__lte=len(steps)).delete()
        for step_no, text in enumerate(steps, start=1):
            MeasureStep.objects.update_or_create(
                measure=measure,
                order=step_no,
                defaults={"text": _years_text(text, plan.fiscal_year)},
            )
        made[number] = measure
    return made


def _demo_entry(measure, people, *, done_on, status, percent, text, review, comment=""):
    author = next((people["staff"][u] for u in measure.units.all() if u in people["staff"]), None)
    reviewed = review in ("approved", "returned")
    entry, _ = ProgressEntry.objects.update_or_create(
        measure=measure,
        description=_years_text(text, measure.plan.fiscal_year),
        defaults={
            "done_on": done_on,
            "status": status,
            "percent": percent,
            "author": author,
            "review_state": review,
            "review_comment": comment,
            "reviewed_by": people["executive"] if reviewed else None,
            "reviewed_at": timezone.make_aware(datetime.combine(done_on, time(16)))
            if reviewed
            else None,
        },
    )
    return entry


def _demo_entries_as_reported(measures, plan_year, people):
    """Last year: the data's entries, moved to the year, all approved (both rounds reported)."""
    for row in MEASURES:
        measure = measures[row[0]]
        for done_on, status, percent, text, links in row[11]:
            entry = _demo_entry(
                measure,
                people,
                done_on=_moved(done_on, plan_year),
                status=status,
                percent=percent,
                text=text,
                review="approved",
            )
            for link_no, (path, link_title) in enumerate(links):
                EvidenceLink.objects.update_or_create(
                    entry=entry,
                    order=link_no,
                    defaults={
                        "url": WEBSITE + _years_text(path, plan_year),
                        "title": _years_text(link_title, plan_year),
                    },
                )


def _demo_entries_so_far(measures, on, people):
    """This year: a few entries in the days before ``on``: approved, waiting, returned, draft."""
    first, _last = measures[1].plan.date_range
    for number, days_ago, status, percent, text, review, comment in SO_FAR:
        _demo_entry(
            measures[number],
            people,
            done_on=max(on - timedelta(days=days_ago), first),
            status=status,
            percent=percent,
            text=text,
            review=review,
            comment=comment,
        )


def _demo_users(org, units):
    User = get_user_model()
    made = []
    for spec in USERS:
        user, _ = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "email": f"{spec.username}@{DEMO_MAIL_DOMAIN}",
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "is_staff": spec.role == "admin",
                "is_superuser": spec.role == "admin",
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        if spec.role != "admin":
            membership, _ = Membership.objects.update_or_create(
                user=user, organisation=org, defaults={"role": spec.role}
            )
            membership.units.set([units[name] for name in spec.units])
        made.append((spec.username, spec.role))
    return made


def demo_emblem_set(org):
    """Give the demo organisation an emblem unless it has one on disk: documents are published
    only with one. An invented seal (rings and a lotus star), drawn here, never a real emblem."""
    if org.emblem and org.emblem.storage.exists(org.emblem.name):
        return
    size, gold, red = 300, (201, 151, 32, 255), (128, 24, 32, 255)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, size - 6, size - 6), fill=gold)
    draw.ellipse((30, 30, size - 30, size - 30), fill=red)
    centre, outer, inner = size / 2, 95, 38
    points = [
        (
            centre + (outer if i % 2 == 0 else inner) * math.sin(math.pi * i / 8),
            centre - (outer if i % 2 == 0 else inner) * math.cos(math.pi * i / 8),
        )
        for i in range(16)
    ]
    draw.polygon(points, fill=gold)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    org.emblem.save("emblem.png", ContentFile(buffer.getvalue()), save=True)
