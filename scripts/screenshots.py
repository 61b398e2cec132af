"""Save phone-sized screenshots of every page in the light and the dark theme (Dutch).

Writes docs/screenshots/<page>-<theme>.png, 390 px wide, as a phone in light or dark mode
sees the demo journal. Without --url it starts Nabij itself on loopback with an empty
database in a temporary folder (so the pages show the demo journal) and stops it afterwards;
with --url it photographs an app that is already running.

Usage: .venv/bin/python scripts/screenshots.py [--url http://localhost:8501] [--out DIR]
Needs Chromium: NABIJ_CHROMIUM (default /usr/bin/chromium), as for the end-to-end tests.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from nabij.i18n import Messages  # noqa: E402  (after the project root is on the path)
from tests.e2e.nabij_ui import full_page_screenshot, go_to, open_app  # noqa: E402

# File name of each page, and the message key of its navigation label (app.py).
PAGES = {"cycle": "nav.cycle", "journal": "nav.journal", "insights": "insights.nav",
         "session": "nav.session", "learn": "nav.learn", "journals": "nav.journals",
         "data": "nav_data.title"}
THEMES = ("light", "dark")
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1,
         "is_mobile": True, "has_touch": True, "locale": "nl-NL",
         "timezone_id": "Europe/Amsterdam"}
LANGUAGE = "nl"
START_TIMEOUT_S = 60
# Plotly draws after the script run: every chart has its SVG, and the fonts are in.
_SETTLED = """async () => {
  await document.fonts.ready;
  while (![...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
           .every(chart => chart.querySelector('.main-svg')))
    await new Promise(done => setTimeout(done, 100));
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def started_app() -> Iterator[str]:
    """Nabij on a free loopback port, on a fresh SQLite file; yields its address."""
    with tempfile.TemporaryDirectory(prefix="nabij-screenshots-") as folder:
        port = _free_port()
        env = {**os.environ, "NABIJ_DATABASE_URL": f"sqlite:///{folder}/nabij.sqlite3"}
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port),
             "--server.fileWatcherType", "none"],
            cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(f"Nabij did not start on {url}") from None
                    time.sleep(0.2)  # polling the health check
            yield url
        finally:
            process.terminate()
            process.wait(15)


def take_screenshots(url: str, out: Path) -> list[Path]:
    msg = Messages(LANGUAGE)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("NABIJ_CHROMIUM", "/usr/bin/chromium"),
            headless=True, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for theme in THEMES:
            context = browser.new_context(**PHONE, color_scheme=theme)
            page = context.new_page()
            open_app(page, url, lang=LANGUAGE)
            for number, (name, key) in enumerate(PAGES.items()):
                if number:
                    go_to(page, msg(key))
                page.evaluate(_SETTLED)
                path = out / f"{name}-{theme}.png"
                full_page_screenshot(page, path)
                saved.append(path)
                print(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT)
                      else path)
            context.close()
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running Nabij (default: start one on a fresh database)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if args.url:
        take_screenshots(args.url.rstrip("/"), args.out)
        return
    with started_app() as url:
        take_screenshots(url, args.out)


if __name__ == "__main__":
    main()
