"""A coach's large journal in the browser: 100,000 moments over five years.

The journal is written into the database before its own server starts (Nabij's Store, one
batch), and is the last one opened, so the Cycle page opens it. The chart must stay bounded:
the moments are grouped (the chart says how) and at most MAX_POINTS markers are sent. The
first load and a range switch are timed and printed, not asserted: this machine is shared.
"""

from __future__ import annotations

import datetime as dt
import re
import time

import numpy as np
import pytest
from playwright.sync_api import Locator, Page, expect

from nabij.model import Event, Journal, Kind
from nabij.storage import Store
from tests.e2e.conftest import ARTIFACTS_DIR, seeded_server
from tests.e2e.nabij_ui import (
    CYCLE_NL,
    chart_layout,
    choose_range,
    click_chart_point,
    cycle_chart,
    full_page_screenshot,
    heading,
    main,
    points_on_screen,
    scroll_chart_into_view,
    sent_marker_count,
    wait_for_chart_drawn,
)

pytestmark = pytest.mark.e2e

SIZE = 100_000
YEARS = 5
SEED = 20250101
MAX_POINTS = 2500  # nabij.cycle.aggregate.MAX_POINTS: what the chart may send at most
FIRST_LOAD_TIMEOUT_MS = 60_000
LEVEL_NOTES = {  # data/messages/nl/app.toml [chart] level_*
    "event": "elk punt is één moment",
    "hour": "elk punt: de momenten van één uur (gemiddelde sterkte)",
    "day": "elk punt: de momenten van één dag (gemiddelde sterkte)",
    "week": "elk punt: de momenten van één week (gemiddelde sterkte)",
    "month": "elk punt: de momenten van één maand (gemiddelde sterkte)",
}
FINER_THAN_WEEK = ("event", "hour", "day")
BUCKET_INFO = re.compile(r"(\d+) momen(?:t|ten) in deze periode")
BUCKET_HOVER_COUNT = re.compile(r": (\d+) × ")  # chart.bucket_hover: "{partner}: {count} × {kind}"
START = dt.datetime(2020, 1, 6, tzinfo=dt.UTC)


def generated_moments(count: int = SIZE, seed: int = SEED) -> list[Event]:
    """`count` moments over YEARS years: random times, partners and strengths (fixed seed),
    with a slow wave of closeness and distance so phases and balance have something to show."""
    rng = np.random.default_rng(seed)
    seconds = np.sort(rng.integers(0, YEARS * 365 * 86_400, count))
    wave = np.sin(seconds / 86_400 / 60.0)
    closeness = rng.random(count) < 0.5 + 0.3 * wave
    intensity = rng.integers(1, 6, count)
    partner = rng.integers(0, 2, count)
    return [Event(occurred_at=START + dt.timedelta(seconds=int(offset)), partner=int(slot),
                  kind=Kind.CLOSENESS if close else Kind.DISTANCE, intensity=int(strength),
                  note=f"Moment {number}")
            for number, (offset, slot, close, strength) in enumerate(
                zip(seconds, partner, closeness, intensity, strict=True))]


def _seed(store: Store) -> None:
    small = store.create_journal(Journal(None, "Klein", ("Ada", "Bo")))
    store.add_events(small.id, generated_moments(20, seed=1))
    large = store.create_journal(Journal(None, "Groot", ("Anna", "Bram")))
    store.add_events(large.id, generated_moments())
    store.mark_opened(large.id)


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory):
    began = time.monotonic()
    server = seeded_server(tmp_path_factory.mktemp("large"), _seed)
    print(f"\n[large journal] {SIZE:,} moments written and server started in "
          f"{time.monotonic() - began:.1f} s")
    yield server
    server.stop()


def _level(page: Page) -> str:
    return chart_layout(page)["meta"]["level"]


def _bucket_info(page: Page) -> Locator:
    """The note beside the chart after a click on a grouped point (cycle_controls.bucket_detail)."""
    return main(page).get_by_test_id("stAlertContentInfo").filter(
        has_text=BUCKET_INFO)


def _report(capsys: pytest.CaptureFixture, text: str) -> None:
    with capsys.disabled():
        print(f"\n[large journal] {text}", end="")


