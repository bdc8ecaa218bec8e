"""`nextcall practice`: the drills proposed first, with the reason for each."""

from __future__ import annotations

import argparse
import textwrap

from nextcall.cli.common import SubParsers, command, open_profile, say, say_json

KIND_WORDS = {
    "scenario": "mock call",
    "question": "prepared answer",
    "voice": "voice check",
    "test": "test score",
    "drill": "timed drill",
}


def _item(rank: int, proposal: object) -> dict[str, object]:
    from nextcall.core.practice_plan import Proposal

    assert isinstance(proposal, Proposal)
    drill = proposal.drill
    return {
        "rank": rank,
        "kind": drill.kind,
        "key": drill.key,
        "title": drill.title,
        "reason": proposal.reason,
        "score": round(drill.score, 1) if drill.score is not None else None,
        "last_practised": drill.last.isoformat() if drill.last else None,
        "times": drill.count,
        "milestone": proposal.milestone,
        "areas": list(proposal.areas),
    }


def _cmd_practice(args: argparse.Namespace) -> int:
    from nextcall.services.practice_plan import practice_plan

    db = open_profile(args)
    try:
        plan = practice_plan(db)
    finally:
        db.close()
    proposals = plan.proposals()
    if args.json:
        items = [_item(rank, p) for rank, p in enumerate(proposals, start=1)]
        say_json(items)
        return 0
    for line in textwrap.wrap(plan.headline(proposals), 100):
        say(line)
    for rank, proposal in enumerate(proposals, start=1):
        drill = proposal.drill
        what = KIND_WORDS[drill.kind]
        if drill.kind == "drill" and drill.detail:
            what += f", last set {drill.detail}"
        elif drill.score is not None and drill.kind in ("scenario", "question"):
            what += f", {'self-score' if drill.kind == 'scenario' else 'confidence'}"
            what += (
                f" {drill.score:.1f} / 5" if drill.kind == "scenario" else f" {drill.score:.0f} / 5"
            )
        say("")
        say(f"{rank}. {drill.title}  ({what})")
        for line in textwrap.wrap(proposal.reason, 97):
            say(f"   {line}")
    return 0


def register(sub: SubParsers) -> None:
    parser = command(
        sub,
        "practice",
        _cmd_practice,
        "the drills to practise first, with the reason for each",
        writes=False,
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print only a JSON list, best first: rank, kind (scenario, question, voice, test), "
        "key, title, reason, score (1-5 or null), last_practised (YYYY-MM-DD or null), times, "
        "milestone, areas",
    )
