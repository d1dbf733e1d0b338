from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from itaportal.health import healthz
from itaportal.passwords import ThaiPasswordResetView, ThaiSetPasswordForm
from reports.api.api import api

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", api.urls),
    # Forgotten passwords: Django's views, Thai templates (templates/registration/). The
    # request page answers the same whether or not an account has the address, and is rate-limited.
    path(
        "accounts/password_reset/",
        ThaiPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=ThaiSetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", include("measures.urls")),
    # Last: organisation pages take the first path segment (/<slug>/).
    path("", include("reports.urls")),
]
