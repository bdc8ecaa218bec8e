"""Commands that print: the prep packet for one application and the job-search report."""

from __future__ import annotations

import argparse
from pathlib import Path

from nextcall.cli.common import Parser, SubParsers, command, open_profile, pick_application, say
from nextcall.core.errors import NextCallError


def _target(path: str) -> Path:
    target = Path(path).expanduser()
    if target.suffix.lower() != ".pdf":
        raise NextCallError(f"{path}: the file name must end in .pdf, e.g. -o packet.pdf")
    if target.is_dir():
        raise NextCallError(f"{path} is a folder; give a file name, e.g. -o {path}/packet.pdf")
    return target


def _pages(n: int) -> str:
    return f"{n} page{'s' if n != 1 else ''}"


def _cmd_packet(args: argparse.Namespace) -> int:
    from nextcall.services.documents import packet_filename, write_packet
    from nextcall.services.packet import packet_step

    db = open_profile(args)
    try:
        match = pick_application(db, args.application)
        target = _target(args.output) if args.output else Path(packet_filename(db, match.id))
        _company, step = packet_step(db, match.id)
        pages = write_packet(db, match.id, target)
    finally:
        db.close()
    when = f", {step.when:%a} {step.when.day} {step.when:%b %H:%M}" if step.when else ""
    say(
        f"Wrote the prep packet for {match.company} (#{match.id}; next: "
        f"{step.name.lower()}{when}) to {target}: {_pages(pages)}."
    )
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from nextcall.services.documents import report_filename, write_report

    db = open_profile(args)
    try:
        target = _target(args.output) if args.output else Path(report_filename(db))
        pages = write_report(db, target)
    finally:
        db.close()
    say(f"Wrote the job-search report to {target}: {_pages(pages)}.")
    return 0


def _output(parser: Parser, example: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE.pdf",
        help=f"where to write the PDF (default: {example} in the current folder)",
    )


def register(sub: SubParsers) -> None:
    packet = command(
        sub,
        "packet",
        _cmd_packet,
        "write the PDF prep packet for an application's next interview",
        writes=False,
    )
    packet.add_argument(
        "application", metavar="COMPANY_OR_ID", help="a company name (or part of it), or #ID"
    )
    _output(packet, "“Prep packet - COMPANY - DATE.pdf”")
    report = command(
        sub,
        "report",
        _cmd_report,
        "write the job-search report: every application as a PDF",
        writes=False,
    )
    _output(report, "“Job-search report - DATE.pdf”")
