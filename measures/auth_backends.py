"""Log-in throttling (django-axes) that leaves request-less authenticate() calls alone."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses log-ins of a username from an address after repeated failures (settings AXES_*).

    Every log-in form passes the request; authenticate() without one comes from code that has
    no client address to throttle (the test client's login(), a shell), so it is let through
    to the password check instead of raising, as axes' own backend would."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
