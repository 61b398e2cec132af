"""Add + see and the rerun at 100k in one checkout, in wall and CPU time: one side of an A/B.

    git archive <commit> | tar -x -C /tmp/before        # the other side: any checkout
    for i in 1 2 3; do
        python bench/ab_add.py /tmp/before; python bench/ab_add.py .
    done

Runs the checkout's own bench/run.py helpers on a fresh 100k SQLite journal through AppTest:
five moments added an hour apart after the last one (each checked on the chart as
bench/run.py does; the first add not counted) and five warm reruns. CPU is the process's CPU
time (`time.process_time`), which a busy shared machine moves much less than wall time.
Last line: add_wall=... add_cpu=... rerun_wall=... rerun_cpu=... (medians, ms).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    root = str(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve())
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    sys.path[:0] = [root, f"{root}/bench"]
    os.chdir(root)
    import run as bench
    from streamlit.testing.v1 import AppTest

    from nabij.model import Event, Kind

    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'ab.sqlite3'}"
    os.environ["NABIJ_DATABASE_URL"] = url
    store, journal = bench.build_journal(url, size)
    app = AppTest.from_file(f"{root}/app.py", default_timeout=600)
    app.run()
    app.run()
    last = store.events_table(journal.id)["occurred_at"].max().to_pydatetime()
    add_wall, add_cpu, rerun_wall, rerun_cpu = [], [], [], []
    for index in range(5):
        before = bench.chart_moments(app)
        moment = last + dt.timedelta(hours=index + 1)
        wall, cpu = time.perf_counter(), time.process_time()
        store.add_event(journal.id, Event(moment, 0, Kind.CLOSENESS, 5, "new"))
        app.run()
        add_wall.append((time.perf_counter() - wall) * 1000)
        add_cpu.append((time.process_time() - cpu) * 1000)
        assert not app.exception, app.exception
        bench.check_shown(app, before, moment, journal)
        wall, cpu = time.perf_counter(), time.process_time()
        app.run()
        rerun_wall.append((time.perf_counter() - wall) * 1000)
        rerun_cpu.append((time.process_time() - cpu) * 1000)
    median = statistics.median
    print(f"add_wall={median(add_wall[1:]):.0f} add_cpu={median(add_cpu[1:]):.0f} "
          f"rerun_wall={median(rerun_wall):.0f} rerun_cpu={median(rerun_cpu):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
