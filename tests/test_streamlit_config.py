"""Streamlit's own settings that privacy depends on (.streamlit/config.toml, issue #18).

Loaded the way `streamlit run` loads them, from the project's config file, and then tried:
a headless start must not ask an outside host for the machine's address, and an error must
reach the browser without its details.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config, net_util
from streamlit.web import bootstrap

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project_config(monkeypatch):
    """Streamlit's configuration as `streamlit run` in the project sees it, headless."""
    monkeypatch.chdir(ROOT)
    config.get_config_options(force_reparse=True, options_from_flags={"server.headless": True})
    yield
    monkeypatch.undo()
    config.get_config_options(force_reparse=True)


def test_a_headless_start_asks_no_outside_host_for_its_address(project_config, monkeypatch,
                                                               capsys):
    asked: list[str] = []

    def external_ip() -> str:
        asked.append("external")
        return "203.0.113.7"

    monkeypatch.setattr(net_util, "get_external_ip", external_ip)
    monkeypatch.setattr(net_util, "_make_blocking_http_get",
                        lambda url, timeout: asked.append(url))
    assert config.get_option("server.headless") is True
    bootstrap._print_url(is_running_hello=False)
    assert asked == []
    assert "localhost:8501" in capsys.readouterr().out


def test_errors_reach_the_browser_without_type_message_or_traceback(project_config):
    assert config.get_option("client.showErrorDetails") == "none"
    assert config.get_option("browser.gatherUsageStats") is False
    assert config.get_option("server.enableXsrfProtection") is True
