"""Marking phases by hand on the Cycle page, and taking over Nabij's suggestion, in a browser.

The database holds two small journals before the server starts (written through Nabij's
Store); each test opens its own through the sidebar's journal picker. Bands are read from
the chart's layout: a suggested band has a dashed outline (line width > 0), a marked one none.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from nabij.model import Event, Journal, Kind
from nabij.storage import Store
from tests.e2e.conftest import seeded_server
from tests.e2e.nabij_ui import (
    CYCLE_NL,
    chart_layout,
    expander,
    heading,
    is_suggested,
    open_app,
    open_expander,
    phase_rects,
    rerun_after,
    select_option,
    wait_for_app,
    wait_for_chart_points,
)

pytestmark = pytest.mark.e2e

ZONE = ZoneInfo("Europe/Amsterdam")
FIRST_DAY = dt.date(2025, 3, 3)
# One moment every other day: warm, then mixed, then hard, then warm again.
PLAN = ([(Kind.CLOSENESS, 4)] * 4 + [(Kind.CLOSENESS, 3), (Kind.DISTANCE, 2)] * 2
        + [(Kind.DISTANCE, 5)] * 4 + [(Kind.CLOSENESS, 4)] * 4)
LAST_DAY = FIRST_DAY + dt.timedelta(days=2 * (len(PLAN) - 1))
JOURNALS = ("Fasen", "Fasen open")
PARTNERS = ("Lot", "Mees")


def _moments() -> list[Event]:
    return [Event(occurred_at=dt.datetime.combine(FIRST_DAY + dt.timedelta(days=2 * number),
                                                  dt.time(20, 0), ZONE),
                  partner=number % 2, kind=kind, intensity=intensity,
                  note=f"Moment {number + 1}")
            for number, (kind, intensity) in enumerate(PLAN)]


def _seed(store: Store) -> None:
    for name in JOURNALS:
        journal = store.create_journal(Journal(None, name, PARTNERS))
        store.add_events(journal.id, _moments())


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory):
    server = seeded_server(tmp_path_factory.mktemp("phases"), _seed)
    yield server
    server.stop()


def _open_journal(page: Page, base_url: str, name: str) -> None:
    """Open `name` with the sidebar's journal picker, as a visitor would."""
    open_app(page, base_url)
    picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Dagboek")
    picker.click()
    rerun_after(page, page.get_by_role("option",
                                       name=f"{name} ({PARTNERS[0]} & {PARTNERS[1]})").click)
    expect(heading(page)).to_have_text(f"Cyclus: {name}")
    wait_for_chart_points(page, len(PLAN))


def _bands(page: Page) -> list[dict]:
    """The phase bands on the chart: start and end day, suggested or marked, and the label
    drawn above it (None when the band is too narrow for one)."""
    layout = chart_layout(page)
    labels = [note for note in layout["annotations"] if note.get("xref") == "x"]

    def label_of(rect: dict) -> str | None:
        inside = [note["text"] for note in labels
                  if pd.Timestamp(rect["x0"]) <= pd.Timestamp(note["x"]) < pd.Timestamp(rect["x1"])]
        assert len(inside) <= 1, (rect, labels)
        return inside[0] if inside else None

    return [{"start": rect["x0"][:10], "end": rect["x1"][:10], "suggested": is_suggested(rect),
             "label": label_of(rect)} for rect in phase_rects(layout)]


def _wait_for_bands(page: Page, check, message: str) -> list[dict]:
    """Poll the chart's layout (redrawn after a rerun) until `check(bands)` holds."""
    page.wait_for_function("""() => {
        const plot = document.querySelector('.st-key-cycle_chart .js-plotly-plot');
        return !!(plot && plot.layout && plot.layout.shapes); }""")
    deadline_polls = 100
    for _ in range(deadline_polls):
        bands = _bands(page)
        if check(bands):
            return bands
        page.wait_for_timeout(100)  # bounded polling of the redrawn layout
    pytest.fail(f"{message}: {_bands(page)}")


def _choose_day(page: Page, scope, day: dt.date, label: str = CYCLE_NL["phase_ui.from_day"]
                ) -> None:
    """Type a day into a date field (DD-MM-YYYY segments that advance by themselves).

    Clicking the field also opens its calendar, which stays open after typing and may cover
    the button below (in CI it covered the mark popover's Opslaan). As a person would, the
    typed day is then confirmed in that calendar, which closes it; Escape would close the
    popover around the field as well.
    """
    field = scope.get_by_role("group", name=label, exact=True)
    field.get_by_role("spinbutton", name="day").click()
    page.keyboard.type(day.strftime("%d%m%Y"))
    expect(field).to_have_text(day.strftime("%d-%m-%Y"))
    calendar = page.get_by_test_id("stDateInputCalendar")
    chosen = calendar.locator('[role="gridcell"] [data-selected="true"]')
    expect(chosen).to_have_text(str(day.day))
    chosen.click()
    expect(calendar).to_have_count(0)
    expect(field).to_have_text(day.strftime("%d-%m-%Y"))


