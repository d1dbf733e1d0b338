"""Counting requests in Django's cache: at most `limit` per `window` seconds for one key.

With the default per-process cache each worker counts apart (a limit of 3 becomes 3 per
worker); a shared cache (Redis, Memcached, the database) makes it exact."""

import hashlib

from django.core.cache import cache


def rate_limit_exceeded(*, scope, key, limit, window):
    """Count one request for (scope, key); True once more than `limit` were made in the window
    that began with the first of them. The key is hashed: no address is kept in the cache."""
    digest = hashlib.sha256(str(key).encode("utf-8", "surrogatepass")).hexdigest()
    cache_key = f"rate:{scope}:{digest}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this request starts a new window
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count > limit
