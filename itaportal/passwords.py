"""Passwords in Thai: Django's password-reset forms with Thai labels, its validators' refusals
in Thai.

Django's form already logs, rather than raises, a mail server's refusal: the page answers the
same whether or not an account has the address and whether or not the mail went out."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError

from itaportal import thai
from itaportal.logs import log_event
from itaportal.proxy import client_address
from itaportal.rate_limits import rate_limit_exceeded


def _in_thai(error):
    """Django's validators speak English only (its Thai catalogue lacks them): Thai by code."""
    params = error.params or {}
    if error.code == "password_too_short":
        return f"รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย {thai.thai_number(params['min_length'])} ตัวอักษร"
    if error.code == "password_too_common":
        return "รหัสผ่านนี้ใช้กันทั่วไปจนเดาได้ง่าย กรุณาตั้งรหัสผ่านที่เดายากกว่านี้"
    if error.code == "password_entirely_numeric":
        return "รหัสผ่านต้องไม่เป็นตัวเลขล้วน"
    if error.code == "password_too_similar" and "verbose_name" in params:
        return "รหัสผ่านคล้ายกับชื่อผู้ใช้ ชื่อ หรืออีเมลมากเกินไป"
    return error.messages[0]


def validate_password_in_thai(password, user):
    """Django's validate_password, its refusals in Thai."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError([_in_thai(e) for e in error.error_list]) from None


class ThaiPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label="อีเมลที่ใช้กับบัญชี",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "กรุณากรอกอีเมล",
            "invalid": "รูปแบบอีเมลไม่ถูกต้อง เช่น somchai@example.go.th",
        },
    )


class ThaiSetPasswordForm(SetPasswordForm):
    error_messages = {"password_mismatch": "รหัสผ่านทั้งสองช่องไม่ตรงกัน"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "รหัสผ่านใหม่"
        self.fields["new_password1"].help_text = "อย่างน้อย ๘ ตัวอักษร ไม่ใช่ตัวเลขล้วน และไม่คล้ายชื่อผู้ใช้"
        self.fields["new_password2"].label = "ยืนยันรหัสผ่านใหม่"
        for field in self.fields.values():
            field.error_messages["required"] = f"กรุณากรอก{field.label}"

    def validate_password_for_user(self, user, password_field_name="password2"):  # noqa: S107
        password = self.cleaned_data.get(password_field_name)
        if password:
            try:
                validate_password_in_thai(password, user)
            except ValidationError as error:
                self.add_error(password_field_name, error)


TOO_MANY_RESETS = (
    "มีการขอลิงก์ตั้งรหัสผ่านใหม่บ่อยเกินไป กรุณาตรวจสอบอีเมลที่ส่งไปแล้ว (รวมถึงกล่องจดหมายขยะ) "
    "หรือรอประมาณ {minutes} นาทีแล้วลองใหม่"
)


class ThaiPasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, limited per e-mail address and per client address so that nobody
    can fill a person's inbox or the mail server's quota. Every address counts, whether or not an
    account has it, and the refusal reads the same: it tells nothing about who has an account."""

    form_class = ThaiPasswordResetForm

    def form_valid(self, form):
        window = settings.PASSWORD_RESET_RATE_WINDOW
        email = form.cleaned_data["email"].strip().casefold()
        # Both counted on every request, so neither limit lets the other be probed.
        by_email = rate_limit_exceeded(
            scope="reset-email",
            key=email,
            limit=settings.PASSWORD_RESET_RATE_PER_EMAIL,
            window=window,
        )
        by_client = rate_limit_exceeded(
            scope="reset-client",
            key=client_address(self.request),
            limit=settings.PASSWORD_RESET_RATE_PER_CLIENT,
            window=window,
        )
        if by_email or by_client:
            log_event("password_reset_limited", by_email=by_email, by_client=by_client)
            form.add_error(None, TOO_MANY_RESETS.format(minutes=thai.thai_number(window // 60)))
            return self.form_invalid(form)
        return super().form_valid(form)
