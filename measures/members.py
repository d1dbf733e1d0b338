"""Work on an organisation's units and members (coordinators): the people side of measures.

Keyword-only functions that validate with full_clean() and run in a transaction, as in
services.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import Membership, Unit
from .search.indexing import search_unit_index


@transaction.atomic
def unit_create(*, organisation, name, parent=None):
    order = (organisation.units.aggregate(n=Max("order"))["n"] or 0) + 1
    unit = Unit(organisation=organisation, name=name.strip(), parent=parent, order=order)
    unit.full_clean()
    unit.save()
    search_unit_index(unit=unit)
    return unit


def _refuse_taken_name(unit, name):
    if unit.organisation.units.exclude(pk=unit.pk).filter(name=name).exists():
        raise ValidationError({"name": f"มี “{name}” อยู่แล้ว กรุณาใช้ชื่ออื่น"})


@transaction.atomic
def unit_rename(*, unit, name, parent=None):
    """A new name (and the division it belongs to) everywhere the unit appears, past documents
    excepted (they are frozen)."""
    name = name.strip()
    _refuse_taken_name(unit, name)
    unit.name, unit.parent = name, parent
    unit.full_clean()
    unit.save()
    search_unit_index(unit=unit)
    return unit


@transaction.atomic
def unit_retire(*, unit):
    unit.retired_at = timezone.now()
    unit.full_clean()
    unit.save()
    search_unit_index(unit=unit)
    return unit


@transaction.atomic
def unit_restore(*, unit):
    unit.retired_at = None
    unit.full_clean()
    unit.save()
    search_unit_index(unit=unit)
    return unit


@transaction.atomic
def member_add(*, organisation, user, role, units=()):
    units = list(units)
    if any(u.organisation_id != organisation.pk for u in units):
        raise ValidationError({"units": "สำนัก/กองที่เลือกไม่ใช่ของหน่วยงานนี้"})
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean()
    membership.save()
    membership.units.set(units)
    return membership


def _coordinators_left(membership):
    return (
        Membership.objects.select_for_update()
        .filter(organisation=membership.organisation, role=Membership.Role.COORDINATOR)
        .exclude(pk=membership.pk)
        .count()
    )


LAST_COORDINATOR = "หน่วยงานต้องมีผู้ประสานงานอย่างน้อยหนึ่งคน กรุณาแต่งตั้งผู้ประสานงานคนอื่นก่อน"


@transaction.atomic
def member_update(*, membership, role, units=()):
    units = list(units)
    if any(u.organisation_id != membership.organisation_id for u in units):
        raise ValidationError({"units": "สำนัก/กองที่เลือกไม่ใช่ของหน่วยงานนี้"})
    if (
        membership.role == Membership.Role.COORDINATOR
        and role != membership.role
        and not _coordinators_left(membership)
    ):
        raise ValidationError({"role": LAST_COORDINATOR})
    membership.role = role
    membership.full_clean()
    membership.save()
    membership.units.set(units)
    return membership


@transaction.atomic
def member_remove(*, membership):
    if membership.role == Membership.Role.COORDINATOR and not _coordinators_left(membership):
        raise ValidationError(LAST_COORDINATOR)
    membership.delete()
