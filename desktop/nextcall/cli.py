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


def _cmd_funnel(args: argparse.Namespace) -> int:
    import json

    from nextcall.services.funnel import funnel

    db = _open(args)
    try:
        result = funnel(db)
    finally:
        db.close()
    if args.json:
        rows = [
            {
                "milestone": r.key,
                "reached": r.reached,
                "passed": r.passed,
                "failed": r.failed,
                "pending": r.pending,
                "pass_rate": r.pass_rate,
            }
            for r in result.rows
        ]
        print(json.dumps(rows, indent=2))
        return 0
    width = max([len("Milestone"), *(len(r.name) for r in result.rows)])
    print(f"{'Milestone':<{width}}  Reached  Passed  Failed  Pending  Pass rate")
    for r in result.rows:
        rate = "-" if r.pass_rate is None else f"{r.pass_rate:.0%}"
        print(
            f"{r.name:<{width}}  {r.reached:>7}  {r.passed:>6}  {r.failed:>6}  {r.pending:>7}"
            f"  {rate:>9}"
        )
    print()
    print(result.summary)
    return 0


def _cmd_record(args: argparse.Namespace) -> int:
    from datetime import datetime, time

    from nextcall.core.stages import Outcome
    from nextcall.core.validation import parse_date
    from nextcall.services.lookup import (
        AmbiguousApplicationError,
        application_match,
        find_application,
    )
    from nextcall.services.stages import (
        catalogue,
        furthest_reached,
        parse_outcome,
        record_outcome,
        stage_states,
    )

    outcome = parse_outcome(args.outcome)
    waiting = outcome in (Outcome.SCHEDULED, Outcome.PENDING)
    score: float | None = None
    if args.score is not None:
        try:
            score = float(args.score.replace(",", "."))
        except ValueError:
            raise NextCallError(f"--score: “{args.score}” is not a number") from None
    key = args.milestone.strip().lower()
    db = _open(args)
    try:
        keys = [st.key for st in catalogue(db)]
        if key not in keys:
            raise NextCallError(
                f"“{args.milestone}” is not a milestone; use one of: {', '.join(keys)}"
            )
        day = None
        if args.date is not None:
            try:
                day = parse_date(args.date, today=db.current_date(), allow_future=waiting)
            except NextCallError as exc:
                raise NextCallError(f"--date: {exc}") from None
        try:
            match = find_application(db, args.application)
        except AmbiguousApplicationError as exc:
            print(f"nextcall: error: {exc}", file=sys.stderr)
            for item in exc.matches:
                print(f"  {item.describe()}", file=sys.stderr)
            return 1
        scheduled_at = datetime.combine(day, time()) if day is not None and waiting else None
        record_outcome(db, match.id, key, outcome, on=day, score=score, scheduled_at=scheduled_at)
        furthest = furthest_reached(stage_states(db, match.id))
        now = application_match(db, match.id)
    finally:
        db.close()
    print(
        f"Recorded {key}: {outcome.value} for {now.company} (#{now.id}). Status: {now.status}; "
        f"furthest milestone: {furthest.stage.key if furthest else 'none'}."
    )
    return 0


def _record_arguments(parser: _Parser) -> None:
    parser.add_argument(
        "application", metavar="COMPANY_OR_ID", help="an application id, or its company's name"
    )
    parser.add_argument(
        "milestone", metavar="MILESTONE_KEY", help="e.g. phone-interview, exam, final-interview"
    )
    parser.add_argument(
        "outcome", metavar="OUTCOME", help="scheduled, pending, passed, failed, skipped or no-show"
    )
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="when it happened or is scheduled (default: today)"
    )
    parser.add_argument("--score", metavar="N", help="a score, e.g. the exam result (0 to 1000)")


NOTE_KINDS = ("tip", "feedback", "observation", "question", "answer")


