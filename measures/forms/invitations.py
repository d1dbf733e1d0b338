"""Inviting a person, joining by an invitation, a person's own reminder setting."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError

from itaportal.passwords import validate_password_in_thai

from .base import ThaiForm
from .people import MemberForm


class InvitationForm(MemberForm):
    """Who to invite (an e-mail address, never an account), in which role and units."""

    email = forms.EmailField(
        label="อีเมล",
        max_length=254,
        help_text="ระบบจะส่งลิงก์คำเชิญไปที่อีเมลนี้",
    )
    field_order = ["email", "role", "units"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["invalid"] = (
            "รูปแบบอีเมลไม่ถูกต้อง เช่น somchai@example.go.th"
        )


class JoinForm(ThaiForm):
    """A new account for the invited address."""

    username = forms.CharField(
        label="ชื่อผู้ใช้",
        max_length=150,
        help_text="ใช้เข้าสู่ระบบ: ตัวอักษร ตัวเลข และ @ . + - _ เท่านั้น",
    )
    first_name = forms.CharField(label="ชื่อ", max_length=150, required=False)
    last_name = forms.CharField(label="นามสกุล", max_length=150, required=False)
    password1 = forms.CharField(
        label="รหัสผ่าน",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="อย่างน้อย ๘ ตัวอักษร ไม่ใช่ตัวเลขล้วน และไม่คล้ายชื่อผู้ใช้",
    )
    password2 = forms.CharField(
        label="ยืนยันรหัสผ่าน",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            raise ValidationError("ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษร ตัวเลข และ @ . + - _ (ไม่มีช่องว่าง)") from None
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError("มีผู้ใช้ชื่อนี้แล้ว กรุณาเลือกชื่อผู้ใช้อื่น")
        return username

    def clean(self):
        data = super().clean()
        password = data.get("password1")
        if password and data.get("password2") != password:
            self.add_error("password2", "รหัสผ่านทั้งสองช่องไม่ตรงกัน")
        elif password:
            user = get_user_model()(
                username=data.get("username", ""),
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                validate_password_in_thai(password, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class ReminderSettingsForm(ThaiForm):
    wants_reminders = forms.BooleanField(
        label="รับอีเมลแจ้งเตือนงานที่ต้องติดตาม (วันละไม่เกินหนึ่งฉบับ)",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
