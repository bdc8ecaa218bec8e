"""Commands about notes and follow-ups: add a note, search notes, what is due."""

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

NOTE_KINDS = ("tip", "feedback", "observation", "question", "answer")


def _cmd_note(args: argparse.Namespace) -> int:
    from nextcall.services.notes import NoteInput, add_note
    from nextcall.services.stages import catalogue, stage_states

    if not args.text.strip():
        raise NextCallError("the note is empty: put its text in quotes after the company")
    db = open_profile(args)
    try:
        match = pick_application(db, args.application)
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
    say(f"Saved note #{note_id} for {match.company} (#{match.id}).")
    return 0


def _note_arguments(parser: Parser) -> None:
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
    db = open_profile(args)
    try:
        hits = search_notes(
            db, args.text, tag=args.tag, kind=args.kind, company=args.company, limit=args.limit
        )
    finally:
        db.close()
    if not hits:
        say(f"No notes match “{args.text.strip()}”.")
        return 0
    for hit in hits:
        where = f"{hit.company} (#{hit.application_id})" if hit.company else "No application"
        say(f"#{hit.note_id}  {hit.created_at:%Y-%m-%d}  {where}: {hit.snippet}")
    if len(hits) == args.limit:
        what = "words" if fts_query(args.text) else "text"
        print(f"(the {args.limit} newest matches; add {what} to narrow it down)", file=sys.stderr)
    return 0


def _search_arguments(parser: Parser) -> None:
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

    from nextcall.services.follow_ups import today_list

    db = open_profile(args)
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
        say_json(items)
        return 0
    if not due:
        say("Nothing due today.")
        return 0
    for item in due:
        when = f"overdue since {item.due:%Y-%m-%d}" if item.overdue else f"today {item.due:%H:%M}"
        where = "" if item.company in item.title else f" ({item.company})"
        say(f"{when:<24} #{item.application_id:<4} {item.title}{where}")
    return 0


def register(sub: SubParsers) -> None:
    due_parser = command(
        sub, "due", _cmd_due, "follow-ups that are overdue or due today", writes=False
    )
    due_parser.add_argument(
        "--json",
        action="store_true",
        help="print only a JSON list: application, company, kind, due (YYYY-MM-DD), overdue",
    )
    _note_arguments(command(sub, "note", _cmd_note, "add a note to an application"))
    _search_arguments(
        command(sub, "search", _cmd_search, "find notes containing some words", writes=False)
    )
