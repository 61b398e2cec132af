"""Where a request comes from: only loopback counts as "at home"; everything else is shared."""

from __future__ import annotations

import pytest

from nabij.security.network import (
    PROXY_HEADERS,
    is_loopback_host,
    is_loopback_request,
    request_is_shared,
)

LOOPBACK = ["localhost", "LOCALHOST", "localhost:8501", "127.0.0.1", "127.0.0.1:8501",
            "127.5.5.5", "127.255.255.254:80", "::1", "[::1]", "[::1]:8501", " localhost "]
NOT_LOOPBACK = ["192.168.1.10", "192.168.1.10:8501", "10.0.0.1", "0.0.0.0", "example.org",
                "example.org:8501", "nabij.example.org", "", None, "localhost.evil.com",
                "localhost.evil.com:8501", "evil-localhost", "127.0.0.1.evil.com",
                "128.0.0.1", "[2001:db8::1]:8501", "2001:db8::1", "[::1].evil.com"]


@pytest.mark.parametrize("host", LOOPBACK)
def test_loopback_hosts(host):
    assert is_loopback_host(host) is True


@pytest.mark.parametrize("host", NOT_LOOPBACK)
def test_hosts_that_are_not_loopback(host):
    assert is_loopback_host(host) is False


@pytest.mark.parametrize(("host_header", "client_ip"), [
    ("localhost:8501", "127.0.0.1"),
    ("127.0.0.1:8501", "127.0.0.1"),
    ("[::1]:8501", "::1"),
])
def test_a_request_from_this_machine_to_localhost_is_loopback(host_header, client_ip):
    assert is_loopback_request(host_header, client_ip) is True


@pytest.mark.parametrize(("host_header", "client_ip"), [
    ("localhost:8501", "192.168.1.20"),  # someone else spoofing the Host header
    ("127.0.0.1:8501", "203.0.113.7"),
    ("localhost:8501", "2001:db8::5"),
    ("nabij.example.org", "127.0.0.1"),  # a reverse proxy on this machine: still shared
    ("nabij.example.org", None),
    ("192.168.1.10:8501", "127.0.0.1"),
    ("localhost.evil.com", "127.0.0.1"),
    (None, "127.0.0.1"),
    ("", "127.0.0.1"),
])
def test_a_remote_peer_or_a_public_host_name_is_not_loopback(host_header, client_ip):
    assert is_loopback_request(host_header, client_ip) is False


def test_a_run_without_a_host_header_counts_as_local():
    assert request_is_shared({}, None) is False
    assert request_is_shared({"Accept": "text/html"}, "203.0.113.7") is False


@pytest.mark.parametrize("host_name", ["Host", "host", "HOST"])
def test_a_browser_on_this_machine_needs_no_passphrase_and_any_other_does(host_name):
    assert request_is_shared({host_name: "localhost:8501"}, None) is False
    assert request_is_shared({host_name: "localhost:8501"}, "192.168.1.20") is True
    assert request_is_shared({host_name: "nabij.example.org"}, None) is True


@pytest.mark.parametrize("proxy", [*PROXY_HEADERS, "x-forwarded-for", "FORWARDED"])
def test_a_request_a_proxy_forwarded_is_shared_whatever_host_it_names(proxy):
    assert request_is_shared({"Host": "localhost:8501", proxy: "127.0.0.1"}, None) is True
