"""Fixtures for the end-to-end tests: the real app in a subprocess, and headless Chromium.

- `app_server` is one Streamlit server per test module on its own fresh SQLite file; tests
  that share it each work in a journal of their own.
- `fresh_server` is a server for one test alone (an empty database, or a restart).
- `seeded_server(directory, seed)` starts a server on a database filled beforehand through
  nabij.storage.Store (a module overrides `app_server` with it).
- `make_server(...)` starts servers for one test with extra environment, another listening
  address, a secrets file or a seed (`ServerFactory`); they stop when the test ends.
- `new_page` opens a page in a new browser context (a new Streamlit session, a Dutch browser
  by default); `page` is one such page.

When a test fails, every page it opened is saved as test-artifacts/<test name>.png (more pages
get -2, -3, ...) and the server's log as test-artifacts/<test name>.server.log.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Dialog,
    Page,
    expect,
    sync_playwright,
)

from deploy.local import server_env, stop_process
from nabij.storage import Store, open_engine, upgrade_to_latest
from tests.e2e.nabij_ui import full_page_screenshot

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = PROJECT_ROOT / "test-artifacts"
CHROMIUM = os.environ.get("NABIJ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SERVER_START_TIMEOUT_S = 60
# The first run of a page imports pandas and Plotly and builds the demo: give it time.
EXPECT_TIMEOUT_MS = 20_000
ACTION_TIMEOUT_MS = 20_000

DESKTOP = {"width": 1280, "height": 900}

expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives the browser: mark it e2e (`-m "not e2e"` skips them)."""
    e2e_dir = Path(__file__).parent
    for item in items:
        if e2e_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the item, so fixtures can tell a failed test at teardown."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _failed(node: pytest.Item) -> bool:
    return any(getattr(getattr(node, f"rep_{when}", None), "failed", False)
               for when in ("setup", "call"))


def artifact_name(node: pytest.Item) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", node.name)


# --- the app server ---------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """`streamlit run app.py` on loopback with its own database file; stoppable and restartable.

    A restart keeps the port and the database, so it looks like the same deployment coming back.
    `env` adds to (or, with None as a value, removes from) the server's environment; `address`
    is where it listens (0.0.0.0 for every interface); `args` are extra `streamlit run` options.
    """

    def __init__(self, database_path: Path, log_path: Path, database_url: str | None = None,
                 *, env: Mapping[str, str | None] | None = None, address: str = "127.0.0.1",
                 args: Sequence[str] = ()):
        self.database_path = database_path
        self._database_url = database_url
        self.log_path = log_path
        self.env = dict(env or {})
        self.address = address
        self.args = list(args)
        self.port = _free_port()
        self.starts = 0
        self._process: subprocess.Popen | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url_via(self, host: str) -> str:
        """The app's address through another host name or IP (the server must listen there)."""
        return f"http://{host}:{self.port}"

    @property
    def database_url(self) -> str:
        """The SQLite file by default; a server URL (PostgreSQL) when one was given."""
        return self._database_url or f"sqlite:///{self.database_path}"

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def start(self) -> None:
        assert self._process is None, "the server is already running"
        env = server_env(self.database_url, self.env)
        self.starts += 1
        self._log = self.log_path.open("a")
        self._log.write(f"\n===== start {self.starts} on port {self.port} =====\n")
        self._log.flush()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py",
             "--server.headless", "true", "--server.address", self.address,
             "--server.port", str(self.port), "--browser.gatherUsageStats", "false",
             # Other people edit the code while tests run: never rerun on a file change.
             "--server.fileWatcherType", "none", *self.args],
            cwd=PROJECT_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        problem = "no answer yet"
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                problem = f"the server exited with code {self._process.returncode}"
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200 and answer.read().strip() == b"ok":
                        return
                    problem = f"health answered {answer.status}"
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                problem = repr(error)
            time.sleep(0.2)  # polling interval of the health check, not a wait for the app
        self.stop()
        pytest.fail(f"Streamlit did not become healthy on {self.url} within "
                    f"{SERVER_START_TIMEOUT_S}s ({problem}). Server log:\n{self.log_text()}",
                    pytrace=False)

    def stop(self) -> None:
        process, self._process = self._process, None
        stop_process(process)
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self) -> None:
        self.stop()
        self.start()


# scripts/test runs this folder twice: on SQLite files, then with NABIJ_E2E_DATABASE=postgresql
# on a fresh database of the throwaway PostgreSQL server for every app server.
E2E_DATABASE = os.environ.get("NABIJ_E2E_DATABASE", "sqlite")


def _new_postgres_database() -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tests.conftest import postgres_admin_url

    admin_url = make_url(postgres_admin_url())
    name = f"nabij_e2e_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    # Dropped with the whole throwaway cluster when the run ends.
    return admin_url.set(database=name).render_as_string(hide_password=False)


def _server(directory: Path, *, sqlite: bool = False, **options) -> AppServer:
    """A server (not started) on a new database; `sqlite` keeps it on a SQLite file even in
    the PostgreSQL run. Other options go to AppServer (env, address, args)."""
    url = (_new_postgres_database() if E2E_DATABASE == "postgresql" and not sqlite
           else None)
    return AppServer(directory / "nabij.sqlite3", directory / "streamlit.log", url, **options)


