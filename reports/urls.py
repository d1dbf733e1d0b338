from django.urls import path, register_converter

from . import (
    analysis_views,
    dashboard_views,
    document_views,
    itas_views,
    open_data,
    search_views,
    views,
)

app_name = "reports"
register_converter(document_views.DocumentKindConverter, "dockind")
register_converter(document_views.PublicationKindConverter, "pubkind")

urlpatterns = [
    path("", views.home, name="home"),
    path("manage/dashboard/", dashboard_views.dashboard_home, name="dashboard-home"),
    path("manage/<slug:slug>/dashboard/", dashboard_views.dashboard_page, name="dashboard"),
    path("manage/<slug:slug>/measures/", dashboard_views.measure_list, name="measure-list"),
    path("manage/<slug:slug>/documents/", document_views.documents, name="documents"),
    path(
        "manage/<slug:slug>/documents/<int:year>/analysis.pdf",
        analysis_views.analysis_preview_pdf,
        name="analysis-preview-pdf",
    ),
    path(
        "manage/<slug:slug>/documents/<int:year>/analysis.docx",
        analysis_views.analysis_preview_docx,
        name="analysis-preview-docx",
    ),
    path(
        "manage/<slug:slug>/documents/<int:year>/analysis/publish/",
        analysis_views.analysis_publish,
        name="analysis-publish",
    ),
    path(
        "manage/<slug:slug>/documents/<int:year>/<dockind:kind>/preview/",
        document_views.document_preview,
        name="document-preview",
    ),
    path(
        "manage/<slug:slug>/documents/<int:year>/<dockind:kind>/preview.pdf",
        document_views.document_preview_pdf,
        name="document-preview-pdf",
    ),
    path(
        "manage/<slug:slug>/documents/<int:year>/<dockind:kind>/preview.docx",
        document_views.document_preview_docx,
        name="document-preview-docx",
    ),
    path(
        "manage/<slug:slug>/documents/<int:year>/<dockind:kind>/publish/",
        document_views.document_publish,
        name="document-publish",
    ),
    path(
        "manage/<slug:slug>/documents/<int:year>/<dockind:kind>/reopen/",
        document_views.document_round_reopen,
        name="document-round-reopen",
    ),
    path(
        "manage/<slug:slug>/documents/<int:year>/<dockind:kind>/notes/",
        document_views.document_round_notes,
        name="document-round-notes",
    ),
    path("search/", search_views.search, name="search"),
    path("<slug:slug>/", views.organisation, name="organisation"),
    path("<slug:slug>/emblem", views.organisation_emblem, name="organisation-emblem"),
    # The ITAS answer sheet: which OIT item each published document answers, and its link.
    path("<slug:slug>/itas/<int:year>/", itas_views.answer_sheet, name="itas"),
    path("<slug:slug>/itas/<int:year>/answers.csv", itas_views.answer_sheet_csv, name="itas-csv"),
    # Open data of a public plan: its measures and the approved progress of published rounds.
    path("<slug:slug>/<int:year>/measures.csv", open_data.measures_csv, name="open-data-csv"),
    path("<slug:slug>/<int:year>/measures.json", open_data.measures_json, name="open-data-json"),
    # Stable public links: the latest revision; each revision keeps its own URL too.
    path(
        "<slug:slug>/<int:year>/<pubkind:kind>.pdf", views.publication_pdf, name="publication-pdf"
    ),
    path("<slug:slug>/<int:year>/<pubkind:kind>/", views.publication, name="publication"),
    path(
        "<slug:slug>/<int:year>/<pubkind:kind>/<int:revision>.pdf",
        views.publication_revision_pdf,
        name="publication-revision-pdf",
    ),
    path(
        "<slug:slug>/<int:year>/<pubkind:kind>/<int:revision>/",
        views.publication_revision,
        name="publication-revision",
    ),
    path(
        "<slug:slug>/<int:year>/<pubkind:kind>/<int:revision>/emblem",
        views.publication_emblem,
        name="publication-emblem",
    ),
]
