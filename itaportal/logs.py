"""JSON-lines logs on stdout, each line tagged with the request it came from.

A line: {"time": UTC, "level", "event", then the request's id, client address, user id and
organisation when there is a request, then the event's own fields}. ``log_event`` records one of
the portal's events (log-in failures, approvals, publications…); RequestLogMiddleware gives each
request an id (the proxy's X-Request-ID, or a new one) and logs its response.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from django.utils.functional import SimpleLazyObject, empty

from .proxy import client_address

_current_request = contextvars.ContextVar("current_request", default=None)
_events = logging.getLogger("itaportal.events")
_requests = logging.getLogger("itaportal.requests")
# What a proxy may pass as a request id; anything else is replaced, never logged as sent.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def log_event(event, **fields):
    """Log one of the portal's events at INFO, with the current request's context."""
    _events.info(event, extra={"fields": fields})


def _user_id(request):
    user = getattr(request, "user", None)
    # A user nobody has looked up yet stays so: looking it up would read the session.
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk


def request_fields(request):
    match = getattr(request, "resolver_match", None)
    fields = {
        "request_id": getattr(request, "request_id", None),
        "client": client_address(request),
        "user": _user_id(request),
        "organisation": match.kwargs.get("slug") if match else None,
    }
    return {key: value for key, value in fields.items() if value is not None}


class JsonLinesFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
        }
        if record.name.startswith("itaportal."):
            line["event"] = record.getMessage()
        else:  # Django's and the libraries' own messages
            line["event"] = record.name
            line["message"] = record.getMessage()
        request = _current_request.get()
        if request is not None:
            line.update(request_fields(request))
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")
        request.request_id = sent if _REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
        token = _current_request.set(request)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            if response.status_code == 403:
                log_event("permission_denied", method=request.method, path=request.path)
            _requests.info(
                "request",
                extra={
                    "fields": {
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    }
                },
            )
            return response
        finally:
            _current_request.reset(token)
