"""Hostile input into every form, filter and id each role can reach: never a 500.

Hypothesis draws, for every field of a form, either a value that passes (so the other fields'
checks and the service behind them are reached) or a hostile one: integers beyond 64 bits,
digits of other scripts that ``str.isdigit()`` accepts and ``int()`` may not (², ٣, ①), NUL
bytes, lone surrogates sent as bytes that are not UTF-8, very long text, markup, SQL, lists.
Bodies are encoded by hand so bytes a browser would never send still reach the server.
Derandomized: the same examples on every run and on both databases.
"""

from dataclasses import dataclass
from urllib.parse import quote_from_bytes

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from measures.models import Framework
from tests.people import PASSWORD
from tests.test_permissions import world_once  # noqa: F401 (the module's world fixture)

EXAMPLES = 10  # per (role, form): each example is hostile in many fields at once

HUGE = [2**63, 2**63 - 1, 2**64 + 1, -(2**63) - 1, 10**40, -1, 0]
ODD_DIGITS = ["²", "٣", "۴", "৫", "①", "𝟙", "１２", "½", "Ⅻ", "๒๕๖๖²", "๑٣", "2566\u00b9"]
CURATED = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "'; DROP TABLE measures_measure; --",
    "%",
    "%00",
    "\u200b",
    "\ufeff๑",
    "NaN",
    "1e309",
    "๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐",
    "ก" * 100_000,
    "x" * 20_000,
    "\ud800",  # a lone surrogate: sent as bytes that are not UTF-8
    "\udfff\ud800",
    b"\xff\xfe\xfd",
    b"\xc0\x80",
    "../../etc/passwd",
    "31/2/2566",
    "๙๙/๙๙/๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙",
    "ต.ค. ๙๙๙๙๙๙๙๙๙๙๙ - มี.ค. ๖๖",
]
SCALAR = st.one_of(
    st.sampled_from(CURATED),
    st.sampled_from(ODD_DIGITS),
    st.sampled_from(HUGE).map(str),
    st.integers().map(str),
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl", "Cs", "Cc"]), max_size=12),
    st.binary(max_size=12),
)
HOSTILE = st.one_of(SCALAR, st.lists(SCALAR, min_size=2, max_size=3))


def _encode(data):
    """An urlencoded body or query string; text goes out as UTF-8 with surrogates kept as
    bytes (invalid UTF-8), bytes go out as they are."""
    pairs = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            raw = item if isinstance(item, bytes) else str(item).encode("utf-8", "surrogatepass")
            pairs.append(f"{quote_from_bytes(key.encode())}={quote_from_bytes(raw)}")
    return "&".join(pairs)


@dataclass
class Form:
    method: str
    target: str  # what the URL points at: org, plan, measure, entry, membership, none
    fields: callable  # objects -> {field: a value that passes}
    roles: tuple
    examples: int = EXAMPLES


COORD = ("coordinator",)
ENTRY_ROLES = ("staff", "coordinator", "outsider")
MEMBERS = ("staff", "staff_other_unit", "coordinator", "executive", "outsider")
MANAGERS = ("coordinator", "executive")


def _steps(o):
    return {
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-label": "๓.๑",
        "steps-0-text": "ขั้นตอนที่หนึ่ง",
        "steps-0-deadline": "๑/๑๒/๒๕๖๕",
        "steps-0-DELETE": "",
        "monitoring-TOTAL_FORMS": "1",
        "monitoring-INITIAL_FORMS": "0",
        "monitoring-0-text": "ติดตามผล",
        "monitoring-0-deadline": "ก.ย. ๖๖",
        "monitoring-0-recurrence": "",
        "monitoring-0-DELETE": "",
    }


def _links(o):
    return {
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-url": "https://www.example.go.th/news/1",
        "links-0-title": "ประกาศบนเว็บไซต์",
    }


def _measure_fields(o):
    return {
        "number": "๙",
        "title": "เผยแพร่ข้อมูล",
        "issue": "ประเด็น",
        "units": str(o["unit"].pk),
        "all_units": "on",
        "questions": str(o["question"].pk),
        "question_codes": "O๑",
        "period": "ต.ค. ๖๕ - มี.ค. ๖๖",
        "deadline": "๓๑/๓/๒๕๖๖",
        "accept_early_start": "on",
        "responsible_note": "ทุกกองส่งสำนักปลัด",
        "monitoring": "รายงานทุกเดือน",
        "expected_outcome": "ผลลัพธ์",
        "version": str(o["measure"].version),
        **_steps(o),
    }


