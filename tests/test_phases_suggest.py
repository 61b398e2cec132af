

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
               for day in suggestion.days)
