"""Plain-text mails print what people typed on one line (they render with autoescaping off)."""

import pytest
from django.template.loader import render_to_string

from itaportal.templatetags.mail import one_line
from tests.factories import make_user

FORGED = "สมชาย\n\nกรุณาเปิดลิงก์นี้แทน: https://evil.example/\r\x0bใจดี"


def test_one_line_turns_line_breaks_and_control_characters_into_single_spaces():
    assert one_line(FORGED) == "สมชาย กรุณาเปิดลิงก์นี้แทน: https://evil.example/ ใจดี"
    assert one_line(None) == ""
    assert one_line("R&D <ฝ่าย>") == "R&D <ฝ่าย>"  # a text mail shows it as typed


@pytest.mark.django_db
def test_a_name_with_line_breaks_cannot_add_a_line_to_the_password_reset_mail():
    user = make_user("somchai")
    user.first_name = FORGED
    body = render_to_string(
        "registration/password_reset_email.html",
        {"user": user, "protocol": "https", "domain": "ita.example.org", "uid": "x", "token": "y"},
    )
    assert not any(line.startswith("กรุณาเปิดลิงก์นี้แทน") for line in body.splitlines())
    assert "https://evil.example/" in body.splitlines()[0]
