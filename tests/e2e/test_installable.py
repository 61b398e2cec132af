"""Installable and in the right language: manifest, icons, service worker and <html lang>.

All against a real `streamlit run app.py` (the app_server fixture), in headless Chromium.
"""

from __future__ import annotations

import io
import json
import re
import urllib.request

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from nabij.shell.web import SHELL_DIR
from tests.e2e.nabij_ui import NL, open_app, rerun_after

pytestmark = pytest.mark.e2e

CACHE_NAME = "nabij-shell-v1"
# Playwright's browser contexts are incognito; Chromium says so and nothing else may be wrong.
INCOGNITO_ONLY = {"in-incognito"}


def fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.headers.get("Content-Type", ""), answer.read()


def test_manifest_worker_and_icons_are_served_with_their_content_types(app_server):
    kind, body = fetch(f"{app_server.url}/manifest.webmanifest")
    assert kind.split(";")[0] == "application/manifest+json"
    manifest = json.loads(body)
    assert (manifest["name"], manifest["display"], manifest["start_url"]) == \
        ("Nabij", "standalone", "/")
    assert manifest["theme_color"] and manifest["background_color"]
    purposes = set()
    for icon in manifest["icons"]:
        kind, image = fetch(app_server.url + icon["src"])
        assert kind == "image/png"
        width, height = Image.open(io.BytesIO(image)).size
        assert f"{width}x{height}" == icon["sizes"]
        purposes.add((icon["sizes"], icon["purpose"]))
    assert purposes == {(size, purpose) for size in ("192x192", "512x512")
                        for purpose in ("any", "maskable")}

    kind, _ = fetch(f"{app_server.url}/sw.js")
    assert kind.split(";")[0] == "text/javascript"
    kind, page = fetch(f"{app_server.url}/?lang=nl")
    assert kind.startswith("text/html")
    assert b'<link rel="manifest" href="/manifest.webmanifest">' in page
    assert b'<script src="/shell/register-sw.js" defer></script>' in page


def test_chromium_finds_the_manifest_and_its_icons(app_server, page: Page):
    open_app(page, app_server.url)
    cdp = page.context.new_cdp_session(page)
    found = cdp.send("Page.getAppManifest")
    assert found["url"] == f"{app_server.url}/manifest.webmanifest"
    assert found["errors"] == []
    parsed = found["manifest"]
    assert (parsed["name"], parsed["display"]) == ("Nabij", "kStandalone")
    assert parsed["startUrl"] == f"{app_server.url}/"
    assert {icon["sizes"] for icon in parsed["icons"]} == {"192x192", "512x512"}
    # Chromium fetches the icons to judge installability: a missing or wrong one shows here.
    errors = {error["errorId"] for error in
              cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]}
    assert errors <= INCOGNITO_ONLY, errors


def test_the_worker_source_leaves_stcore_alone():
    """Read the worker itself: /_stcore is on its never-list and only the shell is cached."""
    source = (SHELL_DIR / "sw.js").read_text()
    never = re.search(r"const NEVER = \[(.*?)\];", source, re.DOTALL).group(1)
    assert '"/_stcore"' in never
    shell = re.search(r"const SHELL = \[(.*?)\];", source, re.DOTALL).group(1)
    assert "_stcore" not in shell and "media" not in shell
    # Outside the shell the fetch handler returns before respondWith: the browser handles it.
    handler = source[source.index('addEventListener("fetch"'):]
    assert handler.index("!isShell(url)) return;") < handler.index("event.respondWith")


def test_the_worker_caches_only_the_shell_and_never_serves_stcore(app_server, page: Page):
    open_app(page, app_server.url)
    script = page.evaluate(
        "navigator.serviceWorker.ready.then(registration => registration.active.scriptURL)")
    assert script == f"{app_server.url}/sw.js"

    responses = []
    page.on("response", lambda response: responses.append(response))
    open_app(page, app_server.url)  # a second load, now under the worker's control
    assert page.evaluate("Boolean(navigator.serviceWorker.controller)")

    stcore = [response for response in responses if "/_stcore/" in response.url]
    assert stcore, "the page made no /_stcore request to check"
    assert not [response.url for response in stcore if response.from_service_worker]
    # The check can tell: the page itself did come through the worker.
    [shell_page] = [response for response in responses
                    if response.url.startswith(f"{app_server.url}/?")]
    assert shell_page.from_service_worker

    cached = page.evaluate(
        f"caches.open('{CACHE_NAME}').then(cache => cache.keys())"
        ".then(requests => requests.map(request => new URL(request.url).pathname))")
    assert sorted(cached) == sorted(["/", "/manifest.webmanifest", "/shell/icon-192.png",
                                     "/shell/icon-512.png"])
    assert page.evaluate("caches.keys()") == [CACHE_NAME]


def test_html_lang_follows_the_chosen_language(app_server, page: Page):
    open_app(page, app_server.url)
    assert page.evaluate("document.documentElement.lang") == "nl"
    language = page.get_by_test_id("stSidebar").get_by_role("radiogroup",
                                                            name=NL["language.label"])
    rerun_after(page, language.get_by_role("radio", name="English").click)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    rerun_after(page, page.get_by_test_id("stSidebar").get_by_role(
        "radiogroup", name="Language").get_by_role("radio", name="Nederlands").click)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    # A fresh page in English starts in English, before any script has run.
    open_app(page, app_server.url, lang="en")
    assert page.evaluate("document.documentElement.lang") == "en"
