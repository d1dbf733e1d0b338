from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from itaportal.health import healthz
from reports.api.api import api

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", api.urls),
    path("", include("measures.urls")),
    # Last: organisation pages take the first path segment (/<slug>/).
    path("", include("reports.urls")),
]
