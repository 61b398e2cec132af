"""How many partners one Nabij server holds: real browser sessions over Streamlit's websocket.

    python bench/load.py                          # PostgreSQL, one server, 1 to 40 sessions
    python bench/load.py --steps 1,5,10 --seconds 30 --database sqlite
    python bench/load.py --servers 2              # two servers behind haproxy

Each simulated partner speaks the browser's protocol (`/_stcore/stream`, protobuf BackMsg in
and ForwardMsg out, the "streamlit" subprotocol): it opens the Cycle page, picks its couple's
journal in the sidebar, and every few seconds logs a moment the way a phone does: it goes to
the Journal page, fills the log form (partner, kind, a note of its own) and presses Save, then
returns to the Cycle page. The widget ids come from the page's own deltas, so a changed form
still works as long as its keys end in `log_partner`, `log_kind`, `log_note`. *Add + see* is the
time from sending Save to the end of the Cycle page's run that follows (the moment's note must
first appear in the Journal page's list). Everything runs on loopback against servers this
script starts on a throwaway database, seeded with a journal per couple (the moments end an
hour before the run, so new ones land at the journal's end, as in real use).

Per step (a number of sessions held for `--seconds`): p50/p95 of add + see and of a page
visit, errors, the server's resident memory idle (sessions connected, nobody logging) and
active, and at the end the moments in the database against the ones the partners saved:
none may be lost. The machine is shared: quote medians of several runs.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import websockets  # noqa: E402
from run import generated_events  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from nabij.model import Journal  # noqa: E402
from nabij.storage import Store, open_engine, upgrade_to_latest  # noqa: E402

TIMEZONE = "Europe/Amsterdam"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (a server is one process today)."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(child) for child in children.read_text().split()]
    for one in pids:
        try:
            pages = int(Path(f"/proc/{one}/statm").read_text().split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    return total


# ---- the database ---------------------------------------------------------------------------

class ThrowawayPostgres:
    """scripts/throwaway_postgres.sh, started and stopped from Python."""

    def __init__(self) -> None:
        script = ROOT / "scripts" / "throwaway_postgres.sh"
        out = subprocess.run(
            ["bash", "-c", f"source {script} && start_throwaway_postgres >&2 && "
                           'echo "$NABIJ_TEST_POSTGRES_URL" && echo "$PG_DIR" && echo "$PG_BIN"'],
            check=True, capture_output=True, text=True).stdout.split("\n")
        self.url, self.directory, self.bin = out[0], out[1], out[2]

    def stop(self) -> None:
        runner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        subprocess.run([*runner, f"{self.bin}/pg_ctl", "-D", f"{self.directory}/data",
                        "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.directory, ignore_errors=True)


def seed(url: str, couples: int, moments: int) -> tuple[Store, list[Journal]]:
    """A journal per couple, `moments` each, ending an hour ago."""
    engine = open_engine(url)
    upgrade_to_latest(engine)
    store = Store(engine)
    journals = []
    events = generated_events(moments)
    shift = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)) - events[-1].occurred_at
    events = [dataclasses.replace(event, occurred_at=event.occurred_at + shift)
              for event in events]
    for index in range(couples):
        journal = store.create_journal(Journal(None, f"Load {index}", ("Anna", "Bram"), TIMEZONE))
        for start in range(0, len(events), 50_000):
            store.add_events(journal.id, events[start:start + 50_000])
        journals.append(journal)
    return store, journals


def stored_notes(store: Store, journals: list[Journal]) -> list[str]:
    return [note for journal in journals for note in store.events_table(journal.id)["note"]]


# ---- the servers ----------------------------------------------------------------------------

class Servers:
    """`count` Streamlit servers on loopback, and haproxy in front when there are several."""

    def __init__(self, count: int, database_url: str, workdir: Path) -> None:
        self.processes: list[subprocess.Popen] = []
        self.proxy: subprocess.Popen | None = None
        env = {**os.environ, "NABIJ_DATABASE_URL": database_url}
        ports = [free_port() for _ in range(count)]
        streamlit = Path(sys.executable).parent / "streamlit"
        for index, port in enumerate(ports):
            log = open(workdir / f"server{index}.log", "w")  # noqa: SIM115
            self.processes.append(subprocess.Popen(
                [str(streamlit), "run", str(ROOT / "app.py"), "--server.port", str(port),
                 "--server.address", "127.0.0.1", "--server.headless", "true",
                 "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        for port in ports:
            wait_healthy(port)
        if count == 1:
            self.port = ports[0]
            return
        self.port = free_port()
        config = workdir / "haproxy.cfg"
        # No `option forwardfor`: the servers see a loopback client, as at home, so no
        # passphrase is asked. Websockets stay on the server they opened on.
        config.write_text("\n".join([
            "defaults", "  mode http", "  timeout connect 5s", "  timeout client 1h",
            "  timeout server 1h", "  timeout tunnel 1h",
            "frontend nabij", f"  bind 127.0.0.1:{self.port}", "  default_backend streamlit",
            "backend streamlit", "  balance leastconn",
            *(f"  server s{index} 127.0.0.1:{port} check" for index, port in enumerate(ports)),
            ""]))
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        self.proxy = subprocess.Popen([haproxy, "-f", str(config), "-db"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_healthy(self.port)

    def rss_mb(self) -> float:
        return sum(process_rss_mb(process.pid) for process in self.processes)

    def stop(self) -> None:
        for process in [*self.processes, *([self.proxy] if self.proxy else [])]:
            process.terminate()
        for process in [*self.processes, *([self.proxy] if self.proxy else [])]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_healthy(port: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"no server answered on port {port}")


# ---- one partner ----------------------------------------------------------------------------

class PageError(Exception):
    """The page showed an exception, or the script did not finish."""


@dataclass
class Run:
    """What one script run sent: its elements by widget id, and its texts."""

    widgets: dict[str, object] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)


@dataclass
class Tally:
    add_see_ms: list[float] = field(default_factory=list)
    add_ms: list[float] = field(default_factory=list)  # Save until the list shows the moment
    visit_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    saved: list[str] = field(default_factory=list)  # notes of moments the page showed saved


class Partner:
    """One browser session: connect, open the Cycle page, pick a journal, log moments."""

    def __init__(self, number: int, port: int, journal: Journal, tally: Tally) -> None:
        self.number, self.port, self.journal, self.tally = number, port, journal, tally
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page = ""
        self.socket = None
        self.logged = 0

    async def connect(self) -> Run:
        self.socket = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"],
            max_size=None, ping_interval=None, open_timeout=60)
        return await self.rerun("", [])

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    async def rerun(self, page: str, widgets: list[WidgetState]) -> Run:
        """Send a rerun as the browser does, and read until the script run ends."""
        message = BackMsg()
        state = message.rerun_script
        state.page_script_hash = self.pages.get(page, "")
        state.context_info.timezone = TIMEZONE
        state.context_info.locale = "nl-NL"
        state.widget_states.widgets.extend(widgets)
        await self.socket.send(message.SerializeToString())
        run = Run()
        while True:
            raw = await asyncio.wait_for(self.socket.recv(), timeout=120)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "navigation":
                for app_page in forward.navigation.app_pages:
                    self.pages[app_page.url_pathname] = app_page.page_script_hash
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._collect(forward.delta.new_element, run)
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(forward.script_finished)
                if status == "FINISHED_SUCCESSFULLY":
                    break
                if status != "FINISHED_EARLY_FOR_RERUN":
                    raise PageError(f"script ended {status}")
        if run.exceptions:
            raise PageError(run.exceptions[0][:200])
        self.page = page
        return run

    @staticmethod
    def _collect(element, run: Run) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.exceptions.append(element.exception.message)
        elif kind == "text":
            run.texts.append(element.text.body)
        elif kind in {"button_group", "text_area", "selectbox", "button"}:
            proto = getattr(element, kind)
            run.widgets[proto.id] = proto

    @staticmethod
    def _widget(run: Run, suffix: str):
        for widget_id, proto in run.widgets.items():
            if widget_id.endswith(suffix):
                return widget_id, proto
        raise PageError(f"no widget {suffix} on the page")

    async def open(self) -> None:
        run = await self.connect()
        widget_id, picker = self._widget(run, "-journal_picker")
        name = re.compile(rf"(^|\s){re.escape(self.journal.name)}(\D|$)")
        label = next(option for option in picker.options if name.search(option))
        await self.rerun("", [WidgetState(id=widget_id, string_value=label)])

    async def log_moment(self) -> None:
        """Journal page, fill the form, Save; then the Cycle page. Times Save to Cycle shown."""
        started = time.perf_counter()
        run = await self.rerun("journal", [])
        self.tally.visit_ms.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(random.uniform(0.5, 1.5))  # typing the note
        self.logged += 1
        note = f"load {self.number}.{self.logged} {random.random():.6f}"
        partner_id, partner = self._widget(run, "-log_partner")
        kind_id, kind = self._widget(run, "-log_kind")
        note_id, _ = self._widget(run, "-log_note")
        save_id = next(widget_id for widget_id, proto in run.widgets.items()
                       if getattr(proto, "is_form_submitter", False)
                       and proto.form_id.endswith("log_form"))
        partner_choice = WidgetState(id=partner_id)
        partner_choice.string_array_value.data.append(
            partner.options[self.number % 2].content)
        kind_choice = WidgetState(id=kind_id)
        kind_choice.string_array_value.data.append(kind.options[self.logged % 2].content)
        started = time.perf_counter()
        saved = await self.rerun("journal", [partner_choice, kind_choice,
                                             WidgetState(id=note_id, string_value=note),
                                             WidgetState(id=save_id, trigger_value=True)])
        if note not in saved.texts:
            raise PageError("the saved moment is not in the journal's list")
        self.tally.saved.append(note)
        self.tally.add_ms.append((time.perf_counter() - started) * 1000)
        await self.rerun("cycle", [])
        self.tally.add_see_ms.append((time.perf_counter() - started) * 1000)


async def partner_loop(partner: Partner, until: float, pause: tuple[float, float],
                       stop: asyncio.Event) -> None:
    while time.monotonic() < until and not stop.is_set():
        try:
            await partner.log_moment()
        except (PageError, TimeoutError, websockets.ConnectionClosed, StopIteration) as error:
            partner.tally.errors.append(f"{type(error).__name__}: {error}")
            return
        await asyncio.sleep(random.uniform(*pause))


# ---- the ramp -------------------------------------------------------------------------------

@dataclass
class Step:
    sessions: int
    add_see_p50: float
    add_see_p95: float
    add_p50: float
    visit_p95: float
    adds: int
    errors: int
    rss_idle_mb: float
    rss_active_mb: float
    first_error: str = ""


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run_step(servers: Servers, journals: list[Journal], count: int, seconds: float,
                   pause: tuple[float, float]) -> tuple[Step, list[str]]:
    tally = Tally()
    partners = [Partner(number, servers.port, journals[(number // 2) % len(journals)], tally)
                for number in range(count)]
    try:
        # Open in small waves, as partners arrive, not all in one instant.
        for start in range(0, count, 5):
            results = await asyncio.gather(*(partner.open() for partner in
                                             partners[start:start + 5]),
                                           return_exceptions=True)
            tally.errors += [f"open: {type(result).__name__}: {result}" for result in results
                             if isinstance(result, BaseException)]
        await asyncio.sleep(3)
        idle = servers.rss_mb()
        stop = asyncio.Event()
        until = time.monotonic() + seconds
        rss_samples: list[float] = []

        async def sample() -> None:
            while not stop.is_set():
                rss_samples.append(servers.rss_mb())
                await asyncio.sleep(1)

        sampler = asyncio.create_task(sample())
        await asyncio.gather(*(partner_loop(partner, until, pause, stop) for partner in partners
                               if partner.socket is not None))
        stop.set()
        await sampler
    finally:
        await asyncio.gather(*(partner.close() for partner in partners),
                             return_exceptions=True)
    step = Step(sessions=count, add_see_p50=percentile(tally.add_see_ms, 0.5),
                add_see_p95=percentile(tally.add_see_ms, 0.95),
                add_p50=percentile(tally.add_ms, 0.5),
                visit_p95=percentile(tally.visit_ms, 0.95), adds=len(tally.add_see_ms),
                errors=len(tally.errors), rss_idle_mb=idle,
                rss_active_mb=max(rss_samples, default=idle),
                first_error=tally.errors[0] if tally.errors else "")
    return step, tally.saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", default="1,5,10,20,40", help="sessions per step")
    parser.add_argument("--seconds", type=float, default=60, help="length of each step")
    parser.add_argument("--pause", default="3,6", help="seconds between moments, min,max")
    parser.add_argument("--moments", type=int, default=10_000, help="moments per journal")
    parser.add_argument("--couples", type=int, default=4, help="journals (two partners each)")
    parser.add_argument("--servers", type=int, default=1, help="Streamlit servers (haproxy if >1)")
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--stop-above", type=float, default=5000,
                        help="end the ramp after a step whose p95 add + see exceeds this (ms)")
    args = parser.parse_args()
    steps = [int(value) for value in args.steps.split(",")]
    pause = tuple(float(value) for value in args.pause.split(","))
    random.seed(1)

    with tempfile.TemporaryDirectory(prefix="nabij-load-") as directory:
        workdir = Path(directory)
        postgres = ThrowawayPostgres() if args.database == "postgres" else None
        url = postgres.url if postgres else f"sqlite:///{workdir / 'load.sqlite3'}"
        servers = None
        try:
            store, journals = seed(url, args.couples, args.moments)
            before = len(stored_notes(store, journals))
            servers = Servers(args.servers, url, workdir)
            started_rss = servers.rss_mb()
            print(f"{args.servers} server(s), {args.database}, {args.couples} journals of "
                  f"{args.moments:,} moments; {os.cpu_count()} cores, load average "
                  f"{os.getloadavg()[0]:.1f}; servers at start {started_rss:.0f} MB",
                  flush=True)
            # One session first, so the caches are warm before the first step is measured.
            _, saved_notes = asyncio.run(run_step(servers, journals, 1, 5, pause))
            rows = []
            for count in steps:
                step, saved = asyncio.run(run_step(servers, journals, count, args.seconds,
                                                   pause))
                saved_notes += saved
                rows.append(step)
                print(f"{count:>4} sessions: add+see p50 {step.add_see_p50:,.0f} ms, p95 "
                      f"{step.add_see_p95:,.0f} ms, {step.adds} adds, {step.errors} errors "
                      f"{step.first_error[:120]}", flush=True)
                if step.add_see_p95 > args.stop_above:
                    break
            notes = stored_notes(store, journals)
            new_per_journal = [len(store.events_table(journal.id)) - args.moments
                               for journal in journals]
        finally:
            if servers is not None:
                servers.stop()
            if postgres is not None:
                postgres.stop()

    print("| sessions | add + see p50 ms | add + see p95 ms | save p50 ms | journal page p95 ms "
          "| adds | errors | RSS idle MB | RSS active MB |")
    print("|" + "---|" * 9)
    for step in rows:
        print(f"| {step.sessions} | {step.add_see_p50:,.0f} | {step.add_see_p95:,.0f} | "
              f"{step.add_p50:,.0f} | {step.visit_p95:,.0f} | {step.adds} | {step.errors} | "
              f"{step.rss_idle_mb:.0f} | {step.rss_active_mb:.0f} |")
    held = [step.sessions for step in rows if step.add_see_p95 < 1000 and step.errors == 0]
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        spread = max(1, last.sessions - first.sessions)
        per_idle = (last.rss_idle_mb - first.rss_idle_mb) / spread
        per_active = (last.rss_active_mb - first.rss_active_mb) / spread
        print(f"memory per session: idle {per_idle:.1f} MB, active {per_active:.1f} MB "
              f"(from {first.sessions} to {last.sessions} sessions)")
    # Every moment a page showed as saved must be in the database, once.
    stored = set(notes)
    lost = sum(note not in stored for note in saved_notes)
    print(f"moments: {before:,} seeded, {len(saved_notes):,} shown as saved, {len(notes):,} in "
          f"the database ({len(notes) - before:,} new, per journal {new_per_journal}); "
          f"lost: {lost}")
    print(f"held_sessions_p95_under_1s={max(held) if held else 0} "
          f"servers={args.servers} lost={lost}")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
