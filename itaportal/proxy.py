"""The client's address, believing a reverse proxy's X-Forwarded-For only from a trusted proxy.

Behind nginx every request comes from the proxy's own address: without this, five wrong
passwords from anyone would lock a user out for everyone. Without TRUSTED_PROXIES the header is
ignored, since any client can send one.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(item, strict=False) for item in trusted)


def _parsed(address):
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def _is_trusted(address, networks):
    parsed = _parsed(address)
    return parsed is not None and any(parsed in network for network in networks)


def client_address(request):
    """REMOTE_ADDR, or from a trusted proxy the nearest forwarded address it did not add itself."""
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or remote is None or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    # Each proxy appends the address it saw, so read from the right: the leftmost entries are
    # whatever the client chose to send.
    for address in reversed([item.strip() for item in forwarded if item.strip()]):
        if not _is_trusted(address, networks):
            return address if _parsed(address) else remote
    return remote
