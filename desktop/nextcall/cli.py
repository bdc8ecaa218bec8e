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


def _read_list(path: str) -> str:
    """A list file's text (``-``: standard input), UTF-8 with or without a byte-order mark."""
    from nextcall.core.bulk import decode_list

    if path == "-":
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        return decode_list(data, source="standard input")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise NextCallError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode_list(data, source=path)


def _cmd_add(args: argparse.Namespace) -> int:
    from nextcall.core.bulk import Line, parse_lines, split_lines
    from nextcall.core.errors import ValidationError
    from nextcall.core.validation import parse_date
    from nextcall.services.bulk import Kind, commit, preview_lines

    lines = [Line(n, name, f"argument {n}") for n, name in enumerate(args.companies, start=1)]
    if args.from_file is not None:
        lines += split_lines(_read_list(args.from_file))
    if not parse_lines(lines).lines:
        raise NextCallError("no companies given: name them, or use --from FILE (- for stdin)")
    db = _open(args)
    try:
        try:
            applied = parse_date(
                args.applied or "today", today=db.current_date(), allow_future=False
            )
        except ValidationError as exc:
            raise NextCallError(f"--applied: {exc}") from None
        plan = preview_lines(
            db, lines, position=args.position, applied_on=applied, source=args.source
        )
        if plan.field_errors:
            name, message = next(iter(plan.field_errors.items()))
            raise NextCallError(f"--{name.removesuffix('_on')}: {message}")
        result = commit(
            db, plan, allow_duplicates=args.allow_duplicates, include_cooldown=args.allow_duplicates
        )
    finally:
        db.close()
    skipped = {Kind.DUPLICATE: 0, Kind.COOLDOWN: 0, Kind.INVALID: 0}
    for item in result.items:
        new_id = result.id_for(item)
        outcome = f"added (#{new_id})" if new_id is not None else "skipped"
        if new_id is None:
            skipped[item.kind] = skipped.get(item.kind, 0) + 1
        if item.kind is Kind.NEW:
            print(f"added: {item.name} (#{new_id})")
        elif item.kind is Kind.DUPLICATE and item.existing is not None:
            day = item.existing.applied_on
            when = f"on {day.isoformat()}" if day else "on an unknown date"
            print(
                f"duplicate: {item.name} (already applied {when}, #{item.existing.id}) - {outcome}"
            )
        elif item.kind is Kind.COOLDOWN and item.until is not None:
            print(f"cooldown: {item.name} (re-apply after {item.until.isoformat()}) - {outcome}")
        else:
            repeat = f" ({item.name})" if item.repeat_of else ""
            print(f"invalid: {item.where}: {item.reason}{repeat}")
    counts = [f"{len(result.added)} added"]
    if skipped[Kind.DUPLICATE]:
        counts.append(f"{skipped[Kind.DUPLICATE]} duplicate{_s(skipped[Kind.DUPLICATE])} skipped")
    if skipped[Kind.COOLDOWN]:
        counts.append(f"{skipped[Kind.COOLDOWN]} in cooldown skipped")
    if skipped[Kind.INVALID]:
        counts.append(f"{skipped[Kind.INVALID]} invalid")
    print(", ".join(counts))
    return 0


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _add_arguments(parser: _Parser) -> None:
    from nextcall.core.bulk import DEFAULT_COOLDOWN_DAYS

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "Companies come from the arguments and/or --from FILE: one per line, UTF-8 (with or\n"
        "without BOM); blank lines and lines starting with # are ignored, bullets and\n"
        "numbering are removed, a company listed twice is added once.\n"
        "\n"
        "Skipped unless --allow-duplicates: a company with an open (active or offer)\n"
        "application, and one in cooldown: it rejected or ghosted you and its re-apply date\n"
        f"has not passed (with no date recorded: {DEFAULT_COOLDOWN_DAYS} days after).\n"
        "All of them are added in one transaction: all or nothing.\n"
        "\n"
        "Exit status: 0 when the list was processed (even if some were skipped), 1 on an\n"
        "error (no companies, unreadable file, bad date), 2 on a usage error."
    )
    parser.add_argument("companies", nargs="*", metavar="COMPANY", help="a company's name")
    parser.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        help="also read companies from FILE, one per line (- reads standard input)",
    )
    parser.add_argument("--position", default="", metavar="P", help="position applied for")
    parser.add_argument(
        "--applied",
        metavar="YYYY-MM-DD",
        help="date applied (default: today; 'yesterday' and '3 Nov' work too)",
    )
    parser.add_argument("--source", default="", metavar="S", help="where you found the jobs")
    parser.add_argument(
        "--allow-duplicates",
        action="store_true",
        help="also add companies you already have an open application with, or that are in "
        "cooldown",
    )


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
    _add_arguments(_command(sub, "add", _cmd_add, "add applications to many companies at once"))
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
