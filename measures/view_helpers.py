"""Small pieces the staff views share: a service's errors on the form, the stale-save refusal."""

# Model fields that a form shows as one field (a period is typed as one text).
FORM_FIELD_OF = {"period_start": "period", "period_end": "period"}


def add_service_errors(form, error):
    """Show a service's ValidationError on the form: on the field it names, else on top."""
    for field, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
        field = FORM_FIELD_OF.get(field, field)
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


def keep_typed_with_version(form, current_version):
    """After a refused stale save: keep everything the user typed, but carry the current
    version, so saving again (after reading what changed) overwrites knowingly."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(current_version)
    form.data = data


def refuse_stale(form, error):
    """After services.StaleVersion: the Thai explanation on the form, the typing kept."""
    keep_typed_with_version(form, error.current_version)
    form.add_error(
        None,
        "มีผู้อื่นบันทึกการแก้ไขรายการนี้ระหว่างที่ท่านกำลังแก้ไข ระบบจึงยังไม่บันทึกของท่าน "
        "สิ่งที่ท่านพิมพ์ยังอยู่ในแบบฟอร์ม กรุณาตรวจสอบรายการที่เปลี่ยนด้านบน "
        "แล้วกดบันทึกอีกครั้งหากต้องการบันทึกทับ",
    )
    return {"conflict": error.changes}
