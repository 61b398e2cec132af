"""How the e2e tests drive Nabij's pages: waiting for Streamlit, the forms, and the chart.

Elements are found by Streamlit test ids, ARIA roles and visible (Dutch) text. Waiting is done
on the app's own state (`stApp`'s script state, stale and skeleton elements) and by Playwright's
retrying `expect`, never by sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

# Texts from data/messages/nl/app.toml, as the tests look for them on screen.
NL = {
    "nav.cycle": "Cyclus",
    "nav.journal": "Dagboek",
    "nav.journals": "Dagboeken",
    "journals.name": "Naam van het dagboek",
    "journals.partner_a": "Naam partner 1",
    "journals.partner_b": "Naam partner 2",
    "journals.create": "Dagboek aanmaken",
    "form.log_heading": "Moment vastleggen",
    "form.edit_heading": "Moment bewerken",
    "form.partner": "Wie",
    "form.kind": "Wat voor moment",
    "form.intensity": "Hoe sterk",
    "form.note": "Notitie (optioneel)",
    "form.save": "Opslaan",
    "form.save_changes": "Wijzigingen opslaan",
    "form.updated": "Wijziging opgeslagen.",
    "form.not_saved": "Niet opgeslagen: kijk de gemarkeerde velden na. Er is niets veranderd.",
    "kind.closeness": "Nabijheid",
    "kind.distance": "Afstand",
    "events.heading": "Laatste momenten",
    "events.empty": "Nog geen momenten vastgelegd.",
    "events.edit": "Bewerken",
    "events.delete": "Verwijderen",
    "events.deleted": "Moment verwijderd.",
    "events.undo": "Ongedaan maken",
    "events.restored": "Moment teruggezet.",
    "cycle.empty": "Nog niets om te tonen.",
    "error.partner_empty": "Kies wie dit moment beleefde.",
    "error.kind_empty": "Kies nabijheid of afstand.",
    "demo.banner": "Je kijkt naar een voorbeelddagboek van een verzonnen stel",
    "language.label": "Taal",
}

APP = '[data-testid="stApp"]'
RUN_TIMEOUT_MS = 30_000
# How long a click that must rerun the script may take to start that rerun. Only reached when
# the rerun was too quick to be observed; the caller's `expect` still checks the outcome.
RUN_START_TIMEOUT_MS = 5_000


def wait_for_app(page: Page) -> None:
    """Wait until Streamlit is connected, no script runs, and nothing on screen is stale."""
    app = page.locator(APP)
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED",
                                  timeout=RUN_TIMEOUT_MS)
    expect(app).to_have_attribute("data-test-script-state", "notRunning",
                                  timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    # Elements of the previous run are marked stale until the new run replaces them;
    # skeletons stand in for elements whose code is still loading.
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stAppSkeleton")).to_have_count(0, timeout=RUN_TIMEOUT_MS)


_WATCH_RUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__nabijRunSeen = false;
  if (window.__nabijRunWatch) window.__nabijRunWatch.disconnect();
  window.__nabijRunWatch = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') !== 'notRunning') window.__nabijRunSeen = true;
  });
  window.__nabijRunWatch.observe(app, {attributes: true,
                                       attributeFilter: ['data-test-script-state']});
}"""
_RUN_SEEN = "() => window.__nabijRunSeen === true"


def rerun_after(page: Page, action: Callable[[], object]) -> None:
    """Do `action` (a click that reruns the script) and wait until that rerun has finished.

    Without this, a check right after the click could still see the page of the run before.
    """
    page.evaluate(_WATCH_RUNS)
    action()
    with suppress(PlaywrightError):  # too quick to see: the outcome is checked by the caller
        page.wait_for_function(_RUN_SEEN, timeout=RUN_START_TIMEOUT_MS)
    wait_for_app(page)


def open_app(page: Page, base_url: str, path: str = "", lang: str | None = "nl") -> None:
    query = f"?lang={lang}" if lang else ""
    page.goto(f"{base_url}/{path}{query}")
    wait_for_app(page)


def go_to(page: Page, label: str) -> None:
    """Follow a navigation link: at the top on a wide screen, in the sidebar on a phone."""
    top = page.get_by_test_id("stTopNav")
    expand = page.get_by_test_id("stExpandSidebarButton")
    # Narrow screens fold the top navigation into the sidebar: wait for either to show.
    expect(top.or_(expand).first).to_be_visible()
    if top.is_visible():
        rerun_after(page, top.get_by_role("link", name=label, exact=True).click)
        return
    sidebar = page.get_by_test_id("stSidebar")
    expand.click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True)
    rerun_after(page, link.click)
    # On a narrow screen the app closes the sidebar after the choice (components/page_actions.py).
    expect(sidebar).to_have_attribute("data-collapsed", "true")