def _entry_fields(o):
    return {
        "done_on": "๑๐/๑/๒๕๖๖",
        "description": "ดำเนินการแล้ว",
        "status": "in_progress",
        "percent": "๕๐",
        "version": str(o["entry"].version),
        "remove_files": str(o["evidence"].pk),
        "remove_links": "1",
        "submit_now": "1",
        **_links(o),
    }


FORMS = {
    "login": Form(
        "post", "none", lambda o: {"username": "nobody", "password": PASSWORD}, ("anonymous",)
    ),
    "measures:my-work": Form("get", "none", lambda o: {"year": "๒๕๖๖"}, ("staff", "admin")),
    "reports:dashboard": Form("get", "org", lambda o: {"year": "๒๕๖๖"}, MEMBERS),
    "measures:search": Form("get", "org", lambda o: {"q": "ประชุมชี้แจง ๑๒"}, MEMBERS),
    "reports:search": Form(
        "get",
        "none",
        lambda o: {"q": "เปิดเผยข้อมูล", "province": "ทดสอบ", "year": "๒๕๖๖", "page": "2"},
        ("anonymous",),
    ),
    "reports:measure-list": Form(
        "get",
        "org",
        lambda o: {
            "year": "๒๕๖๖",
            "tool": "OIT",
            "indicator": "๙",
            "unit": str(o["unit"].pk),
            "status": "done",
            "overdue": "1",
            "upcoming": "on",
            "pending": "true",
            "sort": "-deadline",
        },
        MEMBERS,
    ),
    "reports:document-preview": Form(
        "get", "plan", lambda o: {"layout": "plan", "on": "๔/๔/๒๕๖๖"}, MANAGERS
    ),
    "measures:plan-create": Form(
        "post",
        "org",
        lambda o: {
            "fiscal_year": "๒๕๖๗",
            "framework": str(o["plan"].framework_id),
            "intro": "บทนำ",
            "announced_on": "๑/๑๐/๒๕๖๖",
            "signatory_name": "นายสมชาย ใจดี",
            "signatory_position": "นายก",
        },
        COORD,
    ),
    # Next year's plan from the test plan, under the 2566 framework.
    "measures:plan-rollover": Form(
        "post",
        "plan",
        lambda o: {"framework": str(o["next_framework"].pk)},
        COORD,
        examples=5,
    ),
    "measures:plan-edit": Form(
        "post",
        "plan",
        lambda o: {
            "framework": str(o["plan"].framework_id),
            "intro": "บทนำ",
            "announced_on": "๑/๑๐/๒๕๖๕",
            "signatory_name": "นายสมชาย ใจดี",
            "signatory_position": "นายก",
            "version": str(o["plan"].version),
        },
        COORD,
    ),
    # The measure form re-renders every question of the framework: about a second a page.
    "measures:measure-create": Form("post", "plan", _measure_fields, COORD, examples=5),
    "measures:measure-edit": Form("post", "measure", _measure_fields, COORD, examples=5),
    "measures:measure-delete": Form(
        "post", "measure", lambda o: {"version": str(o["measure"].version)}, COORD
    ),
    "measures:measure-move": Form("post", "measure", lambda o: {"direction": "down"}, COORD),
    # The entry form re-renders the measure with its entries and steps: the slowest in the
    # suite at 10 examples × 3 roles × 2 forms, and its checks are the same for every role.
    "measures:entry-create": Form("post", "measure", _entry_fields, ENTRY_ROLES, examples=5),
    "measures:entry-edit": Form("post", "entry", _entry_fields, ENTRY_ROLES, examples=5),
    "measures:entry-submit": Form(
        "post", "entry", lambda o: {"version": str(o["entry"].version)}, ENTRY_ROLES
    ),
    "measures:entry-review": Form(
        "post",
        "entry",
        lambda o: {"decision": "return", "comment": "แก้ไข", "version": str(o["entry"].version)},
        ("executive",),
    ),
    "measures:entries-approve": Form(
        "post",
        "org",
        lambda o: {
            "entry": str(o["entry"].pk),
            f"version-{o['entry'].pk}": str(o["entry"].version),
        },
        ("executive",),
    ),
    "measures:unit-add": Form(
        "post", "org", lambda o: {"name": "งานใหม่", "parent": str(o["unit"].pk)}, COORD
    ),
    "measures:unit-edit": Form("post", "unit", lambda o: {"name": "กองที่เปลี่ยนชื่อ"}, COORD),
    "measures:unit-retire": Form("post", "unit", lambda o: {"restore": "1"}, COORD),
    "password_reset": Form(
        "post", "none", lambda o: {"email": "coordinator@example.org"}, ("anonymous",)
    ),
    "measures:invitation-add": Form(
        "post",
        "org",
        lambda o: {"email": "somsri@example.go.th", "role": "staff", "units": str(o["unit"].pk)},
        COORD,
    ),
    # Anonymous: a new account joins; signed in: the account accepts.
    "measures:invitation": Form(
        "post",
        "none",
        lambda o: {
            "username": "somsri",
            "first_name": "สมศรี",
            "last_name": "ใจงาม",
            "password1": "ดาวเรือง-ยาวพอ-2569",
            "password2": "ดาวเรือง-ยาวพอ-2569",
        },
        ("anonymous", "outsider"),
    ),
    "measures:reminder-settings": Form("post", "none", lambda o: {"wants_reminders": "on"}, COORD),
    "measures:member-edit": Form(
        "post",
        "membership",
        lambda o: {"role": "staff", "units": str(o["unit"].pk)},
        COORD,
    ),
    # A wrong layout is refused before any rendering: the fuzz never waits for a PDF.
    "reports:document-publish": Form("post", "plan", lambda o: {"layout": "nonsense"}, MANAGERS),
    # The plan's year has no result of the year before: refused with the checklist, unrendered.
    "reports:analysis-publish": Form(
        "post",
        "plan",
        lambda o: {"form_token": "6f1c9a7e-2b1d-4c3e-9f0a-1b2c3d4e5f60", "confirm": "yes"},
        MANAGERS,
    ),
    "reports:document-round-notes": Form(
        "post", "plan", lambda o: {"problems": "ปัญหา", "suggestions": "ข้อเสนอแนะ"}, COORD
    ),
    # ITA results of the plan's year (2566: only its OIT is in the catalog).
    "measures:ita-results": Form("get", "org", lambda o: {"year": "๒๕๖๕"}, MANAGERS),
    "measures:ita-result-enter": Form(
        "post",
        "plan",
        lambda o: {"official_total": "๘๕.๕๐", "official_rating": "A", "ind_9": "๙๐", "q_O1": "100"},
        COORD,
        examples=5,
    ),
    "measures:ita-result-import": Form(
        "post", "plan", lambda o: {"text": "ตัวชี้วัดที่ ๙ ๙๐.๕๐\nO๑ ๑๐๐"}, COORD
    ),
    "measures:ita-result-approaches": Form(
        "post", "plan", lambda o: {"approach_O42": "ประกาศมาตรการบนเว็บไซต์"}, COORD
    ),
    "measures:ita-result-confirm": Form("post", "plan", lambda o: {"payload": "x:y:z"}, COORD),
    "measures:plan-import": Form(
        "post",
        "plan",
        lambda o: {
            "text": "มาตรการ\tขั้นตอน\tผู้รับผิดชอบ\tระยะเวลา\n"
            "เผยแพร่ข้อมูล\t๑. ประกาศ\tกองคลัง\tต.ค. ๖๕ - มี.ค. ๖๖"
        },
        COORD,
    ),
    "measures:plan-import-confirm": Form("post", "plan", lambda o: {"payload": "x:y:z"}, COORD),
    "reports:document-round-reopen": Form(
        "post", "plan", lambda o: {"reason": "แก้ไขข้อมูล"}, MANAGERS
    ),
}
# Ids in the path: beyond 64 bits they must be "not found", never reach the database.
PATH_IDS = {
    "measures:measure-detail": ("measure", ("pk",)),
    "measures:entry-edit": ("entry", ("pk",)),
    "measures:evidence-file": ("evidence", ("pk",)),
    "measures:member-edit": ("membership", ("pk",)),
    "measures:plan-edit": ("plan", ("year",)),
    "measures:plan-rollover": ("plan", ("year",)),
    "reports:document-preview": ("plan", ("year",)),
    "reports:publication": ("plan", ("year",)),
    "reports:publication-revision": ("plan", ("year", "revision")),
    "reports:publication-emblem": ("plan", ("year", "revision")),
    "measures:ita-result": ("plan", ("year",)),
    "measures:ita-result-enter": ("plan", ("year",)),
    "measures:ita-result-import": ("plan", ("year",)),
    "reports:analysis-preview-pdf": ("plan", ("year",)),
    "reports:analysis-preview-docx": ("plan", ("year",)),
    "reports:document-preview-docx": ("plan", ("year",)),
}


