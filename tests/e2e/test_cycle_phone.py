"""The Cycle chart on a phone (390 x 844, touch): one tap selects a point and shows its moment
in view, the toolbar never covers the legend, phase labels never cover each other, nothing is
cut off at the ends, and the toolbar speaks the page's language.

One server on a fresh database: the read-only demo journal (201 moments, 3 Feb to 20 Jun 2025)
with Nabij's suggested phases.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.nabij_ui import (
    CYCLE_NL,
    PHONE,
    choose,
    choose_range,
    cycle_chart,
    isolated_points,
    main,
    open_app,
    points_on_screen,
    rerun_after,
    scroll_chart_into_view,
    tap_chart_point,
    wait_for_chart_drawn,
    wait_for_chart_points,
)

pytestmark = pytest.mark.e2e

DEMO_SIZE = 201
# The quick ranges, the one shown first (everything) first.
RANGES = {"nl": ("Periode", ("Alles", "Week", "Maand", "3 maanden")),
          "en": ("Period", ("All", "Week", "Month", "3 months"))}

_PLOT = "document.querySelector('.st-key-cycle_chart .js-plotly-plot')"
# Boxes on screen (viewport px) of the chart's parts, read from the drawn SVG.
_BOXES = f"""() => {{
  const plot = {_PLOT};
  const box = el => {{ const b = el.getBoundingClientRect();
                       return {{x: b.x, y: b.y, right: b.right, bottom: b.bottom}}; }};
  const bandLabels = [...plot.querySelectorAll('.annotation')]
      .filter(a => (plot._fullLayout.annotations[+a.getAttribute('data-index')] || {{}})
                   .xref === 'x')
      .map(a => ({{text: a.textContent, ...box(a.querySelector('text') || a)}}));
  return {{svg: box(plot.querySelector('.main-svg')), modebar: box(plot.querySelector('.modebar')),
           legend: box(plot.querySelector('.legend')), bandLabels,
           ticks: [...plot.querySelectorAll('.xtick text')].map(box),
           markers: [...plot.querySelectorAll('.scatterlayer path.point')].map(box),
           clipped: [...plot.querySelectorAll('.scatterlayer .trace')]
               .filter(t => t.getAttribute('clip-path')).length}};
}}"""


def _overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["right"] and b["x"] < a["right"] and a["y"] < b["bottom"] \
        and b["y"] < a["bottom"]


def _in_viewport(page: Page, locator) -> None:
    box = locator.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (box, viewport)


def _local_time(point: dict) -> dt.datetime:
    return dt.datetime.fromtimestamp(point["x"] / 1000, dt.UTC).replace(tzinfo=None)


def test_one_tap_selects_a_point_and_brings_its_moment_into_view(app_server, new_page):
    page = new_page(**PHONE)
    open_app(page, app_server.url)
    wait_for_chart_points(page, DEMO_SIZE)
    detail = main(page).locator(".st-key-event_detail")
    expect(detail).to_have_count(0)
    scroll_chart_into_view(page)
    candidates = isolated_points(points_on_screen(page), min_gap_px=16)
    assert candidates, "no marker stands apart enough for a finger"
    point = candidates[len(candidates) // 2]

    tap_chart_point(page, point)  # once

    expect(detail).to_have_count(1)
    moment = _local_time(point)
    expect(detail).to_contain_text(f"{moment:%H:%M}")
    expect(detail).to_contain_text(point["trace"])
    heading = detail.get_by_text(CYCLE_NL["cycle_controls.detail_heading"], exact=True)
    # The page scrolls the moment up under the chart (smoothly): wait until it stands still.
    page.wait_for_function("""() => new Promise(done => {
        const box = () => document.querySelector('.st-key-event_detail')
                                  .getBoundingClientRect().top;
        const first = box();
        setTimeout(() => done(Math.abs(box() - first) < 1), 300); })""", polling=350)
    _in_viewport(page, heading)
    # On a phone the moment stands under the chart, not beside it.
    chart_box, detail_box = cycle_chart(page).bounding_box(), detail.bounding_box()
    assert detail_box["y"] >= chart_box["y"] + chart_box["height"] - 1, (chart_box, detail_box)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_toolbar_over_the_legend_no_labels_over_labels_nothing_cut_off(app_server, new_page,
                                                                          lang):
    page = new_page(**PHONE)
    open_app(page, app_server.url, lang=lang)
    wait_for_chart_points(page, DEMO_SIZE)
    group, ranges = RANGES[lang]
    seen_labels = 0
    for label in ranges:
        if label != ranges[0]:
            rerun_after(page, lambda label=label: choose(main(page), group, label))
        wait_for_chart_drawn(page)
        scroll_chart_into_view(page)
        boxes = page.evaluate(_BOXES)
        assert not _overlap(boxes["modebar"], boxes["legend"]), (label, boxes["modebar"],
                                                                 boxes["legend"])
        # The dates stand side by side, clear of each other and of the legend under them.
        ticks = boxes["ticks"]
        assert len(ticks) >= 2, label
        for index, first in enumerate(ticks):
            assert not _overlap(first, boxes["legend"]), (label, first, boxes["legend"])
            for second in ticks[index + 1:]:
                assert not _overlap(first, second), (label, first, second)
        labels = boxes["bandLabels"]
        seen_labels += len(labels)
        for index, first in enumerate(labels):
            assert boxes["svg"]["x"] <= first["x"] and first["right"] <= boxes["svg"]["right"], \
                (label, first, boxes["svg"])
            for second in labels[index + 1:]:
                assert not _overlap(first, second), (label, first, second)
        # Markers at the first or last hour of the period are drawn whole.
        assert boxes["clipped"] == 0, label
        for marker in boxes["markers"]:
            assert boxes["svg"]["x"] <= marker["x"] and marker["right"] <= boxes["svg"]["right"], \
                (label, marker)
    assert seen_labels >= 4  # the test looked at labels, not at an empty chart


def test_the_toolbar_speaks_the_pages_language(app_server, page):
    for lang, camera, zoom in (("nl", "Grafiek downloaden als PNG", "Inzoomen"),
                               ("en", "Download plot as a PNG", "Zoom in")):
        open_app(page, app_server.url, lang=lang)
        wait_for_chart_points(page, DEMO_SIZE)
        chart = cycle_chart(page)
        chart.hover()
        titles = chart.locator(".modebar-btn").evaluate_all(
            "buttons => buttons.map(button => button.getAttribute('data-title'))")
        assert camera in titles and zoom in titles, titles
        # Selecting by box or lasso is left out: on a phone they only crowd the toolbar.
        assert not {"Box Select", "Lasso Select", "Rechthoek selecteren"} & set(titles), titles


def test_chart_in_words_is_reachable_under_the_chart(app_server, new_page):
    page = new_page(**PHONE)
    open_app(page, app_server.url)
    wait_for_chart_points(page, DEMO_SIZE)
    choose_range(page, "Maand")
    words = main(page).get_by_test_id("stExpander").filter(
        has=page.get_by_text(CYCLE_NL["chart_words.heading"], exact=True))
    expect(words).to_have_count(1)
    words.get_by_text(CYCLE_NL["chart_words.heading"], exact=True).click()
    box = main(page).locator(".st-key-chart_words_cycle_chart")
    expect(box).to_contain_text("Fasen in beeld:")
    expect(box).to_contain_text("De tabel telt de momenten per week.")
    expect(box.get_by_role("table")).to_be_visible()  # a real table, cell by cell
