"""The titles and column headers of the documents, in each wording a plan may choose
(MeasurePlan.wording), as seen in organisations' own reports (/work/shared/examples): the
standard wording, the one of อบต.ปอ (guideline), of อบต.บางทรายน้อย (brief), and one that
words results as ผลลัพธ์/ความสำเร็จ (success). A "|" in a title marks a line break of the
cover page; elsewhere the title prints on one line."""

STANDARD = {
    "measures_title": "มาตรการส่งเสริมคุณธรรมและ|ความโปร่งใสภายในหน่วยงาน",
    "report_title": "รายงานผลการดำเนินการตาม|มาตรการส่งเสริมคุณธรรมและ|ความโปร่งใสภายในหน่วยงาน",
    # the plan layout
    "issue": "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
    "units": "ผู้รับผิดชอบ",
    "steps": "ขั้นตอนหรือวิธีการ/มาตรการ",
    "monitoring_deadline": "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
    "actions": "การดำเนินการ",
    # the summary layout
    "measure": "มาตรการ",
    "method": "วิธีดำเนินการ",
    "monitoring": "การรายงานผลและการกำกับติดตาม",
    "period": "ระยะเวลา",
    "results": "ผลการดำเนินการ",
    "outcome": "ผลลัพธ์/ข้อเสนอแนะ",
    "expected_outcome": "ผลลัพธ์ที่คาดหวัง",
}

WORDINGS = {
    "standard": STANDARD,
    "guideline": {
        **STANDARD,
        "report_title": "รายงานผลการดำเนินการตาม|มาตรการส่งเสริมคุณธรรมและ|ความโปร่งใส",
        "measure": "มาตรการ/แนวทางการกำหนดวิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ",
        "method": "ขั้นตอน/วิธีดำเนินการ",
        "period": "ระยะเวลาดำเนินการ",
        "results": "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม",
        "outcome": "ผลลัพธ์หรือความสำเร็จของการดำเนินการ",
    },
    "brief": {
        **STANDARD,
        "measures_title": "มาตรการส่งเสริม|คุณธรรมและความโปร่งใส",
        "report_title": "รายงานผลการดำเนินการ|มาตรการส่งเสริม|คุณธรรมและความโปร่งใส",
        "outcome": "ข้อเสนอแนะ",
    },
    "success": {
        **STANDARD,
        "monitoring_deadline": "การแสดงผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
        "monitoring": "การแสดงผลและการกำกับติดตาม",
        "outcome": "ผลลัพธ์/ความสำเร็จ",
    },
}


def wording_of(key):
    """The texts of a wording; an unknown key (a plan saved before a wording was removed)
    reads as the standard one."""
    return WORDINGS.get(key, STANDARD)


def title_text(title):
    return title.replace("|", "")


def cover_lines(title):
    return title.split("|")
