"""Shared pieces of the staff forms: Thai messages, Thai date/period/number fields, versions."""

from decimal import InvalidOperation

from crispy_forms.helper import FormHelper
from django import forms
from django.core import signing, validators
from django.core.exceptions import ValidationError

from itaportal import thai

REQUIRED = "กรุณากรอก{label}"


def apply_thai_messages(form):
    """Thai "required" and "invalid choice" messages naming the field, for every field."""
    for field in form.fields.values():
        if field.widget.is_hidden:
            continue  # no label to name; a hidden field brings its own message (VersionField)
        label = field.label or ""
        field.error_messages["required"] = REQUIRED.format(label=label)
        if "invalid_choice" in field.error_messages:
            field.error_messages["invalid_choice"] = f"ตัวเลือกใน “{label}” ไม่ถูกต้อง กรุณาเลือกใหม่"
        if "invalid_pk_value" in field.error_messages:
            field.error_messages["invalid_pk_value"] = f"ตัวเลือกใน “{label}” ไม่ถูกต้อง กรุณาเลือกใหม่"
        if "empty" in field.error_messages:
            field.error_messages["empty"] = "ไฟล์ที่เลือกว่างเปล่า กรุณาเลือกไฟล์ใหม่"
            field.error_messages["invalid"] = "ไฟล์ที่ส่งมาไม่สมบูรณ์ กรุณาเลือกไฟล์ใหม่"
        if getattr(field, "max_length", None):
            # CharField checks its length with a validator that carries its own English message.
            field.validators = [
                v for v in field.validators if not isinstance(v, validators.MaxLengthValidator)
            ]
            field.validators.append(
                validators.MaxLengthValidator(
                    field.max_length,
                    message=f"“{label}” ยาวเกิน {thai.thai_number(field.max_length)} ตัวอักษร "
                    "กรุณาย่อให้สั้นลง",
                )
            )


class ThaiForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_thai_messages(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def full_clean(self):
        super().full_clean()
        # A hidden field (the version) has no place on the page to show its error: on top.
        for field in self.hidden_fields():
            for error in self._errors.pop(field.name, []) if self._errors else []:
                self.add_error(None, error)


# --- fields ---------------------------------------------------------------------------------


class _ThaiParsedField(forms.CharField):
    """Text read by one of itaportal.thai's parsers, whose Thai message becomes the error."""

    parse = None  # set by subclasses to a thai.parse_* function

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return self.parse(value)
        except thai.ThaiFormatError as error:
            raise ValidationError(str(error), code="invalid") from error


class ThaiDateField(_ThaiParsedField):
    """A date typed as Thai staff type it (๔/๔/๒๕๖๖, 4 เม.ย. 66); shown back in พ.ศ."""

    parse = staticmethod(thai.parse_date)

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"เช่น {thai.DATE_EXAMPLES}")
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", "วว/ดด/ปปปป (พ.ศ.)")
        self.widget.attrs.setdefault("inputmode", "text")

    def prepare_value(self, value):
        if hasattr(value, "year"):
            return thai.format_date_numeric(value)
        return value


def parse_day_or_month(text):
    """(date, precision) of a date typed as a day (๓๑/๓/๒๕๖๖) or a month (ก.ย. ๖๖: its 1st)."""
    try:
        return thai.parse_date(text), "day"
    except thai.ThaiFormatError as not_a_day:
        try:
            return thai.parse_month(text), "month"
        except thai.ThaiFormatError as not_a_month:
            # Say what was wrong when one reading came close (a year in ค.ศ., 31 มิ.ย.).
            closest = [e for e in (not_a_day, not_a_month) if not str(e).startswith("อ่าน")]
            if closest:
                raise closest[0] from None
            raise thai.ThaiFormatError(
                f"อ่าน “{thai.to_thai_digits(text.strip())}” เป็นวันที่หรือเดือนไม่ได้ "
                f"กรุณากรอกวันที่ เช่น {thai.DATE_EXAMPLES} หรือเดือน เช่น {thai.MONTH_EXAMPLES}"
            ) from None


class ThaiDayOrMonthField(_ThaiParsedField):
    """A date known to the day or only to the month; cleans to (date, "day" | "month"), the
    month as its first day."""

    parse = staticmethod(parse_day_or_month)
    month_prefix = "เดือน"

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", f"วันที่ เช่น {thai.DATE_EXAMPLES} หรือเดือน เช่น {thai.MONTH_EXAMPLES}"
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, tuple) and value[0]:
            on, precision = value
            if precision == "month":
                return f"{self.month_prefix}{thai.format_month(on)}"
            return thai.format_date_numeric(on)
        return value