def foreign_requests(requests: list[str], base_url: str) -> list[str]:
    """The web requests among `requests` that went anywhere but the app's own address."""
    own = urlsplit(base_url).netloc
    return sorted({url for url in requests
                   if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                   and urlsplit(url).netloc != own})


def main(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def heading(page: Page) -> Locator:
    return main(page).get_by_role("heading", level=1)


def create_journal(page: Page, base_url: str, name: str, partners: tuple[str, str]) -> None:
    """Create a journal on the Journals page; the app opens it for this session.

    Starts at the app's root and follows the navigation, as a visitor does. (A first visit
    straight to /journals on a freshly started server shows a broken page: see
    test_first_start.py.)
    """
    open_app(page, base_url)
    go_to(page, NL["nav.journals"])
    page.get_by_label(NL["journals.name"]).fill(name)
    page.get_by_label(NL["journals.partner_a"]).fill(partners[0])
    page.get_by_label(NL["journals.partner_b"]).fill(partners[1])
    rerun_after(page, page.get_by_role("button", name=NL["journals.create"]).click)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        f"Dagboek '{name}' is aangemaakt en geopend.")


def form(page: Page) -> Locator:
    return page.get_by_test_id("stForm")


def choose(scope: Locator, group: str, option: str) -> None:
    """Select `option` in the segmented control or radio group labelled `group`.

    A segmented control deselects an option that is clicked again, so only click when needed.
    """
    button = scope.get_by_role("radiogroup", name=group).get_by_role("radio", name=option,
                                                                      exact=True)
    if button.get_attribute("aria-checked") != "true":
        button.click()
    expect(button).to_have_attribute("aria-checked", "true")


@dataclass(frozen=True)
class Moment:
    partner: str
    kind: str  # "closeness" or "distance"
    intensity: int
    note: str = ""


def fill_moment(scope: Locator, moment: Moment) -> None:
    choose(scope, NL["form.partner"], moment.partner)
    choose(scope, NL["form.kind"], NL[f"kind.{moment.kind}"])
    choose(scope, NL["form.intensity"], str(moment.intensity))
    scope.get_by_role("textbox", name=NL["form.note"]).fill(moment.note)


def log_moment(page: Page, moment: Moment) -> None:
    """Fill the log form on the Journal page, save, and see the success message."""
    fill_moment(form(page), moment)
    rerun_after(page, form(page).get_by_role("button", name=NL["form.save"]).click)
    kind = NL[f"kind.{moment.kind}"]
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        f"Opgeslagen: {kind} {moment.intensity} · {moment.partner} · ")


def event_cards(page: Page) -> Locator:
    """The bordered containers of the events list (keyed `event_<id>` by the app)."""
    return main(page).locator("[class*='st-key-event_']")


# --- the Plotly chart --------------------------------------------------------------------------

def cycle_chart(page: Page) -> Locator:
    """The Cycle page's timeline chart (the app keys it `cycle_chart`; other charts exist)."""
    return main(page).locator(".st-key-cycle_chart").get_by_test_id("stPlotlyChart")


# The moments are the marker traces (one per partner); lines (the balance) are not moments.
_POINTS = """() => {
  const plot = document.querySelector('.st-key-cycle_chart .js-plotly-plot');
  if (!plot || !plot.calcdata || !plot._fullData) return null;
  return plot.calcdata.flatMap((trace, index) => {
    const full = plot._fullData[index];
    if (!full || full.visible !== true || !String(full.mode).includes('markers')) return [];
    return trace.map((point, n) => ({
      trace: full.name, x: point.x, y: point.y,
      hover: (plot.data[index].hovertext || [])[point.i ?? n] ?? null}));
  });
}"""


def chart_points(page: Page) -> list[dict]:
    """Every moment on the cycle chart: its trace (partner), x (ms), y and hover text."""
    return page.evaluate(_POINTS) or []


def wait_for_chart_points(page: Page, count: int) -> list[dict]:
    """Wait until the cycle chart is drawn with exactly `count` moments, and return them."""
    expect(cycle_chart(page)).to_be_visible()
    page.wait_for_function(f"() => {{ const points = ({_POINTS})(); "
                           f"return points !== null && points.length === {count}; }}",
                           timeout=RUN_TIMEOUT_MS)
    return chart_points(page)


