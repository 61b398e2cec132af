"""Reasons: computed from the moments, present in both languages, worded as a reflection."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from nabij.frames import events_frame
from nabij.i18n import LANGUAGES, Messages, catalogue
from nabij.model import Event, Journal, Kind
from nabij.phases.explain import PARTNER_KEY, REASON_KEYS, Reason, describe_reason, explain_span
from nabij.phases.features import daily_counts
from nabij.phases.four_phases import PHASE_ORDER, Phase
from nabij.phases.suggest import suggest_phases
from nabij.phases.synthetic import generate_journal

JOURNAL = Journal(id=None, name="Test", partners=("Anna", "Bram"), timezone="Europe/Amsterdam")
DAY0 = dt.date(2025, 4, 1)


def counts_of(moments: list[tuple[int, int, Kind, int]]):
    """Daily counts of (day, partner, kind, intensity) moments."""
    events = [Event(occurred_at=dt.datetime.combine(DAY0 + dt.timedelta(days=day), dt.time(12),
                                                    tzinfo=dt.UTC),
                    partner=partner, kind=kind, intensity=intensity)
              for day, partner, kind, intensity in moments]
    return daily_counts(events_frame(events, JOURNAL))


def test_every_key_and_phase_name_exists_in_both_languages():
    for language in LANGUAGES:
        texts = catalogue(language)
        for key in (*REASON_KEYS, PARTNER_KEY, "phase_reason.no_moments"):
            assert texts.get(key, "").strip(), (language, key)
        for phase in PHASE_ORDER:
            assert texts.get(phase.message_key, "").strip(), (language, phase)
    assert catalogue("nl")["phase.begin"] == "Beginfase" and catalogue("en")["phase.begin"]


def test_reasons_speak_of_what_the_moments_suggest_never_of_a_diagnosis():
    for key in REASON_KEYS:
        english, dutch = catalogue("en")[key], catalogue("nl")[key]
        assert "suggest" in english, key
        assert "doen denken aan" in dutch or "suggestie" in dutch, key
        assert "diagnos" not in english.lower() and "diagnos" not in dutch.lower()


def test_begin_counts_the_closeness_that_dominates():
    counts = counts_of([(d, d % 2, Kind.CLOSENESS, 4) for d in range(18)]
                       + [(d, 1, Kind.DISTANCE, 2) for d in (3, 9, 15)])
    reason = explain_span(counts, 0, counts.day_count, Phase.BEGIN)
    assert reason == Reason("phase_reason.begin", {"closeness": 18, "total": 21})
    assert describe_reason(reason, Messages("en")) == (
        "The moments logged suggest a beginning: closeness clearly dominates, 18 of 21 moments.")


def test_crisis_names_the_date_the_ratio_and_the_rise_in_intensity():
    before = [(d, d % 2, Kind.DISTANCE, 2) for d in range(6)] + [(d, 0, Kind.CLOSENESS, 3)
                                                                 for d in range(6)]
    crisis = [(d, d % 2, Kind.DISTANCE, 5) for d in range(6, 18)] \
        + [(d, d % 2, Kind.DISTANCE, 4) for d in range(6, 18)] \
        + [(d, d % 2, Kind.CLOSENESS, 3) for d in range(6, 14)]
    counts = counts_of(before + crisis)
    reason = explain_span(counts, 6, counts.day_count, Phase.CRISIS, previous=(0, 6))
    assert reason.key == "phase_reason.crisis_rising"
    assert reason.params == {"start": DAY0 + dt.timedelta(days=6), "ratio": 3.0,
                             "intensity": 4.5, "intensity_before": 2.0}
    assert describe_reason(reason, Messages("en")) == (
        "The moments logged suggest a crisis: from Apr 7, 2025 on, distance moments outnumber "
        "closeness 3 to 1, and their strength rose from 2 to 4.5 out of 5.")
    assert "7 apr 2025" in describe_reason(reason, Messages("nl"))


def test_crisis_in_which_one_reaches_out_and_the_other_withdraws():
    moments = [(d, 0, Kind.CLOSENESS, 4) for d in range(10)] \
        + [(d, 0, Kind.DISTANCE, 4) for d in range(0, 10, 2)] \
        + [(d, 1, Kind.DISTANCE, 5) for d in range(10)]
    counts = counts_of(moments)
    reason = explain_span(counts, 0, counts.day_count, Phase.CRISIS)
    assert reason.key == "phase_reason.crisis_diverging"
    assert (reason.params["pursuer"], reason.params["withdrawer"]) == ("Anna", "Bram")
    text = describe_reason(reason, Messages("nl"))
    assert "blijft Anna toenadering zoeken (10 momenten van nabijheid)" in text
    assert "Bram vooral afstand vastlegt (10 van de 10)" in text
    nameless = Reason(reason.key, {**reason.params, "pursuer": "", "withdrawer": ""})
    assert "partner 1 keeps reaching out" in describe_reason(nameless, Messages("en"))


def test_few_moments_say_so_instead_of_inventing_a_reason():
    counts = counts_of([(0, 0, Kind.CLOSENESS, 4), (9, 1, Kind.DISTANCE, 2)])
    reason = explain_span(counts, 0, counts.day_count, Phase.MIDDLE)
    assert reason == Reason("phase_reason.few_moments", {"total": 2})


def test_a_phase_the_data_does_not_show_falls_back_to_the_cycle():
    counts = counts_of([(d, d % 2, Kind.DISTANCE, 4) for d in range(8)])
    reason = explain_span(counts, 0, counts.day_count, Phase.BEGIN)
    assert reason.key == "phase_reason.follows_cycle"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reason_of_generated_journals_reads_without_gaps(language):
    msg = Messages(language)
    seen = set()
    for seed in range(8):
        journal = generate_journal(seed)
        for span in suggest_phases(events_frame(journal.events, journal.journal)).spans:
            assert span.reason.key in REASON_KEYS
            text = describe_reason(span.reason, msg)
            fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            assert not fields and text != span.reason.key
            seen.add(span.reason.key)
    assert len(seen) >= 4


def test_no_or_one_moment_gets_its_own_words():
    counts = counts_of([(0, 0, Kind.CLOSENESS, 4), (9, 1, Kind.DISTANCE, 2)])
    assert explain_span(counts, 2, 8, Phase.MIDDLE) == Reason("phase_reason.no_moments_here")
    assert explain_span(counts, 0, 5, Phase.BEGIN) == Reason("phase_reason.one_moment")
    assert describe_reason(Reason("phase_reason.one_moment"), Messages("en")).startswith(
        "Only one moment was logged here")
