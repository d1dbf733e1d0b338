"""HTTP manners of the public API: conditional GET (ETag, Last-Modified, 304) and a
per-address rate limit answering 429 in Thai and English. Plain views serving public data
(the open-data downloads) take the same manners with ``with_api_manners``."""

import hashlib
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from ninja.throttling import SimpleRateThrottle

from itaportal.proxy import client_address


def conditional(request, response):
    """Tag a 200 answer with its ETag and Last-Modified; answer 304 when the client has it.

    The ETag is the hash of the body, so it changes exactly when the data does. Last-Modified
    is when this server first answered with that body (remembered per ETag in the cache): a
    forgotten entry only makes it later, so a client never wrongly gets 304."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    first_seen = cache.get_or_set(f"api-seen:{etag}", lambda: int(time.time()), timeout=None)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(first_seen)
    # Public data, stored by anyone, but asked again each time: the answer is usually a 304.
    response["Cache-Control"] = "public, no-cache"
    return get_conditional_response(request, etag=etag, last_modified=first_seen, response=response)


class AddressRateThrottle(SimpleRateThrottle):
    """At most API_RATE_LIMIT requests per API_RATE_WINDOW seconds from one client address,
    the address the logs show (a reverse proxy's X-Forwarded-For only from a trusted proxy)."""

    scope = "public-api"

    def __init__(self):
        # The rate is read on each request (settings may change, tests override them).
        pass

    def allow_request(self, request):
        self.num_requests = settings.API_RATE_LIMIT
        self.duration = settings.API_RATE_WINDOW
        return super().allow_request(request)

    def get_cache_key(self, request):
        return f"api-rate:{client_address(request)}"


def retry_after(wait):
    return str(max(1, math.ceil(wait or settings.API_RATE_WINDOW)))


TOO_MANY_TH = "เรียกใช้บ่อยเกินกำหนด กรุณารอสักครู่แล้วลองใหม่"
TOO_MANY_EN = "Too many requests: please wait and try again"


def error_body(thai, english):
    return {"detail": f"{thai} / {english}", "detail_th": thai, "detail_en": english}


def with_api_manners(view):
    """A plain view answered as the API answers: within the same per-address budget (the
    API's and this view's requests count together) and with conditional GET."""

    @wraps(view)
    def answered(request, *args, **kwargs):
        throttle = AddressRateThrottle()
        if not throttle.allow_request(request):
            response = JsonResponse(
                error_body(TOO_MANY_TH, TOO_MANY_EN),
                status=429,
                json_dumps_params={"ensure_ascii": False},
            )
            response["Retry-After"] = retry_after(throttle.wait())
            return response
        return conditional(request, view(request, *args, **kwargs))

    return answered
