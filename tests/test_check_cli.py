"""`python -m nabij check FILE` reads files as the app's import does, in a real process."""

from __future__ import annotations

import subprocess
import sys

from nabij.config import PROJECT_ROOT
from tests.test_import_files import MESSY, xlsx_bytes


def check(path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nabij", *options, "check", str(path)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)


def test_messy_semicolon_file_with_dutch_headers_and_dates_is_ok(tmp_path):
    path = tmp_path / "dagboek.csv"
    path.write_bytes("\ufefftijdstip;partner;soort;intensiteit;notitie;extra\r\n"
                     "04-03-2025 21:15;Anna;nabijheid;4;\"Fijn; echt\";x\r\n"
                     "05-03-2025 08:00;bram;afstand;2;;\r\n".encode())
    result = check(path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "2 events ok\n", "")


def test_every_bad_row_is_one_line_and_the_exit_code_is_1(tmp_path):
    path = tmp_path / "dagboek.csv"
    path.write_bytes(MESSY.replace("Cas", "anna").encode())
    result = check(path, "--lang", "nl")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "line 6: Tijdstip: Deze datum of tijd is niet te lezen ('31-02-2025 08:00'). "
        "Gebruik bijvoorbeeld 04-03-2025 21:15 of 2025-03-04T21:15.",
        "line 6: Intensiteit: De sterkte is een heel getal van 1 tot en met 5 ('9' valt "
        "daarbuiten).",
        "line 7: Soort: Kies nabijheid of afstand ('ruzie' kennen we niet).",
    ]


def test_excel_workbook(tmp_path):
    path = tmp_path / "dagboek.xlsx"
    path.write_bytes(xlsx_bytes([["Tijdstip", "Partner", "Soort", "Intensiteit"],
                                 ["04-03-2025 21:15", "Anna", "nabijheid", 4],
                                 ["05-03-2025 21:15", "Bram", "afstand", 2]]))
    assert check(path).stdout == "2 events ok\n"


def test_windows_1252_file_is_ok_with_a_note_on_stderr(tmp_path):
    path = tmp_path / "dagboek.csv"
    path.write_bytes("datum;wie;soort;sterkte;notitie\n04-03-2025;Zoë;nabijheid;3;café\n"
                     .encode("cp1252"))
    result = check(path)
    assert result.returncode == 0 and result.stdout == "1 events ok\n"
    assert "Windows" in result.stderr


def test_unreadable_files_exit_2_with_a_clear_message(tmp_path):
    cases = {
        "empty.csv": (b"", "empty"),
        "photo.csv": (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        "old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"),
        "columns.csv": (b"when,who\n2025-03-04,Anna\n", "lacks the columns: kind, intensity"),
    }
    for name, (data, words) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = check(path)
        assert result.returncode == 2, name
        assert words in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_huge_file_exits_2_without_being_read(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    result = check(path)
    assert result.returncode == 2 and "maximum is 10 MB" in result.stderr
