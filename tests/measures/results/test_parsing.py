"""Reading a result out of pasted text: names, codes, ranks, Thai digits, and refusals."""

from decimal import Decimal

import pytest

from measures.results.parsing import ResultTextError, result_from_text
from measures.results.scoring import Shape

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def shape(framework_2565):
    return Shape.of(framework_2565)


def read(shape, text):
    return result_from_text(shape=shape, text=text)


def refusal(shape, text):
    with pytest.raises(ResultTextError) as error:
        read(shape, text)
    return error.value.messages


def test_a_nacc_style_table_with_ranks_tabs_and_thai_digits(shape):
    reading = read(
        shape,
        "ผลการประเมิน ITA ปี ๒๕๖๕\n"
        "ลำดับ\tตัวชี้วัด\tคะแนน\n"
        "1\tตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\t93.58\n"
        "๒ ตัวชี้วัดที่ ๒ การใช้งบประมาณ ๘๘.๒๑\n"
        "การใช้อำนาจ 90.47 3\n"
        "ตัวชี้วัดที่ 4 95.00\n"
        "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล\n"
        "9.1 ข้อมูลพื้นฐาน 100\n"
        "IIT 85.10\n"
        "คะแนนรวม 82.40 ระดับ B\n",
    )
    assert reading.typed.scores == {
        "ind:1": D("93.58"),
        "ind:2": D("88.21"),
        "ind:3": D("90.47"),
        "ind:4": D("95.00"),
        "sub:9.1": D("100.00"),
        "tool:IIT": D("85.10"),
    }
    assert (reading.typed.official_total, reading.typed.official_rating) == (D("82.40"), "B")
    assert len(reading.headings) == 3  # the title, the column headings, indicator 9's heading


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("1๑๐ บุคลากรในหน่วยงานของท่าน มีการเบิกจ่ายเงิน ที่เป็นเท็จ 78.5", "q:i10"),
        ("e๖ การเผยแพร่ข้อมูล ๘๐.๐๐", "q:e6"),
        ("E๑๑ เจ้าหน้าที่ของหน่วยงาน 71.25", "q:e11"),
        ("๐๒๐ รายงานผลการใช้จ่ายงบประมาณ รอบ 6 เดือน 100", "q:O20"),
        ("๓ ข้อ ๐๘ Q & A 100.00 1", "q:O8"),
        ("O42\tมาตรการส่งเสริมคุณธรรม\t0", "q:O42"),
    ],
)
def test_question_lines_as_documents_print_their_codes(shape, line, key):
    reading = read(shape, line)
    assert list(reading.typed.scores) == [key]


def test_a_question_whose_words_say_rating_is_still_a_question(shape):
    reading = read(shape, "e3 ท่านพอใจการให้บริการในระดับ A หรือไม่ 88.10")
    assert reading.typed.scores == {"q:e3": D("88.10")}
    assert reading.typed.official_rating == ""


def test_the_score_is_the_number_that_ends_the_line_not_one_in_the_question(shape):
    reading = read(shape, "O12 รายงานการกำกับติดตาม รอบ 6 เดือน 87.50 2")
    assert reading.typed.scores == {"q:O12": D("87.50")}


def test_a_misnamed_indicator_is_refused_quoting_the_line_and_offering_the_closest(shape):
    messages = refusal(shape, "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 90\nการแก้ปัญหาการทุจริต 80.00")
    assert len(messages) == 1
    assert messages[0].startswith("บรรทัดที่ ๒ “การแก้ปัญหาการทุจริต 80.00”")
    assert "ตัวชี้วัดที่ ๕ การแก้ไขปัญหาการทุจริต" in messages[0].split("ใกล้เคียง:")[1]


def test_a_number_and_a_name_that_disagree_are_refused(shape):
    (message,) = refusal(shape, "ตัวชี้วัดที่ 2 การใช้อำนาจ 80")
    assert "ตัวชี้วัดที่ ๒ การใช้งบประมาณ" in message
    assert "ไม่ได้ชื่อ “การใช้อำนาจ”" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i31 ข้อที่ไม่มี 50", "ไม่มีข้อ i๓๑ ในกรอบการประเมินปี ๒๕๖๕"),
        ("ตัวชี้วัดที่ 11 อื่น ๆ 80", "ไม่มีตัวชี้วัดที่ ๑๑"),
        ("การใช้งบประมาณ 120", "ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"),
        ("คะแนนเฉลี่ยทั้งหมด 12", "ไม่พบชื่อนี้"),
        ("การใช้อำนาจ 80\nการใช้อำนาจ 81", "มีคะแนนสองค่าที่ไม่ตรงกัน"),
        ("หัวข้อเท่านั้น", "ไม่พบคะแนน"),
    ],
)
def test_lines_not_understood_are_refused_in_thai(shape, text, expected):
    assert expected in " ".join(refusal(shape, text))


def test_every_bad_line_is_listed_not_only_the_first(shape):
    messages = refusal(shape, "สวัสดี 1\nการใช้อำนาจ 80\ni99 50")
    assert [m.split(" ")[0] + " " + m.split(" ")[1] for m in messages] == [
        "บรรทัดที่ ๑",
        "บรรทัดที่ ๓",
    ]
