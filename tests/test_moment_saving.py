"""Saving the moment form against a real store, and how a moment reads on the Journal page."""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from zoneinfo import ZoneInfo

from nabij.i18n import Messages
from nabij.model import Event, Journal, Kind, Visibility
from nabij.moment_saving import delete_moment, restore_moment, save_moment
from nabij.moment_words import row_caption, row_heading, saved_text

EN = Messages("en")
NOW = dt.datetime(2026, 3, 1, 22, 40, tzinfo=ZoneInfo("Europe/Amsterdam"))  # the fixture's zone
Row = namedtuple("Row", "occurred_at partner partner_name kind intensity body visibility")


def form(**values: object) -> dict[str, object]:
    return {"date": NOW.date(), "time": NOW.time(), "partner": 0, "kind": "closeness",
            "intensity": 3, "note": "", "context": "", "body": "", "visibility": "partner",
            **values}


def test_a_valid_moment_is_added_and_said_back_in_short(store, journal):
    outcome = save_moment(store, journal, form(intensity=4), NOW, None, EN)
    level, text, new_id = outcome.notice
    assert outcome.stored and not outcome.errors and level == "saved"
    assert store.get_event(journal.id, new_id).intensity == 4
    assert text == "Saved: Closeness 4 · Anna · 22:40"


def test_refused_fields_come_back_by_field_and_nothing_is_stored(store, journal):
    outcome = save_moment(store, journal, form(kind="", intensity=9), NOW, None, EN)
    assert set(outcome.errors) == {"kind", "intensity"} and outcome.notice == ()
    assert not outcome.stored and store.count_events(journal.id) == 0


def test_an_edit_updates_and_an_edit_of_a_changed_or_deleted_moment_is_refused(store, journal):
    first = save_moment(store, journal, form(), NOW, None, EN)
    event = store.get_event(journal.id, first.notice[2])
    edited = save_moment(store, journal, form(note="toch"), NOW, event, EN)
    assert edited.notice == ("success", EN("form.updated")) and edited.stored
    assert store.get_event(journal.id, event.id).note == "toch"
    stale = save_moment(store, journal, form(note="oud"), NOW, event, EN)  # old version
    assert stale.notice == ("error", EN("events.stale")) and not stale.stored
    current = store.get_event(journal.id, event.id)
    store.delete_event(journal.id, event.id)
    gone = save_moment(store, journal, form(note="weg"), NOW, current, EN)
    assert gone.notice == ("error", EN("events.gone"))


def test_a_delete_is_undone_and_a_moment_gone_for_good_says_so(store, journal):
    saved = store.get_event(journal.id, save_moment(store, journal, form(), NOW, None, EN)
                            .notice[2])
    assert delete_moment(store, journal.id, saved.id) == saved
    assert store.count_events(journal.id) == 0
    assert restore_moment(store, journal.id, saved.id) and store.count_events(journal.id) == 1
    assert delete_moment(store, journal.id, saved.id + 1) is None
    assert not restore_moment(store, journal.id, saved.id + 1)


def test_the_saved_line_names_the_day_only_when_it_was_not_today():
    journal = Journal(1, "Wij", ("Anna", "**Bram**"), "Europe/Amsterdam")
    event = Event(occurred_at=NOW, partner=1, kind=Kind.DISTANCE, intensity=2)
    today = saved_text(event, journal, EN, dt.date(2026, 3, 1))
    assert today == r"Saved: Distance 2 · \*\*Bram\*\* · 22:40"
    assert saved_text(event, journal, EN, dt.date(2026, 3, 2)) == \
        f"Saved: Distance 2 · \\*\\*Bram\\*\\* · {EN.datetime(NOW, journal.zone)}"


def test_a_row_reads_when_who_what_and_how_strong_with_names_escaped():
    row = Row(NOW, 0, "[Anna](x)", "distance", 5, None, "partner")
    heading = row_heading(row, EN)
    assert heading.startswith(":material/arrow_downward: **")
    assert heading.endswith(r" · \[Anna\]\(x\) · distance · 5/5")
    assert row_heading(row._replace(kind="closeness"), EN).startswith(":material/arrow_upward:")


def test_a_row_caption_says_the_body_and_whether_a_private_moment_is_sealed():
    row = Row(NOW, 0, "Anna", "closeness", 3, "calm", str(Visibility.PRIVATE))
    assert row_caption(row, frozenset({0}), EN) == \
        f"{EN('body.calm')} · {EN('visibility.badge_private')}"
    assert row_caption(row._replace(body=None), frozenset({1}), EN) == \
        EN("visibility.badge_private_unsealed")
    assert row_caption(row._replace(body="", visibility="coach"), frozenset(), EN) == \
        EN("visibility.badge_coach")
