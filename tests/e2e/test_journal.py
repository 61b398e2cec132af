"""Logging, showing, editing and deleting moments in one's own journal.

The tests share one server (and database); each creates a journal of its own, which the app
opens for that session, and new sessions open the most recently used journal.
"""

from __future__ import annotations

import html

import pytest
from playwright.sync_api import expect

from tests.e2e.nabij_ui import (
    NL,
    Moment,
    choose,
    create_journal,
    cycle_chart,
    event_cards,
    form,
    go_to,
    heading,
    log_moment,
    main,
    rerun_after,
    wait_for_app,
    wait_for_chart_points,
)

pytestmark = pytest.mark.e2e

MARKUP_NOTE = "<b>vet</b> <script>alert(1)</script>"


def _by_partner(points: list[dict]) -> dict[str, float]:
    return {point["trace"]: point["y"] for point in points}


def test_logged_moments_show_on_chart_after_reload_and_in_another_tab(app_server, new_page):
    page = new_page()
    create_journal(page, app_server.url, "Grafiek", ("Anna", "Bram"))
    go_to(page, NL["nav.journal"])
    expect(heading(page)).to_have_text("Dagboek: Grafiek")

    log_moment(page, Moment("Anna", "closeness", 4, "Samen gekookt"))
    log_moment(page, Moment("Bram", "distance", 2, "Deur dichtgedaan"))
    expect(event_cards(page)).to_have_count(2)

    go_to(page, NL["nav.cycle"])
    expect(heading(page)).to_have_text("Cyclus: Grafiek")
    assert _by_partner(wait_for_chart_points(page, 2)) == {"Anna": 4, "Bram": -2}

    page.reload()
    wait_for_app(page)
    expect(heading(page)).to_have_text("Cyclus: Grafiek")
    assert _by_partner(wait_for_chart_points(page, 2)) == {"Anna": 4, "Bram": -2}

    other = new_page()  # another browser context: nothing shared but the server
    other.goto(page.url)
    wait_for_app(other)
    expect(heading(other)).to_have_text("Cyclus: Grafiek")
    assert _by_partner(wait_for_chart_points(other, 2)) == {"Anna": 4, "Bram": -2}


def test_save_without_partner_shows_error_at_the_field_and_stores_nothing(app_server, page):
    create_journal(page, app_server.url, "Leeg", ("Cas", "Dirk"))
    go_to(page, NL["nav.journal"])
    log_form = form(page)
    choose(log_form, NL["form.kind"], NL["kind.closeness"])
    log_form.get_by_role("textbox", name=NL["form.note"]).fill("Zonder wie")

    rerun_after(page, log_form.get_by_role("button", name=NL["form.save"]).click)

    error = log_form.get_by_test_id("stAlertContentError")
    expect(error).to_have_count(1)
    expect(error).to_contain_text(NL["error.partner_empty"])
    expect(log_form.get_by_test_id("stAlertContentWarning")).to_contain_text(NL["form.not_saved"])
    # Next to the field: below the partner choice, above the next question.
    partner_box = log_form.get_by_role("radiogroup", name=NL["form.partner"]).bounding_box()
    kind_box = log_form.get_by_role("radiogroup", name=NL["form.kind"]).bounding_box()
    error_box = error.bounding_box()
    assert partner_box["y"] + partner_box["height"] <= error_box["y"] < kind_box["y"]
    # What was typed and chosen stays.
    expect(log_form.get_by_role("textbox", name=NL["form.note"])).to_have_value("Zonder wie")
    expect(log_form.get_by_role("radio", name=NL["kind.closeness"])).to_have_attribute(
        "aria-checked", "true")

    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_count(0)
    expect(event_cards(page)).to_have_count(0)
    expect(main(page)).to_contain_text(NL["events.empty"])
    go_to(page, NL["nav.cycle"])
    expect(main(page)).to_contain_text(NL["cycle.empty"])
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(0)


def test_note_with_markup_is_shown_as_literal_text_in_list_and_chart_hover(app_server, new_page):
    page = new_page()
    create_journal(page, app_server.url, "Opmaak", ("Eva", "Finn"))
    go_to(page, NL["nav.journal"])
    log_moment(page, Moment("Eva", "closeness", 3, MARKUP_NOTE))

    card = event_cards(page)
    expect(card).to_have_count(1)
    expect(card.get_by_text(MARKUP_NOTE, exact=True)).to_be_visible()
    expect(main(page).locator("b")).to_have_count(0)
    expect(main(page).locator("strong", has_text="vet")).to_have_count(0)
    expect(page.locator("script", has_text="alert(1)")).to_have_count(0)

    go_to(page, NL["nav.cycle"])
    points = wait_for_chart_points(page, 1)
    # The figure carries the note escaped, so Plotly prints the characters instead of markup.
    assert points[0]["hover"].endswith(html.escape(MARKUP_NOTE, quote=False))
    chart = cycle_chart(page)
    # Plotly listens on a drag layer above the points: hover the point's place on screen.
    chart.locator(".js-plotly-plot g.points path").first.hover(force=True)
    hover_label = chart.locator(".hoverlayer")
    expect(hover_label).to_contain_text(MARKUP_NOTE)
    # Plotly draws <b> as a bold tspan: there must be none in the label.
    expect(hover_label.locator("tspan[style*='bold']")).to_have_count(0)
    expect(page.locator("script", has_text="alert(1)")).to_have_count(0)
    assert new_page.dialogs == []


def test_edit_moment_then_delete_it_and_undo_the_delete(app_server, page):
    create_journal(page, app_server.url, "Bewerken", ("Gijs", "Hanna"))
    go_to(page, NL["nav.journal"])
    log_moment(page, Moment("Gijs", "closeness", 2, "Eerste versie"))
    card = event_cards(page)
    expect(card).to_have_count(1)
    expect(card).to_contain_text("2/5")

    rerun_after(page, card.get_by_role("button", name=NL["events.edit"]).click)
    edit_form = form(page)
    expect(edit_form).to_contain_text(NL["form.edit_heading"])
    expect(edit_form.get_by_role("textbox", name=NL["form.note"])).to_have_value("Eerste versie")
    choose(edit_form, NL["form.partner"], "Hanna")
    choose(edit_form, NL["form.kind"], NL["kind.distance"])
    choose(edit_form, NL["form.intensity"], "5")
    edit_form.get_by_role("textbox", name=NL["form.note"]).fill("Tweede versie")
    rerun_after(page, edit_form.get_by_role("button", name=NL["form.save_changes"]).click)

    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(NL["form.updated"])
    expect(form(page)).to_contain_text(NL["form.log_heading"])
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Hanna · afstand · 5/5")
    expect(card.get_by_text("Tweede versie", exact=True)).to_be_visible()
    expect(card.get_by_text("Eerste versie")).to_have_count(0)

    rerun_after(page, card.get_by_role("button", name=NL["events.delete"]).click)
    expect(main(page)).to_contain_text(NL["events.deleted"])
    expect(event_cards(page)).to_have_count(0)
    expect(main(page)).to_contain_text(NL["events.empty"])

    rerun_after(page, main(page).get_by_role("button", name=NL["events.undo"]).click)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(NL["events.restored"])
    expect(event_cards(page)).to_have_count(1)
    expect(event_cards(page)).to_contain_text("Hanna · afstand · 5/5")
    expect(main(page).get_by_role("button", name=NL["events.undo"])).to_have_count(0)

    go_to(page, NL["nav.cycle"])
    points = wait_for_chart_points(page, 1)
    assert (points[0]["trace"], points[0]["y"]) == ("Hanna", -5)
