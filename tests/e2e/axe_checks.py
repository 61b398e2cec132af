"""axe-core on a page as it stands: the WCAG 2.x A/AA findings that fail a test, and their
description. Shared by tests/e2e/test_accessibility.py (every page of the navigation) and the
pages only some people see (a signed-in coach's practice overview)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe-core's rule tags).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS},
               "resultTypes": ["violations"]}
BLOCKING = ("critical", "serious")

# Plotly draws a chart after the script run has ended: wait until every chart on the page
# has its SVG, and the web fonts are in, before measuring contrast and sizes.
_CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .every(chart => chart.querySelector('.main-svg'))"""
_SETTLED = """async () => { await document.fonts.ready;
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))); }"""

_axe = Axe()


def blocking_violations(page: Page) -> list[dict]:
    page.wait_for_function(_CHARTS_DRAWN)
    page.evaluate(_SETTLED)
    results = _axe.run(page, options=AXE_OPTIONS)
    return [violation for violation in results.response["violations"]
            if violation["impact"] in BLOCKING]


def describe(where: str, violations: list[dict]) -> str:
    """Each violation with its rule, impact and the targets (CSS selectors) it was found on."""
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['id']} ({violation['impact']}): "
                     f"{violation['help']} [{len(violation['nodes'])} element(s)]")
        for node in violation["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