class ThaiDeadlineField(ThaiDayOrMonthField):
    """A deadline as plans write it: a day, or a month (ภายในเดือนกันยายน ๒๕๖๖), whose last
    day it cleans to (late only once the month is over)."""

    month_prefix = "ภายในเดือน"

    def to_python(self, value):
        value = super().to_python(value)
        if value and value[1] == "month":
            return thai.last_day_of_month(value[0]), "month"
        return value


class ThaiPeriodField(_ThaiParsedField):
    """Months of a measure as documents print them: ต.ค. ๖๕ - มี.ค. ๖๖."""

    parse = staticmethod(thai.parse_period)

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"เช่น {thai.PERIOD_EXAMPLES}")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, tuple) and all(value):
            return thai.format_period(*value)
        return value


class ThaiIntegerField(forms.CharField):
    """A whole number in Thai or Arabic digits."""

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def prepare_value(self, value):
        return thai.to_thai_digits(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        number = thai.read_whole_number(value)
        if number is None:
            raise ValidationError(f"“{self.label}” ต้องเป็นตัวเลข เช่น ๕๐ หรือ 50", code="invalid")
        low, high = self.min_value, self.max_value
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(
                f"“{self.label}” ต้องอยู่ระหว่าง {thai.to_thai_digits(low)} ถึง "
                f"{thai.to_thai_digits(high)}",
                code="range",
            )
        return number


INCOMPLETE_FORM = "แบบฟอร์มนี้ไม่สมบูรณ์ กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง"


class VersionField(forms.IntegerField):
    """The version the form was loaded with, for the no-lost-updates check."""

    widget = forms.HiddenInput
    default_error_messages = {
        code: INCOMPLETE_FORM for code in ("invalid", "required", "min_value", "max_value")
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=thai.MAX_ID, **kwargs)


class _IdChoicesMixin:
    """Choices posted as ids: anything that cannot be an id is an invalid choice before any
    query (an id beyond 64 bits overflows SQLite instead of matching nothing)."""

    def _refuse_non_ids(self, values):
        for value in values:
            if value not in self.empty_values and thai.read_id(value) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )


class IdChoiceField(_IdChoicesMixin, forms.ModelChoiceField):
    def to_python(self, value):
        self._refuse_non_ids([value])
        return super().to_python(value)


class IdChoicesField(_IdChoicesMixin, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            self._refuse_non_ids(frozenset(value))
        except TypeError:  # not a list of strings: let Django say so in its own words
            pass
        return super()._check_values(value)


class ThaiFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": ("แบบฟอร์มส่วนรายการไม่สมบูรณ์ กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง"),
        "too_many_forms": "กรอกได้ไม่เกิน %(num)d รายการ กรุณาลบรายการที่ไม่จำเป็น",
        "too_few_forms": "กรุณากรอกอย่างน้อย %(num)d รายการ",
    }


class VersionOnlyForm(forms.Form):
    version = VersionField()


class SignedPreviewForm(forms.Form):
    """The data a preview showed, signed when it was shown: what is saved is what was seen, and
    only for the organisation and year it was read for. Subclasses name the salt, the key the
    data travels under, the Thai message for a stale or tampered preview, and how to read it."""

    salt = ""
    key = "data"
    stale = "ข้อมูลตัวอย่างหมดอายุหรือไม่ครบ กรุณาเริ่มใหม่อีกครั้ง"
    max_age = 24 * 3600
    payload = forms.CharField(widget=forms.HiddenInput, max_length=2_000_000)

    def __init__(self, *args, organisation, fiscal_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation, self.fiscal_year = organisation, fiscal_year

    @classmethod
    def sign(cls, *, organisation, fiscal_year, data):
        return signing.dumps(
            {"org": organisation.slug, "year": fiscal_year, cls.key: data},
            salt=cls.salt,
            compress=True,
        )

    def read(self, data):
        return data

    def clean_payload(self):
        try:
            data = signing.loads(self.cleaned_data["payload"], salt=self.salt, max_age=self.max_age)
            value = self.read(data[self.key])
        except (signing.BadSignature, KeyError, TypeError, ValueError, InvalidOperation):
            raise ValidationError(self.stale) from None
        if (data.get("org"), data.get("year")) != (self.organisation.slug, self.fiscal_year):
            raise ValidationError(self.stale)
        return value