# --- screenshots ---------------------------------------------------------------------------

_CONTENT_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
  ...[...document.querySelectorAll(
       '[data-testid="stMain"], [data-testid="stSidebar"][data-collapsed="false"] '
       + '[data-testid="stSidebarContent"]')].map(el => el.scrollHeight))"""
MAX_SCREENSHOT_HEIGHT = 6_000


def download(page: Page, trigger: Locator, directory: Path,
             name: str | None = None) -> tuple[str, Path]:
    """Click `trigger` and save the file it downloads in `directory`, under the name the app
    suggests or `name`; returns the suggested name and where the file was saved."""
    with page.expect_download() as started:
        trigger.click()
    suggested = started.value.suggested_filename
    path = directory / (name or suggested)
    started.value.save_as(path)
    return suggested, path


def full_page_screenshot(page: Page, path: Path) -> None:
    """Screenshot the whole page, including what scrolls inside Streamlit's main area.

    Streamlit scrolls `stMain`, not the document, so the viewport is made as tall as the
    content for the picture (the width stays) and put back afterwards.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    height = min(page.evaluate(_CONTENT_HEIGHT), MAX_SCREENSHOT_HEIGHT)
    if viewport and height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": height})
        # Let the layout (and Plotly's resize) settle for two frames before the picture.
        page.evaluate("() => new Promise(done => requestAnimationFrame("
                      "() => requestAnimationFrame(done)))")
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        if viewport:
            page.set_viewport_size(viewport)


# --- the Cycle page: period, clicks on the chart, phase bands -----------------------------------

# More texts from data/messages/nl/*.toml, for the Cycle page's controls and phases.
CYCLE_NL = {
    "cycle_controls.range": "Periode",
    "cycle_controls.more": "Periode kiezen, wie, balans",
    "cycle_controls.dates": "Van – tot",
    "cycle_controls.timeline": "Tijdlijn",
    "cycle_controls.calendar": "Kalender",
    "cycle_controls.download_html": "Grafiek als HTML (werkt offline)",
    "cycle_controls.detail_heading": "Dit moment",
    "cycle_page.calendar_expander": "Kalender: elke dag van het jaar",
    "chart_words.heading": "Grafiek in woorden",
    "chart_words.calendar_heading": "Kalender in woorden",
    "phase_ui.heading": "Fasen markeren",
    "phase_ui.from_day": "Vanaf dag",
    "phase_ui.phase": "Fase",
    "phase_ui.mark": "Markeren",
    "phase_ui.remove": "Weghalen",
    "phase_ui.change_day": "Dag wijzigen",
    "phase_ui.begins_on": "Begint op",
    "phase_ui.save_day": "Opslaan",
    "phase_ui.undo_remove": "Ongedaan maken",
    "phase_ui.accept_all": "Hele voorstel overnemen",
    "phase_ui.suggested_heading": "Voorstel van Nabij",
}
# The tooltip of the modebar's camera button on a Dutch page (Plotly's own text is English:
# data/messages/*/charts.toml translates it through the chart's config).
MODEBAR_PNG_TITLE = "Grafiek downloaden als PNG"
# A phone as the e2e tests hold it: 390 css px wide, touch, no mouse.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}


def choose_range(page: Page, label: str) -> None:
    """Pick a quick range ("Week", "Maand", ...) above the Cycle chart and wait for the rerun."""
    rerun_after(page, lambda: choose(main(page), CYCLE_NL["cycle_controls.range"], label))


def expander(page: Page, title: str) -> Locator:
    return main(page).get_by_test_id("stExpander").filter(
        has=page.get_by_text(title, exact=True))


def open_expander(page: Page, title: str) -> Locator:
    """Open the expander titled `title` if it is closed (clicking an open one closes it)."""
    box = expander(page, title)
    expect(box).to_have_count(1)
    if box.locator("details").get_attribute("open") is None:
        box.get_by_text(title, exact=True).click()
    expect(box.locator("details")).to_have_attribute("open", "")
    # A fold that builds its content only when open reruns the page: let that run end.
    wait_for_app(page)
    return box


def date_range_fields(page: Page, label: str) -> tuple[Locator, Locator]:
    """The start and end fields of a date range input (Streamlit 1.67: react-aria groups).

    Their text is the date as shown, e.g. "03-02-2025" for the format DD-MM-YYYY.
    """
    return (main(page).get_by_role("group", name=f"{label} start date", exact=True),
            main(page).get_by_role("group", name=f"{label} end date", exact=True))


