"""`python -m nabij`: runs as a real process, so exit codes and streams are what users get."""

from __future__ import annotations

import csv
import subprocess
import sys

from nabij.config import PROJECT_ROOT
from nabij.demo import EXAMPLES_DIR


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nabij", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=60)


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "check" in result.stdout and "python -m nabij" in result.stdout


def test_check_accepts_the_demo_journal():
    result = run("check", str(EXAMPLES_DIR / "demo_en.csv"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    with open(EXAMPLES_DIR / "demo_en.csv", encoding="utf-8", newline="") as handle:
        count = sum(1 for _ in csv.reader(handle)) - 1
    assert lines == [f"{count} events ok"]


def test_check_lists_bad_rows_and_exits_1(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("timestamp,partner,kind,intensity,note\n"
                    "2025-03-04,Anna,closeness,4,ok\n2025-03-05,Anna,closeness,9,\n",
                    encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 1
    assert result.stdout.startswith("line 3: intensity: ")


def test_check_in_dutch(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("timestamp,partner,kind,intensity,note\n2025-03-05,Anna,ruzie,2,\n",
                    encoding="utf-8")
    result = run("--lang", "nl", "check", str(path))
    assert result.returncode == 1 and "Kies nabijheid of afstand" in result.stdout


def test_unreadable_file_exits_2_without_traceback(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\xff\xfe\x00garbage")
    result = run("check", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "UTF-8" in result.stderr
    missing = run("check", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
