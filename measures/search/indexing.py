"""Keeping the search index in step: the services that change a measure, an entry (its
evidence with it) or a unit call these after saving; deletions follow by CASCADE.
``search_organisation_reindex`` rebuilds an organisation at once (the search_reindex command)."""

from django.db import transaction

from ..models import (
    Indicator,
    Measure,
    Organisation,
    ProgressEntry,
    SearchDocument,
    SubIndicator,
    Tool,
    Unit,
)
from .words import Segmenter, name_pieces

Kind = SearchDocument.Kind


def catalog_names():
    """The catalog's tool and indicator names: ITA words a plan's text uses as one."""
    names = []
    for model in (Tool, Indicator, SubIndicator):
        names += model.objects.exclude(name_th="").values_list("name_th", flat=True).distinct()
    return names


def segmenter_for(organisation, *, catalog=None):
    """The organisation's segmenter: its own names and its units' added to the dictionary."""
    units = Unit.objects.filter(organisation=organisation).values_list("name", flat=True)
    names = [organisation.name_th, organisation.short_name, *units]
    return Segmenter(name_pieces(*names, *(catalog_names() if catalog is None else catalog)))


def _lines(*texts):
    return "\n".join(t.strip() for t in texts if t and t.strip())


def measure_text(measure):
    steps = [s.text for s in measure.steps.all()]
    items = [m.printed for m in measure.monitoring_items.all()]
    return _lines(
        measure.title,
        measure.issue,
        *steps,
        measure.monitoring,
        *items,
        measure.responsible_note,
        measure.expected_outcome,
    )


def entry_text(entry):
    links = [f"{link.title} {link.url}" for link in entry.links.all()]
    files = [f.original_name for f in entry.files.all()]
    return _lines(entry.description, *links, *files)


def _measure_document(measure, organisation, segmenter):
    body = measure_text(measure)
    return SearchDocument(
        kind=Kind.MEASURE,
        organisation=organisation,
        plan_id=measure.plan_id,
        measure=measure,
        fiscal_year=measure.plan.fiscal_year,
        province=organisation.province,
        in_force=measure.withdrawn_at is None,
        title=measure.heading[:500],
        body=body,
        segmented=segmenter.indexed(body),
    )


def _entry_document(entry, measure, organisation, segmenter):
    body = entry_text(entry)
    return SearchDocument(
        kind=Kind.ENTRY,
        organisation=organisation,
        plan_id=measure.plan_id,
        measure=measure,
        entry=entry,
        fiscal_year=measure.plan.fiscal_year,
        province=organisation.province,
        in_force=measure.withdrawn_at is None,
        approved=entry.review_state == ProgressEntry.Review.APPROVED,
        round_months=entry.round_months,
        title=measure.heading[:500],
        body=body,
        segmented=segmenter.indexed(body),
    )


def _unit_document(unit, organisation, segmenter):
    return SearchDocument(
        kind=Kind.UNIT,
        organisation=organisation,
        unit=unit,
        province=organisation.province,
        title=unit.name,
        body=unit.name,
        segmented=segmenter.indexed(unit.name),
    )


def _replace(document, **match):
    with transaction.atomic():
        SearchDocument.objects.filter(**match).delete()
        document.save()
    return document


def search_measure_index(*, measure):
    """The measure's row, and its entries' facts that follow the measure (withdrawn or not)."""
    measure = Measure.objects.select_related("plan__organisation").get(pk=measure.pk)
    organisation = measure.plan.organisation
    document = _measure_document(measure, organisation, segmenter_for(organisation))
    SearchDocument.objects.filter(kind=Kind.ENTRY, measure=measure).update(
        in_force=document.in_force
    )
    return _replace(document, kind=Kind.MEASURE, measure=measure)


def search_entry_index(*, entry):
    entry = ProgressEntry.objects.select_related("measure__plan__organisation").get(pk=entry.pk)
    organisation = entry.measure.plan.organisation
    segmenter = segmenter_for(organisation)
    return _replace(_entry_document(entry, entry.measure, organisation, segmenter), entry=entry)


def search_unit_index(*, unit):
    organisation = unit.organisation
    return _replace(_unit_document(unit, organisation, segmenter_for(organisation)), unit=unit)


def search_document_index(*, plan, document_kind, title):
    """A published document (reports/publishing.py): its title, one row per plan and kind."""
    organisation = plan.organisation
    body = f"{title} {organisation.name_th} ปีงบประมาณ {plan.fiscal_year}"
    document = SearchDocument(
        kind=Kind.DOCUMENT,
        organisation=organisation,
        plan=plan,
        fiscal_year=plan.fiscal_year,
        province=organisation.province,
        document_kind=document_kind,
        title=title,
        body=body,
        segmented=segmenter_for(organisation).indexed(body),
    )
    return _replace(document, kind=Kind.DOCUMENT, plan=plan, document_kind=document_kind)


@transaction.atomic
def search_organisation_reindex(*, organisation, catalog=None):
    """Rebuild the organisation's measures, entries and units (documents are kept: their rows
    come from publishing). Returns how many rows were written."""
    SearchDocument.objects.filter(organisation=organisation).exclude(kind=Kind.DOCUMENT).delete()
    segmenter = segmenter_for(organisation, catalog=catalog)
    documents = [_unit_document(u, organisation, segmenter) for u in organisation.units.all()]
    measures = (
        Measure.objects.filter(plan__organisation=organisation)
        .select_related("plan")
        .prefetch_related("steps", "monitoring_items")
    )
    for measure in measures.iterator(chunk_size=500):
        documents.append(_measure_document(measure, organisation, segmenter))
    entries = (
        ProgressEntry.objects.filter(measure__plan__organisation=organisation)
        .select_related("measure__plan")
        .prefetch_related("links", "files")
    )
    for entry in entries.iterator(chunk_size=2000):
        documents.append(_entry_document(entry, entry.measure, organisation, segmenter))
    SearchDocument.objects.bulk_create(documents, batch_size=1000)
    return len(documents)


def search_reindex(*, slug=None, progress=None):
    """Rebuild every organisation's index, or one's; ``progress(organisation, rows)`` after each."""
    organisations = Organisation.objects.order_by("pk")
    if slug:
        organisations = organisations.filter(slug=slug)
    catalog = catalog_names()
    total = 0
    for organisation in organisations.iterator():
        rows = search_organisation_reindex(organisation=organisation, catalog=catalog)
        total += rows
        if progress:
            progress(organisation, rows)
    return total
