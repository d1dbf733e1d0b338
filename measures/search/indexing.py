"""Keeping the search index in step: the services that change a measure, an entry (its
evidence with it) or a unit call these after saving; deletions follow by CASCADE.
``search_organisations_reindex`` rebuilds organisations at once (the search_reindex command), a
batch of them in a fixed number of queries."""

from collections import defaultdict

from django.db import transaction

from itaportal import thai

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
REINDEX_BATCH = 200  # organisations rebuilt per transaction and per round of queries
INSERT_BATCH = 2000


def _catalog_names():
    return [
        model.objects.exclude(name_th="").order_by().values_list("name_th", flat=True)
        for model in (Tool, Indicator, SubIndicator)
    ]


def catalog_names():
    """The catalog's tool and indicator names: ITA words a plan's text uses as one."""
    names = _catalog_names()
    return list(names[0].union(*names[1:]))  # one query


def _segmenter(organisation, unit_names, catalog_pieces):
    names = name_pieces(organisation.name_th, organisation.short_name, *unit_names)
    return Segmenter(names | catalog_pieces)


def segmenter_for(organisation):
    """The organisation's segmenter: its own names, its units' and the catalog's added to the
    dictionary (read in one query)."""
    units = Unit.objects.filter(organisation=organisation).order_by().values_list("name", flat=True)
    names = list(units.union(*_catalog_names()))
    return Segmenter(name_pieces(organisation.name_th, organisation.short_name, *names))


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


def _texts_of_measures(measures, **of):
    """{measure id: its text}, in two queries whatever the number of measures; ``of`` filters
    steps and items by their measure (measure__in=... or measure__plan__organisation__in=...)."""
    of = of or {"measure__in": measures}
    steps = _grouped(
        MeasureStep.objects.filter(**of)
        .order_by("measure", "order")
        .values_list("measure_id", "text")
    )
    items = defaultdict(list)
    for item in MonitoringItem.objects.filter(**of).order_by("measure", "order"):
        items[item.measure_id].append(item.printed)
    return {m.pk: measure_text(m, steps[m.pk], items[m.pk]) for m in measures}


def _texts_of_entries(entries, **of):
    """{entry id: its text}, evidence included, in two queries (no per-entry prefetch: at
    thousands of entries Django's related managers cost more than the words); ``of`` filters
    the evidence by its entry."""
    of = of or {"entry__in": [e.pk for e in entries]}
    links = _grouped(
        EvidenceLink.objects.filter(**of)
        .order_by("entry", "order", "pk")
        .values_list("entry_id", "title", "url")
    )
    files = _grouped(
        EvidenceFile.objects.filter(**of)
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


def _document_document(plan, organisation, segmenter, document_kind, title):
    # Printed in Thai digits, as the document is; search folds digits (words.normalised).
    body = f"{title} {organisation.name_th} ปีงบประมาณ {thai.to_thai_digits(plan.fiscal_year)}"
    return SearchDocument(
        kind=Kind.DOCUMENT,
        organisation=organisation,
        plan=plan,
        fiscal_year=plan.fiscal_year,
        province=organisation.province,
        document_kind=document_kind,
        title=title,
        body=body,
        segmented=segmenter.indexed(body),
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
    segmenter = segmenter_for(organisation)
    document = _document_document(plan, organisation, segmenter, document_kind, title)
    return _replace(document, kind=Kind.DOCUMENT, plan=plan, document_kind=document_kind)


@transaction.atomic
def search_plans_documents_reindex(*, documents):
    """Rebuild the published-document rows of plans: ``documents`` holds (plan, document kind,
    title) for every published document of those plans (their organisations selected with
    them); rows of those plans not in it go. A fixed number of queries whatever the number."""
    plans = {plan.pk: plan for plan, _kind, _title in documents}
    SearchDocument.objects.filter(kind=Kind.DOCUMENT, plan__in=list(plans)).delete()
    organisations = {plan.organisation_id: plan.organisation for plan in plans.values()}
    segmenters = _segmenters(organisations.values(), name_pieces(*catalog_names()))
    rows = [
        _document_document(plan, plan.organisation, segmenters[plan.organisation_id], kind, title)
        for plan, kind, title in documents
    ]
    SearchDocument.objects.bulk_create(rows, batch_size=INSERT_BATCH)
    return len(rows)


def _segmenters(organisations, catalog_pieces):
    ids = [o.pk for o in organisations]
    units = _grouped(
        Unit.objects.filter(organisation__in=ids).values_list("organisation_id", "name")
    )
    return {o.pk: _segmenter(o, units[o.pk], catalog_pieces) for o in organisations}


@transaction.atomic
def search_organisations_reindex(*, organisations, catalog_pieces=None):
    """Rebuild these organisations' measures, entries and units (documents are kept: their rows
    come from publishing) in a fixed number of queries. Returns how many rows were written.

    Each text is cut once however often it repeats (Segmenter.indexed remembers), and rows go
    in by thousands: a national rebuild is bound by the database, not by pythainlp."""
    organisations = {o.pk: o for o in organisations}
    ids = list(organisations)
    if catalog_pieces is None:
        catalog_pieces = name_pieces(*catalog_names())
    SearchDocument.objects.filter(organisation__in=ids).exclude(kind=Kind.DOCUMENT).delete()
    segmenters = _segmenters(organisations.values(), catalog_pieces)
    documents = [
        _unit_document(unit, organisations[unit.organisation_id], segmenters[unit.organisation_id])
        for unit in Unit.objects.filter(organisation__in=ids).order_by("organisation", "order")
    ]
    in_batch = {"measure__plan__organisation__in": ids}
    measures = list(Measure.objects.filter(plan__organisation__in=ids).select_related("plan"))
    texts = _texts_of_measures(measures, **in_batch)
    for measure in measures:
        org_id = measure.plan.organisation_id
        documents.append(
            _measure_document(measure, organisations[org_id], segmenters[org_id], texts[measure.pk])
        )
    by_id = {m.pk: m for m in measures}
    entries = list(
        ProgressEntry.objects.filter(measure__plan__organisation__in=ids).only(
            "measure", "done_on", "description", "review_state"
        )
    )
    texts = _texts_of_entries(entries, entry__measure__plan__organisation__in=ids)
    for entry in entries:
        measure = by_id[entry.measure_id]
        org_id = measure.plan.organisation_id
        documents.append(
            _entry_document(
                entry, measure, organisations[org_id], segmenters[org_id], texts[entry.pk]
            )
        )
    SearchDocument.objects.bulk_create(documents, batch_size=INSERT_BATCH)
    return len(documents)


def search_organisation_reindex(*, organisation):
    """Rebuild one organisation's measures, entries and units."""
    return search_organisations_reindex(organisations=[organisation])


def search_reindex(*, slug=None, batch=REINDEX_BATCH, progress=None):
    """Rebuild every organisation's index, or one's, ``batch`` organisations at a time;
    ``progress(done, total, rows)`` after each batch."""
    organisations = Organisation.objects.order_by("pk")
    if slug:
        organisations = organisations.filter(slug=slug)
    total = organisations.count()
    catalog_pieces = name_pieces(*catalog_names())
    rows = done = 0
    last_pk = 0
    while done < total:
        chunk = list(organisations.filter(pk__gt=last_pk)[:batch])
        if not chunk:
            break
        rows += search_organisations_reindex(organisations=chunk, catalog_pieces=catalog_pieces)
        done += len(chunk)
        last_pk = chunk[-1].pk
        if progress:
            progress(done, total, rows)
    return rows
