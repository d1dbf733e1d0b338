from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.organisation, name="organisation"),
    path("<slug:slug>/emblem", views.organisation_emblem, name="organisation-emblem"),
]
