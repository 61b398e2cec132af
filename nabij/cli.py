"""The command line: `python -m nabij COMMAND`. Later issues add commands here."""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from nabij import __version__
from nabij.i18n import LANGUAGES, Messages
from nabij.io.canonical_csv import read_csv_file
from nabij.io.files import read_path
from nabij.io.importing import guess_mapping, journal_from_file, read_events
from nabij.io.problems import RowProblem, UnreadableFile
from nabij.model import DEFAULT_TIMEZONE, Journal, is_known_timezone

EXIT_OK, EXIT_BAD_ROWS, EXIT_UNREADABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m nabij",
        description="Nabij: the cycle of closeness and distance in a relationship.")
    parser.add_argument("--version", action="version", version=f"nabij {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES, default="en",
                        help="language of the messages (default: en)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check = commands.add_parser(
        "check", help="check a journal file (CSV or .xlsx) without changing anything",
        description="Read a journal file as the app's import does (canonical CSV, comma or "
                    "semicolon, Dutch or English headers, dd-mm-yyyy dates, UTF-8 or "
                    "Windows-1252, or an Excel .xlsx) and report every bad row. Exit 0: all "
                    "rows ok; 1: some rows are bad; 2: the file cannot be read.")
    check.add_argument("file", help="path to the CSV or .xlsx file")
    check.set_defaults(run=run_check)

    phases = commands.add_parser(
        "phases", help="suggest a phase of the cycle for every day of a journal CSV file",
        description="Read a journal in the canonical CSV format and write CSV to standard "
                    "output: date,phase,confidence for every day from the first to the last "
                    "moment, phase being begin, middle, crisis or turning_point. A reflection "
                    "aid, not a diagnosis.")
    phases.add_argument("file", help="path to the CSV file")
    phases.add_argument("--timezone", type=_timezone, default=DEFAULT_TIMEZONE,
                        help=f"time zone whose calendar days are used (default: "
                             f"{DEFAULT_TIMEZONE})")
    phases.add_argument("--method", choices=("hmm", "changepoint"), default="hmm",
                        help="how phases are found (default: hmm)")
    phases.set_defaults(run=run_phases)
    return parser


def _timezone(value: str) -> str:
    if not is_known_timezone(value):
        raise argparse.ArgumentTypeError(f"unknown time zone: {value}")
    return value


def say_unreadable(path: str, error: UnreadableFile, msg: Messages) -> int:
    """The one way a refused file is reported: path, line if known, reason; exit code 2."""
    where = f"line {error.line}: " if error.line else ""
    print(f"{path}: {where}{msg(error.key, **error.params)}", file=sys.stderr)
    return EXIT_UNREADABLE


def problem_line(problem: RowProblem, msg: Messages) -> str:
    """One bad row as one line, the same for every command."""
    return f"line {problem.line}: {problem.column}: {msg(problem.key, **problem.params)}"


def run_check(args: argparse.Namespace, msg: Messages) -> int:
    """The import's own reading (CSV in any usual shape, or .xlsx), without a browser."""
    try:
        table = read_path(args.file)
        mapping = guess_mapping(table.header)
        result = read_events(table, mapping, journal_from_file(table, mapping))
    except UnreadableFile as error:
        return say_unreadable(args.file, error, msg)
    for note in table.notes:
        print(f"{args.file}: {msg(note)}", file=sys.stderr)
    for problem in result.problems:
        print(problem_line(problem, msg))
    if result.problems:
        return EXIT_BAD_ROWS
    print(f"{len(result.rows)} events ok")
    return EXIT_OK


def run_phases(args: argparse.Namespace, msg: Messages) -> int:
    # Imported here so that `check` and `--help` do not pay for numpy and the models.
    from nabij.frames import events_frame
    from nabij.phases.suggest import UNKNOWN, suggest_phases

    try:
        result = read_csv_file(args.file)
    except UnreadableFile as error:
        return say_unreadable(args.file, error, msg)
    for problem in result.problems:
        print(f"{args.file}: {problem_line(problem, msg)}", file=sys.stderr)
    if result.problems:
        return EXIT_UNREADABLE
    if not result.events:
        print(f"{args.file}: {msg('phase_reason.no_moments')}", file=sys.stderr)
        return EXIT_UNREADABLE
    journal = Journal(id=None, name=Path(args.file).stem, partners=result.partners,
                      timezone=args.timezone)
    suggestion = suggest_phases(events_frame(result.events, journal), method=args.method)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "phase", "confidence"])
    for day in suggestion.days:
        if day.phase is None or day.confidence is None:  # a day the moments cannot carry
            writer.writerow([day.day.isoformat(), UNKNOWN, ""])
        else:
            writer.writerow([day.day.isoformat(), day.phase.value, f"{day.confidence:.3f}"])
    try:
        sys.stdout.write(out.getvalue())
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args, Messages(args.lang))
