"""The reminder on the Journals page: the download holds the journal's zone and no content."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from nabij.model import Journal
from tests.pages.conftest import add_event, open_app

PAGE = "views/journals.py"


@pytest.fixture
def downloads(monkeypatch) -> list[bytes]:
    """Every file a download button hands to Streamlit's media storage during the test."""
    kept: list[bytes] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if filename and filename.endswith(".ics"):
            kept.append(path_or_data)
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return kept


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_downloaded_reminder_has_the_zone_the_rule_and_no_journal_content(
        store, downloads, lang):
    journal = store.create_journal(Journal(None, "Ons Dagboek", ("Anouk", "Bastiaan"),
                                           "Asia/Tokyo"))
    add_event(store, journal, note="Geheime notitie over de ruzie")
    app = open_app(PAGE, lang=lang)
    app.selectbox(key="journal_picker").set_value(journal.id).run()
    app.button_group(key="reminder_frequency").set_value("weekly").run()
    app.selectbox(key="reminder_weekday").set_value(3).run()
    assert not app.exception
    [download] = [d for d in app.get("download_button") if d.proto.label.endswith("(.ics)")]
    assert download.proto.label.endswith("(.ics)")

    data = downloads[-1]
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    assert str(event["dtstart"].params["TZID"]) == "Asia/Tokyo"
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    assert event["rrule"]["FREQ"] == ["WEEKLY"]
    assert event["rrule"]["BYDAY"] == ["TH"]
    text = data.decode()
    for content in ("Ons Dagboek", "Anouk", "Bastiaan", "Geheime", "ruzie"):
        assert content not in text
    expected = {"nl": "Nabij: even stilstaan bij vandaag",
                "en": "Nabij: a moment to pause on today"}[lang]
    assert str(event["summary"]) == expected
