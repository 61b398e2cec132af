"""The Cycle page on the read-only demo journal: periods, click to explain, language, exports
and the calendar, in a real browser.

The tests share one server on a fresh database, which shows the demo journal (201 moments,
3 Feb to 20 Jun 2025) with Nabij's suggested phases as dashed bands. Each test opens its own
page, so its own Streamlit session.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import struct
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PROJECT_ROOT
from tests.e2e.nabij_ui import (
    CYCLE_NL,
    MODEBAR_PNG_TITLE,
    chart_layout,
    chart_points,
    choose_range,
    click_chart_point,
    cycle_chart,
    date_range_fields,
    download,
    isolated_points,
    main,
    open_app,
    open_expander,
    phase_rects,
    points_on_screen,
    rerun_after,
    scroll_chart_into_view,
    wait_for_chart_points,
)

pytestmark = pytest.mark.e2e

DEMO_CSV = PROJECT_ROOT / "data" / "examples" / "demo_nl.csv"
DEMO_SIZE = 201
DEMO_FIRST_DAY, DEMO_LAST_DAY = dt.date(2025, 2, 3), dt.date(2025, 6, 20)
# Quick ranges end at the journal's last day: 7, 31, 92 and 366 days, cut at its first day.
RANGES = (("Week", dt.date(2025, 6, 14)), ("Maand", dt.date(2025, 5, 21)),
          ("3 maanden", dt.date(2025, 3, 21)), ("Jaar", DEMO_FIRST_DAY),
          ("Alles", DEMO_FIRST_DAY))
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _demo_rows() -> list[dict]:
    with DEMO_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _moments_between(start: dt.date, end: dt.date) -> int:
    """Demo moments on the local days from start to end, counted from the CSV itself."""
    return sum(start.isoformat() <= row["timestamp"][:10] <= end.isoformat()
               for row in _demo_rows())


def _shown(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")  # the date inputs' format, DD-MM-YYYY


def _local_time(point: dict) -> dt.datetime:
    """A marker's x as the journal's local time (Plotly holds naive local time as UTC ms)."""
    return dt.datetime.fromtimestamp(point["x"] / 1000, dt.UTC).replace(tzinfo=None)


def _note_of(point: dict) -> str:
    """The note of the demo moment a marker stands for, looked up in the demo CSV."""
    minute = _local_time(point).strftime("%Y-%m-%dT%H:%M")
    notes = [row["note"] for row in _demo_rows()
             if row["timestamp"][:16] == minute and row["partner"] == point["trace"]]
    assert len(notes) == 1, (minute, point["trace"], notes)
    return notes[0]


def _band_label_at(page: Page, moment: dt.datetime) -> str:
    """The label drawn above the phase band that `moment` lies in."""
    layout = chart_layout(page)
    when = pd.Timestamp(moment)
    bands = [rect for rect in phase_rects(layout)
             if pd.Timestamp(rect["x0"]) <= when < pd.Timestamp(rect["x1"])]
    assert len(bands) == 1, (moment, phase_rects(layout))
    band = bands[0]
    labels = [note["text"] for note in layout["annotations"] if note.get("xref") == "x"
              and pd.Timestamp(band["x0"]) <= pd.Timestamp(note["x"]) < pd.Timestamp(band["x1"])]
    assert len(labels) == 1, (band, layout["annotations"])
    return labels[0]


def _isolated_point_between(page: Page, first: dt.date, last: dt.date) -> dict:
    candidates = [point for point in isolated_points(points_on_screen(page))
                  if first <= _local_time(point).date() <= last]
    assert candidates, f"no marker between {first} and {last} stands apart from the others"
    return candidates[len(candidates) // 2]


def test_quick_ranges_change_the_points_and_the_date_range(app_server, page):
    open_app(page, app_server.url)
    points = wait_for_chart_points(page, DEMO_SIZE)
    assert len(points) == _moments_between(DEMO_FIRST_DAY, DEMO_LAST_DAY) == DEMO_SIZE
    open_expander(page, CYCLE_NL["cycle_controls.more"])
    start_field, end_field = date_range_fields(page, CYCLE_NL["cycle_controls.dates"])
    expect(start_field).to_have_text(_shown(DEMO_FIRST_DAY))
    expect(end_field).to_have_text(_shown(DEMO_LAST_DAY))

    counts = {}
    for label, start in RANGES:
        choose_range(page, label)
        expect(start_field).to_have_text(_shown(start))
        expect(end_field).to_have_text(_shown(DEMO_LAST_DAY))
        expected = _moments_between(start, DEMO_LAST_DAY)
        counts[label] = len(wait_for_chart_points(page, expected))
        x_range = chart_layout(page)["xaxis"]["range"]
        assert x_range[0].startswith(start.isoformat()), (label, x_range)
        assert x_range[1].startswith(DEMO_LAST_DAY.isoformat()), (label, x_range)

    assert 0 < counts["Week"] < counts["Maand"] < counts["3 maanden"] < counts["Alles"], counts
    assert counts["Jaar"] == counts["Alles"] == DEMO_SIZE, counts  # the demo is under a year


def test_clicking_a_point_shows_the_moment_and_the_phase_of_its_band(app_server, page):
    open_app(page, app_server.url)
    wait_for_chart_points(page, DEMO_SIZE)
    detail = main(page).locator(".st-key-event_detail")
    panel = main(page).locator(".st-key-phase_panel")
    expect(detail).to_have_count(0)
    expect(main(page)).to_contain_text("Tik of klik op een punt om het moment hier te lezen.")
    # Without a click the panel follows the last day shown (20 June: a new beginning).
    expect(panel.get_by_role("heading", level=4)).to_have_text("De beginfase")

    # Crisis first: the panel then has to change to prove that a click drives it.
    for first, last, band_label, title in (
            (dt.date(2025, 4, 20), dt.date(2025, 5, 10), "Crisis ?", "De crisis"),
            (dt.date(2025, 2, 5), dt.date(2025, 2, 28), "Beginfase ?", "De beginfase")):
        scroll_chart_into_view(page)
        point = _isolated_point_between(page, first, last)
        moment = _local_time(point)
        assert _band_label_at(page, moment) == band_label

        taken = click_chart_point(page, point)
        assert (taken["trace"], taken["i"]) == (point["trace"], point["i"]), (taken, point)

        expect(detail).to_have_count(1)
        expect(detail).to_contain_text(CYCLE_NL["cycle_controls.detail_heading"])
        expect(detail).to_contain_text(f"{moment:%Y} {moment:%H:%M}")
        kind = "nabijheid" if point["y"] > 0 else "afstand"
        expect(detail).to_contain_text(f"{point['trace']} · {kind} · sterkte {abs(point['y'])}/5")
        expect(detail.get_by_text(_note_of(point), exact=True)).to_be_visible()
        expect(panel.get_by_role("heading", level=4)).to_have_text(title)
        expect(panel).to_contain_text("Fase in beeld · Voorstel van Nabij")
        # The detail and the panel stand beside the chart, not below it.
        chart_box, detail_box = cycle_chart(page).bounding_box(), detail.bounding_box()
        assert detail_box["x"] >= chart_box["x"] + chart_box["width"], (chart_box, detail_box)


def test_english_changes_band_labels_legend_and_phase_panel(app_server, page):
    open_app(page, app_server.url)
    wait_for_chart_points(page, DEMO_SIZE)
    chart = cycle_chart(page)
    panel_title = main(page).locator(".st-key-phase_panel").get_by_role("heading", level=4)
    expect(chart.locator(".annotation-text", has_text="Keerpunt ?")).to_have_count(1)
    expect(chart.locator(".legendtext", has_text="balans Sanne")).to_have_count(1)
    expect(panel_title).to_have_text("De beginfase")

    language = page.get_by_test_id("stSidebar").get_by_role("radiogroup", name="Taal")
    rerun_after(page, language.get_by_role("radio", name="English").click)

    wait_for_chart_points(page, DEMO_SIZE)
    expect(chart.locator(".annotation-text", has_text="Turning point ?")).to_have_count(1)
    expect(chart.locator(".annotation-text", has_text="Crisis ?")).to_have_count(1)
    # The first beginning is labelled; the new one at the end (its first days left unknown,
    # where the turning point may still go on) is too narrow for a label of its own.
    expect(chart.locator(".annotation-text", has_text="Beginning ?")).to_have_count(1)
    expect(chart.locator(".annotation-text", has_text="each point is one moment")).to_have_count(1)
    expect(chart.locator(".annotation-text", has_text="Keerpunt")).to_have_count(0)
    expect(chart.locator(".legendtext", has_text="balance Sanne")).to_have_count(1)
    expect(chart.locator(".legendtext", has_text="balance Daan")).to_have_count(1)
    expect(chart.locator(".legendtext", has_text="balans")).to_have_count(0)
    expect(panel_title).to_have_text("The beginning")
    expect(main(page).locator(".st-key-phase_panel")).to_contain_text(
        "Phase in view · Nabij's suggestion")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC, data[:16]
    return struct.unpack(">II", data[16:24])  # IHDR: width, height


def test_png_and_html_exports_name_the_period_and_work_offline(app_server, new_page,
                                                               tmp_path: Path):
    page = new_page()
    open_app(page, app_server.url)
    wait_for_chart_points(page, DEMO_SIZE)
    month_start = dict(RANGES)["Maand"]
    choose_range(page, "Maand")
    expected_points = _moments_between(month_start, DEMO_LAST_DAY)
    wait_for_chart_points(page, expected_points)
    period = f"{month_start}-{DEMO_LAST_DAY}"

    chart = cycle_chart(page)
    chart.hover()  # the modebar shows while the pointer is over the chart
    camera = chart.locator(f'.modebar-btn[data-title="{MODEBAR_PNG_TITLE}"]')
    expect(camera).to_be_visible()
    png_name, png_path = download(page, camera, tmp_path)
    assert re.fullmatch(rf"nabij-[a-z0-9-]+-{period}\.png", png_name), png_name
    width, height = _png_size(png_path.read_bytes())
    chart_box = chart.locator(".js-plotly-plot").bounding_box()
    assert width >= chart_box["width"] and height >= 400, (width, height, chart_box)

    button = main(page).get_by_test_id("stDownloadButton").get_by_role(
        "button", name=CYCLE_NL["cycle_controls.download_html"])
    html_name, html_path = download(page, button, tmp_path)
    assert html_name == f"{Path(png_name).stem}.html"
    assert html_path.stat().st_size > 1_000_000  # plotly.js itself is inside
    text = html_path.read_text(encoding="utf-8")
    assert "plotly.js v" in text and "Plotly.newPlot" in text
    for name in ("Sanne", "Daan", "balans Sanne", "balans Daan"):
        assert f'"name":"{name}"' in text, name
    assert not re.search(r"<script[^>]+src=", text), "the export loads a script from elsewhere"

    # Open the file with the network switched off: it draws the same chart on its own.
    offline = new_page(offline=True)
    offline.goto(html_path.as_uri())
    offline.wait_for_function("() => { const plot = document.querySelector('.js-plotly-plot');"
                              " return !!(plot && plot.calcdata); }")
    drawn = offline.evaluate("""() => document.querySelector('.js-plotly-plot').calcdata
        .filter((trace, index, all) => String(all[index][0].trace.mode).includes('markers'))
        .reduce((sum, trace) => sum + trace.length, 0)""")
    assert drawn == expected_points
    expect(offline.locator(".js-plotly-plot .legendtext", has_text="balans Sanne")).to_have_count(1)


def test_calendar_fold_shows_a_heat_map_of_the_days_with_signs_and_words(app_server, page):
    open_app(page, app_server.url)
    wait_for_chart_points(page, DEMO_SIZE)
    plots = main(page).locator(".js-plotly-plot")
    calendar = main(page).locator(".st-key-cycle_calendar .js-plotly-plot")
    expect(cycle_chart(page)).to_be_visible()
    expect(calendar).to_be_hidden()  # folded under the chart

    fold = open_expander(page, CYCLE_NL["cycle_page.calendar_expander"])

    expect(calendar).to_be_visible()
    expect(cycle_chart(page)).to_be_visible()  # the timeline stays where it was
    expect(plots).to_have_count(2)
    page.wait_for_function("""() => {
        const plot = document.querySelector('.st-key-cycle_calendar .js-plotly-plot');
        return !!(plot && plot._fullData && plot._fullData.length === 1
                  && plot._fullData[0].type === 'heatmap'); }""")
    # The heat map is drawn (an image per heat map), with a row per weekday, Monday on top.
    expect(calendar.locator(".heatmaplayer image")).to_have_count(1)
    rows = page.evaluate("() => document.querySelector('.st-key-cycle_calendar .js-plotly-plot')"
                         ".data[0].y")
    assert rows == ["ma", "di", "wo", "do", "vr", "za", "zo"]
    box = calendar.bounding_box()
    assert box["width"] > 300 and box["height"] > 150, box
    expect(main(page)).to_contain_text("Elk vakje is een dag")
    # More than colour: every day with moments carries its sign, drawn in the cell.
    signs = calendar.locator(".heatmaplayer text")
    drawn = [text for text in signs.all_text_contents() if text]
    assert drawn and set(drawn) <= {"+", "−", "="}, drawn[:20]
    words = fold.locator(".st-key-chart_words_cycle_calendar")
    expect(words).to_contain_text(f"{len(drawn)} dagen met momenten")
    expect(words.get_by_role("table")).to_have_count(1)  # a real table, cell by cell

    fold.get_by_text(CYCLE_NL["cycle_page.calendar_expander"], exact=True).click()
    expect(calendar).to_be_hidden()
    assert len(chart_points(page)) == DEMO_SIZE