def _say(line: str) -> None:
    """Print a line of user text; characters the terminal cannot show become '?'."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    print(line.encode(encoding, errors="replace").decode(encoding, errors="replace"))


def _cmd_note(args: argparse.Namespace) -> int:
    from nextcall.services.lookup import AmbiguousApplicationError, find_application
    from nextcall.services.notes import NoteInput, add_note
    from nextcall.services.stages import catalogue, stage_states

    if not args.text.strip():
        raise NextCallError("the note is empty: put its text in quotes after the company")
    db = _open(args)
    try:
        try:
            match = find_application(db, args.application)
        except AmbiguousApplicationError as exc:
            print(f"nextcall: error: {exc}", file=sys.stderr)
            for item in exc.matches:
                print(f"  {item.describe()}", file=sys.stderr)
            return 1
        event_id = None
        if args.milestone is not None:
            key = args.milestone.strip().lower()
            stages = {st.key: st for st in catalogue(db)}
            if key not in stages:
                raise NextCallError(
                    f"“{args.milestone}” is not a milestone; use one of: {', '.join(stages)}"
                )
            states = {st.stage.key: st for st in stage_states(db, match.id)}
            state = states.get(key)
            if state is None or state.event_id is None:
                raise NextCallError(
                    f"{match.company} (#{match.id}) has nothing recorded at the "
                    f"{stages[key].name.lower()} yet; record it first, e.g. "
                    f"nextcall record {match.id} {key} passed"
                )
            event_id = state.event_id
        note_id = add_note(
            db,
            NoteInput(
                body=args.text,
                kind=args.kind,
                application_id=match.id,
                stage_event_id=event_id,
                tags=tuple(args.tags),
            ),
        )
    finally:
        db.close()
    _say(f"Saved note #{note_id} for {match.company} (#{match.id}).")
    return 0


def _note_arguments(parser: _Parser) -> None:
    parser.add_argument(
        "application", metavar="COMPANY_OR_ID", help="an application id, or its company's name"
    )
    parser.add_argument("text", metavar="TEXT", help="the note, in quotes; kept exactly as typed")
    parser.add_argument(
        "--kind",
        choices=NOTE_KINDS,
        default="tip",
        help="what the note is: an interviewer's tip (default), feedback after a rejection, "
        "your own observation, a question you asked, or an answer you prepared",
    )
    parser.add_argument(
        "--tag",
        dest="tags",
        action="append",
        default=[],
        metavar="T",
        help="an improvement area (key or name, e.g. voice-volume or 'Voice volume') or a tag "
        "of your own; repeat for more",
    )
    parser.add_argument(
        "--milestone",
        metavar="KEY",
        help="link the note to what happened at this milestone, e.g. phone-interview",
    )


def _cmd_search(args: argparse.Namespace) -> int:
    from nextcall.services.note_search import fts_query, search_notes

    if not args.text.strip():
        raise NextCallError("nothing to search for: give a word or two")
    if args.limit < 1:
        raise NextCallError("--limit: give a number of notes, 1 or more")
    db = _open(args)
    try:
        hits = search_notes(
            db, args.text, tag=args.tag, kind=args.kind, company=args.company, limit=args.limit
        )
    finally:
        db.close()
    if not hits:
        _say(f"No notes match “{args.text.strip()}”.")
        return 0
    for hit in hits:
        where = f"{hit.company} (#{hit.application_id})" if hit.company else "No application"
        _say(f"#{hit.note_id}  {hit.created_at:%Y-%m-%d}  {where}: {hit.snippet}")
    if len(hits) == args.limit:
        what = "words" if fts_query(args.text) else "text"
        print(f"(the {args.limit} newest matches; add {what} to narrow it down)", file=sys.stderr)
    return 0


def _search_arguments(parser: _Parser) -> None:
    parser.add_argument(
        "text",
        metavar="TEXT",
        help="words to find (each may be the start of a word); every word must appear",
    )
    parser.add_argument("--kind", choices=[*NOTE_KINDS, "debrief"], help="only this kind of note")
    parser.add_argument("--tag", metavar="T", help="only notes with this tag (its key)")
    parser.add_argument("--company", metavar="NAME", help="only notes about this company")
    parser.add_argument(
        "--limit", type=int, default=200, metavar="N", help="show at most N notes (default 200)"
    )


def _cmd_due(args: argparse.Namespace) -> int:
    import json

    from nextcall.services.follow_ups import today_list

    db = _open(args)
    try:
        due = today_list(db).due
    finally:
        db.close()
    if args.json:
        items = [
            {
                "application": item.application_id,
                "company": item.company,
                "kind": item.kind.value,
                "due": item.due.date().isoformat(),
                "overdue": item.overdue,
            }
            for item in due
        ]
        print(json.dumps(items, indent=2, ensure_ascii=False))
        return 0
    if not due:
        print("Nothing due today.")
        return 0
    for item in due:
        when = f"overdue since {item.due:%Y-%m-%d}" if item.overdue else f"today {item.due:%H:%M}"
        where = "" if item.company in item.title else f" ({item.company})"
        _say(f"{when:<24} #{item.application_id:<4} {item.title}{where}")
    return 0


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
    funnel_parser = _command(
        sub, "funnel", _cmd_funnel, "where your applications stop: counts per milestone"
    )
    funnel_parser.add_argument(
        "--json", action="store_true", help="print only a JSON list, one object per milestone"
    )
    _record_arguments(_command(sub, "record", _cmd_record, "record what happened at a milestone"))
    due_parser = _command(sub, "due", _cmd_due, "follow-ups that are overdue or due today")
    due_parser.add_argument(
        "--json",
        action="store_true",
        help="print only a JSON list: application, company, kind, due (YYYY-MM-DD), overdue",
    )
    _note_arguments(_command(sub, "note", _cmd_note, "add a note to an application"))
    _search_arguments(_command(sub, "search", _cmd_search, "find notes containing some words"))
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
    except BrokenPipeError:
        # The reader went away (e.g. `nextcall funnel --json | head`): not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"nextcall: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
