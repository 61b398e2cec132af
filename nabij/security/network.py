"""Whether a request reached Nabij over loopback: there, a passphrase is optional.

Anything else (another device on the network, a reverse proxy with a real host name, a cloud
deployment) counts as shared, and every journal needs a passphrase.
"""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def host_without_port(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8501
        return host[1:host.find("]")] if "]" in host else host
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


def is_loopback_request(host_header: str | None, client_ip: str | None) -> bool:
    """Both the address the browser asked for and the peer it came from must be loopback.

    A reverse proxy on the same machine connects from 127.0.0.1, but the browser asked for
    the public host name: that is a shared deployment.
    """
    peer_is_local = client_ip is None or is_loopback_host(client_ip)
    return peer_is_local and is_loopback_host(host_header)
