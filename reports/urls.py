from django.urls import path

from . import dashboard_views, views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("manage/dashboard/", dashboard_views.dashboard_home, name="dashboard-home"),
    path("manage/<slug:slug>/dashboard/", dashboard_views.dashboard_page, name="dashboard"),
    path("manage/<slug:slug>/measures/", dashboard_views.measure_list, name="measure-list"),
    path("<slug:slug>/", views.organisation, name="organisation"),
    path("<slug:slug>/emblem", views.organisation_emblem, name="organisation-emblem"),
]
