"""Nabij's performance benchmark: the Cycle page at 1k to 1M moments, against a naive baseline.

    python bench/run.py            # 1k, 10k, 100k and 1M moments, 5 runs each
    python bench/run.py --quick    # 1k, 10k and 100k, 3 runs: under two minutes

For every size it builds a journal in a fresh SQLite file and measures, as medians:
- the Cycle page's first load (all caches cleared) and its full rerun with a warm cache,
  through Streamlit's AppTest (the whole app: navigation, sidebar, page);
- what the page sends to the browser for its charts (the Plotly specs, in MB);
- adding one moment and seeing the page again (the write, then a rerun): the moment is logged
  an hour after the last one, as it happens, and each run checks that the chart counts one
  more moment, its last point is the new one (or its group) and a phase band covers its day;
- suggesting phases for the whole journal;
- the memory of the process (RSS) after 100 reruns against after the first;
and the same chart the obvious way (every moment into plotly.express.scatter, a pandas
rolling mean, four add_vrect bands, to_json), in the same run, for the ratio.

The machine is shared and noisy: read medians and same-run ratios, not single numbers.
The last line is machine-readable:
payload_mb_1m=X rerun_ms_100k=Y speedup_1m=Z add_see_ms_100k=W
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nabij.model import Event, Journal, Kind  # noqa: E402
from nabij.storage import Store, open_engine, upgrade_to_latest  # noqa: E402

SIZES_FULL = (1_000, 10_000, 100_000, 1_000_000)
SIZES_QUICK = (1_000, 10_000, 100_000)


def rss_mb() -> float:
    """Resident memory of this process (AppTest runs the app in-process)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def generated_events(count: int, seed: int = 7) -> list[Event]:
    """A journal of `count` moments: a few months for small sizes, ten years at most."""
    rng = np.random.default_rng(seed)
    span_days = int(min(3650, max(60, count / 30)))
    start = dt.datetime(2016, 1, 4, tzinfo=dt.UTC)
    seconds = np.sort(rng.integers(0, span_days * 86_400, count))
    # A slow wave of closeness and distance, so phases and balance have something to find.
    wave = np.sin(seconds / 86_400 / 45.0)
    closeness = rng.random(count) < (0.5 + 0.35 * wave)
    intensity = rng.integers(1, 6, count)
    partner = rng.integers(0, 2, count)
    body = rng.choice(["", "calm", "alarm", "shutdown"], count)
    notes = [f"moment {i}" for i in range(count)]
    from nabij.model import BodySignal

    return [Event(occurred_at=start + dt.timedelta(seconds=int(s)), partner=int(p),
                  kind=Kind.CLOSENESS if c else Kind.DISTANCE, intensity=int(i), note=n,
                  body=BodySignal(b) if b else None)
            for s, p, c, i, n, b in zip(seconds, partner, closeness, intensity, notes, body,
                                        strict=True)]


def build_journal(url: str, count: int) -> tuple[Store, Journal]:
    engine = open_engine(url)
    upgrade_to_latest(engine)
    store = Store(engine)
    journal = store.create_journal(Journal(None, f"Bench {count}", ("Anna", "Bram"),
                                           "Europe/Amsterdam"))
    events = generated_events(count)
    for start in range(0, len(events), 50_000):
        store.add_events(journal.id, events[start:start + 50_000])
    return store, journal


def chart_payload_mb(app) -> float:
    return sum(len(chart.proto.spec) for chart in app.get("plotly_chart")) / 1e6


def timeline_spec(app) -> dict:
    """The Plotly spec of the Cycle page's timeline, as sent to the browser."""
    import json

    charts = [chart for chart in app.get("plotly_chart")
              if json.loads(chart.proto.spec)["layout"].get("meta", {}).get("level")]
    assert len(charts) == 1, "the Cycle page should show one timeline"
    return json.loads(charts[0].proto.spec)


def spec_values(value) -> list:
    """A data array of a Plotly spec: a list, or numbers packed as base64 ("bdata")."""
    import base64

    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value or [])


