"""A journal with a long silence in a browser: no phase band over the silence, the silence
labelled as such, and today not named as a phase when the last moment is weeks old.

The journal holds a month of warm moments, more than a year of nothing, then a month of hard
ones that ended weeks before today (relative to the day the test runs; nothing is asserted
about the clock itself).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from nabij.cycle.cycle_figures import SILENCE_FILL
from nabij.model import Event, Journal, Kind
from nabij.phases.claims import REACH_DAYS
from tests.e2e.conftest import seeded_server
from tests.e2e.nabij_ui import (
    chart_layout,
    heading,
    main,
    open_app,
    phase_rects,
    rerun_after,
    wait_for_chart_points,
)

pytestmark = pytest.mark.e2e

ZONE = ZoneInfo("Europe/Amsterdam")
NAME = "Stilte"
PARTNERS = ("Ines", "Joep")
FIRST_DAY = dt.date(2025, 2, 3)
STRETCH_DAYS = 30
LAST_AGO = 40  # the last moment, in days before today
TODAY = dt.datetime.now(ZONE).date()
LAST_DAY = TODAY - dt.timedelta(days=LAST_AGO)
SECOND_START = LAST_DAY - dt.timedelta(days=STRETCH_DAYS - 1)
EARLY_END = FIRST_DAY + dt.timedelta(days=STRETCH_DAYS - 1)


def _moments() -> list[Event]:
    events = []
    for start, kinds in ((FIRST_DAY, (Kind.CLOSENESS, Kind.CLOSENESS)),
                         (SECOND_START, (Kind.DISTANCE, Kind.CLOSENESS))):
        for offset in range(STRETCH_DAYS):
            day = start + dt.timedelta(days=offset)
            for partner, kind in enumerate(kinds):
                events.append(Event(occurred_at=dt.datetime.combine(day, dt.time(20, partner),
                                                                    ZONE),
                                    partner=partner, kind=kind,
                                    intensity=5 if kind is Kind.DISTANCE else 4))
    return events


MOMENTS = _moments()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory):
    def seed(store) -> None:
        journal = store.create_journal(Journal(None, NAME, PARTNERS))
        store.add_events(journal.id, MOMENTS)

    server = seeded_server(tmp_path_factory.mktemp("silence"), seed)
    yield server
    server.stop()


def _open_journal(page: Page, base_url: str) -> None:
    open_app(page, base_url)
    picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Dagboek")
    picker.click()
    rerun_after(page, page.get_by_role("option",
                                       name=f"{NAME} ({PARTNERS[0]} & {PARTNERS[1]})").click)
    expect(heading(page)).to_have_text(f"Cyclus: {NAME}")
    wait_for_chart_points(page, len(MOMENTS))


def _day(value: str) -> dt.date:
    return pd.Timestamp(value).date()


def test_a_long_silence_has_no_bands_is_labelled_and_today_is_not_named(app_server, page):
    _open_journal(page, app_server.url)
    layout = chart_layout(page)
    rects = phase_rects(layout)
    silences = [rect for rect in rects if rect.get("fillcolor") == SILENCE_FILL]
    bands = [rect for rect in rects if rect.get("fillcolor") != SILENCE_FILL]

    # One grey stretch over the whole silence, labelled "geen momenten".
    assert [(_day(rect["x0"]), _day(rect["x1"])) for rect in silences] == [
        (EARLY_END + dt.timedelta(days=1), SECOND_START)], silences
    labels = [note["text"] for note in layout["annotations"]]
    assert labels.count("geen momenten") == 1, labels

    # Phase bands on both logged stretches, none reaching into the silence beyond the days
    # the moments beside it carry.
    assert bands, "the logged stretches have phase bands"
    inner_start = EARLY_END + dt.timedelta(days=REACH_DAYS + 1)
    inner_end = SECOND_START - dt.timedelta(days=REACH_DAYS + 1)
    for rect in bands:
        start, end = _day(rect["x0"]), _day(rect["x1"]) - dt.timedelta(days=1)
        assert end < inner_start or start > inner_end, (rect, inner_start, inner_end)

    # Beside the chart: how long ago the last moment was and a way to log one, no phase.
    stale = main(page).locator(".st-key-phase_panel_stale")
    expect(stale).to_contain_text(f"{LAST_AGO} dagen geleden vastgelegd")
    expect(stale.get_by_role("link", name="Moment vastleggen")).to_be_visible()
    expect(main(page).locator(".st-key-phase_panel")).to_have_count(0)