def test_mark_crisis_by_hand_then_remove_it_then_accept_the_whole_suggestion(app_server, page):
    _open_journal(page, app_server.url, JOURNALS[0])
    suggested = _wait_for_bands(page, lambda bands: bands and all(b["suggested"] for b in bands),
                                "a new journal shows only suggested (dashed) bands")
    assert all(band["label"].endswith(" ?") for band in suggested), suggested
    assert suggested[0]["start"] == FIRST_DAY.isoformat()

    # Mark a crisis from a day in the middle of the journal.
    day = FIRST_DAY + dt.timedelta(days=12)
    box = open_expander(page, CYCLE_NL["phase_ui.heading"])
    _choose_day(page, box, day)
    select_option(page, box, CYCLE_NL["phase_ui.phase"], "Crisis")
    rerun_after(page, box.get_by_role("button", name=CYCLE_NL["phase_ui.mark"]).click)

    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(
        "Crisis gemarkeerd vanaf 15 mrt 2025.")
    bands = _wait_for_bands(page, lambda bands: any(not b["suggested"] for b in bands),
                            "a solid band appears after Markeren")
    solid = [band for band in bands if not band["suggested"]]
    assert solid == [{"start": day.isoformat(),
                      "end": (LAST_DAY + dt.timedelta(days=1)).isoformat(),
                      "suggested": False, "label": "Crisis"}], bands
    # The suggestion still fills the days before the mark, dashed, and never overlaps it.
    assert all(band["end"] <= day.isoformat() for band in bands if band["suggested"]), bands

    box = open_expander(page, CYCLE_NL["phase_ui.heading"])
    expect(box).to_contain_text("Vanaf 15 mrt 2025: Crisis")

    # Two days later after all: the mark's own small form, in a popover.
    later = day + dt.timedelta(days=2)
    box.get_by_role("button", name=CYCLE_NL["phase_ui.change_day"]).click()
    popover = page.get_by_test_id("stPopoverBody")
    _choose_day(page, popover, later, CYCLE_NL["phase_ui.begins_on"])
    rerun_after(page, popover.get_by_role("button", name=CYCLE_NL["phase_ui.save_day"]).click)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(
        "Crisis begint nu op 17 mrt 2025.")
    _wait_for_bands(page, lambda bands: [b["start"] for b in bands if not b["suggested"]]
                    == [later.isoformat()], "the solid band starts two days later")

    box = open_expander(page, CYCLE_NL["phase_ui.heading"])
    expect(box).to_contain_text("Vanaf 17 mrt 2025: Crisis")
    rerun_after(page, box.get_by_role("button", name=CYCLE_NL["phase_ui.remove"]).click)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text("Markering weggehaald.")
    _wait_for_bands(page, lambda bands: all(b["suggested"] for b in bands),
                    "the solid band disappears after Weghalen")

    # Undo puts it back as it was; then it is removed for good.
    box = open_expander(page, CYCLE_NL["phase_ui.heading"])
    rerun_after(page, box.get_by_role("button", name=CYCLE_NL["phase_ui.undo_remove"]).click)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(
        "Crisis vanaf 17 mrt 2025 staat er weer.")
    _wait_for_bands(page, lambda bands: [b["start"] for b in bands if not b["suggested"]]
                    == [later.isoformat()], "the solid band is back after Ongedaan maken")
    box = open_expander(page, CYCLE_NL["phase_ui.heading"])
    rerun_after(page, box.get_by_role("button", name=CYCLE_NL["phase_ui.remove"]).click)

    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text("Markering weggehaald.")
    after_removal = _wait_for_bands(page, lambda bands: all(b["suggested"] for b in bands),
                                    "the solid band disappears after Weghalen")
    assert after_removal == suggested

    box = open_expander(page, CYCLE_NL["phase_ui.heading"])
    expect(box).to_contain_text(CYCLE_NL["phase_ui.suggested_heading"])
    rerun_after(page, box.get_by_role("button", name=CYCLE_NL["phase_ui.accept_all"]).click)

    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(
        f"{len(suggested)} voorgestelde fasen overgenomen." if len(suggested) > 1
        else "1 voorgestelde fase overgenomen.")
    accepted = _wait_for_bands(page, lambda bands: bands and not any(b["suggested"]
                                                                      for b in bands),
                               "every band is solid after Hele voorstel overnemen")
    assert [(b["start"], b["end"]) for b in accepted] == [(b["start"], b["end"])
                                                           for b in suggested]
    assert [b["label"] for b in accepted] == [b["label"].removesuffix(" ?") for b in suggested]
    box = open_expander(page, CYCLE_NL["phase_ui.heading"])
    expect(box.get_by_role("button", name=CYCLE_NL["phase_ui.remove"])).to_have_count(
        len(suggested))
    expect(box.get_by_role("button", name=CYCLE_NL["phase_ui.accept_all"])).to_have_count(0)
    expect(box).not_to_contain_text(CYCLE_NL["phase_ui.suggested_heading"])

    # What was accepted is stored: a new session of the same journal shows the solid bands.
    page.reload()
    wait_for_app(page)
    wait_for_chart_points(page, len(PLAN))
    _wait_for_bands(page, lambda bands: bands == accepted, "the accepted bands after a reload")


def test_phase_expander_stays_open_after_marking(app_server, page):
    """The notice of a mark used to be drawn above the expander, which moved it in the
    element tree, so Streamlit made a new, closed one and the mark was out of sight."""
    _open_journal(page, app_server.url, JOURNALS[1])
    box = open_expander(page, CYCLE_NL["phase_ui.heading"])
    select_option(page, box, CYCLE_NL["phase_ui.phase"], "Crisis")
    rerun_after(page, box.get_by_role("button", name=CYCLE_NL["phase_ui.mark"]).click)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Crisis gemarkeerd")

    box = expander(page, CYCLE_NL["phase_ui.heading"])
    expect(box.locator("details")).to_have_attribute("open", "", timeout=3_000)
    expect(box).to_contain_text("Vanaf 2 apr 2025: Crisis")  # the day field starts at the last day
    expect(box.get_by_role("button", name=CYCLE_NL["phase_ui.remove"])).to_be_visible()
