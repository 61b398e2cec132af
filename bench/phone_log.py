"""How long a partner on a phone waits: from opening Nabij to the app's shell, to the chart,
and to a saved moment (two taps: "Log a moment" above the page, then Save).

Issue #19 asks for the shell in under 3 s and a saved moment in under 10 s with the journal
already open on the device. The end-to-end test counts the taps (tests/e2e/test_quick_log.py);
how long they take depends on the machine, so it is measured here and never asserted.

Two kinds of runs at 390 x 844 (a phone): a first visit (a fresh browser context, nothing
cached) and a returning phone (one context kept across runs, a new tab each time, so the
browser's cache holds Streamlit's and Plotly's JavaScript as a phone's does). The server stays
up, as it would for a couple using it at home; the first run of each kind is a warm-up.

The app's shell is Streamlit's header with the navigation, then the page's title; the "Log a
moment" link (a page link, whose code the browser loads lazily) shows about when the chart does.

Usage: .venv/bin/python -m bench.phone_log [--runs 7]
Needs Chromium: NABIJ_CHROMIUM (default /usr/bin/chromium), as for the end-to-end tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from nabij.model import Event, Journal, Kind
from nabij.storage import Store, open_engine, upgrade_to_latest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "nl-NL",
         "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                       "(KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"}
LOG_LINK = "Moment vastleggen"
SAVE = "Opslaan"
TIMEOUT_MS = 60_000


def _seed(database_url: str) -> None:
    """One journal with a month of moments: it opens by itself, as it does at home."""
    engine = open_engine(database_url)
    try:
        upgrade_to_latest(engine)
        store = Store(engine)
        journal = store.create_journal(Journal(None, "Thuis", ("Anna", "Bram"),
                                               "Europe/Amsterdam"))
        start = dt.datetime(2026, 11, 1, 20, 0, tzinfo=dt.UTC)
        for day in range(30):
            store.add_event(journal.id, Event(occurred_at=start + dt.timedelta(days=day),
                                              partner=day % 2,
                                              kind=Kind.CLOSENESS if day % 3 else Kind.DISTANCE,
                                              intensity=1 + day % 5))
    finally:
        engine.dispose()


def _start(database_url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "NABIJ_DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.fileWatcherType", "none"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("Nabij did not start") from None
            time.sleep(0.2)


def _one_run(page: Page, url: str) -> dict[str, float]:
    """Seconds from the page load to Streamlit's header and navigation, to the page's title,
    to the "Log a moment" link, to the chart drawn, and to "Saved" after the two taps."""
    began = time.perf_counter()
    page.goto(f"{url}/?lang=nl")
    # The app's frame: Streamlit's header with the page navigation (the service worker's shell).
    page.get_by_test_id("stHeader").wait_for(timeout=TIMEOUT_MS)
    header = time.perf_counter() - began
    page.get_by_test_id("stMain").locator("h1").first.wait_for(timeout=TIMEOUT_MS)
    title = time.perf_counter() - began
    log_link = page.locator(".st-key-page_actions").get_by_role("link", name=LOG_LINK)
    # wait_for checks on every animation frame; expect() polls ever more slowly (up to 1 s).
    log_link.wait_for(timeout=TIMEOUT_MS)
    link = time.perf_counter() - began
    page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=TIMEOUT_MS)
    chart = time.perf_counter() - began
    log_link.tap()
    save = page.get_by_role("button", name=SAVE)
    save.wait_for(timeout=TIMEOUT_MS)
    save.tap()
    page.get_by_test_id("stToast").filter(has_text="Opgeslagen").wait_for(timeout=TIMEOUT_MS)
    saved = time.perf_counter() - began
    return {"header": header, "title": title, "log link": link, "chart": chart, "saved": saved}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nabij-bench-phone-") as folder:
        database_url = f"sqlite:///{folder}/nabij.sqlite3"
        _seed(database_url)
        port = 8700 + os.getpid() % 200
        server = _start(database_url, port)
        url = f"http://127.0.0.1:{port}"
        runs: dict[str, list[dict[str, float]]] = {}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=os.environ.get("NABIJ_CHROMIUM", "/usr/bin/chromium"),
                    headless=True, args=["--no-sandbox", "--disable-dev-shm-usage"])
                # A returning phone keeps its browser cache: one context, a new tab a run.
                returning = browser.new_context(**PHONE)
                for name in ("first visit", "returning phone"):
                    runs[name] = []
                    for number in range(args.runs + 1):
                        context = browser.new_context(**PHONE) if name == "first visit" \
                            else returning
                        page = context.new_page()
                        result = _one_run(page, url)
                        page.close()
                        if context is not returning:
                            context.close()
                        label = f"{name} {number}" if number else f"{name} (warm-up)"
                        print(f"{label:>24}: " + ", ".join(
                            f"{key} {value:.2f} s" for key, value in result.items()))
                        if number:
                            runs[name].append(result)
                browser.close()
        finally:
            server.terminate()
            server.wait(15)
    for name, results in runs.items():
        for key in ("header", "title", "log link", "chart", "saved"):
            values = [run[key] for run in results]
            print(f"{name}, median {key}: {statistics.median(values):.2f} s "
                  f"(min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs)")


if __name__ == "__main__":
    main()
