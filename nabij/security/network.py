"""Whether a request reached Nabij over loopback: there, a passphrase is optional.

Anything else (another device on the network, a reverse proxy with a real host name, a cloud
deployment) counts as shared, and every journal needs a passphrase.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def host_without_port(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1] or [::1]:8501, nothing else after the bracket
        inside, bracket, rest = host[1:].partition("]")
        if bracket and (rest == "" or (rest.startswith(":") and rest[1:].isdigit())):
            return inside
        return host
    if host.count(":") == 1:
        return host.split(":", 1)[0]
    return host


def is_loopback_host(host: str | None) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1, with or without a port."""
    if not host:
        return False
    name = host_without_port(host)
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_loopback_request(host_header: str | None, client_ip: str | None,
                        forwarded: bool = False) -> bool:
    """Both the address the browser asked for and the peer it came from must be loopback.

    A reverse proxy on the same machine connects from 127.0.0.1, but the browser asked for
    the public host name: that is a shared deployment. A request a proxy forwarded
    (`forwarded`: X-Forwarded-For, Forwarded or X-Real-IP present) never counts as loopback,
    whatever Host header it passes on.
    """
    peer_is_local = client_ip is None or is_loopback_host(client_ip)
    return not forwarded and peer_is_local and is_loopback_host(host_header)


PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-Ip", "X-Forwarded-Host")


def request_is_shared(headers: Mapping[str, str], client_ip: str | None) -> bool:
    """Whether a request needs every journal to have a passphrase: all but loopback ones.

    Header names count in any case. A run without a Host header (no browser behind it, as
    in AppTest) counts as local.
    """
    titled = {name.title(): value for name, value in headers.items()}
    host = titled.get("Host")
    if host is None:
        return False
    forwarded = any(name in titled for name in PROXY_HEADERS)
    return not is_loopback_request(host, client_ip, forwarded)
