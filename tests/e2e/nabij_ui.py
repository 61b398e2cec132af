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

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

# Texts from data/messages/nl.toml, as the tests look for them on screen.
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
    # On a phone the sidebar stays open over the page after the choice (Streamlit 1.67);
    # close it as a visitor would, with its collapse button.
    if sidebar.get_attribute("data-collapsed") == "false":
        sidebar.get_by_test_id("stSidebarCollapseButton").get_by_role("button").click()
        expect(sidebar).to_have_attribute("data-collapsed", "true")


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
    kind = NL[f"kind.{moment.kind}"].lower()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        f"Opgeslagen: {kind} van {moment.partner}")


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
