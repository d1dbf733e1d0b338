"""How long a typed text may be: what a real document needs, with room to spare.

The longest cell of the sample reports (../shared/examples) is about 1,700 characters, a
progress description. Without a limit one 3 MB result made the 12-month report impossible to
render within its time limit.
"""

from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible

from itaportal import thai

PLAN_INTRO = 10_000
MEASURE_TITLE = 1_000
MEASURE_ISSUE = 3_000
MEASURE_MONITORING = 3_000
MEASURE_RESPONSIBLE = 1_000
MEASURE_OUTCOME = 3_000
STEP_TEXT = 2_000
ENTRY_DESCRIPTION = 5_000
REVIEW_COMMENT = 2_000
REOPEN_REASON = 2_000
ROUND_NOTES = 5_000


@deconstructible
class MaxLength(MaxLengthValidator):
    """Django's length check with a Thai message that gives the limit in Thai digits."""

    def __init__(self, limit_value):
        super().__init__(
            limit_value,
            message=f"ยาวเกิน {thai.thai_number(limit_value)} ตัวอักษร กรุณาย่อให้สั้นลง",
        )
