"""Commands about the pipeline: add applications in bulk, record milestone outcomes, the funnel."""

from __future__ import annotations

import argparse
import sys

from nextcall.cli.common import (
    Parser,
    SubParsers,
    command,
    open_profile,
    pick_application,
    say,
    say_json,
)
from nextcall.core.errors import NextCallError


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
    db = open_profile(args)
    try:
        try:
            applied = parse_date(
                args.applied or "today", today=db.clock.today(), allow_future=False
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
            say(f"added: {item.name} (#{new_id})")
        elif item.kind is Kind.DUPLICATE and item.existing is not None:
            day = item.existing.applied_on
            when = f"on {day.isoformat()}" if day else "on an unknown date"
            say(f"duplicate: {item.name} (already applied {when}, #{item.existing.id}) - {outcome}")
        elif item.kind is Kind.COOLDOWN and item.until is not None:
            say(f"cooldown: {item.name} (re-apply after {item.until.isoformat()}) - {outcome}")
        else:
            repeat = f" ({item.name})" if item.repeat_of else ""
            say(f"invalid: {item.where}: {item.reason}{repeat}")
    counts = [f"{len(result.added)} added"]
    if skipped[Kind.DUPLICATE]:
        counts.append(f"{skipped[Kind.DUPLICATE]} duplicate{_s(skipped[Kind.DUPLICATE])} skipped")
    if skipped[Kind.COOLDOWN]:
        counts.append(f"{skipped[Kind.COOLDOWN]} in cooldown skipped")
    if skipped[Kind.INVALID]:
        counts.append(f"{skipped[Kind.INVALID]} invalid")
    say(", ".join(counts))
    return 0 if result.added else 1  # nothing added: say so in the exit code too (scripts)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _add_arguments(parser: Parser) -> None:
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

    from nextcall.services.funnel import funnel

    db = open_profile(args)
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
        say_json(rows)
        return 0
    width = max([len("Milestone"), *(len(r.name) for r in result.rows)])
    say(f"{'Milestone':<{width}}  Reached  Passed  Failed  Pending  Pass rate")
    for r in result.rows:
        rate = "-" if r.pass_rate is None else f"{r.pass_rate:.0%}"
        say(
            f"{r.name:<{width}}  {r.reached:>7}  {r.passed:>6}  {r.failed:>6}  {r.pending:>7}"
            f"  {rate:>9}"
        )
    say()
    say(result.summary)
    return 0


def _cmd_record(args: argparse.Namespace) -> int:
    from datetime import datetime, time

    from nextcall.core.stages import Outcome
    from nextcall.core.validation import parse_date
    from nextcall.services.lookup import (
        application_match,
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
    db = open_profile(args)
    try:
        keys = [st.key for st in catalogue(db)]
        if key not in keys:
            raise NextCallError(
                f"“{args.milestone}” is not a milestone; use one of: {', '.join(keys)}"
            )
        day = None
        if args.date is not None:
            try:
                day = parse_date(args.date, today=db.clock.today(), allow_future=waiting)
            except NextCallError as exc:
                raise NextCallError(f"--date: {exc}") from None
        match = pick_application(db, args.application)
        scheduled_at = datetime.combine(day, time()) if day is not None and waiting else None
        record_outcome(db, match.id, key, outcome, on=day, score=score, scheduled_at=scheduled_at)
        furthest = furthest_reached(stage_states(db, match.id))
        now = application_match(db, match.id)
    finally:
        db.close()
    say(
        f"Recorded {key}: {outcome.value} for {now.company} (#{now.id}). Status: {now.status}; "
        f"furthest milestone: {furthest.stage.key if furthest else 'none'}."
    )
    return 0


def _record_arguments(parser: Parser) -> None:
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


def register(sub: SubParsers) -> None:
    _add_arguments(command(sub, "add", _cmd_add, "add applications to many companies at once"))
    funnel_parser = command(
        sub,
        "funnel",
        _cmd_funnel,
        "where your applications stop: counts per milestone",
        writes=False,
    )
    funnel_parser.add_argument(
        "--json", action="store_true", help="print only a JSON list, one object per milestone"
    )
    _record_arguments(command(sub, "record", _cmd_record, "record what happened at a milestone"))
