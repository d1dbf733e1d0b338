"""Reading an ITA result out of text pasted from NACC's result page or an analysis document.

Each line names one thing and gives its score: a question code (``i7``, ``e๖``, ``๐๒๐``, ``ข้อ ๐๘``),
an indicator (``ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่`` or its name alone), a sub-indicator (``9.1 ข้อมูลพื้นฐาน``),
a tool (``IIT``) or the total (``คะแนนรวม``) and rating (``ระดับ B``). Rank numbers may stand before
or after, digits are Thai or Arabic, cells are separated by tabs or spaces. A line without any
number is a heading and is passed over. Anything else is refused, quoting the line and offering
the closest names: published documents misname indicators, and a guess would be saved as fact.
"""

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from itaportal import thai

from .scoring import indicator_key, question_key, sub_key, tool_key
from .services import TypedResult

MAX_LINES = 2_000
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?%?")
_RANK = re.compile(r"\(?([0-9]{1,3}|[๐-๙]{1,3})[.)]?")
_INDICATOR = re.compile(r"ตัวชี้วัด(?:ที่)?\s*([0-9]+)(?![.0-9])\s*[:.]?\s*(.*)")
_SUB = re.compile(r"(?:ตัวชี้วัด(?:ย่อย)?(?:ที่)?\s*)?([0-9]+\.[0-9]+)\s*[:]?\s*(.*)")
_TOTAL = re.compile(r"คะแนนรวม|คะแนน\s*ITA|ITA\s*score", re.IGNORECASE)
_RATING = re.compile(r"ระดับ\S*\s*[:]?\s*(AA|[A-F])(?![A-Za-z])")
_PUNCTUATION = re.compile(r"[\s:\-–.,“”\"'()]")


class ResultTextError(Exception):
    """Lines that could not be understood: ``messages`` holds one Thai sentence per line."""

    def __init__(self, messages):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class Reading:
    """What a text gave: the typed result, and the lines passed over as headings."""

    typed: TypedResult
    headings: list = field(default_factory=list)
    lines: int = 0


def _key_text(text):
    """Names compare without spaces, punctuation or the zero-width spaces of Thai web pages."""
    return _PUNCTUATION.sub("", thai.to_arabic_digits(text.replace("\u200b", "")))


class _Catalog:
    """The names and codes of one framework a line may use."""

    def __init__(self, shape):
        self.shape = shape
        self.year = thai.to_thai_digits(shape.framework.fiscal_year)
        self.names = {}  # comparable name -> (score key,)
        for tool in shape.tools:
            for name in (tool.code, tool.name_th, f"แบบวัด{tool.code}"):
                self.names[_key_text(name).lower()] = (tool_key(tool),)
        for ind in shape.indicators:
            if ind.name_th:
                self.names[_key_text(ind.name_th).lower()] = (indicator_key(ind),)
            for sub in shape.subs_of[ind.pk]:
                if sub.name_th:
                    self.names[_key_text(sub.name_th).lower()] = (sub_key(sub),)
        self.codes = {question_key(q): q for q in shape.questions}

    def knows(self, name):
        return _key_text(name).lower() in self.names

    def closest(self, text):
        """Up to three indicator or sub-indicator names nearest to a misnamed one."""
        named = {k: v[0] for k, v in self.names.items() if not v[0].startswith("tool:")}
        matches = difflib.get_close_matches(_key_text(text).lower(), named, n=3, cutoff=0.4)
        return ", ".join(self.shown(named[m]) for m in matches)

    def shown(self, key):
        """A score key as people write it: ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล, ๙.๑ ข้อมูลพื้นฐาน, IIT."""
        target = self.shape.by_key[key]
        if key.startswith("ind:"):
            return f"ตัวชี้วัดที่ {thai.to_thai_digits(target.number)} {target.name_th}".strip()
        if key.startswith("sub:"):
            return f"ตัวชี้วัดย่อย {thai.to_thai_digits(target.number)} {target.name_th}".strip()
        if key.startswith("q:"):
            return thai.format_question_code(target.code)
        return target.code


def _could_be_a_score(text):
    return any(Decimal(n.rstrip("%")) <= 100 for n in _NUMBER.findall(text))


def _is_rank(token):
    return bool(_RANK.fullmatch(token)) and not token.startswith(("0", "๐"))


def _score_of(tokens):
    """The score among the numbers that end a line: the first with decimals, else the first."""
    trailing = []
    for token in reversed(tokens):
        if not _NUMBER.fullmatch(thai.to_arabic_digits(token)):
            break
        trailing.insert(0, thai.to_arabic_digits(token).rstrip("%"))
    if not trailing:
        return None, tokens
    chosen = next((t for t in trailing if "." in t), trailing[0])
    return Decimal(chosen), tokens[: len(tokens) - len(trailing)]


def _words(line):
    return [t for t in re.split(r"[\s\u200b]+", line) if t]


