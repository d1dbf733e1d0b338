"""A password must not be guessable from the name of the user's organisation."""

import re
from difflib import SequenceMatcher

from django.contrib.auth.password_validation import exceeds_maximum_length_ratio
from django.core.exceptions import ValidationError

from .models import Organisation


class OrganisationNameSimilarityValidator:
    """Like Django's UserAttributeSimilarityValidator, against the user's organisations' names.

    An office's first guess at a colleague's password is the organisation's name or its link
    name (``thungdaoruang2567``)."""

    def __init__(self, max_similarity=0.7):
        self.max_similarity = max_similarity

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        password = password.lower()
        names = Organisation.objects.filter(memberships__user=user).values_list(
            "slug", "name_th", "short_name"
        )
        for name in (value for row in names for value in row if value):
            value = name.lower()
            for part in [*re.split(r"\W+", value), value]:
                if exceeds_maximum_length_ratio(password, self.max_similarity, part):
                    continue
                matcher = SequenceMatcher(a=password, b=part)
                if matcher.quick_ratio() >= self.max_similarity:
                    raise ValidationError(
                        "รหัสผ่านคล้ายกับชื่อหน่วยงาน “%(name)s” มากเกินไป "
                        "กรุณาตั้งรหัสผ่านที่เดาจากชื่อหน่วยงานไม่ได้",
                        code="password_too_similar",
                        params={"name": name},
                    )

    def get_help_text(self):
        return "รหัสผ่านต้องไม่คล้ายกับชื่อหน่วยงานของท่าน"
