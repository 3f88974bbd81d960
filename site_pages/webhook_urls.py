"""Which addresses a webhook may call.

A webhook makes this server send requests to an address an admin typed in, so an address inside
the server's own network (loopback, private ranges, link-local cloud metadata) would let the
admin form reach services that the outside world cannot. Those are refused unless
``SAKURA_WEBHOOKS_ALLOW_PRIVATE`` is on (development and tests, whose receivers run on
loopback). The check runs when the address is entered and again before every delivery, on the
addresses the name resolves to then (a name may be pointed elsewhere after it was entered).
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SCHEMES = {"http", "https"}


class ForbiddenAddress(ValueError):
    pass


def resolved_addresses(host, port):
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise ForbiddenAddress(
            _("The host name “%(host)s” could not be resolved.") % {"host": host}
        ) from error
    # TCP addresses are (host, port, ...) with the host as text; a scoped IPv6 one ends "%zone".
    return {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}


def is_internal(address):
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def check_address(url):
    """Raise ForbiddenAddress with a message for an address a webhook may not call."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise ForbiddenAddress(_("A webhook address must start with http:// or https://."))
    if settings.SAKURA_WEBHOOKS_ALLOW_PRIVATE:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    internal = sorted(str(a) for a in resolved_addresses(parts.hostname, port) if is_internal(a))
    if internal:
        raise ForbiddenAddress(
            _(
                "“%(host)s” is an address inside the server's network (%(address)s); "
                "webhooks may only call public addresses."
            )
            % {"host": parts.hostname, "address": internal[0]}
        )


def validate_webhook_url(url):
    try:
        check_address(url)
    except ForbiddenAddress as error:
        raise ValidationError(str(error), code="forbidden_address") from error
