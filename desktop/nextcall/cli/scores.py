"""`nextcall scores [--json]`: the test scores logged or taken in the app, newest first."""

from __future__ import annotations

import argparse

from nextcall.cli.common import SubParsers, command, open_profile, say, say_json

TYPING_KEYS = ("gross_wpm", "net_wpm", "accuracy", "seconds")
UNITS = {"%": "percent"}


def _item(row: object) -> dict[str, object]:
    from nextcall.core.practice import TEST_KINDS
    from nextcall.services.practice import ScoreRow

    assert isinstance(row, ScoreRow)
    kind = next((k for k in TEST_KINDS if k.key == row.kind), None)
    unit = kind.unit if kind is not None else ""
    item: dict[str, object] = {
        "kind": row.kind,
        "taken_at": row.moment.isoformat(timespec="seconds"),
        "score": row.value,
        "unit": UNITS.get(unit, unit),
    }
    if row.kind == "typing":
        item.update(_typing(row))
    return item


def _typing(row: object) -> dict[str, object]:
    """The typing figures: from the details of a test taken in the app; a result typed in
    has only its words a minute (taken as net) and maybe an accuracy."""
    from nextcall.services.practice import ScoreRow

    assert isinstance(row, ScoreRow)
    details = row.details

    def number(key: str) -> float | None:
        value = details.get(key)
        return float(value) if isinstance(value, int | float) else None

    accuracy = number("accuracy")
    if accuracy is None and row.accuracy is not None:
        accuracy = round(row.accuracy / 100, 4)
    net = number("net_wpm")
    return {
        "gross_wpm": number("gross_wpm"),
        "net_wpm": net if net is not None else row.value,
        "accuracy": accuracy,
        "seconds": number("seconds"),
    }


def _line(row: object, item: dict[str, object]) -> str:
    from nextcall.services.practice import ScoreRow

    assert isinstance(row, ScoreRow)
    when = f"{row.moment:%Y-%m-%d %H:%M}" if row.taken_at else f"{row.taken_on:%Y-%m-%d}      "
    text = f"{when}  {row.label}: {row.result}"
    if row.kind == "typing" and item.get("gross_wpm") is not None:
        accuracy = item["accuracy"]
        shown = f"{float(accuracy) * 100:.1f}%" if isinstance(accuracy, float) else "?"
        text = (
            f"{when}  {row.label}: {item['net_wpm']:g} net wpm, {item['gross_wpm']:g} gross, "
            f"{shown} accuracy, {item['seconds']:g} s"
        )
    if row.company:
        text += f"  ({row.company})"
    return text


def _cmd_scores(args: argparse.Namespace) -> int:
    from nextcall.services.practice import logged_scores

    db = open_profile(args)
    try:
        rows = logged_scores(db)
    finally:
        db.close()
    rows = sorted(rows, key=lambda r: (r.moment, r.id), reverse=True)
    items = [_item(r) for r in rows]
    if args.json:
        say_json(items)
        return 0
    if not rows:
        say("No test scores yet: take a typing test in the Practice tab, or log a result there.")
        return 0
    for row, item in zip(rows, items, strict=True):
        say(_line(row, item))
    return 0


def register(sub: SubParsers) -> None:
    parser = command(
        sub,
        "scores",
        _cmd_scores,
        "the test scores (typing, English, exams, drills), newest first",
        writes=False,
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print only a JSON list, newest first: kind, taken_at (ISO 8601), score, unit; "
        "typing results also gross_wpm, net_wpm, accuracy (0-1) and seconds",
    )
