"""Thai formats: digits, Buddhist Era dates, fiscal years, periods and question codes.

Plain Python, importable without Django. Documents print Thai digits and Buddhist Era years
(พ.ศ. = ค.ศ. + 543); the portal stores numbers and ``datetime.date`` values and converts only at
the edges: ``format_*`` for output, ``parse_*`` for what people type or copy out of old PDFs.
Every ``parse_*`` raises ``ThaiFormatError`` whose message is a Thai sentence telling the user
what to fix, and reads back everything the matching ``format_*`` prints.
"""

import calendar
import re
import unicodedata
from datetime import date
from decimal import Decimal

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit
from pythainlp.util.date import thai_abbr_months, thai_full_months

BE_OFFSET = 543
# Years outside this window are typos rather than dates an organisation would record.
BE_MIN, BE_MAX = 2400, 2700
ROUND_6 = 6
ROUND_12 = 12
QUESTION_CODE_PREFIXES = ("i", "e", "O")  # IIT, EIT, OIT; canonical case as NACC prints them

DATE_EXAMPLES = "๔/๔/๒๕๖๖ หรือ ๔ เม.ย. ๒๕๖๖"
PERIOD_EXAMPLES = "ต.ค. ๖๕ - มี.ค. ๖๖ หรือ เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖"
CODE_EXAMPLES = "i๑, e๖ หรือ O๔๒"


class ThaiFormatError(ValueError):
    """Bad Thai-formatted input; ``str(e)`` is a Thai sentence for the user."""


# --- digits and numbers -------------------------------------------------------------------------


def to_thai_digits(value) -> str:
    return "" if value is None else arabic_digit_to_thai_digit(str(value))


def to_arabic_digits(text) -> str:
    return "" if text is None else thai_digit_to_arabic_digit(str(text))


# Ids and numbers read from requests fit a signed 64-bit database integer (2**63 - 1 has 19
# digits): a longer one overflows SQLite before the query runs.
MAX_ID = 2**63 - 1
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def read_whole_number(text):
    """A whole number typed in Thai or Arabic digits (๒๕๖๖, 2566, 1,000), or None.

    Only those twenty digits count: ``str.isdigit()`` also accepts ², ٣ or ①, which ``int()``
    then rejects or reads as another number."""
    if text is None or not isinstance(text, str | int) or isinstance(text, bool):
        return None
    digits = to_arabic_digits(_clean(text)).replace(",", "")
    return int(digits) if _WHOLE_NUMBER.fullmatch(digits) else None


def read_id(text):
    """A database id from a request (a URL, a form's choice), or None when it cannot be one."""
    number = read_whole_number(text)
    return number if number is not None and 1 <= number <= MAX_ID else None


def thai_number(n) -> str:
    """``1234`` -> ``๑,๒๓๔``; a Decimal keeps its places (``92.30`` -> ``๙๒.๓๐``)."""
    if isinstance(n, float):
        n = Decimal(repr(n))  # shortest repr: 84.5 stays 84.5, never 84.500000001
    if isinstance(n, Decimal):
        return to_thai_digits(format(n, ",f"))
    if isinstance(n, int):
        return to_thai_digits(f"{n:,}")
    raise TypeError(f"thai_number() needs an int, float or Decimal, not {type(n).__name__}")


# --- dates --------------------------------------------------------------------------------------


def _be(d: date) -> int:
    return d.year + BE_OFFSET


def format_date(d: date) -> str:
    return to_thai_digits(f"{d.day} {thai_full_months[d.month - 1]} พ.ศ. {_be(d)}")


def format_date_short(d: date) -> str:
    return to_thai_digits(f"{d.day} {thai_abbr_months[d.month - 1]} {_be(d)}")


def format_date_numeric(d: date) -> str:
    return to_thai_digits(f"{d.day}/{d.month}/{_be(d)}")


def _month_key(name: str) -> str:
    # Abbreviations are typed with, without or with only some of their dots (มี.ค. / มี.ค / มีค),
    # and documents write "เดือน เมษายน" or "เดือนเมษายน": compare names without any of that.
    return re.sub(r"[\s.]", "", name).removeprefix("เดือน")


# Full name, abbreviation, and the everyday form that drops คม/ยน/พันธ์ (เมษา, กุมภา, ตุลา).
_MONTHS = {
    key: i + 1
    for i, (full, abbr) in enumerate(zip(thai_full_months, thai_abbr_months, strict=True))
    for key in (full, _month_key(abbr), re.sub("(คม|ยน|พันธ์)$", "", full))
}


def _month_number(name: str) -> int:
    try:
        return _MONTHS[_month_key(name)]
    except KeyError:
        raise ThaiFormatError(
            f'ไม่รู้จักชื่อเดือน "{to_thai_digits(name.strip())}" กรุณาใช้ชื่อเดือนภาษาไทย เช่น เมษายน หรือ เม.ย.'
        ) from None