def _objects(w, role):
    own = role != "outsider"
    org = w.org if own else w.other
    return {
        "org": org,
        "plan": w.plan if own else w.other_plan,
        "measure": w.measure if own else w.other_measure,
        "entry": w.entry if own else w.other_entry,
        "evidence": w.evidence if own else w.other_evidence,
        "unit": w.finance if own else w.other_unit,
        "membership": w.staff_membership if own else w.outsider_membership,
        "question": w.plan.framework.questions.first(),
        "next_framework": Framework.objects.get(fiscal_year=2566, version=1),
        "user": w.other_coordinator if own else w.coordinator,
        "invitation_token": w.invitation_token,
    }


def _url(name, target, o, **override):
    kwargs, params = {}, _params(name)
    if "slug" in params:
        kwargs["slug"] = o["org"].slug
    if "year" in params:
        kwargs["year"] = o["plan"].fiscal_year
    if "pk" in params:
        kwargs["pk"] = o[target].pk
    if "kind" in params:
        kwargs["kind"] = "progress-6"
    if "revision" in params:
        kwargs["revision"] = 1
    if "token" in params:
        kwargs["token"] = o["invitation_token"]
    return reverse(name, kwargs={**kwargs, **override})


def _params(name):
    from tests.test_permissions import _params as params

    return params(name)


