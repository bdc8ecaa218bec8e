"""The command line: ``nextcall [--data-dir DIR] [COMMAND]``. Thin over services/.

Without a command it starts the desktop app. Errors a user can fix print one line on stderr and
exit 1; usage errors exit 2. To add a command: write ``_cmd_<name>(args, db)`` and register it
in ``build_parser`` with ``_command(...)``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from nextcall import __version__
from nextcall.core.errors import NextCallError
from nextcall.core.paths import resolve

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"nextcall: error: {message}\n")


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from nextcall.services.database import Database

    return Database.open(resolve(args.data_dir))


def _cmd_demo(args: argparse.Namespace) -> int:
    from nextcall.services.demo import fill_demo

    db = _open(args)
    try:
        summary = fill_demo(db)
    finally:
        db.close()
    print(
        f"Added sample data to {db.paths.root}: {summary.applications} applications, "
        f"{summary.events} milestone events, {summary.notes} notes, "
        f"{summary.follow_ups} follow-ups."
    )
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from nextcall.services.health import check_database

    problems = check_database(resolve(args.data_dir))
    if not problems:
        print("ok")
        return 0
    for line in problems:
        print(line)
    return 1


def _command(
    sub: argparse._SubParsersAction[_Parser], name: str, handler: Handler, help_text: str
) -> _Parser:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> _Parser:
    parser = _Parser(
        prog="nextcall",
        description="NextCall: track call-center job applications milestone by milestone. "
        "Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"NextCall {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder holding the NextCall database (default: your user data folder; "
        "also set by NEXTCALL_DATA_DIR)",
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    _command(sub, "demo", _cmd_demo, "fill an empty profile with realistic sample data")
    _command(sub, "check", _cmd_check, "check the database file; prints ok or one line a problem")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            from nextcall.app import run_app

            return run_app(args.data_dir)
        return handler(args)
    except NextCallError as exc:
        print(f"nextcall: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"nextcall: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
