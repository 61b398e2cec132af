"""Privacy in the browser: every request the app makes goes to its own server.

A relationship journal must not leak to font services, analytics or CDNs. The test records
every request a real session makes while using each page and logging a moment, and finds
only the app's own address.
"""

from __future__ import annotations

from tests.e2e.nabij_ui import (
    Moment,
    create_journal,
    foreign_requests,
    go_to,
    log_moment,
    open_app,
)


def test_every_request_goes_to_the_apps_own_server(app_server, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_app(page, app_server.url)
    create_journal(page, app_server.url, "Privé", ("Noor", "Sem"))
    go_to(page, "Dagboek")
    log_moment(page, Moment(partner="Noor", kind="closeness", intensity=4,
                            note="alleen van ons"))
    for label in ("Cyclus", "Leren", "Dagboeken"):
        go_to(page, label)
    foreign = foreign_requests(requests, app_server.url)
    assert len(requests) > 10
    assert foreign == []
