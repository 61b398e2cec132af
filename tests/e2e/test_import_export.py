"""Import a messy file through the browser's file chooser, see it on the chart, export it again."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from nabij.io.files import read_table
from nabij.io.importing import guess_mapping, read_events
from nabij.model import Journal
from tests.e2e.nabij_ui import (
    NL,
    create_journal,
    download,
    event_cards,
    go_to,
    heading,
    main,
    rerun_after,
    wait_for_chart_points,
)

pytestmark = pytest.mark.e2e

# Texts from data/messages/nl/data.toml, as the test looks for them on screen.
DATA_NL = {
    "nav": "Gegevens",
    "tab_export": "Exporteren",
    "preview_new": "3 momenten worden toegevoegd.",
    "bad_rows": "1 rij kunnen we niet lezen.",
    "ambiguous": "2 datums zijn op twee manieren te lezen",
    "ambiguous_row": "regel 3: 04-03-2025 08:10 lezen we als 4 mrt 2025 (dag eerst); met de "
                     "maand eerst zou het 3 apr 2025 zijn",
    "confirm": "3 momenten importeren",
    "done": "Geïmporteerd in 'Import': 3 toegevoegd, 0 stonden er al.",
    "download_csv": "Momenten downloaden (CSV)",
}

# As Excel on a Dutch Windows saves it, give or take: BOM, semicolons, CRLF, Dutch headers
# and dates, names in another case, an extra column, and one row that cannot be read.
MESSY = ("\ufefftijdstip;partner;soort;intensiteit;notitie;stemming\r\n"
         "03-03-2025 19:30;anna;nabijheid;5;\"Lang gepraat; fijn\";blij\r\n"
         "04-03-2025 08:10;BRAM;afstand;3;Kortaf bij het ontbijt;\r\n"
         "04-03-2025 25:00;Bram;afstand;2;onleesbaar tijdstip;\r\n"
         "05-03-2025 21:00;Bram;nabijheid;4;Samen gewandeld;\r\n")


def choose_file(page: Page, path) -> None:
    """Open the uploader's file chooser as a person does, and pick `path`."""
    uploader = main(page).get_by_test_id("stFileUploader").first
    with page.expect_file_chooser() as chooser:
        # Streamlit's own button (its text is Streamlit's, in English).
        uploader.get_by_role("button", name="Upload", exact=True).click()
    rerun_after(page, lambda: chooser.value.set_files(str(path)))


def test_import_messy_csv_see_it_on_the_chart_and_download_the_export(app_server, page,
                                                                       tmp_path):
    path = tmp_path / "dagboek uit Excel.csv"
    path.write_bytes(MESSY.encode("utf-8"))
    create_journal(page, app_server.url, "Import", ("Anna", "Bram"))
    go_to(page, DATA_NL["nav"])
    expect(heading(page)).to_have_text("Gegevens: Import")

    choose_file(page, path)
    expect(main(page).get_by_test_id("stAlertContentSuccess")).to_contain_text(
        DATA_NL["preview_new"])
    warnings = main(page).get_by_test_id("stAlertContentWarning")
    expect(warnings.filter(has_text=DATA_NL["bad_rows"])).to_have_count(1)
    # Every date here could be month first too (none has a day above 12): both readings.
    expect(warnings.filter(has_text=DATA_NL["ambiguous"])).to_contain_text(
        DATA_NL["ambiguous_row"])
    expect(main(page).get_by_test_id("stDataFrame")).to_have_count(2)  # bad rows, new rows

    rerun_after(page, main(page).get_by_role("button", name=DATA_NL["confirm"]).click)
    expect(main(page).get_by_test_id("stAlertContentSuccess")).to_contain_text(DATA_NL["done"])

    go_to(page, NL["nav.journal"])
    expect(event_cards(page)).to_have_count(3)
    expect(main(page).get_by_text("Lang gepraat; fijn")).to_be_visible()

    go_to(page, NL["nav.cycle"])
    points = wait_for_chart_points(page, 3)
    assert sorted((point["trace"], point["y"]) for point in points) == \
        [("Anna", 5), ("Bram", -3), ("Bram", 4)]

    go_to(page, DATA_NL["nav"])
    main(page).get_by_role("tab", name=DATA_NL["tab_export"]).click()
    button = main(page).get_by_role("button", name=DATA_NL["download_csv"])
    expect(button).to_be_visible()
    suggested, data = download(page, button, tmp_path, "export.csv")
    assert suggested == f"nabij-import-{dt.date.today()}.csv"
    exported = data.read_bytes()
    assert exported.startswith(b"\xef\xbb\xbf")
    lines = exported.decode("utf-8-sig").splitlines()
    assert lines[0] == "timestamp,partner,kind,intensity,note,body,context,visibility"
    assert lines[1] == "2025-03-03T19:30+01:00,Anna,closeness,5,Lang gepraat; fijn,,,partner"
    assert len(lines) == 4
    # The export reads back as the same three moments.
    table = read_table(exported, "export.csv")
    journal = Journal(None, "Import", ("Anna", "Bram"))
    assert len(read_events(table, guess_mapping(table.header), journal).rows) == 3
