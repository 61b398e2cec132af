"""The Data page in AppTest: import step by step, export, backup and restore, in both languages.

AppTest drives st.file_uploader (`set_value` registers the bytes as an upload), so the page
is tested through its real widgets. What AppTest cannot do is press a download button and
receive the file: the download buttons are checked to be there, and the bytes they serve are
tested by calling the same functions (and, in tests/e2e/test_import_export.py, downloaded for
real in Chromium).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from nabij.frames import events_frame
from nabij.io.export import events_to_csv_bytes, export_csv
from nabij.journal_source import Access, JournalSource, SourceKind
from nabij.model import Journal, Kind
from nabij.storage.backup import backup_json
from tests.pages.conftest import add_event, open_app
from tests.test_import_files import xlsx_bytes

PAGE = "views/data.py"

# Semicolons, BOM, Windows line ends, Dutch headers and dates, an extra column, other case.
MESSY = ("\ufefftijdstip;partner;soort;intensiteit;notitie;extra\r\n"
         "04-03-2025 21:15;anna;nabijheid;4;Samen gekookt;x\r\n"
         "05-03-2025 08:00;BRAM;afstand;2;\"Stil; moe\";\r\n"
         "06-03-2025 09:00;Bram;afstand;9;;\r\n"
         "31-02-2025 10:00;Anna;ruzie;3;;\r\n").encode("utf-8")

TEXTS = {
    "nl": {"title": "Gegevens: Wij", "new": "2 momenten worden toegevoegd.",
           "bad": "2 rijen kunnen we niet lezen.", "line": "Regel", "column": "Kolom",
           "reason": "Wat er niet klopt", "confirm": "2 momenten importeren",
           "done": "Geïmporteerd in 'Wij': 2 toegevoegd, 0 stonden er al.",
           "intensity": "De sterkte is een heel getal van 1 tot en met 5 ('9' valt daarbuiten).",
           "nothing": "Er is niets nieuws om toe te voegen.",
           "present": "2 momenten staan al in het dagboek; die slaan we over."},
    "en": {"title": "Data: Wij", "new": "2 moments will be added.",
           "bad": "2 rows cannot be read.", "line": "Line", "column": "Column",
           "reason": "What is wrong", "confirm": "Import 2 moments",
           "done": "Imported into 'Wij': 2 added, 0 already present.",
           "intensity": "Strength is a whole number from 1 to 5 ('9' is outside that).",
           "nothing": "There is nothing new to add.",
           "present": "2 moments are already in the journal; we leave them out."},
}


def upload(app, data: bytes, name: str = "dagboek.csv", key: str = "data_import_file_0"):
    app.file_uploader(key=key).set_value((name, data, "text/csv")).run()
    assert not app.exception, app.exception
    return app


def texts_of(elements) -> list[str]:
    return [element.value for element in elements]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_import_preview_confirm_and_import_again(store, journal, lang):
    words = TEXTS[lang]
    app = open_app(PAGE, lang=lang)
    assert app.title[0].value == words["title"]
    assert [tab.label for tab in app.tabs][:3] == (
        ["Importeren", "Exporteren", "Reservekopie"] if lang == "nl"
        else ["Import", "Export", "Backup"])

    upload(app, MESSY)
    assert words["new"] in texts_of(app.success)
    assert any(text.startswith(words["bad"]) for text in texts_of(app.warning))
    problems = app.dataframe[0].value
    assert list(problems.columns) == [words["line"], words["column"], words["reason"]]
    assert problems[words["line"]].tolist() == [4, 5, 5]
    assert problems[words["column"]].tolist() == ["intensiteit", "tijdstip", "soort"]
    assert problems[words["reason"]].iloc[0] == words["intensity"]
    new_rows = app.dataframe[1].value
    assert len(new_rows) == 2
    assert store.count_events(journal.id) == 0  # nothing before confirming

    app.button(key="data_import_confirm").click().run()
    assert words["done"] in texts_of(app.success)
    events = store.list_events(journal.id)
    assert [(e.partner, e.kind, e.intensity, e.note) for e in events] == [
        (0, Kind.CLOSENESS, 4, "Samen gekookt"), (1, Kind.DISTANCE, 2, "Stil; moe")]
    assert app.file_uploader(key="data_import_file_1").value is None  # a fresh uploader

    upload(app, MESSY, key="data_import_file_1")
    assert words["nothing"] in texts_of(app.info)
    assert words["present"] in texts_of(app.caption)
    assert app.button(key="data_import_confirm").disabled
    assert store.count_events(journal.id) == 2


def test_result_counts_what_was_added_and_what_was_present(store, journal):
    app = open_app(PAGE)
    upload(app, b"tijdstip,partner,soort,intensiteit\n04-03-2025 10:00,Anna,nabijheid,3\n")
    app.button(key="data_import_confirm").click().run()
    upload(app, b"tijdstip,partner,soort,intensiteit\n04-03-2025 10:00,Anna,nabijheid,3\n"
                b"05-03-2025 10:00,Bram,afstand,2\n", key="data_import_file_1")
    assert app.button(key="data_import_confirm").label == "1 moment importeren"
    app.button(key="data_import_confirm").click().run()
    assert "Geïmporteerd in 'Wij': 1 toegevoegd, 1 stonden er al." in texts_of(app.success)
    assert store.count_events(journal.id) == 2


DATES = {
    "nl": ("1 datum is op twee manieren te lezen",
           "regel 3: 03/04/2025 lezen we als 3 apr 2025 (dag eerst); met de maand eerst zou het "
           "4 mrt 2025 zijn",
           "2 momenten hebben een datum maar geen tijd (regels 2, 3).",
           "4 mrt 2025 (geen tijd opgegeven)"),
    "en": ("1 date can be read two ways",
           "line 3: 03/04/2025 is read as Apr 3, 2025 (day first); month first it would be "
           "Mar 4, 2025",
           "2 moments have a date but no time (lines 2, 3).",
           "Mar 4, 2025 (no time given)"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_dates_read_two_ways_and_dates_without_time_are_pointed_out(store, journal, lang):
    ambiguous, row, untimed, when = DATES[lang]
    app = open_app(PAGE, lang=lang)
    upload(app, b"datum,wie,soort,sterkte\n2025-03-04,Anna,nabijheid,3\n"
                b"03/04/2025,Anna,nabijheid,3\n04-04-2025 10:00,Bram,afstand,2\n")
    [warning] = [text for text in texts_of(app.warning) if text.startswith(ambiguous)]
    assert row in warning.replace("\\", "")
    assert any(text.startswith(untimed) for text in texts_of(app.info))
    assert app.dataframe[0].value.iloc[0, 0] == when
    assert store.count_events(journal.id) == 0


def test_a_file_whose_days_show_the_order_gets_no_date_warning(store, journal):
    app = open_app(PAGE)
    upload(app, b"datum,wie,soort,sterkte\n03-04-2025 10:00,Anna,nabijheid,3\n"
                b"14-04-2025 10:00,Bram,afstand,2\n")
    assert texts_of(app.warning) == []
    assert not any("geen tijd" in text for text in texts_of(app.info))
    assert len(app.dataframe[0].value) == 2


def test_a_deleted_moment_is_not_offered_again(store, journal):
    app = open_app(PAGE)
    file = b"tijdstip,partner,soort,intensiteit\n04-03-2025 10:00,Anna,nabijheid,3\n" \
           b"05-03-2025 10:00,Bram,afstand,2\n"
    upload(app, file)
    app.button(key="data_import_confirm").click().run()
    first = store.list_events(journal.id)[0]
    store.delete_event(journal.id, first.id)
    upload(app, file, key="data_import_file_1")
    assert "Er is niets nieuws om toe te voegen." in texts_of(app.info)
    assert "1 moment uit het bestand is eerder uit dit dagboek verwijderd; dat blijft weg." \
        in texts_of(app.caption)
    assert app.button(key="data_import_confirm").disabled
    assert store.count_events(journal.id) == 1


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_columns_of_another_app_are_mapped_by_the_user(store, journal, lang):
    app = open_app(PAGE, lang=lang)
    upload(app, b"Moment,Persoon,Gevoel,Cijfer,Tekst\n2025-03-04 21:15,Anna,closeness,4,ok\n")
    needed = ("We herkennen niet in elke kolom" if lang == "nl"
              else "We could not tell what every column holds")
    assert any(text.startswith(needed) for text in texts_of(app.warning))
    assert not [b for b in app.button if b.key == "data_import_confirm"]  # no preview yet

    file_id = app.file_uploader(key="data_import_file_0").value.file_id
    for field, column in (("timestamp", 0), ("kind", 2), ("intensity", 3), ("note", 4)):
        app.selectbox(key=f"data_map_{field}_{file_id}").set_value(column)
    app.run()
    assert app.selectbox(key=f"data_map_partner_{file_id}").value == 1  # "persoon": guessed
    app.button(key="data_import_confirm").click().run()
    [event] = store.list_events(journal.id)
    assert (event.partner, event.kind, event.intensity, event.note) == \
        (0, Kind.CLOSENESS, 4, "ok")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_other_partner_names_are_matched_by_the_user(store, journal, lang):
    app = open_app(PAGE, lang=lang)
    upload(app, b"tijdstip,partner,soort,intensiteit\n2025-03-04,Sanne,nabijheid,4\n"
                b"2025-03-05,Daan,afstand,2\n2025-03-06,Eva,afstand,1\n")
    needed = ("In het bestand staan andere namen dan Anna en Bram." if lang == "nl"
              else "The file has other names than Anna and Bram.")
    assert any(text.startswith(needed) for text in texts_of(app.warning))
    file_id = app.file_uploader(key="data_import_file_0").value.file_id
    # Suggested: Sanne is Anna, Daan is Bram, Eva is left out; the user swaps them.
    assert [app.selectbox(key=f"data_partner_{file_id}_{n}").value for n in range(3)] == \
        [0, 1, -1]
    app.selectbox(key=f"data_partner_{file_id}_0").set_value(1)
    app.selectbox(key=f"data_partner_{file_id}_1").set_value(0).run()
    app.button(key="data_import_confirm").click().run()
    assert [(e.partner, e.intensity) for e in store.list_events(journal.id)] == [(1, 4), (0, 2)]


def test_excel_file_is_imported(store, journal):
    app = open_app(PAGE)
    data = xlsx_bytes([["Tijdstip", "Partner", "Soort", "Intensiteit", "Notitie"],
                       [dt.datetime(2025, 3, 4, 21, 15), "Anna", "nabijheid", 4, "uit Excel"]])
    app.file_uploader(key="data_import_file_0").set_value(
        ("dagboek.xlsx", data,
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run()
    app.button(key="data_import_confirm").click().run()
    assert [e.note for e in store.list_events(journal.id)] == ["uit Excel"]


@pytest.mark.parametrize(("data", "lang", "expected"), [
    (b"", "nl", "Dit bestand kunnen we niet lezen. Het bestand is leeg."),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "nl", "Dit bestand kunnen we niet lezen. Dit is geen "
                                            "tekstbestand."),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "en", "We cannot read this file. This is not a text "
                                            "file."),
    (b"a,b\n1,2\n\"open,3\n", "en", "We cannot read this file (line 3). A quote mark"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "en", "We cannot read this file. This is an old "
                                               "Excel file (.xls)."),
])
def test_unreadable_file_gets_a_message_never_a_crash(store, journal, data, lang, expected):
    app = open_app(PAGE, lang=lang)
    upload(app, data)
    [error] = app.error
    assert error.value.startswith(expected)
    assert store.count_events(journal.id) == 0


def test_windows_file_gets_a_note(store, journal):
    app = open_app(PAGE, lang="en")
    upload(app, "datum;wie;soort;sterkte;notitie\n04-03-2025;Anna;nabijheid;3;Zoë\n"
           .encode("cp1252"))
    assert any("not saved as UTF-8" in text for text in texts_of(app.info))
    app.button(key="data_import_confirm").click().run()
    assert [e.note for e in store.list_events(journal.id)] == ["Zoë"]


# --- export and backup ---------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", ["Momenten downloaden (CSV)", "Reservekopie downloaden (JSON)"]),
    ("en", ["Download moments (CSV)", "Download backup (JSON)"]),
])
def test_export_and_backup_buttons_for_an_own_journal(store, journal, lang, expected):
    add_event(store, journal, note="=SUM(A1)")
    app = open_app(PAGE, lang=lang)
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == expected
    opened = JournalSource(SourceKind.OWN, journal, 1, "sqlite://", Access(), "nl",
                           events_frame(store.list_events(journal.id), journal))
    data = export_csv(opened, store, "nl")
    assert data == events_to_csv_bytes(store.list_events(journal.id), journal)
    assert b",'=SUM(A1)," in data


def test_empty_journal_has_nothing_to_export(store, journal):
    app = open_app(PAGE, lang="en")
    assert "This journal has no moments to export yet." in texts_of(app.info)


def test_demo_exports_but_imports_into_an_own_journal(store):
    app = open_app(PAGE)
    assert any(text.startswith("Je kijkt naar het voorbeelddagboek.") for text in texts_of(
        app.info))
    assert [button.proto.label for button in app.get("download_button")] == \
        ["Momenten downloaden (CSV)"]
    assert "Van het voorbeelddagboek hoef je geen reservekopie te maken: het hoort bij Nabij." \
        in texts_of(app.caption)
    # No own journal yet: no uploader for the import, a way to create a journal instead.
    assert [u.key for u in app.file_uploader] == ["data_restore_file_0"]
    assert "Eigen dagboek aanmaken" in [link.value for link in app.get("page_link")]

    demo = JournalSource(SourceKind.DEMO,
                         Journal(None, "Sanne & Daan", ("Sanne", "Daan"), read_only=True), 0, "",
                         Access(), "nl", events_frame([], Journal(None, "x", ("a", "b"))))
    assert export_csv(demo, None, "nl").count(b"\r\n") == 202  # header and 201 moments

    own = store.create_journal(Journal(None, "Eigen", ("Anna", "Bram")))
    app = open_app(PAGE)  # a new session: the most recent own journal opens, so pick the demo
    app.selectbox(key="journal_picker").set_value("demo").run()
    assert app.selectbox(key="data_import_target").value == own.id
    upload(app, b"tijdstip,partner,soort,intensiteit\n2025-03-04,Anna,nabijheid,4\n")
    app.button(key="data_import_confirm").click().run()
    assert store.count_events(own.id) == 1
    assert app.title[0].value == "Gegevens: Eigen"  # the target journal is now open


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_restore_a_backup_into_a_new_journal(store, journal, lang):
    add_event(store, journal, note="een")
    deleted = add_event(store, journal, note="weg", hours=1)
    store.delete_event(journal.id, deleted.id)
    data = backup_json(store, journal.id)
    app = open_app(PAGE, lang=lang)
    upload(app, data, name="wij.nabij.json", key="data_restore_file_0")
    summary = ("Dagboek 'Wij' van Anna en Bram. Momenten: 1; verwijderde momenten: 1; "
               "gemarkeerde fasen: 0." if lang == "nl" else
               "Journal 'Wij' of Anna and Bram. Moments: 1; deleted moments: 1; "
               "marked phases: 0.")
    assert summary in texts_of(app.info)
    assert app.text_input(key="data_restore_name").value == "Wij"
    app.text_input(key="data_restore_name").input("Wij, terug")
    app.button(key="data_restore_confirm").click().run()

    journals = store.list_journals()
    assert len(journals) == 2
    restored = journals[0]
    assert restored.name == "Wij, terug" and restored.id != journal.id
    assert [e.note for e in store.list_events(restored.id)] == ["een"]
    assert [e.note for e in store.list_events(journal.id)] == ["een"]  # untouched
    done = ("De reservekopie staat nu in het nieuwe dagboek 'Wij, terug' (1 momenten). Het is "
            "geopend." if lang == "nl" else
            "The backup is now in the new journal 'Wij, terug' (1 moments). It is open.")
    assert done in texts_of(app.success)
    assert app.title[0].value.endswith(": Wij, terug")


def test_restore_refuses_a_damaged_backup_and_an_empty_name(store, journal):
    add_event(store, journal)
    backup = json.loads(backup_json(store, journal.id))
    app = open_app(PAGE, lang="en")
    backup["tables"]["events"]["rows"][0][backup["tables"]["events"]["columns"]
                                         .index("intensity")] = 7
    upload(app, json.dumps(backup).encode(), name="b.json", key="data_restore_file_0")
    app.button(key="data_restore_confirm").click().run()
    assert any("damaged or was edited by hand" in text for text in texts_of(app.error))
    assert len(store.list_journals()) == 1

    good = backup_json(store, journal.id)
    upload(app, good, name="good.json", key="data_restore_file_0")
    app.text_input(key="data_restore_name").input(" ")
    app.button(key="data_restore_confirm").click().run()
    assert "Give the journal a name." in texts_of(app.error)
    assert len(store.list_journals()) == 1

    upload(app, b"{\"hello\": 1}", name="other.json", key="data_restore_file_0")
    assert any("This is not a Nabij backup." in text for text in texts_of(app.error))


def test_a_file_over_the_limit_gets_a_message(store, journal):
    app = open_app(PAGE)
    upload(app, b"tijdstip;partner\n" + b"x" * (10 * 1024 * 1024 + 10))
    [error] = app.error
    assert error.value == ("Dit bestand kunnen we niet lezen. Het bestand is 11 MB; het "
                           "maximum is 10 MB. Splits het in kleinere bestanden.")
