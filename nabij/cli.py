"""The command line: `python -m nabij COMMAND`. Later issues add commands here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nabij import __version__
from nabij.i18n import LANGUAGES, Messages
from nabij.io.canonical_csv import UnreadableFile, read_csv_file

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
        "check", help="check a journal CSV file without changing anything",
        description="Read a journal in the canonical CSV format and report every bad row.")
    check.add_argument("file", help="path to the CSV file")
    check.set_defaults(run=run_check)
    return parser


def run_check(args: argparse.Namespace, msg: Messages) -> int:
    try:
        result = read_csv_file(args.file)
    except UnreadableFile as error:
        where = f"line {error.line}: " if error.line else ""
        print(f"{args.file}: {where}{msg(error.key, **error.params)}", file=sys.stderr)
        return EXIT_UNREADABLE
    for row in result.problems:
        print(f"line {row.line}: {row.problem.field}: "
              f"{msg(row.problem.key, **row.problem.params)}")
    if result.problems:
        return EXIT_BAD_ROWS
    print(f"{len(result.events)} events ok")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args, Messages(args.lang))
