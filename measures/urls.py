from django.urls import path

from . import measure_views, views

app_name = "measures"

urlpatterns = [
    path("my-work/", views.my_work, name="my-work"),
    path(
        "manage/<slug:slug>/measures/<int:pk>/",
        measure_views.measure_detail,
        name="measure-detail",
    ),
]