def _plot(selector: str) -> str:
    return f"document.querySelector({selector!r})"


_CYCLE_PLOT = _plot(".st-key-cycle_chart .js-plotly-plot")

# Every drawn marker of the cycle chart with its place on screen (viewport pixels). The trace
# group's data is Plotly's calcdata (its first item knows the trace), a point's data is its
# calcdata item (`i` is its index in the trace's arrays).
_POINTS_ON_SCREEN = f"""() => {{
  const plot = {_CYCLE_PLOT};
  if (!plot) return [];
  const found = [];
  plot.querySelectorAll('.scatterlayer .trace').forEach(group => {{
    const trace = group.__data__ && group.__data__[0] && group.__data__[0].trace;
    if (!trace) return;
    group.querySelectorAll('path.point').forEach(path => {{
      const point = path.__data__, box = path.getBoundingClientRect();
      const input = plot.data[trace.index];
      found.push({{trace: trace.name, x: point.x, y: point.y, i: point.i,
                   customdata: (input.customdata || [])[point.i] ?? null,
                   hover: (input.hovertext || [])[point.i] ?? null,
                   cx: box.x + box.width / 2, cy: box.y + box.height / 2}});
    }});
  }});
  return found;
}}"""


def points_on_screen(page: Page) -> list[dict]:
    """The cycle chart's markers: trace, x (ms, local time as UTC), y, customdata, hover,
    and the centre (cx, cy) of each marker in viewport pixels."""
    return page.evaluate(_POINTS_ON_SCREEN)


def isolated_points(points: list[dict], min_gap_px: float = 14) -> list[dict]:
    """The points whose nearest other marker is at least `min_gap_px` away, so that a click
    at their centre cannot be taken by a neighbour (Plotly picks the closest point)."""
    def gap(point: dict) -> float:
        return min((((other["cx"] - point["cx"]) ** 2 + (other["cy"] - point["cy"]) ** 2) ** 0.5
                    for other in points if other is not point), default=float("inf"))
    return [point for point in points if gap(point) >= min_gap_px]


# Where a marker (by trace name and index) is now, once it has stayed put for a few frames:
# late web fonts or a resize can still move the chart after it is drawn.
_SETTLED_POSITION = f"""async ({{trace, i}}) => {{
  const frame = () => new Promise(done => requestAnimationFrame(() => done()));
  const where = () => {{
    const plot = {_CYCLE_PLOT};
    for (const group of plot.querySelectorAll('.scatterlayer .trace')) {{
      const data = group.__data__ && group.__data__[0] && group.__data__[0].trace;
      if (!data || data.name !== trace) continue;
      for (const path of group.querySelectorAll('path.point')) {{
        if (path.__data__.i !== i) continue;
        const box = path.getBoundingClientRect();
        return {{cx: box.x + box.width / 2, cy: box.y + box.height / 2}};
      }}
    }}
    return null;
  }};
  await document.fonts.ready;
  let last = where(), still = 0;
  for (let round = 0; round < 120 && still < 3; round++) {{
    await frame();
    const now = where();
    still = last && now && Math.abs(now.cx - last.cx) < 0.5
            && Math.abs(now.cy - last.cy) < 0.5 ? still + 1 : 0;
    last = now;
  }}
  return still >= 3 ? last : null;
}}"""


# The point Plotly hovers (its hover data is what a click then selects), or null.
_HOVERED = f"""() => {{
  const plot = {_CYCLE_PLOT};
  const hovered = plot && plot._hoverdata;
  if (!hovered || !hovered.length) return null;
  const point = hovered[0], trace = plot.data[point.curveNumber];
  return {{trace: trace.name, i: point.pointNumber, mode: String(trace.mode),
           customdata: (trace.customdata || [])[point.pointNumber] ?? null,
           hover: (trace.hovertext || [])[point.pointNumber] ?? null}};
}}"""


# Plotly counts a press within doubleClickDelay (300 ms) of the previous one as a double
# click, which Streamlit takes as "clear the selection": a person's next click comes later.
_NO_DOUBLE_CLICK = f"""() => {{
  const plot = {_CYCLE_PLOT};
  return Date.now() - (plot._mouseDownTime || 0) > plot._context.doubleClickDelay;
}}"""


