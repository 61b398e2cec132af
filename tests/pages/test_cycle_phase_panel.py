"""The phase panel beside the chart never names today's phase from moments weeks old."""

from __future__ import annotations

import datetime as dt

from nabij.content import PHASE_PANELS, get_panel
from nabij.model import Event, Kind
from nabij.phases.claims import STALE_AFTER_DAYS
from tests.pages.conftest import open_app

PHASE_TITLES = {get_panel("nl", name).title for name in PHASE_PANELS.values()}


def log_closeness_days(store, journal, last_day_ago: int, days: int = 30) -> None:
    """Two closeness moments a day (a clear beginning) for `days` days, the last one
    `last_day_ago` days before today in the journal's zone."""
    today = dt.datetime.now(journal.zone).date()
    for back in range(last_day_ago, last_day_ago + days):
        day = today - dt.timedelta(days=back)
        for partner in (0, 1):
            when = dt.datetime.combine(day, dt.time(12, 0), tzinfo=journal.zone)
            store.add_event(journal.id, Event(occurred_at=when, partner=partner,
                                              kind=Kind.CLOSENESS, intensity=4))


def markdown(app) -> list[str]:
    return [block.value for block in app.markdown]


def test_an_old_last_moment_gets_how_long_ago_and_a_way_to_log_not_a_phase(store, journal):
    ago = STALE_AFTER_DAYS + 23
    log_closeness_days(store, journal, last_day_ago=ago)
    app = open_app()
    texts = markdown(app)
    assert any(f"{ago} dagen geleden vastgelegd" in text for text in texts), texts
    assert not any(title in text for text in texts for title in PHASE_TITLES)
    labels = [link.proto.label for link in app.get("page_link")]
    assert labels.count("Moment vastleggen") >= 2  # the page's own link and the panel's


def test_a_recent_last_moment_shows_the_phase_as_before(store, journal):
    log_closeness_days(store, journal, last_day_ago=0)
    app = open_app()
    texts = markdown(app)
    assert not any("dagen geleden vastgelegd" in text for text in texts)
    assert any(title in text for text in texts for title in PHASE_TITLES), texts


def test_the_old_journal_in_english(store, journal):
    log_closeness_days(store, journal, last_day_ago=60)
    app = open_app(lang="en")
    assert any("logged 60 days ago" in text for text in markdown(app))
