"""Small pieces the staff views share: the stale-save refusal and bad-state messages."""


def keep_typed_with_version(form, current_version):
    """After a refused stale save: keep everything the user typed, but carry the current
    version, so saving again (after reading what changed) overwrites knowingly."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(current_version)
    form.data = data


def refuse_stale(request, form, error, current_version):
    keep_typed_with_version(form, current_version)
    form.add_error(
        None,
        "มีผู้อื่นบันทึกการแก้ไขรายการนี้ระหว่างที่ท่านกำลังแก้ไข ระบบจึงยังไม่บันทึกของท่าน "
        "สิ่งที่ท่านพิมพ์ยังอยู่ในแบบฟอร์ม กรุณาตรวจสอบรายการที่เปลี่ยนด้านบน "
        "แล้วกดบันทึกอีกครั้งหากต้องการบันทึกทับ",
    )
    return {"conflict": error.changes}