def _be_year(digits: str) -> int:
    """A typed year as a Buddhist Era year; two digits mean 25xx, as in "ต.ค. ๖๕"."""
    if len(digits) == 2:
        return 2500 + int(digits)
    year = int(digits) if len(digits) == 4 else 0  # any other length is a typo
    if BE_MIN - BE_OFFSET <= year <= BE_MAX - BE_OFFSET:
        raise ThaiFormatError(
            f"ปี {to_thai_digits(year)} ดูเหมือนเป็นปี ค.ศ. กรุณากรอกปี พ.ศ. แทน "
            f"(ค.ศ. {to_thai_digits(year)} ตรงกับ พ.ศ. {to_thai_digits(year + BE_OFFSET)})"
        )
    if not BE_MIN <= year <= BE_MAX:
        raise ThaiFormatError(
            f"ปี {to_thai_digits(digits)} ไม่น่าจะถูกต้อง กรุณากรอกปี พ.ศ. สี่หลัก เช่น ๒๕๖๖"
        )
    return year


def _month_year(month: int, be_year: int) -> str:
    return f"{thai_abbr_months[month - 1]} {to_thai_digits(be_year)}"


def _make_date(be_year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise ThaiFormatError(
            f"ไม่มีเดือนที่ {to_thai_digits(month)} กรุณากรอกเดือนเป็นตัวเลข ๑ ถึง ๑๒ หรือชื่อเดือน"
        )
    days = calendar.monthrange(be_year - BE_OFFSET, month)[1]
    if not 1 <= day <= days:
        raise ThaiFormatError(
            f"{_month_year(month, be_year)} มีเพียง {to_thai_digits(days)} วัน "
            f"กรุณากรอกวันที่ ๑ ถึง {to_thai_digits(days)}"
        )
    return date(be_year - BE_OFFSET, month, day)


def _clean(text) -> str:
    # Text copied from Thai web pages carries zero-width spaces (U+200B), used as word breaks.
    text = "" if text is None else str(text).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def _normalise(text) -> str:
    return to_arabic_digits(_clean(text))


_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_NUMERIC = re.compile(r"([0-9]{1,2}) ?[/.-] ?([0-9]{1,2}) ?[/.-] ?([0-9]+)")
# A month name, an optional era and a year: "เม.ย. 66", "เดือน เมษายน พ.ศ.2566".
_MONTH_YEAR = r"([^0-9 ./-][^0-9]*?) ?(?:พ\.? ?ศ\.?)? ?([0-9]+)"
_NAMED = re.compile(r"([0-9]{1,2}) ?" + _MONTH_YEAR)  # with the day in front
_DATE_PREFIX = re.compile(r"^(?:ณ ?)?(?:เมื่อ ?)?วันที่ ?")


def parse_date(text) -> date:
    """Read a date as Thai users type or print it (Buddhist Era); ISO dates are Christian Era."""
    s = _DATE_PREFIX.sub("", _normalise(text))
    if not s:
        raise ThaiFormatError(f"กรุณากรอกวันที่ เช่น {DATE_EXAMPLES}")
    if m := _ISO.fullmatch(s):
        if not BE_MIN <= int(m[1]) + BE_OFFSET <= BE_MAX:
            raise ThaiFormatError(
                f"ปี {to_thai_digits(m[1])} ไม่น่าจะถูกต้อง วันที่แบบ ปปปป-ดด-วว ใช้ปี ค.ศ. เช่น ๒๐๒๓-๐๔-๐๔"
            )
        return _make_date(int(m[1]) + BE_OFFSET, int(m[2]), int(m[3]))
    if m := _NUMERIC.fullmatch(s):
        return _make_date(_be_year(m[3]), int(m[2]), int(m[1]))
    if m := _NAMED.fullmatch(s):
        return _make_date(_be_year(m[3]), _month_number(m[2]), int(m[1]))
    raise ThaiFormatError(f'อ่าน "{to_thai_digits(s)}" เป็นวันที่ไม่ได้ กรุณากรอกวันที่ เช่น {DATE_EXAMPLES}')


# --- fiscal years and reporting rounds ----------------------------------------------------------


def fiscal_year_of(d: date) -> int:
    """Fiscal year (BE) N runs from 1 October of N-1 to 30 September of N."""
    return _be(d) + (1 if d.month >= 10 else 0)


def fiscal_year_range(fy: int) -> tuple[date, date]:
    return round_range(fy, ROUND_12)


def round_range(fy: int, months: int) -> tuple[date, date]:
    """The 6-month round covers 1 Oct - 31 Mar, the 12-month round the whole fiscal year."""
    year = fy - BE_OFFSET
    if months == ROUND_6:
        return date(year - 1, 10, 1), date(year, 3, 31)
    if months == ROUND_12:
        return date(year - 1, 10, 1), date(year, 9, 30)
    raise ValueError(f"a reporting round is {ROUND_6} or {ROUND_12} months, not {months!r}")


def rounds_of(d: date) -> tuple:
    """The reporting rounds whose period contains ``d``."""
    return (ROUND_6, ROUND_12) if d.month >= 10 or d.month <= 3 else (ROUND_12,)


# --- periods ------------------------------------------------------------------------------------


def format_period(start: date, end: date) -> str:
    def part(d):
        return f"{thai_abbr_months[d.month - 1]} {_be(d) % 100:02d}"

    return to_thai_digits(f"{part(start)} - {part(end)}")


def format_period_long(start: date, end: date) -> str:
    def part(d):
        return f"{thai_full_months[d.month - 1]} {_be(d)}"

    return to_thai_digits(f"เดือน{part(start)} - {part(end)}")


_PERIOD_PART = re.compile(_MONTH_YEAR)


def parse_period(text) -> tuple[date, date]:
    """Read "ต.ค. ๖๕ - มี.ค. ๖๖" or "(เดือนตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖)" as first days of months."""
    s = _normalise(text).removeprefix("(").removesuffix(")").strip()
    if not s:
        raise ThaiFormatError(f"กรุณากรอกช่วงเวลา เช่น {PERIOD_EXAMPLES}")
    parts = re.split(r" ?[-–—] ?", s)  # documents use a hyphen or an en dash
    matches = [_PERIOD_PART.fullmatch(p) for p in parts]
    if len(parts) != 2 or not all(matches):
        raise ThaiFormatError(
            f'อ่าน "{to_thai_digits(s)}" เป็นช่วงเวลาไม่ได้ กรุณากรอกเช่น {PERIOD_EXAMPLES}'
        )
    start, end = (_make_date(_be_year(m[2]), _month_number(m[1]), 1) for m in matches)
    if end < start:
        raise ThaiFormatError(
            f"เดือนสิ้นสุด ({_month_year(end.month, _be(end))}) อยู่ก่อนเดือนเริ่มต้น "
            f"({_month_year(start.month, _be(start))}) กรุณาตรวจสอบช่วงเวลา"
        )
    return start, end


MONTH_EXAMPLES = "ก.ย. ๖๖ หรือ ภายในเดือนกันยายน ๒๕๖๖"


def parse_month(text) -> date:
    """Read a month as plans write deadlines (ภายในเดือนกันยายน ๒๕๖๖, ก.ย. ๖๖) as its first day."""
    s = re.sub(r"^ภายใน ?", "", _normalise(text))
    match = _PERIOD_PART.fullmatch(s)
    if not match:
        raise ThaiFormatError(f'อ่าน "{to_thai_digits(s)}" เป็นเดือนไม่ได้ กรุณากรอกเช่น {MONTH_EXAMPLES}')
    return _make_date(_be_year(match[2]), _month_number(match[1]), 1)


def format_month(d: date) -> str:
    """กันยายน ๒๕๖๖"""
    return to_thai_digits(f"{thai_full_months[d.month - 1]} {_be(d)}")


def format_month_short(d: date) -> str:
    """ก.ย. ๒๕๖๖, as format_date_short prints the month and year of a day."""
    return to_thai_digits(f"{thai_abbr_months[d.month - 1]} {_be(d)}")


def last_day_of_month(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


# --- question codes -----------------------------------------------------------------------------


def parse_question_code(text) -> str:
    """Read a question code as documents print it and return it canonical (i10, e6, O42).

    PDF text extraction often turns the Latin letter into a digit that looks like it: "๐๒๐" or
    "020" is O20 (the O became a zero) and "1๑๐" is i10 (the i became an Arabic one, which stands
    out next to Thai digits).
    """
    # Digits stay as typed here: Thai or Arabic is what tells "1๑๐" (i10) from "110".
    raw = re.sub(r"^ข้อ(?:ที่)?", "", _clean(text)).strip()
    if not raw:
        raise ThaiFormatError(f"กรุณากรอกรหัสข้อคำถาม เช่น {CODE_EXAMPLES}")
    if m := re.fullmatch(r"1([๐-๙]+)", raw):
        raw = "i" + m[1]
    code = to_arabic_digits(raw)
    if re.fullmatch(r"[1-9][0-9]*", code):
        raise ThaiFormatError(
            f'รหัสข้อ "{to_thai_digits(code)}" ไม่ได้ระบุเครื่องมือ กรุณาใส่ตัวอักษร i, e หรือ O '
            f"นำหน้าหมายเลข เช่น e{to_thai_digits(code)} หรือ O{to_thai_digits(code)}"
        )
    if not (m := re.fullmatch(r"([A-Za-z0])[ .-]*([0-9]{1,9})", code)):
        raise ThaiFormatError(
            f'อ่าน "{to_thai_digits(raw)}" เป็นรหัสข้อไม่ได้ กรุณากรอกเช่น {CODE_EXAMPLES}'
        )
    letter, number = m[1], int(m[2])
    prefix = {"i": "i", "e": "e", "o": "O", "0": "O"}.get(letter.lower())
    if prefix is None:
        raise ThaiFormatError(
            f'ไม่รู้จักเครื่องมือ "{letter}" รหัสข้อต้องขึ้นต้นด้วย i, e หรือ O เช่น {CODE_EXAMPLES}'
        )
    if number < 1:
        raise ThaiFormatError(f"หมายเลขข้อต้องเริ่มที่ ๑ เช่น {CODE_EXAMPLES}")
    return f"{prefix}{number}"


def format_question_code(code) -> str:
    """``e6`` -> ``e๖``, ``O42`` -> ``O๔๒``: the letter stays Latin, the number goes Thai."""
    canonical = parse_question_code(code)
    return canonical[0] + to_thai_digits(canonical[1:])


# The kinds of local government a name starts with (measures.Organisation.Kind).
ORGANISATION_KINDS = (
    "องค์การบริหารส่วนจังหวัด",
    "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
)


# The longest part of a name (in spacing_length) kept whole on a line: กองสาธารณสุขและสิ่งแวดล้อม.
# Kept whole, a longer one would need a table column of more than a fifth of the page
# (reports.columns.unbroken_width), or print over the next cell; it breaks between Thai words.
UNBROKEN_LONGEST = 22


def spacing_length(text):
    """Characters that take room on a line (combining marks, Thai vowels and tone marks above
    or below a letter, do not)."""
    return sum(1 for ch in text if unicodedata.category(ch) != "Mn")


def kept_whole(part):
    """Whether a part of a name (see name_words) never breaks."""
    return spacing_length(part) <= UNBROKEN_LONGEST


def name_words(name) -> list[list[str]]:
    """The space-separated words of a name, each as the parts a line may break between:
    an organisation's kind apart from its place (องค์การบริหารส่วนตำบล | ทุ่งดาวเรือง), any
    other word whole (see kept_whole)."""
    words = []
    for word in str(name).split():
        kind = next((k for k in ORGANISATION_KINDS if word.startswith(k) and word != k), None)
        words.append([kind, word.removeprefix(kind)] if kind else [word])
    return words


# Hyphens between letters, with what must stay on their line: one character each side in Latin
# text (an address); in Thai text the whole words, so that the text on either side is still
# cut into words as a whole (a piece that began "…นครบ" would break after นคร). A hyphen with
# a space after it ("ต.ค. ๖๕ - มี.ค. ๖๖") stays with the word after it: poppler drops a hyphen
# that ends a line and joins the lines, "ต.ค. ๖๕ มี.ค. ๖๖".
_LATIN_HYPHENS = re.compile(r"[^\s\-\u0e00-\u0e7f](?:-[^\s\-\u0e00-\u0e7f])+")
_HYPHENS_BY_WORD = re.compile(r"[\u0e01-\u0e4e]-[\u0e01-\u0e4e]|-\s+\S")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")


def hyphen_joined(text) -> list[tuple[str, bool]]:
    """``text`` as (piece, joined) pairs, where a joined piece holds a hyphen between letters,
    or a hyphen, a space and the word after them, and must not break (see the
    hyphens_unbroken filter)."""
    pieces = []
    for part, joined in _hyphen_words(text):
        last = 0
        for match in [] if joined else _LATIN_HYPHENS.finditer(part):
            pieces += [(part[last : match.start()], False), (match.group(), True)]
            last = match.end()
        pieces.append((part[last:], joined))
    return [(piece, joined) for piece, joined in pieces if piece]


def _hyphen_words(text):
    if not _HYPHENS_BY_WORD.search(text):
        return [(text, False)]
    from pythainlp.tokenize import word_tokenize  # loads its dictionary: only when needed

    tokens = word_tokenize(text, engine="newmm", keep_whitespace=True)
    pieces, i = [], 0
    while i < len(tokens):
        if (
            i + 2 < len(tokens)
            and tokens[i + 1] == "-"
            and _THAI_LETTER.search(tokens[i][-1:])
            and _THAI_LETTER.match(tokens[i + 2])
        ) or (
            i + 2 < len(tokens)
            and tokens[i] == "-"
            and tokens[i + 1].isspace()
            and not tokens[i + 2].isspace()
        ):
            pieces.append(("".join(tokens[i : i + 3]), True))
            i += 3
        else:
            pieces.append((tokens[i], False))
            i += 1
    return pieces
