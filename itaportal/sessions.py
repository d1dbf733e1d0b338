"""Sessions of people who can open the admin end when their browser closes."""


class AdminSessionEndsAtBrowserCloseMiddleware:
    """A staff member's session cookie lives only as long as the browser.

    The idle timeout (SESSION_COOKIE_AGE, renewed on every request) still applies on the server;
    this also ends the session on a shared office computer when the browser is closed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # After the view, so the log-in response itself already sets a browser-session cookie.
        # Only when the request used its session: public pages and downloads stay cookie-free.
        session = request.session
        if session.accessed and request.user.is_staff and not session.get_expire_at_browser_close():
            session.set_expiry(0)
        return response
