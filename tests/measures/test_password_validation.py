"""A password must not be guessable from the user's organisation's name."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    org = make_organisation(
        slug="thungdaoruang", name_th="องค์การบริหารส่วนตำบลทุ่งดาวเรือง", short_name="อบต.ทุ่งดาวเรือง"
    )
    return make_member(org, "staff")


def test_a_password_like_the_organisations_link_name_is_refused_in_thai(member):
    with pytest.raises(ValidationError) as refused:
        validate_password("Thungdaoruang2567", user=member)
    assert "คล้ายกับชื่อหน่วยงาน" in " ".join(refused.value.messages)


def test_a_password_like_the_organisations_thai_name_is_refused(member):
    with pytest.raises(ValidationError):
        validate_password("อบต.ทุ่งดาวเรือง1", user=member)


def test_someone_outside_the_organisation_may_use_it(member):
    validate_password("Thungdaoruang2567", user=make_user())


def test_an_unrelated_password_passes(member):
    validate_password("kaeng-som-pla-chon-42", user=member)
