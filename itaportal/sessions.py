"""Signed-in sessions end after SESSION_IDLE_HOURS without a request; staff sessions also end
when the browser closes."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

RENEWED = "session_renewed_at"
# Renewing on every request (SESSION_SAVE_EVERY_REQUEST) would write the session row on every
# page; once every five minutes keeps the idle limit to within five minutes for one write.
RENEW_EVERY = 300


@receiver(user_logged_in, dispatch_uid="itaportal-session-renewed-at-login")
def mark_renewed_at_login(sender, request, user, **kwargs):
    request.session[RENEWED] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Renews a signed-in session's expiry (SESSION_COOKIE_AGE) while it is used, and makes a
    staff member's cookie a browser-session cookie (a shared office computer, once closed, is
    signed out of the admin)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # After the view, so the log-in response itself is covered. Only when the request used
        # its session: public pages and downloads stay cookie-free.
        session = request.session
        if session.accessed and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(RENEWED, 0) >= RENEW_EVERY:
                session[RENEWED] = now  # saved, with a fresh expiry, by SessionMiddleware
            if request.user.is_staff and not session.get_expire_at_browser_close():
                session.set_expiry(0)
        return response