def chart_moments(app) -> int:
    """How many moments the timeline's points stand for (a grouped point: its count)."""
    total = 0
    for trace in timeline_spec(app)["data"]:
        if trace.get("mode") != "markers":
            continue
        custom = spec_values(trace.get("customdata"))
        grouped = bool(custom) and isinstance(custom[0], list)
        total += sum(int(item[1]) for item in custom) if grouped else len(
            spec_values(trace.get("x")))
    return total


def check_shown(app, before: int, moment: dt.datetime, journal: Journal) -> None:
    """The moment just added is on the timeline, and the phase bands reach its day.

    Timing a rerun proves nothing if the page showed the old chart: one more moment must be
    counted on the chart, the last point of the partner must lie at or after the moment's
    group (or be the moment), and some phase band must cover the moment's local day.
    """
    import pandas as pd

    spec = timeline_spec(app)
    assert chart_moments(app) == before + 1, "the new moment is not on the chart"
    local = pd.Timestamp(moment).tz_convert(journal.timezone).tz_localize(None)
    anna = [trace for trace in spec["data"]
            if trace.get("mode") == "markers" and trace.get("name") == journal.partners[0]]
    assert anna, "no points for the partner who logged"
    latest = max(pd.Timestamp(x) for x in spec_values(anna[0]["x"]))
    level = spec["layout"]["meta"]["level"]
    if level == "event":
        assert latest == local, "the partner's last point is not the new moment"
    else:
        width = {"hour": pd.Timedelta(hours=1), "day": pd.Timedelta(days=1),
                 "week": pd.Timedelta(days=7), "month": pd.Timedelta(days=31)}[level]
        assert latest <= local < latest + width, "the last point is not the new moment's group"
    bands = [shape for shape in spec["layout"].get("shapes", []) if shape["type"] == "rect"]
    assert any(pd.Timestamp(band["x0"]) <= local < pd.Timestamp(band["x1"]) for band in bands), \
        "no phase band covers the new moment's day"


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def median(values: list[float]) -> float:
    return statistics.median(values)


def naive_baseline(store: Store, journal: Journal) -> tuple[float, float]:
    """The obvious way: every moment into px.scatter, rolling mean, four vrects, to_json."""
    import pandas as pd
    import plotly.express as px

    from nabij.frames import events_frame

    started = time.perf_counter()
    frame = events_frame(store.list_events(journal.id), journal)
    figure = px.scatter(frame, x="occurred_at", y="signed_intensity", color="partner_name",
                        hover_data=["note", "body"])
    daily = frame.set_index("occurred_at")["signed_intensity"].rolling("14D").mean()
    figure.add_scatter(x=daily.index, y=daily.to_numpy(), mode="lines", name="balance")
    first, last = frame["occurred_at"].iloc[0], frame["occurred_at"].iloc[-1]
    quarter = (last - first) / 4
    for index, colour in enumerate(("green", "gold", "red", "blue")):
        figure.add_vrect(x0=first + quarter * index, x1=first + quarter * (index + 1),
                         fillcolor=colour, opacity=0.1)
    payload = figure.to_json()
    elapsed = (time.perf_counter() - started) * 1000
    del pd
    return elapsed, len(payload) / 1e6


@dataclass
class Row:
    size: int
    first_load_ms: float
    rerun_ms: float
    payload_mb: float
    add_event_ms: float
    suggest_ms: float
    memory_growth_mb: float
    naive_ms: float
    naive_payload_mb: float

    @property
    def speedup(self) -> float:
        return self.naive_ms / self.rerun_ms


