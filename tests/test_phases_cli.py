"""`python -m nabij phases`: CSV of suggested phases on stdout, clear errors with exit 2."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import subprocess
import sys

from nabij.config import PROJECT_ROOT
from nabij.demo import EXAMPLES_DIR

PHASES = {"begin", "middle", "crisis", "turning_point"}
HEADER = "timestamp,partner,kind,intensity,note\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nabij", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=60)


def test_help_lists_phases():
    result = run("--help")
    assert result.returncode == 0 and "phases" in result.stdout


def test_writes_one_row_per_day_of_the_demo():
    result = run("phases", str(EXAMPLES_DIR / "demo_en.csv"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "date,phase,confidence"
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    days = [dt.date.fromisoformat(row["date"]) for row in rows]
    assert days[0] == dt.date(2025, 2, 3) and days[-1] == dt.date(2025, 6, 20)
    assert len(rows) == (days[-1] - days[0]).days + 1 == 138
    assert all(b - a == dt.timedelta(days=1) for a, b in itertools.pairwise(days))
    assert {row["phase"] for row in rows} <= PHASES | {"unknown"}
    assert sum(row["phase"] in PHASES for row in rows) > 100  # the demo is logged daily
    for row in rows:
        if row["phase"] == "unknown":
            assert row["confidence"] == ""
            continue
        _whole, _, decimals = row["confidence"].partition(".")
        assert len(decimals) == 3 and 0.0 <= float(row["confidence"]) <= 1.0


def test_days_without_moments_get_a_row_too(tmp_path):
    path = tmp_path / "journal.csv"
    path.write_text(HEADER + "2025-03-01T10:00,Anna,closeness,4,\n"
                             "2025-03-10T10:00,Bram,distance,2,\n", encoding="utf-8")
    result = run("phases", str(path))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 + 10


def test_days_the_moments_cannot_carry_are_written_unknown(tmp_path):
    """Two moments a month apart say nothing about the weeks between them."""
    path = tmp_path / "journal.csv"
    path.write_text(HEADER + "2025-03-01T10:00,Anna,closeness,4,\n"
                             "2025-04-01T10:00,Bram,distance,2,\n", encoding="utf-8")
    result = run("phases", str(path))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 32
    middle = rows[10:22]
    assert all(row["phase"] == "unknown" and row["confidence"] == "" for row in middle)


def test_bad_rows_name_the_line_and_exit_2(tmp_path):
    path = tmp_path / "journal.csv"
    path.write_text(HEADER + "2025-03-04,Anna,closeness,4,ok\n2025-03-05,Anna,closeness,9,\n",
                    encoding="utf-8")
    result = run("phases", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{path}: line 3: ") and "Traceback" not in result.stderr


def test_unreadable_missing_and_empty_files_exit_2_without_traceback(tmp_path):
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    empty = tmp_path / "empty.csv"
    empty.write_text(HEADER, encoding="utf-8")
    for path in (binary, tmp_path / "missing.csv", empty):
        result = run("phases", str(path))
        assert result.returncode == 2, path
        assert "Traceback" not in result.stderr and result.stderr.startswith(f"{path}: ")
    assert "no moments" in run("phases", str(empty)).stderr
    assert "geen momenten" in run("--lang", "nl", "phases", str(empty)).stderr
