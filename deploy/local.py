"""Several Nabij app servers behind HAProxy on this machine: the deployment of compose.yaml
as plain processes, for the end-to-end tests and the benchmarks (issue #20).

    from deploy.local import LocalCluster

    with LocalCluster(database_url, replicas=2, directory=tmp_path) as cluster:
        cluster.url                   # HAProxy's address: what a browser opens
        cluster.replicas[0].url       # one replica directly, bypassing HAProxy
        cluster.replicas[0].name      # "app1": its SERVERID cookie value
        cluster.sticky_cookie(1)      # the cookie that pins a browser (Playwright) to app2

Each replica is `streamlit run app.py` on a free loopback port; HAProxy runs with
deploy/haproxy.cfg, where only the listening address and the `server` lines change. Every
replica gets the same database URL (one PostgreSQL holds everything shared; a SQLite file
works too, on one machine) and the same cookie secret, as compose.yaml gives them.

From the command line (until Ctrl-C):

    python -m deploy.local --database-url postgresql+psycopg://... --replicas 2 --port 8080

A missing `haproxy` raises ClusterError: nothing here falls back to a single server.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

DEPLOY_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = DEPLOY_DIR.parent
HAPROXY_TEMPLATE = DEPLOY_DIR / "haproxy.cfg"
STICKY_COOKIE = "SERVERID"
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15
HEALTH_POLL_S = 0.2
_SERVER_LINE = re.compile(r"^\s*server\s+app\d+\s")


class ClusterError(RuntimeError):
    """Something the topology needs is missing (HAProxy) or did not come up."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or next(
        (path for path in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")
         if os.access(path, os.X_OK)), None)
    if found is None:
        raise ClusterError("HAProxy is not installed (Debian: apt-get install haproxy; "
                           "bash scripts/test installs it)")
    return found


def local_haproxy_config(template: str, front_port: int,
                         backends: Sequence[tuple[str, int]]) -> str:
    """deploy/haproxy.cfg for loopback: listen on `front_port`, one `server` line per
    (name, port) in place of compose's, and without Docker's name server."""
    lines: list[str] = []
    in_resolvers = servers_written = False
    for line in template.splitlines():
        stripped = line.strip()
        if stripped.startswith("resolvers "):
            in_resolvers = True
            continue
        if in_resolvers:
            if stripped and not stripped.startswith("#") and line[:1].isspace():
                continue
            in_resolvers = False
        if stripped.startswith("bind "):
            lines.append(f"    bind 127.0.0.1:{front_port}")
        elif _SERVER_LINE.match(line):
            if not servers_written:
                lines += [f"    server {name} 127.0.0.1:{port} check inter 1s cookie {name}"
                          for name, port in backends]
                servers_written = True
        else:
            lines.append(line)
    if not servers_written:
        raise ClusterError("the HAProxy template has no `server app1 ...` line to replace")
    return "\n".join(lines) + "\n"


