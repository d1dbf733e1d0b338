"""Keeping the search index in step: the services that change a measure, an entry (its
evidence with it) or a unit call these after saving; deletions follow by CASCADE.
``search_organisation_reindex`` rebuilds an organisation at once (the search_reindex command)."""

from collections import defaultdict

from django.db import transaction

from ..models import (
    EvidenceFile,
    EvidenceLink,
    Indicator,
    Measure,
    MeasureStep,
    MonitoringItem,
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


def measure_text(measure, steps, items):
    """steps: the steps' texts; items: the monitoring items' printed lines."""
    return _lines(
        measure.title,
        measure.issue,
        *steps,
        measure.monitoring,
        *items,
        measure.responsible_note,
        measure.expected_outcome,
    )


def entry_text(entry, links, files):
    """links: (title, url) pairs; files: the current files' original names."""
    return _lines(entry.description, *(f"{title} {url}" for title, url in links), *files)


def _grouped(pairs):
    found = defaultdict(list)
    for key, *value in pairs:
        found[key].append(value[0] if len(value) == 1 else tuple(value))
    return found


def _texts_of_measures(measures):
    """{measure id: its text}, in two queries whatever the number of measures."""
    steps = _grouped(
        MeasureStep.objects.filter(measure__in=measures)
        .order_by("measure", "order")
        .values_list("measure_id", "text")
    )
    items = defaultdict(list)
    for item in MonitoringItem.objects.filter(measure__in=measures).order_by("measure", "order"):
        items[item.measure_id].append(item.printed)
    return {m.pk: measure_text(m, steps[m.pk], items[m.pk]) for m in measures}


def _texts_of_entries(entries):
    """{entry id: its text}, evidence included, in two queries (no per-entry prefetch: at
    thousands of entries Django's related managers cost more than the words)."""
    ids = [e.pk for e in entries]
    links = _grouped(
        EvidenceLink.objects.filter(entry__in=ids)
        .order_by("entry", "order", "pk")
        .values_list("entry_id", "title", "url")
    )
    files = _grouped(
        EvidenceFile.objects.filter(entry__in=ids)
        .order_by("entry", "uploaded_at", "pk")
        .values_list("entry_id", "original_name")
    )
    return {e.pk: entry_text(e, links[e.pk], files[e.pk]) for e in entries}


def _measure_document(measure, organisation, segmenter, body):
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


def _entry_document(entry, measure, organisation, segmenter, body):
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
    body = _texts_of_measures([measure])[measure.pk]
    document = _measure_document(measure, organisation, segmenter_for(organisation), body)
    SearchDocument.objects.filter(kind=Kind.ENTRY, measure=measure).update(
        in_force=document.in_force
    )
    return _replace(document, kind=Kind.MEASURE, measure=measure)


def search_entry_index(*, entry):
    entry = ProgressEntry.objects.select_related("measure__plan__organisation").get(pk=entry.pk)
    organisation = entry.measure.plan.organisation
    segmenter = segmenter_for(organisation)
    body = _texts_of_entries([entry])[entry.pk]
    document = _entry_document(entry, entry.measure, organisation, segmenter, body)
    return _replace(document, entry=entry)


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
    measures = list(Measure.objects.filter(plan__organisation=organisation).select_related("plan"))
    texts = _texts_of_measures(measures)
    for measure in measures:
        documents.append(_measure_document(measure, organisation, segmenter, texts[measure.pk]))
    by_id = {m.pk: m for m in measures}
    entries = list(ProgressEntry.objects.filter(measure__in=measures))
    texts = _texts_of_entries(entries)
    for entry in entries:
        measure = by_id[entry.measure_id]
        documents.append(_entry_document(entry, measure, organisation, segmenter, texts[entry.pk]))
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
