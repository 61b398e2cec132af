"""Issue #18, as a new user found it: a moment imported with context `work;family`, edited on
the Journal page (strength 3 to 4), "Change saved." — and the export afterwards must still
hold `work;family`, next to the new strength."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.nabij_ui import (
    NL,
    choose,
    create_journal,
    download,
    event_cards,
    form,
    go_to,
    main,
    rerun_after,
)
from tests.e2e.test_import_export import DATA_NL, choose_file

pytestmark = pytest.mark.e2e

IMPORTED = ("timestamp,partner,kind,intensity,note,body,context\n"
            "2025-03-04T21:15:37+01:00,Anna,distance,3,Stil na het eten,alarm,work;family\n")


def test_an_edit_of_the_strength_keeps_the_context_in_the_export(app_server, page, tmp_path):
    path = tmp_path / "dagboek.csv"
    path.write_text(IMPORTED, encoding="utf-8")
    create_journal(page, app_server.url, "Context", ("Anna", "Bram"))
    go_to(page, DATA_NL["nav"])
    choose_file(page, path)
    rerun_after(page, main(page).get_by_role("button", name="1 moment importeren").click)
    expect(main(page).get_by_test_id("stAlertContentSuccess")).to_contain_text("1 toegevoegd")

    go_to(page, NL["nav.journal"])
    card = event_cards(page)
    expect(card).to_have_count(1)
    rerun_after(page, card.get_by_role("button", name=NL["events.edit"]).click)
    edit_form = form(page)
    # The context sits under "Meer" (More), open because this moment has one.
    context = edit_form.get_by_role("textbox", name="Context (niet verplicht)")
    expect(context).to_be_visible()
    expect(context).to_have_value("work;family")
    choose(edit_form, NL["form.intensity"], "4")
    rerun_after(page, edit_form.get_by_role("button", name=NL["form.save_changes"]).click)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(NL["form.updated"])

    go_to(page, DATA_NL["nav"])
    main(page).get_by_role("tab", name=DATA_NL["tab_export"]).click()
    _, data = download(page, main(page).get_by_role("button", name=DATA_NL["download_csv"]),
                       tmp_path, "export.csv")
    lines = data.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[1] == "2025-03-04T21:15:37+01:00,Anna,distance,4,Stil na het eten,alarm," \
                       "work;family,partner"