def _healthy(url: str) -> str | None:
    """None when Streamlit at `url` answers its health check, else what went wrong."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            if answer.status == 200 and answer.read().strip() == b"ok":
                return None
            return f"health answered {answer.status}"
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return repr(error)


@dataclass
class Replica:
    """One `streamlit run app.py`; `name` is its SERVERID cookie value (app1, app2, ...)."""

    name: str
    port: int
    log_path: Path
    process: subprocess.Popen | None = field(default=None, repr=False)
    _log: IO[str] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class LocalCluster:
    """HAProxy and `replicas` app servers on loopback, sharing `database_url`.

    `env` adds to each replica's environment (None as a value removes a variable);
    `secrets` is the text of a secrets.toml every replica reads instead of any other;
    `streamlit_args` are extra `streamlit run` options. Logs go to `directory`.
    """

    def __init__(self, database_url: str, *, replicas: int = 2, directory: Path | None = None,
                 env: Mapping[str, str | None] | None = None, secrets_toml: str | None = None,
                 streamlit_args: Sequence[str] = (), port: int | None = None):
        if replicas < 1:
            raise ValueError("a cluster needs at least one replica")
        self.database_url = database_url
        self.directory = Path(directory or tempfile.mkdtemp(prefix="nabij-cluster-"))
        self.directory.mkdir(parents=True, exist_ok=True)
        self.env = dict(env or {})
        self.streamlit_args = list(streamlit_args)
        if secrets_toml is not None:
            secrets_path = self.directory / "secrets.toml"
            secrets_path.write_text(secrets_toml)
            self.streamlit_args += ["--secrets.files", str(secrets_path)]
        self.front_port = port or free_port()
        self.replicas = [Replica(f"app{number}", free_port(),
                                 self.directory / f"app{number}.log")
                         for number in range(1, replicas + 1)]
        self.haproxy_config = self.directory / "haproxy.cfg"
        self.haproxy_log = self.directory / "haproxy.log"
        # One secret for all: a cookie Streamlit signs on one replica reads on the others.
        self._cookie_secret = secrets.token_hex(32)
        self._haproxy: subprocess.Popen | None = None
        self._haproxy_out: IO[str] | None = None

    @property
    def url(self) -> str:
        """HAProxy's address: where a browser (or a load driver) connects."""
        return f"http://127.0.0.1:{self.front_port}"

    def sticky_cookie(self, index: int) -> dict[str, str]:
        """The cookie that pins a browser to replica `index` (Playwright's add_cookies)."""
        return {"name": STICKY_COOKIE, "value": self.replicas[index].name, "url": self.url}

    def logs(self) -> dict[str, str]:
        """Every log by name: app1, app2, ..., haproxy."""
        found = {replica.name: replica.log_text() for replica in self.replicas}
        found["haproxy"] = (self.haproxy_log.read_text(errors="replace")
                            if self.haproxy_log.exists() else "")
        return found

    # --- starting and stopping -------------------------------------------------------------

    def start(self) -> LocalCluster:
        """Start every replica at once (as compose does), then HAProxy; returns when HAProxy
        answers the health check. ClusterError, with the logs, if anything does not come up."""
        haproxy = haproxy_binary()
        try:
            for replica in self.replicas:
                self._start_replica(replica)
            for replica in self.replicas:
                self._wait_until_healthy(replica.url, replica.process, replica.name)
            backends = [(replica.name, replica.port) for replica in self.replicas]
            self.haproxy_config.write_text(local_haproxy_config(
                HAPROXY_TEMPLATE.read_text(), self.front_port, backends))
            check = subprocess.run([haproxy, "-c", "-q", "-f", str(self.haproxy_config)],
                                   capture_output=True, text=True)
            if check.returncode != 0:
                raise ClusterError(f"HAProxy refused its configuration:\n{check.stderr}")
            self._haproxy_out = self.haproxy_log.open("a")
            self._haproxy = subprocess.Popen([haproxy, "-db", "-f", str(self.haproxy_config)],
                                             stdout=self._haproxy_out, stderr=subprocess.STDOUT,
                                             start_new_session=True)
            self._wait_until_healthy(self.url, self._haproxy, "haproxy")
        except BaseException:
            self.stop()
            raise
        return self

    def _start_replica(self, replica: Replica) -> None:
        env = server_env(self.database_url, {
            "STREAMLIT_SERVER_COOKIE_SECRET": self._cookie_secret, **self.env})
        replica._log = replica.log_path.open("a")
        replica.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py",
             "--server.headless", "true", "--server.address", "127.0.0.1",
             "--server.port", str(replica.port), "--browser.gatherUsageStats", "false",
             # Code may change while tests run: never rerun on a file change.
             "--server.fileWatcherType", "none", *self.streamlit_args],
            cwd=PROJECT_ROOT, env=env, stdout=replica._log, stderr=subprocess.STDOUT,
            start_new_session=True)

    def _wait_until_healthy(self, url: str, process: subprocess.Popen | None, name: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        problem = "no answer yet"
        while time.monotonic() < deadline:
            if process is None or process.poll() is not None:
                problem = f"{name} exited with code {process.returncode if process else None}"
                break
            problem = _healthy(url) or ""
            if not problem:
                return
            time.sleep(HEALTH_POLL_S)  # polling the health check, not a wait for the app
        logs = "\n".join(f"----- {log_name} -----\n{text}"
                         for log_name, text in self.logs().items())
        raise ClusterError(f"{name} did not become healthy on {url} within "
                           f"{START_TIMEOUT_S}s ({problem}).\n{logs}")

    def stop(self) -> None:
        """Stop HAProxy, then every replica; safe to call more than once."""
        self._haproxy = stop_process(self._haproxy)
        if self._haproxy_out is not None:
            self._haproxy_out.close()
            self._haproxy_out = None
        for replica in self.replicas:
            replica.process = stop_process(replica.process)
            if replica._log is not None:
                replica._log.close()
                replica._log = None

    def __enter__(self) -> LocalCluster:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def server_env(database_url: str, extra: Mapping[str, str | None]) -> dict[str, str]:
    """The environment of one app server: this one's, on `database_url`, with `extra` added
    (None removes a name). Shared with the end-to-end tests' servers."""
    env = {**os.environ, "NABIJ_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    env.pop("STREAMLIT_SERVER_PORT", None)  # each server gets its own port on the command line
    for name, value in extra.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def stop_process(process: subprocess.Popen | None) -> None:
    """Ask a server to stop, and stop it hard if it has not within STOP_TIMEOUT_S (also used
    by the end-to-end tests' servers)."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT_S)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("NABIJ_DATABASE_URL"),
                        help="shared by every replica (default: $NABIJ_DATABASE_URL)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=None, help="HAProxy's port (default: free)")
    options = parser.parse_args(argv)
    if not options.database_url:
        parser.error("--database-url (or NABIJ_DATABASE_URL) is needed")
    cluster = LocalCluster(options.database_url, replicas=options.replicas, port=options.port)
    with cluster:
        print(f"Nabij behind HAProxy: {cluster.url}")
        for replica in cluster.replicas:
            print(f"  {replica.name}: {replica.url} (cookie {STICKY_COOKIE}={replica.name})")
        print(f"Logs in {cluster.directory}. Ctrl-C stops everything.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
