from django.urls import path

from . import (
    account_views,
    entry_views,
    invitation_views,
    measure_views,
    people_views,
    review_views,
    views,
)
from .plan_import import views as plan_import_views
from .results import views as result_views
from .rollover import views as rollover_views
from .search import views as search_views

app_name = "measures"

urlpatterns = [
    path("my-work/", views.my_work, name="my-work"),
    path("manage/organisations/", views.organisation_pick, name="organisation-pick"),
    path("manage/<slug:slug>/search/", search_views.search, name="search"),
    path(
        "manage/<slug:slug>/measures/<int:pk>/",
        measure_views.measure_detail,
        name="measure-detail",
    ),
    # Plans and measures (coordinators).
    path("manage/<slug:slug>/plans/new/", measure_views.plan_create, name="plan-create"),
    path("manage/<slug:slug>/plans/<int:year>/edit/", measure_views.plan_edit, name="plan-edit"),
    # Plans imported from a sheet or a report, and exported in the template's columns.
    path(
        "manage/<slug:slug>/plans/<int:year>/import/",
        plan_import_views.plan_import,
        name="plan-import",
    ),
    path(
        "manage/<slug:slug>/plans/<int:year>/import/confirm/",
        plan_import_views.plan_import_confirm,
        name="plan-import-confirm",
    ),
    path(
        "manage/<slug:slug>/plans/import-template.xlsx",
        plan_import_views.plan_import_template,
        name="plan-import-template",
    ),
    path(
        "manage/<slug:slug>/plans/<int:year>/export.xlsx",
        plan_import_views.plan_export,
        name="plan-export",
    ),
    path(
        "manage/<slug:slug>/plans/<int:year>/rollover/",
        rollover_views.plan_rollover,
        name="plan-rollover",
    ),
    path(
        "manage/<slug:slug>/plans/<int:year>/measures/new/",
        measure_views.measure_create,
        name="measure-create",
    ),
    path(
        "manage/<slug:slug>/measures/<int:pk>/edit/",
        measure_views.measure_edit,
        name="measure-edit",
    ),
    path(
        "manage/<slug:slug>/measures/<int:pk>/delete/",
        measure_views.measure_delete,
        name="measure-delete",
    ),
    path(
        "manage/<slug:slug>/measures/<int:pk>/move/",
        measure_views.measure_move,
        name="measure-move",
    ),
    # Progress entries (staff of the measure's units, coordinators) and their evidence.
    path(
        "manage/<slug:slug>/measures/<int:pk>/entries/new/",
        entry_views.entry_create,
        name="entry-create",
    ),
    path("manage/<slug:slug>/entries/<int:pk>/edit/", entry_views.entry_edit, name="entry-edit"),
    path(
        "manage/<slug:slug>/entries/<int:pk>/submit/",
        entry_views.entry_submit,
        name="entry-submit",
    ),
    path("manage/<slug:slug>/evidence/<int:pk>/", entry_views.evidence_file, name="evidence-file"),
    # Units and members (coordinators).
    path("manage/<slug:slug>/people/", people_views.people, name="people"),
    path("manage/<slug:slug>/people/units/new/", people_views.unit_add, name="unit-add"),
    path(
        "manage/<slug:slug>/people/units/<int:pk>/edit/", people_views.unit_edit, name="unit-edit"
    ),
    path(
        "manage/<slug:slug>/people/units/<int:pk>/retire/",
        people_views.unit_retire,
        name="unit-retire",
    ),
    path(
        "manage/<slug:slug>/people/invitations/new/",
        invitation_views.invitation_add,
        name="invitation-add",
    ),
    path(
        "manage/<slug:slug>/people/invitations/<int:pk>/resend/",
        invitation_views.invitation_resend,
        name="invitation-resend",
    ),
    path(
        "manage/<slug:slug>/people/invitations/<int:pk>/cancel/",
        invitation_views.invitation_cancel,
        name="invitation-cancel",
    ),
    # The link of an invitation e-mail, and a person's own reminder setting.
    path("accounts/invitations/<str:token>/", invitation_views.invitation, name="invitation"),
    path("accounts/reminders/", account_views.reminder_settings, name="reminder-settings"),
    path(
        "manage/<slug:slug>/people/members/<int:pk>/edit/",
        people_views.member_edit,
        name="member-edit",
    ),
    path(
        "manage/<slug:slug>/people/members/<int:pk>/remove/",
        people_views.member_remove,
        name="member-remove",
    ),
    # Review (executives).
    path("manage/<slug:slug>/review/", review_views.review_queue, name="review-queue"),
    path(
        "manage/<slug:slug>/review/approve/",
        review_views.entries_approve,
        name="entries-approve",
    ),
    path(
        "manage/<slug:slug>/entries/<int:pk>/review/",
        review_views.entry_review,
        name="entry-review",
    ),
    # ITA results (coordinators enter them; coordinators and executives read the analysis).
    path("manage/<slug:slug>/ita/", result_views.results, name="ita-results"),
    path(
        "manage/<slug:slug>/ita/<int:year>/questions/<str:code>/measure/",
        result_views.weak_item_measure,
        name="ita-weak-item-measure",
    ),
    path("manage/<slug:slug>/ita/<int:year>/", result_views.result_detail, name="ita-result"),
    path(
        "manage/<slug:slug>/ita/<int:year>/enter/",
        result_views.result_enter,
        name="ita-result-enter",
    ),
    path(
        "manage/<slug:slug>/ita/<int:year>/import/",
        result_views.result_import,
        name="ita-result-import",
    ),
    path(
        "manage/<slug:slug>/ita/<int:year>/approaches/",
        result_views.result_approaches,
        name="ita-result-approaches",
    ),
    path(
        "manage/<slug:slug>/ita/<int:year>/confirm/",
        result_views.result_confirm,
        name="ita-result-confirm",
    ),
]
