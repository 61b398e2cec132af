"""The web shell's middleware: it edits Streamlit's page and leaves everything else alone."""

from __future__ import annotations

import subprocess
import sys

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from streamlit.web.server.app_discovery import discover_asgi_app

from nabij.config import PROJECT_ROOT
from nabij.shell.web import HEAD_TAGS, page_language, rewrite_page, shell_middleware

PAGE = ('<!DOCTYPE html>\n<html lang="en">\n<head><title>Streamlit</title></head>'
        "<body></body></html>")


def _client() -> TestClient:
    async def index(_request):
        return HTMLResponse(PAGE, headers={"ETag": '"abc"'})

    async def health(_request):
        return PlainTextResponse("<html lang=\"en\"></head>", media_type="text/html")

    async def config(_request):
        return JSONResponse({"html": "</head>"})

    inner = Starlette(routes=[Route("/", index), Route("/journal", index),
                              Route("/_stcore/health", health), Route("/config", config)],
                      middleware=shell_middleware())
    return TestClient(inner)


def test_the_page_gets_the_manifest_link_and_its_language():
    client = _client()
    answer = client.get("/journal?lang=nl", headers={"Accept-Encoding": "gzip"})
    assert '<html lang="nl">' in answer.text
    assert HEAD_TAGS + "</head>" in answer.text
    assert int(answer.headers["content-length"]) == len(answer.content)
    assert "etag" not in answer.headers
    assert client.get("/?lang=en").text.count('<html lang="en">') == 1


def test_stcore_and_other_responses_pass_untouched():
    client = _client()
    assert client.get("/_stcore/health").text == '<html lang="en"></head>'
    assert client.get("/config").json() == {"html": "</head>"}


def test_the_language_is_the_apps_choice_and_never_free_text():
    def scope(query: str, accept: str = "") -> dict:
        return {"query_string": query.encode(), "headers": [(b"accept-language", accept.encode())]}

    assert page_language(scope("lang=en")) == "en"
    assert page_language(scope("", "en-GB,en;q=0.9")) == "en"
    assert page_language(scope("", "nl-NL")) == "nl"
    assert page_language(scope('lang="><script>')) in ("nl", "en")
    assert page_language(scope("")) == "nl"


def test_rewrite_touches_only_the_first_html_tag_and_head():
    page = rewrite_page(b'<html lang="en" dir="ltr"><head></head><p><html></p>', "nl")
    assert page.startswith(b'<html lang="nl" dir="ltr"><head>' + HEAD_TAGS.encode() + b"</head>")
    assert rewrite_page(b"<HTML><head></head>", "en").startswith(b'<html lang="en"><head>')
    assert page.endswith(b"<p><html></p>")


def test_streamlit_run_serves_app_py_through_st_app_with_the_shell():
    """`streamlit run app.py` must find the st.App (or the manifest would silently vanish)."""
    discovered = discover_asgi_app(PROJECT_ROOT / "app.py")
    assert (discovered.is_asgi_app, discovered.import_string) == (True, "app:app")
    # Imported as a module (as uvicorn does), app.py builds the App and runs no page.
    probe = ("import app, streamlit as st; "
             "print(isinstance(app.app, st.App), app.app.script_path.name, "
             "sorted(route.path for route in app.app._user_routes))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout.split("\n")[-2] == (
        "True app.py ['/manifest.webmanifest', '/shell/{name}', '/sw.js']")
