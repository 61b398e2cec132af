"""Routes and middleware that make Nabij an installable web app, served by Streamlit's st.App.

This runs in the web server, not in a Streamlit script: it imports Starlette only. Everything it
serves is a fixed file from data/shell/ (never user text, never journal data), and what it adds
to the page's <head> is fixed markup too; only the `lang` attribute varies, and it is always one
of nabij.i18n.LANGUAGES.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from nabij.config import DATA_DIR
from nabij.i18n import pick_language

SHELL_DIR = DATA_DIR / "shell"
MANIFEST_PATH = "/manifest.webmanifest"
SERVICE_WORKER_PATH = "/sw.js"
# Files under /shell/, by name: an allow-list, so no path from a request reaches the disk.
SHELL_FILES = {
    "icon-192.png": "image/png",
    "icon-512.png": "image/png",
    "icon-maskable-192.png": "image/png",
    "icon-maskable-512.png": "image/png",
    "register-sw.js": "text/javascript",
}
# Streamlit's own paths: never rewritten (its live channel, media, uploads, bundles).
_UNTOUCHED_PREFIXES = ("/_stcore", "/media", "/component", "/static", "/app/static", "/shell",
                       "/auth", "/oauth2callback")
HEAD_TAGS = (
    f'<link rel="manifest" href="{MANIFEST_PATH}">'
    '<meta name="theme-color" content="#B5477A">'
    '<link rel="apple-touch-icon" href="/shell/icon-192.png">'
    '<script src="/shell/register-sw.js" defer></script>'
)
_FULL_PAGE_UNWANTED = (b"accept-encoding", b"if-none-match", b"if-modified-since")
_HTML_TAG = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_LANG_ATTRIBUTE = re.compile(rb"""\s+lang\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)""", re.IGNORECASE)
# Shell files change only with a release; a short cache keeps an update from lingering.
_CACHE = "public, max-age=3600"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def manifest(_request: Request) -> Response:
    return FileResponse(SHELL_DIR / "manifest.webmanifest",
                        media_type="application/manifest+json",
                        headers={"Cache-Control": _CACHE})


async def service_worker(_request: Request) -> Response:
    # Served from the root so its scope can be the whole app; never cached by HTTP, so a new
    # worker is picked up at once.
    return FileResponse(SHELL_DIR / "sw.js", media_type="text/javascript",
                        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})


async def shell_file(request: Request) -> Response:
    name = request.path_params["name"]
    media_type = SHELL_FILES.get(name)
    if media_type is None:
        return Response(status_code=404)
    return FileResponse(SHELL_DIR / name, media_type=media_type,
                        headers={"Cache-Control": _CACHE})


def shell_routes() -> list[Route]:
    """The manifest, the service worker and the shell's files, for st.App(routes=...)."""
    return [
        Route(MANIFEST_PATH, manifest, methods=["GET"]),
        Route(SERVICE_WORKER_PATH, service_worker, methods=["GET"]),
        Route("/shell/{name}", shell_file, methods=["GET"]),
    ]


def page_language(scope: Scope) -> str:
    """The page's language as the app picks it: ?lang= first, then the browser's first choice."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    requested = (query.get("lang") or [None])[0]
    accept = dict(scope.get("headers") or []).get(b"accept-language", b"").decode("latin-1")
    browser = accept.split(",")[0].split(";")[0].strip() or None
    return pick_language(requested, browser)


def rewrite_page(html: bytes, language: str) -> bytes:
    """The index page with Nabij's <html lang> and its shell tags in <head>."""
    def set_lang(match: re.Match[bytes]) -> bytes:
        tag = _LANG_ATTRIBUTE.sub(b"", match.group(0))
        return f'<html lang="{language}"'.encode() + tag[len(b"<html"):]

    html = _HTML_TAG.sub(set_lang, html, count=1)
    return html.replace(b"</head>", HEAD_TAGS.encode() + b"</head>", 1)


class ShellPageMiddleware:
    """Adds the manifest link and worker registration to every HTML page Streamlit serves.

    Streamlit serves one index.html for every page of the app; this middleware edits that
    response on its way out and leaves all other traffic (above all /_stcore) untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope.get("method") != "GET"
                or path.startswith(_UNTOUCHED_PREFIXES) or path in (MANIFEST_PATH,
                                                                     SERVICE_WORKER_PATH)):
            await self.app(scope, receive, send)
            return
        language = page_language(scope)
        # Ask the inner app for the whole page in plain bytes: a gzipped page could not be
        # edited, and a 304 would let the browser keep a copy in another language.
        scope = dict(scope)
        scope["headers"] = [(name, value) for name, value in scope.get("headers", [])
                            if name.lower() not in _FULL_PAGE_UNWANTED]
        start: Message | None = None
        passing_through = False
        body: list[bytes] = []

        async def edit(message: Message) -> None:
            nonlocal start, passing_through
            if passing_through:
                await send(message)
                return
            if message["type"] == "http.response.start":
                start = message
                content_type = dict(message.get("headers") or []).get(b"content-type", b"")
                if message.get("status") != 200 or not content_type.startswith(b"text/html"):
                    passing_through = True
                    await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = rewrite_page(b"".join(body), language)
            # The page now differs per language: no shared validator, no stale copy.
            kept = [(name, value) for name, value in start.get("headers", [])
                    if name.lower() not in (b"content-length", b"etag", b"last-modified",
                                            b"cache-control")]
            kept += [(b"content-length", str(len(page)).encode()),
                     (b"cache-control", b"no-cache")]
            await send({**start, "headers": kept})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, edit)


def shell_middleware() -> list[Middleware]:
    """The page editing above, for st.App(middleware=...)."""
    return [Middleware(ShellPageMiddleware)]