def test_large_journal_is_grouped_bounded_and_clickable(app_server, page, capsys):
    began = time.monotonic()
    page.goto(f"{app_server.url}/?lang=nl")
    expect(cycle_chart(page)).to_be_visible(timeout=FIRST_LOAD_TIMEOUT_MS)
    wait_for_chart_drawn(page, timeout_ms=FIRST_LOAD_TIMEOUT_MS)
    first_load = time.monotonic() - began
    expect(heading(page)).to_have_text("Cyclus: Groot")

    sent = sent_marker_count(page)
    level = _level(page)
    _report(capsys, f"first load of the Cycle page: {first_load:.1f} s "
                    f"({sent} markers at level {level!r})")
    assert 0 < sent <= MAX_POINTS
    assert level == "week", level  # five years of 55 a day: only weeks fit in MAX_POINTS
    chart = cycle_chart(page)
    expect(chart.locator(".annotation-text", has_text=LEVEL_NOTES["week"])).to_have_count(1)
    expect(main(page)).to_contain_text(f"{SIZE} momenten")  # the summary counts them all
    full_page_screenshot(page, ARTIFACTS_DIR / "large_journal_all.png")

    # A click on a weekly point says it stands for several moments (see the next test).
    scroll_chart_into_view(page)
    bucket = max(points_on_screen(page), key=lambda point: point["cx"])
    taken = click_chart_point(page, bucket)
    assert "markers" in taken["mode"] and BUCKET_HOVER_COUNT.search(taken["hover"]), taken
    expect(_bucket_info(page)).to_have_count(1)
    expect(main(page).locator(".st-key-event_detail")).to_have_count(0)

    began = time.monotonic()
    choose_range(page, "Maand")
    wait_for_chart_drawn(page)
    switch = time.monotonic() - began
    sent = sent_marker_count(page)
    level = _level(page)
    _report(capsys, f"switch to 'Maand': {switch:.1f} s ({sent} markers at level {level!r})")
    assert 0 < sent <= MAX_POINTS
    assert level in FINER_THAN_WEEK, level
    expect(chart.locator(".annotation-text", has_text=LEVEL_NOTES[level])).to_have_count(1)
    expect(chart.locator(".annotation-text", has_text=LEVEL_NOTES["week"])).to_have_count(0)
    x_range = chart_layout(page)["xaxis"]["range"]
    days = (dt.date.fromisoformat(x_range[1][:10]) - dt.date.fromisoformat(x_range[0][:10]))
    assert days.days == 30, x_range

    # A click: the moment in full beside the chart (at an hour or day level, the count).
    # Markers crowd at this scale: Plotly may take a neighbour of the one aimed at.
    scroll_chart_into_view(page)
    points = points_on_screen(page)
    taken = click_chart_point(page, points[len(points) // 2])
    assert "markers" in taken["mode"], taken
    if level != "event":
        expect(_bucket_info(page)).to_have_count(1)
        return
    detail = main(page).locator(".st-key-event_detail")
    expect(detail).to_have_count(1)
    expect(detail).to_contain_text(CYCLE_NL["cycle_controls.detail_heading"])
    note = detail.get_by_text(re.compile(r"^Moment \d+$"))
    expect(note).to_have_count(1)
    expect(note).to_have_text(taken["hover"].rsplit("<br>", 1)[-1])  # the note comes last
    expect(main(page).locator(".st-key-phase_panel").get_by_role("heading", level=4)
           ).to_have_count(1)


def test_clicked_week_point_tells_how_many_moments_it_holds(app_server, page):
    """The note beside the chart used to count the selected markers ('1 moment in deze
    periode.') instead of the moments the clicked week holds."""
    page.goto(f"{app_server.url}/?lang=nl")
    wait_for_chart_drawn(page, timeout_ms=FIRST_LOAD_TIMEOUT_MS)
    assert _level(page) == "week"
    scroll_chart_into_view(page)
    bucket = max(points_on_screen(page), key=lambda point: point["cx"])

    taken = click_chart_point(page, bucket)

    holds = int(BUCKET_HOVER_COUNT.search(taken["hover"]).group(1))
    assert holds > 1, taken
    info = _bucket_info(page)
    expect(info).to_have_count(1)
    assert int(BUCKET_INFO.search(info.inner_text()).group(1)) == holds, (info.inner_text(),
                                                                          taken["hover"])
