from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("my-work/", views.my_work, name="my-work"),
]
