"""deploy/: the Docker topology and the one the tests run as processes say the same thing.

Docker is not on the test machine, so compose.yaml is checked as data: two app replicas
built from deploy/Dockerfile with one database and the mounted secrets, HAProxy with its
configuration, PostgreSQL. HAProxy itself checks deploy/haproxy.cfg and what deploy/local.py
makes of it (`haproxy -c`); a machine without HAProxy fails here (scripts/test installs it).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from deploy.local import HAPROXY_TEMPLATE, haproxy_binary, local_haproxy_config

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
APP_PORT = "8501"


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def _haproxy_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([haproxy_binary(), "-c", "-f", str(path)], capture_output=True,
                          text=True)


def _server_lines(config: str) -> list[list[str]]:
    return [line.split() for line in config.splitlines() if re.match(r"\s*server\s", line)]


def test_compose_runs_two_identical_app_replicas_on_one_postgresql_behind_haproxy():
    services = _compose()["services"]
    assert set(services) == {"app1", "app2", "haproxy", "db"}
    app1, app2 = services["app1"], services["app2"]
    assert app1 == app2  # the same image, database, secrets and cookie secret
    assert app1["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert "@db:5432/" in app1["environment"]["NABIJ_DATABASE_URL"]
    assert app1["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"]
    assert "./secrets.toml:/app/.streamlit/secrets.toml:ro" in app1["volumes"]
    assert app1["depends_on"]["db"]["condition"] == "service_healthy"
    assert "ports" not in app1  # reached only through HAProxy
    assert services["haproxy"]["volumes"] == [
        "./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro"]
    assert services["db"]["image"].startswith("postgres:")
    assert "healthcheck" in services["db"]


def test_haproxy_sends_each_app_service_its_sticky_cookie_on_the_apps_port():
    config = HAPROXY_TEMPLATE.read_text()
    servers = _server_lines(config)
    replicas = sorted(name for name in _compose()["services"] if name.startswith("app"))
    assert [words[1] for words in servers] == replicas
    for words in servers:
        name = words[1]
        assert words[2] == f"{name}:{APP_PORT}"
        assert words[words.index("cookie") + 1] == name
        assert "check" in words
    assert re.search(r"^\s*cookie SERVERID insert indirect nocache\b", config, re.M)
    assert re.search(r"^\s*timeout tunnel \d+[smhd]?\s*$", config, re.M)
    assert "option httpchk GET /_stcore/health" in config
    port = _compose()["services"]["haproxy"]["ports"][0].split(":")[-1]
    assert re.search(rf"^\s*bind :{port}\s*$", config, re.M)


def test_the_dockerfile_runs_pinned_requirements_as_a_user_with_a_health_check():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^FROM python:[\d.]+-slim", dockerfile, re.M)
    assert "pip install -r requirements.txt" in dockerfile
    user = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert user and user[-1] not in {"root", "0"}
    assert re.search(r"^HEALTHCHECK .*\n?.*/_stcore/health", dockerfile, re.M)
    assert f"--server.port={APP_PORT}" in dockerfile
    requirements = [line.split("#")[0].strip()
                    for line in (DEPLOY.parent / "requirements.txt").read_text().splitlines()]
    assert all("==" in line for line in requirements if line), "every requirement is pinned"


def test_haproxy_accepts_the_deployed_configuration():
    check = _haproxy_check(HAPROXY_TEMPLATE)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("replicas", [1, 2, 3])
def test_haproxy_accepts_the_local_configuration_with_one_server_line_per_replica(tmp_path,
                                                                                    replicas):
    backends = [(f"app{number}", 9000 + number) for number in range(1, replicas + 1)]
    config = local_haproxy_config(HAPROXY_TEMPLATE.read_text(), 8999, backends)
    assert [(words[1], words[2]) for words in _server_lines(config)] == [
        (name, f"127.0.0.1:{port}") for name, port in backends]
    assert "bind 127.0.0.1:8999" in config
    assert not re.search(r"^\s*resolvers\b|\bresolvers docker\b", config, re.M)
    path = tmp_path / "haproxy.cfg"
    path.write_text(config)
    check = _haproxy_check(path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "WARNING" not in check.stderr + check.stdout
