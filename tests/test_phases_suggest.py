

def test_a_very_dense_journal_gives_finite_confidences():
    """Hundreds of moments a day make the evidence razor sharp; nothing may turn into NaN."""
    import math
    import warnings

    import numpy as np
    import pandas as pd

    from nabij.phases.suggest import suggest_phases

    rng = np.random.default_rng(7)
    count, days = 100_000, 365
    start = pd.Timestamp("2016-01-04", tz="Europe/Amsterdam")
    seconds = np.sort(rng.integers(0, days * 86_400, count))
    closeness = rng.random(count) < (0.5 + 0.35 * np.sin(seconds / 86_400 / 45))
    intensity = rng.integers(1, 6, count)
    frame = pd.DataFrame({
        "id": np.arange(count), "occurred_at": start + pd.to_timedelta(seconds, unit="s"),
        "partner": rng.integers(0, 2, count),
        "kind": np.where(closeness, "closeness", "distance"), "intensity": intensity,
        "signed_intensity": np.where(closeness, intensity, -intensity),
        "body": rng.choice(["", "calm", "alarm", "shutdown"], count),
        "note": "", "context": "", "partner_name": "A"})
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # 0/0 warns "invalid value"
        suggestion = suggest_phases(frame)
    assert all(math.isfinite(day.confidence) and 0 <= day.confidence <= 1
               for day in suggestion.days if day.claimed)
    assert sum(day.claimed for day in suggestion.days) > 300


def test_a_suggester_follows_its_journal_as_moments_are_added():
    import datetime as dt

    from nabij.frames import events_frame
    from nabij.model import Event, Kind
    from nabij.phases.suggest import PhaseSuggester, suggest_phases
    from nabij.phases.synthetic import generate_journal

    journal = generate_journal(4, rate_range=(2.0, 3.0))
    events = list(journal.events)
    suggester = PhaseSuggester()
    suggester.suggest(events_frame(events, journal.journal))
    last = max(event.occurred_at for event in events)
    for hours in (1, 2, 30):  # the last of them on a new day
        events.append(Event(last + dt.timedelta(hours=hours), 0, Kind.CLOSENESS, 4))
        frame = events_frame(events, journal.journal)
        warm, cold = suggester.suggest(frame), suggest_phases(frame)
        assert [(day.day, day.phase) for day in warm.days] \
            == [(day.day, day.phase) for day in cold.days]
        assert [(span.start, span.end, span.phase) for span in warm.spans] \
            == [(span.start, span.end, span.phase) for span in cold.spans]


def test_counts_are_the_same_whatever_the_text_columns_are_stored_as():
    # After a snapshot merges new rows, `body` can be a column of Python objects (None for no
    # signal) instead of Arrow-backed text; unknown or missing signals count as none.
    import numpy as np
    import pandas as pd

    from nabij.frames import events_frame
    from nabij.phases.features import daily_counts
    from nabij.phases.synthetic import generate_journal

    journal = generate_journal(5)
    frame = events_frame(journal.events, journal.journal)
    mixed = frame.copy()
    body = mixed["body"].astype(object).where(mixed["body"] != "", None)
    body.iloc[:3] = ["tense", np.nan, "calm"]
    mixed["body"] = body
    expected = frame.copy()
    expected.loc[expected.index[:3], "body"] = ["", "", "calm"]
    for name in ("kind", "partner_name"):
        mixed[name] = mixed[name].astype(object)
    got, want = daily_counts(mixed), daily_counts(expected)
    assert np.array_equal(got.moments, want.moments)
    assert np.array_equal(got.bodies, want.bodies)
    assert got.partner_names == want.partner_names
    assert pd.api.types.is_object_dtype(mixed["body"])
