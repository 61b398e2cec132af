"""A private space per partner: "only me" is kept by the database, not by the pages.

Every test runs on SQLite and PostgreSQL. The raw-database tests read every byte of a copy
(SQLite) or every column of every row (PostgreSQL) with the journal's passphrase at hand, and
find none of a private moment's words, kind or strength.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from nabij.model import BodySignal, Event, Journal, Kind, Visibility
from nabij.security.attempts import AttemptPolicy
from nabij.security.cipher import sharing_key as sharing_key_from
from nabij.security.cipher import wrap_key
from nabij.storage import Store
from nabij.storage.partner_keys import (
    open_personal_key,
    partners_with_keys,
    set_personal_passphrase,
)
from nabij.storage.private_moments import PLACEHOLDER_INTENSITY, PLACEHOLDER_KIND
from nabij.storage.protection import (
    Opened,
    Refused,
    create_protected_journal,
    open_journal,
    open_own_key,
    set_passphrase,
)
from nabij.storage.shares import coach_key, share_with
from nabij.storage.snapshot import JournalSnapshot
from nabij.storage.store import EventNotFound, JournalLocked, PrivateKeyNeeded, TextCodec
from nabij.storage.tables import event_row_label

COUPLE_PASSPHRASE = "onze gedeelde zin voor het dagboek"
ANNA_PASSPHRASE = "alleen anna kent deze zin"
BRAM_PASSPHRASE = "bram zijn eigen geheime zin"
SECRET_NOTE = "ZEERGEHEIM-Anna-schrijft-dit-alleen-voor-zichzelf"
SECRET_CONTEXT = "VERBORGENTAG"
WHEN = dt.datetime(2025, 5, 4, 21, 15, tzinfo=dt.UTC)


def _private(note: str = SECRET_NOTE, hours: int = 0, partner: int = 0) -> Event:
    return Event(occurred_at=WHEN + dt.timedelta(hours=hours), partner=partner,
                 kind=Kind.DISTANCE, intensity=5, body=BodySignal.SHUTDOWN, note=note,
                 context=SECRET_CONTEXT, visibility=Visibility.PRIVATE)


def _shared(note: str = "gedeeld moment", hours: int = 1) -> Event:
    return Event(occurred_at=WHEN + dt.timedelta(hours=hours), partner=1, kind=Kind.CLOSENESS,
                 intensity=2, note=note)


@pytest.fixture
def couple(store):
    """A protected journal; Anna (partner 0) has a personal key, Bram does not yet."""
    journal, cipher = create_protected_journal(
        store, Journal(None, "Ons dagboek", ("Anna", "Bram"), "Europe/Amsterdam"),
        COUPLE_PASSPHRASE)
    couple_store = store.with_keys({journal.id: cipher})
    anna = set_personal_passphrase(couple_store, journal.id, 0, ANNA_PASSPHRASE)
    as_anna = store.with_keys({journal.id: cipher}, personal={journal.id: anna})
    return journal, cipher, anna, couple_store, as_anna


def test_the_author_reads_their_private_moment_and_the_other_partner_never_sees_it(couple):
    journal, _, _, as_bram, as_anna = couple
    saved = as_anna.add_event(journal.id, _private())
    as_anna.add_event(journal.id, _shared())
    mine = as_anna.get_event(journal.id, saved.id)
    assert (mine.note, mine.kind, mine.intensity, mine.body, mine.context, mine.visibility) == (
        SECRET_NOTE, Kind.DISTANCE, 5, BodySignal.SHUTDOWN, SECRET_CONTEXT, Visibility.PRIVATE)
    assert [event.note for event in as_anna.list_events(journal.id)] == [SECRET_NOTE,
                                                                         "gedeeld moment"]
    # Bram has the journal's passphrase, not Anna's key: not shown, not counted, not fetchable.
    assert [event.note for event in as_bram.list_events(journal.id)] == ["gedeeld moment"]
    assert as_bram.count_events(journal.id) == 1
    assert as_anna.count_events(journal.id) == 2
    with pytest.raises(EventNotFound):
        as_bram.get_event(journal.id, saved.id)
    table = as_bram.events_table(journal.id)
    assert table["note"].tolist() == ["gedeeld moment"]
    assert SECRET_NOTE in as_anna.events_table(journal.id)["note"].tolist()


def test_the_other_partners_own_key_does_not_open_it(couple, store):
    journal, cipher, _, couple_store, as_anna = couple
    as_anna.add_event(journal.id, _private())
    bram = set_personal_passphrase(couple_store, journal.id, 1, BRAM_PASSPHRASE)
    as_bram = store.with_keys({journal.id: cipher}, personal={journal.id: bram})
    assert as_bram.list_events(journal.id) == []
    assert partners_with_keys(store, journal.id) == {0, 1}


def test_without_a_personal_key_nobody_can_log_a_private_moment(couple):
    journal, _, _, as_bram, as_anna = couple
    with pytest.raises(PrivateKeyNeeded):
        as_bram.add_event(journal.id, _private(partner=1))
    with pytest.raises(PrivateKeyNeeded):  # Anna's key does not log for Bram either
        as_anna.add_event(journal.id, _private(partner=1))
    assert as_anna.count_events(journal.id) == 0


def _every_stored_value(store: Store) -> str:
    """Every column of every row of every table, as text."""
    parts = []
    with store.engine.connect() as conn:
        names = conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table'" if store.engine.dialect.name ==
            "sqlite" else "SELECT tablename FROM pg_tables WHERE schemaname='public'")).scalars()
        for name in list(names):
            for row in conn.execute(text(f'SELECT * FROM "{name}"')):
                parts.extend(str(value) for value in row)
    return "\n".join(parts)


def test_a_copy_of_the_database_with_the_journal_passphrase_reveals_no_private_content(
        couple, store, database_url):
    journal, cipher, _, _, as_anna = couple
    saved = as_anna.add_event(journal.id, _private())
    stored = _every_stored_value(store)
    assert SECRET_NOTE not in stored and SECRET_CONTEXT not in stored
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT kind, intensity, body, note, context, private_payload "
                                "FROM events WHERE id = :id"), {"id": saved.id}).one()
    # The plain columns hold what every private moment holds: no kind, strength or body.
    assert (row.kind, row.intensity, row.body, row.note, row.context) == (
        str(PLACEHOLDER_KIND), PLACEHOLDER_INTENSITY, None, "", "")
    # The journal's own key (what the passphrase gives) does not open the payload.
    assert cipher.open("events.private", row.private_payload, f"0:{_micros(WHEN)}") is None
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        store.engine.dispose()
        raw = b"".join(Path(name).read_bytes() for name in (path, path + "-wal")
                       if Path(name).exists())
        assert SECRET_NOTE.encode() not in raw and SECRET_CONTEXT.encode() not in raw


def _micros(when: dt.datetime) -> int:
    return (when - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(microseconds=1)


@pytest.mark.parametrize("change", [
    "UPDATE events SET visibility = 'partner' WHERE id = :id",
    "UPDATE events SET visibility = 'coach' WHERE id = :id",
    "UPDATE events SET partner = 1 WHERE id = :id",
])
def test_a_private_moment_changed_in_the_database_is_shown_to_nobody(couple, change):
    journal, _, _, as_bram, as_anna = couple
    saved = as_anna.add_event(journal.id, _private())
    with as_anna.engine.begin() as conn:
        conn.execute(text(change), {"id": saved.id})
    assert as_anna.list_events(journal.id) == []
    assert as_bram.list_events(journal.id) == []
    assert as_anna.events_table(journal.id).empty


def test_a_snapshot_drops_a_moment_that_becomes_private(couple):
    journal, _, _, as_bram, as_anna = couple
    shared = as_anna.add_event(journal.id, _shared(partner_note := "eerst gedeeld"))
    del partner_note
    bram_view = JournalSnapshot(as_bram, journal.id)
    assert bram_view.table()["note"].tolist() == ["eerst gedeeld"]
    edited = Event(occurred_at=shared.occurred_at, partner=0, kind=Kind.DISTANCE, intensity=4,
                   note="toch liever voor mezelf", id=shared.id, version=shared.version,
                   visibility=Visibility.PRIVATE)
    as_anna.update_event(journal.id, edited)
    assert bram_view.table().empty
    assert JournalSnapshot(as_anna, journal.id).table()["note"].tolist() == [
        "toch liever voor mezelf"]


def test_earlier_private_moments_are_sealed_when_their_author_sets_a_passphrase(store):
    """Moments marked private before personal keys were readable to the couple; the first
    personal passphrase seals them, in the same transaction."""
    journal, cipher = create_protected_journal(
        store, Journal(None, "Oud", ("Anna", "Bram"), "Europe/Amsterdam"), COUPLE_PASSPHRASE)
    couple_store = store.with_keys({journal.id: cipher})
    with store.engine.begin() as conn:  # as an earlier version of Nabij wrote it
        from nabij.storage.store import insert_events, TextCodec  # noqa: I001

        insert_events(conn, journal.id, [_private(), _private("van Bram", hours=2, partner=1)],
                      TextCodec(cipher), 1, dt.datetime.now(dt.UTC), unsealed_private=True)
    assert SECRET_NOTE in [event.note for event in couple_store.list_events(journal.id)]
    anna = set_personal_passphrase(couple_store, journal.id, 0, ANNA_PASSPHRASE)
    assert [event.note for event in couple_store.list_events(journal.id)] == ["van Bram"]
    as_anna = store.with_keys({journal.id: cipher}, personal={journal.id: anna})
    assert SECRET_NOTE in [event.note for event in as_anna.list_events(journal.id)]
    assert SECRET_NOTE not in _every_stored_value(store)


def test_changing_a_personal_passphrase_rewraps_the_same_key_and_touches_no_moment(couple, store):
    journal, _, anna, couple_store, as_anna = couple
    as_anna.add_event(journal.id, _private())
    revision = couple_store.revision(journal.id)
    with store.engine.connect() as conn:
        payload_before = conn.execute(text("SELECT private_payload FROM events")).scalar_one()
    set_personal_passphrase(couple_store, journal.id, 0, "een nieuwe zin voor anna", anna)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT private_payload FROM events")).scalar_one() == \
            payload_before
    assert couple_store.revision(journal.id) == revision + 1
    assert open_personal_key(store, journal.id, 0, ANNA_PASSPHRASE) is None
    again = open_personal_key(store, journal.id, 0, "een nieuwe zin voor anna")
    assert again is not None and again.cipher.key == anna.cipher.key
    with pytest.raises(PermissionError):  # changing it needs the current key
        set_personal_passphrase(couple_store, journal.id, 0, "iemand anders probeert het")


def test_a_wrong_personal_passphrase_opens_nothing(couple, store):
    journal = couple[0]
    assert open_personal_key(store, journal.id, 0, "niet de goede zin") is None
    assert open_personal_key(store, journal.id, 1, BRAM_PASSPHRASE) is None  # none set yet
    assert open_personal_key(store, journal.id, 0, ANNA_PASSPHRASE) is not None


# --- the coach key: a share hands the coach what is for the coach, nothing else -----------------

SHARING = sharing_key_from("een-lang-geheim-van-de-installatie")
COACH = "coach@example.org"


def _for_coach(note: str, hours: int = 2) -> Event:
    return Event(occurred_at=WHEN + dt.timedelta(hours=hours), partner=0, kind=Kind.DISTANCE,
                 intensity=3, note=note, visibility=Visibility.COACH)


def test_the_coach_key_opens_only_what_is_shared_with_the_coach(couple, store):
    journal, cipher, _, couple_store, as_anna = couple
    as_anna.add_event(journal.id, _private())
    couple_store.add_event(journal.id, _shared("ALLEENWIJ-voor-ons-tweeen"))
    couple_store.add_event(journal.id, _for_coach("VOORDECOACH-mag-de-coach-lezen"))
    share_with(couple_store, journal.id, COACH, cipher, SHARING)
    coach = coach_key(store, journal.id, COACH, SHARING)
    assert coach is not None and coach.key != cipher.key
    # With a copy of the database, the journal's passphrase and the sharing secret, the coach
    # key opens the coach's moment and nothing of the others.
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, note, visibility FROM events ORDER BY id")).all()
    opened = {row.note and coach.open("events.note", row.note, event_row_label(row.id,
                                                                            row.visibility))
              for row in rows}
    assert "VOORDECOACH-mag-de-coach-lezen" in opened
    assert not any(text_ and "ALLEENWIJ" in text_ for text_ in opened if text_)
    as_coach = store.with_keys({journal.id: coach})
    notes = [event.note for event in as_coach.list_events(journal.id)]
    assert "VOORDECOACH-mag-de-coach-lezen" in notes
    assert "ALLEENWIJ-voor-ons-tweeen" not in notes and SECRET_NOTE not in notes
    assert as_coach.get_journal(journal.id).partners == ("Anna", "Bram")  # names: coach key


def test_a_moment_moved_to_the_coach_in_the_database_does_not_open_for_anyone(couple, store):
    journal, cipher, _, couple_store, _ = couple
    saved = couple_store.add_event(journal.id, _shared("ALLEENWIJ-verplaatst"))
    share_with(couple_store, journal.id, COACH, cipher, SHARING)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE events SET visibility = 'coach' WHERE id = :id"),
                     {"id": saved.id})
    as_coach = store.with_keys({journal.id: coach_key(store, journal.id, COACH, SHARING)})
    assert "ALLEENWIJ-verplaatst" not in [e.note for e in as_coach.list_events(journal.id)]
    assert "ALLEENWIJ-verplaatst" not in [e.note for e in couple_store.list_events(journal.id)]


def test_a_passphrase_change_keeps_the_coach_key_and_the_share(couple, store):
    journal, cipher, _, couple_store, _ = couple
    couple_store.add_event(journal.id, _for_coach("VOORDECOACH-na-de-wissel"))
    share_with(couple_store, journal.id, COACH, cipher, SHARING)
    before = coach_key(store, journal.id, COACH, SHARING)
    set_passphrase(couple_store, journal.id, "een heel nieuwe gedeelde zin", SHARING)
    after = coach_key(store, journal.id, COACH, SHARING)
    assert after is not None and before is not None and after.key == before.key
    notes = [e.note for e in store.with_keys({journal.id: after}).list_events(journal.id)]
    assert "VOORDECOACH-na-de-wissel" in notes


def test_a_journal_from_before_coach_keys_gets_one_on_its_first_opening(store):
    """Shares made before migration 0008 wrap the journal key: refused until the couple
    opens the journal, which makes a coach key, seals the coach's moments with it and
    hands the coach that key instead."""
    journal, cipher = create_protected_journal(
        store, Journal(None, "Van vroeger", ("Anna", "Bram"), "Europe/Amsterdam"),
        COUPLE_PASSPHRASE)
    couple_store = store.with_keys({journal.id: cipher})
    couple_store.add_event(journal.id, _shared("ALLEENWIJ-van-vroeger"))
    couple_store.add_event(journal.id, _for_coach("VOORDECOACH-van-vroeger"))
    # Make it look as an earlier Nabij left it: no coach key, all sealed with the journal
    # key, names too, and a share that wraps the journal key.
    legacy = TextCodec(cipher)
    notes = {event.id: event.note for event in couple_store.list_events(journal.id)}
    with store.engine.begin() as conn:
        for event_id, note in notes.items():
            conn.execute(text("UPDATE events SET note = :n WHERE id = :id"),
                         {"n": legacy.seal("events.note", note, str(event_id)), "id": event_id})
        conn.execute(text("UPDATE journals SET coach_key_wrapped = NULL, partner_a = :a, "
                          "partner_b = :b"), {"a": legacy.seal_name("partner_a", "Anna"),
                                              "b": legacy.seal_name("partner_b", "Bram")})
        conn.execute(text("INSERT INTO journal_shares (journal_id, coach_email, wrapped_key, "
                          "created_at) VALUES (:j, :e, :w, :now)"),
                     {"j": journal.id, "e": COACH, "now": dt.datetime(2026, 1, 1),
                      "w": wrap_key(SHARING, cipher.key, f"nabij-share:{journal.id}:{COACH}")})
    with pytest.raises(JournalLocked):
        coach_key(store, journal.id, COACH, SHARING)
    assert isinstance(open_journal(store, "Van vroeger", COUPLE_PASSPHRASE,
                                   sharing_key=SHARING), Opened)
    coach = coach_key(store, journal.id, COACH, SHARING)
    assert coach is not None and coach.key != cipher.key
    as_coach = store.with_keys({journal.id: coach})
    notes = [event.note for event in as_coach.list_events(journal.id)]
    assert "VOORDECOACH-van-vroeger" in notes and "ALLEENWIJ-van-vroeger" not in notes
    assert as_coach.get_journal(journal.id).partners == ("Anna", "Bram")
    assert [e.note for e in couple_store.list_events(journal.id)] == [
        "ALLEENWIJ-van-vroeger", "VOORDECOACH-van-vroeger"]


def test_guessing_an_own_passphrase_slows_down_and_locks_like_the_journals(couple, store):
    journal = couple[0]
    policy = AttemptPolicy(free=2, lock_after=4)
    now = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
    answers = [open_own_key(store, journal.id, 0, f"geraden zin nummer {n}", policy=policy,
                            now=now) for n in range(5)]
    assert all(isinstance(answer, Refused) for answer in answers)
    assert answers[3].locked_until is not None  # the fourth wrong one locks
    # Locked: even the right one is refused, and Argon2 is not even run for it.
    assert isinstance(open_own_key(store, journal.id, 0, ANNA_PASSPHRASE, policy=policy,
                                   now=now), Refused)
    later = answers[3].locked_until + dt.timedelta(seconds=1)
    assert not isinstance(open_own_key(store, journal.id, 0, ANNA_PASSPHRASE, policy=policy,
                                       now=later), Refused)
    # Bram's own passphrase is counted apart from Anna's.
    assert isinstance(open_own_key(store, journal.id, 1, "iets", policy=policy, now=now),
                      Refused)