def click_chart_point(page: Page, point: dict) -> dict:
    """Click the marker's centre on screen as a person does, and wait for the rerun the
    selection makes. Returns the point Plotly took (trace, i, mode, customdata, hover).

    Plotly's drag layer lies above the markers and takes the pointer events, so the mouse
    goes to the place; Plotly hovers the closest point, and a click selects what is hovered.
    The mouse first rests on the marker until Plotly hovers it: a click that comes before
    the (throttled) hover selects nothing. The marker's place is read again right before,
    once it has stopped moving, and the click never follows the last one so closely that
    Plotly would count a double click.
    """
    position = page.evaluate(_SETTLED_POSITION, {"trace": point["trace"], "i": point["i"]})
    assert position is not None, f"the marker did not settle on screen: {point}"
    page.mouse.move(0, 0)  # off the chart: Plotly forgets what it hovered
    page.wait_for_function(f"() => !({_HOVERED})()")
    page.mouse.move(position["cx"], position["cy"])
    page.wait_for_function(f"() => !!({_HOVERED})()")
    hovered = page.evaluate(_HOVERED)
    page.wait_for_function(_NO_DOUBLE_CLICK)
    rerun_after(page, lambda: page.mouse.click(position["cx"], position["cy"]))
    return hovered


def tap_chart_point(page: Page, point: dict) -> dict:
    """Tap the marker's centre once with a finger (a touch screen page) and wait for the rerun
    the selection makes. Returns the point where the finger went (trace, i, cx, cy).

    No mouse moves first: a finger does not hover, which is what made a first tap only show
    Plotly's tooltip.
    """
    position = page.evaluate(_SETTLED_POSITION, {"trace": point["trace"], "i": point["i"]})
    assert position is not None, f"the marker did not settle on screen: {point}"
    page.wait_for_function(_NO_DOUBLE_CLICK)
    rerun_after(page, lambda: page.touchscreen.tap(position["cx"], position["cy"]))
    return {**point, **position}


def scroll_chart_into_view(page: Page) -> None:
    """Bring the whole chart into the viewport (marker positions are read after this)."""
    # Playwright's scroll_into_view_if_needed is content with a partly visible chart.
    cycle_chart(page).evaluate("el => el.scrollIntoView({block: 'center', behavior: 'instant'})")
    page.wait_for_function("""() => {
      const box = document.querySelector('.st-key-cycle_chart [data-testid="stPlotlyChart"]')
                  .getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight; }""")
    box = cycle_chart(page).bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (box, viewport)


def chart_layout(page: Page) -> dict:
    """The cycle chart's layout as Plotly holds it: shapes, annotations, meta, axes."""
    return page.evaluate(f"() => {{ const plot = {_CYCLE_PLOT}; return plot && plot.layout ? "
                         "JSON.parse(JSON.stringify(plot.layout)) : null; }")


def phase_rects(layout: dict) -> list[dict]:
    """The phase bands of a cycle chart layout: rectangles across the plot's height."""
    return [shape for shape in layout.get("shapes", [])
            if shape.get("type") == "rect" and shape.get("yref") == "paper"]


def is_suggested(rect: dict) -> bool:
    """Suggested bands have a dashed outline; bands of marks have none (line width 0)."""
    return (rect.get("line") or {}).get("width", 0) > 0


def sent_marker_count(page: Page) -> int:
    """How many marker points the server sent for the cycle chart (every marker trace)."""
    return page.evaluate(f"""() => {{ const plot = {_CYCLE_PLOT};
      return plot.data.filter(trace => String(trace.mode).includes('markers'))
                      .reduce((sum, trace) => sum + trace.x.length, 0); }}""")


def wait_for_chart_drawn(page: Page, timeout_ms: float = RUN_TIMEOUT_MS) -> None:
    """Wait until the cycle chart has drawn its markers and the app is idle."""
    page.wait_for_function(f"""() => {{ const plot = {_CYCLE_PLOT};
      return !!(plot && plot.calcdata && plot.querySelector('.scatterlayer path.point')); }}""",
                           timeout=timeout_ms)
    wait_for_app(page)


def select_option(page: Page, scope: Locator, label: str, option: str) -> None:
    """Choose `option` in the select box labelled `label`: open it, click the option.

    Once in some thirty runs the menu did not show after the click (cause not found; the
    box had focus); a person would click again, and so does this, at most three times.
    Each extra click is printed, so a run's output tells whether it happened.
    """
    box = scope.get_by_role("combobox", name=label)
    choice = page.get_by_role("option", name=option, exact=True)
    for attempt in range(1, 4):
        box.click()
        try:
            expect(choice).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            print(f"select_option: the menu of {label!r} did not show {option!r} "
                  f"(attempt {attempt})")
    choice.click()
    expect(box).to_have_value(option)
