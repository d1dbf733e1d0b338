"""Django's password-reset forms with Thai labels and messages.

Django's form already logs, rather than raises, a mail server's refusal: the page answers the
same whether or not an account has the address and whether or not the mail went out."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm


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