def measure(count: int, repeats: int, reruns_for_memory: int, workdir: Path) -> Row:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from nabij.cycle import cycle_figures as figures
    from nabij.frames import frame_from_table
    from nabij.phases.suggest import suggest_phases

    url = f"sqlite:///{workdir / f'bench_{count}.sqlite3'}"
    os.environ["NABIJ_DATABASE_URL"] = url
    store, journal = build_journal(url, count)

    def fresh_app():
        return AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)

    cold = []
    for _ in range(max(1, repeats // 2)):
        st.cache_data.clear()
        st.cache_resource.clear()
        figures._formatted.cache_clear()  # dates and numbers remembered for the charts
        app = fresh_app()
        cold.append(timed(app.run))
        assert not app.exception, app.exception
    payload = chart_payload_mb(app)

    warm = [timed(app.run) for _ in range(repeats)]
    assert not app.exception, app.exception

    # A moment is logged as it happens: after the last one (an hour apart here). The chart
    # must then show it, with the phase bands reaching its day (checked after each run).
    last_moment = store.events_table(journal.id)["occurred_at"].max().to_pydatetime()
    added = []
    for index in range(repeats):
        moment = last_moment + dt.timedelta(hours=index + 1)
        before = chart_moments(app)

        def add_and_rerun(moment=moment):
            store.add_event(journal.id, Event(moment, 0, Kind.CLOSENESS, 5, "new"))
            app.run()

        added.append(timed(add_and_rerun))
        assert not app.exception, app.exception
        check_shown(app, before, moment, journal)

    frame = frame_from_table(store.events_table(journal.id), journal)
    suggest = [timed(lambda: suggest_phases(frame)) for _ in range(repeats)]

    gc.collect()
    app.run()
    before = rss_mb()
    for _ in range(reruns_for_memory):
        app.run()
    gc.collect()
    growth = rss_mb() - before

    naive = [naive_baseline(store, journal) for _ in range(max(1, repeats // 2))]
    store.engine.dispose()
    return Row(size=count, first_load_ms=median(cold), rerun_ms=median(warm),
               payload_mb=payload, add_event_ms=median(added), suggest_ms=median(suggest),
               memory_growth_mb=growth, naive_ms=median([n[0] for n in naive]),
               naive_payload_mb=median([n[1] for n in naive]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k to 100k, 3 runs each")
    parser.add_argument("--sizes", help="comma-separated sizes, e.g. 1000,100000")
    parser.add_argument("--repeats", type=int, help="runs per measurement")
    args = parser.parse_args()
    sizes = tuple(int(size) for size in args.sizes.split(",")) if args.sizes else (
        SIZES_QUICK if args.quick else SIZES_FULL)
    repeats = args.repeats or (3 if args.quick else 5)
    reruns_for_memory = 30 if args.quick else 100

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {repeats} runs per figure (medians)", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="nabij-bench-") as workdir:
        for size in sizes:
            row = measure(size, repeats, reruns_for_memory, Path(workdir))
            rows.append(row)
            print(f"measured {size:>9,} moments", flush=True)

    header = ("| moments | first load ms | rerun ms | chart MB sent | add + see ms | "
              "suggest phases ms | memory growth MB | naive ms | naive MB | rerun speedup |")
    print(header)
    print("|" + "---|" * 10)
    for row in rows:
        print(f"| {row.size:,} | {row.first_load_ms:,.0f} | {row.rerun_ms:,.0f} | "
              f"{row.payload_mb:.2f} | {row.add_event_ms:,.0f} | {row.suggest_ms:,.0f} | "
              f"{row.memory_growth_mb:+.1f} | {row.naive_ms:,.0f} | "
              f"{row.naive_payload_mb:.1f} | {row.speedup:.0f}× |")
    by_size = {row.size: row for row in rows}
    largest = by_size.get(1_000_000)
    at_100k = by_size.get(100_000)
    print(f"payload_mb_1m={largest.payload_mb:.2f}" if largest else "payload_mb_1m=NA",
          f"rerun_ms_100k={at_100k.rerun_ms:.0f}" if at_100k else "rerun_ms_100k=NA",
          f"speedup_1m={largest.speedup:.1f}" if largest else "speedup_1m=NA",
          f"add_see_ms_100k={at_100k.add_event_ms:.0f}" if at_100k else "add_see_ms_100k=NA")
    return 0


if __name__ == "__main__":
    sys.exit(main())