class _LineReader:
    def __init__(self, shape):
        self.catalog = _Catalog(shape)
        self.typed = TypedResult()
        self.headings = []
        self.errors = []

    def refuse(self, number, line, why):
        quoted = line.strip()
        if len(quoted) > 120:
            quoted = quoted[:117] + "…"
        self.errors.append(f"บรรทัดที่ {thai.to_thai_digits(number)} “{quoted}”: {why}")

    def read(self, number, line):
        tokens = _words(line)
        if not tokens:
            return
        text = " ".join(tokens)
        if _is_rank(tokens[0]) and len(tokens) > 1:
            tokens = tokens[1:]
        if tokens[0] in ("ข้อ", "ข้อที่") and len(tokens) > 1:
            tokens = [tokens[0] + tokens[1], *tokens[2:]]
        try:
            code = thai.parse_question_code(tokens[0])
        except thai.ThaiFormatError:
            code = None
        # A question's own words may say คะแนน or ระดับ: its code decides first.
        if code is not None:
            return self._question(number, line, code, tokens[1:])
        if not self._official(number, text):
            self._named(number, line, tokens)

    def _official(self, number, text):
        plain = thai.to_arabic_digits(text)
        rating = _RATING.search(plain)
        total = _TOTAL.search(plain)
        if not (rating or total):
            return False
        if rating:
            self.typed.official_rating = rating[1]
        if total:
            numbers = [n for n in _NUMBER.findall(plain[total.end() :]) if "%" not in n]
            value = self._value(number, text, numbers[0]) if numbers else None
            if value is not None:
                self.typed.official_total = value
        return True

    def _value(self, number, line, raw):
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        if value is None or not 0 <= value <= 100:
            self.refuse(number, line, f"คะแนน {thai.to_thai_digits(raw)} ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐")
            return None
        return value.quantize(Decimal("0.01"))

    def _store(self, number, line, key, score, shown):
        value = self._value(number, line, str(score))
        if value is None:
            return
        before = self.typed.scores.get(key)
        if before is not None and before != value:
            self.refuse(
                number,
                line,
                f"{shown} มีคะแนนสองค่าที่ไม่ตรงกัน ({thai.thai_number(before)} และ "
                f"{thai.thai_number(value)}) กรุณาเหลือไว้บรรทัดเดียว",
            )
            return
        self.typed.scores[key] = value

    def _question(self, number, line, code, rest):
        key = f"q:{code}"
        shown = thai.format_question_code(code)
        if key not in self.catalog.codes:
            nearby = difflib.get_close_matches(key, self.catalog.codes, n=3, cutoff=0.5)
            hint = ", ".join(thai.format_question_code(k[2:]) for k in nearby)
            self.refuse(
                number,
                line,
                f"ไม่มีข้อ {shown} ในกรอบการประเมินปี {self.catalog.year}"
                + (f" ข้อที่ใกล้เคียง: {hint}" if hint else ""),
            )
            return
        score, _ = _score_of(rest)
        if score is None:
            self.headings.append(line.strip())
            return
        self._store(number, line, key, score, shown)

    def _named(self, number, line, tokens):
        text = thai.to_arabic_digits(" ".join(tokens))
        label = None
        if numbered := _INDICATOR.match(text) or _SUB.match(text):
            label, text = numbered[1], numbered[2]
        score, name_tokens = _score_of(_words(text))
        name = " ".join(name_tokens)
        if label is None and not _could_be_a_score(text) and not self.catalog.knows(name):
            self.headings.append(line.strip())  # a heading: no number a score could be
            return
        key = self._identify(number, line, label, name)
        if key is None:
            return
        if score is None:
            self.headings.append(line.strip())
            return
        self._store(number, line, key, score, self.catalog.shown(key))

    def _identify(self, number, line, label, name):
        """The score key of what a line names, or None after refusing the line."""
        catalog = self.catalog
        year = f"ในกรอบการประเมินปี {catalog.year}"
        key = None
        if label is not None:
            key = f"sub:{label}" if "." in label else f"ind:{int(label)}"
            if key not in catalog.shape.by_key:
                what = "ตัวชี้วัดย่อย" if "." in label else "ตัวชี้วัดที่"
                self.refuse(number, line, f"ไม่มี{what} {thai.to_thai_digits(label)} {year}")
                return None
            if not _key_text(name):
                return key
        entry = catalog.names.get(_key_text(name).lower())
        if entry is not None and key in (None, entry[0]):
            return entry[0]
        if key is not None:
            why = f"{catalog.shown(key)} {year} ไม่ได้ชื่อ “{name.strip()}”"
        else:
            why = f"ไม่พบชื่อนี้{year}"
        hint = catalog.closest(name)
        self.refuse(number, line, why + (f" ชื่อที่ใกล้เคียง: {hint}" if hint else ""))
        return None


def result_from_lines(*, shape, lines):
    """Read every line; raise ResultTextError listing each one not understood."""
    lines = list(lines)
    if len(lines) > MAX_LINES:
        raise ResultTextError(
            [f"ข้อความยาวเกิน {thai.thai_number(MAX_LINES)} บรรทัด กรุณาแบ่งนำเข้าทีละส่วน"]
        )
    reader = _LineReader(shape)
    for number, line in enumerate(lines, start=1):
        reader.read(number, line)
    if reader.errors:
        raise ResultTextError(reader.errors)
    if reader.typed.is_empty:
        raise ResultTextError(["ไม่พบคะแนนในข้อความ กรุณาวางบรรทัดที่มีชื่อตัวชี้วัดหรือรหัสข้อและคะแนน"])
    return Reading(typed=reader.typed, headings=reader.headings, lines=len(lines))


def result_from_text(*, shape, text):
    return result_from_lines(shape=shape, lines=(text or "").splitlines())