def _seed(server: AppServer, seed: Callable[[Store], object]) -> None:
    engine = open_engine(server.database_url)
    try:
        upgrade_to_latest(engine)
        seed(Store(engine))
    finally:
        engine.dispose()


def seeded_server(directory: Path, seed: Callable[[Store], object]) -> AppServer:
    """A started server whose database `seed` filled first, through Nabij's own Store.

    The database is migrated to the latest revision, seeded, and closed before Streamlit
    starts, so the app sees it as an existing deployment's data. A module that needs such
    data can override `app_server` with this (the failure log hook then finds it by name).
    """
    server = _server(directory)
    _seed(server, seed)
    server.start()
    return server


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """One server per module on a fresh database. Tests sharing it use journals of their own."""
    server = _server(tmp_path_factory.mktemp("app"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[AppServer]:
    """A server on an empty database for this test alone."""
    server = _server(tmp_path)
    server.start()
    yield server
    server.stop()


class ServerFactory:
    """Starts servers for one test, each in a folder of its own; all stop at its end.

    `make_server(env={"NABIJ_REQUIRE_PASSPHRASE": "1"})`, `make_server(address="0.0.0.0")`,
    `make_server(secrets=toml_text)` (a secrets.toml used instead of any other),
    `make_server(seed=lambda store: ...)`, `make_server(sqlite=True)`.
    """

    def __init__(self, directory: Path):
        self._directory = directory
        self.servers: list[AppServer] = []

    def __call__(self, *, env: Mapping[str, str | None] | None = None,
                 address: str = "127.0.0.1", args: Sequence[str] = (),
                 secrets: str | None = None, seed: Callable[[Store], object] | None = None,
                 sqlite: bool = False) -> AppServer:
        directory = self._directory / f"server-{len(self.servers) + 1}"
        directory.mkdir(parents=True)
        extra = list(args)
        if secrets is not None:
            secrets_path = directory / "secrets.toml"
            secrets_path.write_text(secrets)
            # Replaces Streamlit's search of ~/.streamlit and ./.streamlit: the repository's
            # own secrets (if a developer has any) are not read, nor touched.
            extra += ["--secrets.files", str(secrets_path)]
        server = _server(directory, sqlite=sqlite, env=env, address=address, args=extra)
        self.servers.append(server)
        if seed is not None:
            _seed(server, seed)
        server.start()
        return server

    def stop_all(self) -> None:
        for server in self.servers:
            server.stop()


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[ServerFactory]:
    """Start servers with options of their own for this test (see ServerFactory)."""
    factory = ServerFactory(tmp_path / "servers")
    yield factory
    factory.stop_all()


# --- the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageOpener:
    """Opens pages, each in a new context: a new Streamlit session in a Dutch browser.

    Keyword arguments go to browser.new_context (viewport, is_mobile, locale, ...). Every
    dialog a page opens is recorded in `dialogs` and dismissed: Nabij never opens one.
    """

    def __init__(self, browser: Browser):
        self._browser = browser
        self.contexts: list[BrowserContext] = []
        self.pages: list[Page] = []
        self.dialogs: list[str] = []

    def __call__(self, **options) -> Page:
        settings = {"locale": "nl-NL", "timezone_id": "Europe/Amsterdam", "viewport": DESKTOP,
                    **options}
        context = self._browser.new_context(**settings)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        self.contexts.append(context)
        return self.tab(context)

    def tab(self, context: BrowserContext) -> Page:
        """Another tab in an existing context (same cookies, its own Streamlit session)."""
        page = context.new_page()
        page.on("dialog", self._on_dialog)
        self.pages.append(page)
        return page

    def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def screenshot_all(self, stem: str) -> None:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        for number, page in enumerate(self.pages, 1):
            if page.is_closed():
                continue
            suffix = "" if number == 1 else f"-{number}"
            try:
                full_page_screenshot(page, ARTIFACTS_DIR / f"{stem}{suffix}.png")
            except Exception as error:  # a screenshot must never hide the real failure
                print(f"could not save a screenshot of page {number}: {error!r}")

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def new_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[PageOpener]:
    opener = PageOpener(browser)
    yield opener
    if _failed(request.node):
        opener.screenshot_all(artifact_name(request.node))
    opener.close()


@pytest.fixture
def page(new_page: PageOpener) -> Page:
    return new_page()


@pytest.fixture(autouse=True)
def _server_log_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """Keep the log of the server a failed test used, next to its screenshot."""
    servers = [request.getfixturevalue(name) for name in ("app_server", "fresh_server")
               if name in request.fixturenames]
    factory = (request.getfixturevalue("make_server")
               if "make_server" in request.fixturenames else None)
    yield
    if _failed(request.node):
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        servers += factory.servers if factory is not None else []
        for number, server in enumerate(servers, 1):
            if not server.log_path.exists():
                continue
            suffix = "" if number == 1 else f"-{number}"
            shutil.copyfile(server.log_path,
                            ARTIFACTS_DIR / f"{artifact_name(request.node)}.server{suffix}.log")