def _client(w, role):
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(getattr(w, role))
    return client


FUZZ = dict(
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the failing data is in the message
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CASES = [(name, role) for name, form in FORMS.items() for role in form.roles]


@pytest.fixture
def w(db, world_once, settings):  # noqa: F811
    settings.MEDIA_ROOT = world_once.media_root
    return world_once


@pytest.mark.django_db
@pytest.mark.parametrize("name, role", CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_hostile_values_in_a_form_never_answer_500(w, name, role):
    form = FORMS[name]
    o = _objects(w, role)
    client = _client(w, role)
    url = _url(name, form.target, o)
    valid = form.fields(o)

    @settings(max_examples=form.examples, **FUZZ)
    @given(st.fixed_dictionaries({key: st.one_of(st.just(v), HOSTILE) for key, v in valid.items()}))
    def check(data):
        body = _encode(data)
        with transaction.atomic():
            if form.method == "get":
                response = client.get(f"{url}?{body}")
            else:
                response = client.generic(
                    "POST", url, body, content_type="application/x-www-form-urlencoded"
                )
            transaction.set_rollback(True)
        assert response.status_code != 500, (name, role, data)

    check()


ID_CASES = [(name, param) for name, (_, params) in PATH_IDS.items() for param in params]


@pytest.mark.django_db
@pytest.mark.parametrize("name, param", ID_CASES, ids=[f"{n}-{p}" for n, p in ID_CASES])
def test_an_id_beyond_64_bits_in_the_path_is_not_found(w, name, param):
    client = _client(w, "coordinator")
    o = _objects(w, "coordinator")
    target = PATH_IDS[name][0]
    for number in (2**63, 2**64 + 1, 10**40):
        url = _url(name, target, o, **{param: number})
        with transaction.atomic():
            response = client.get(url)
            transaction.set_rollback(True)
        assert response.status_code == 404, (url, response.status_code)
