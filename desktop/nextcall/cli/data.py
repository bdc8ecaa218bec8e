"""Commands that move data in and out: ``import`` a CSV or NextCall JSON file, ``export`` to
CSV, JSON or iCalendar (the extension decides)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nextcall.cli.common import Parser, SubParsers, command, open_profile, say
from nextcall.core.errors import NextCallError, ValidationError

if TYPE_CHECKING:
    from nextcall.services.data_import import CsvPreview
    from nextcall.services.database import Database

IMPORT_FORMATS = (".csv", ".json")
MAX_READ_BYTES = 200_000_000


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_READ_BYTES + 1)
    except OSError as exc:
        raise NextCallError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_READ_BYTES:
        raise NextCallError(f"{path} is too large to import")
    return data


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _cmd_import(args: argparse.Namespace) -> int:
    suffix = Path(args.file).suffix.lower()
    if suffix not in IMPORT_FORMATS:
        args.usage_error(
            f"cannot tell the format of {args.file}: import a .csv (applications from a "
            "spreadsheet or another tracker) or a .json file (a NextCall export)"
        )
    if suffix == ".json" and args.map:
        args.usage_error("--map is for CSV files; a NextCall JSON file needs no mapping")
    if suffix == ".json" and args.date_order:
        args.usage_error("--date-order is for CSV files; a NextCall JSON file's dates are exact")
    chosen: dict[str, str] = {}
    if args.map:
        from nextcall.export.csv_mapping import parse_map

        try:
            chosen = parse_map(args.map)
        except ValidationError as exc:
            args.usage_error(f"--map: {exc}")
    data = _read(args.file)
    db = open_profile(args)
    try:
        if suffix == ".json":
            return _import_json(db, args.file, data, args.dry_run)
        return _import_csv(db, args.file, data, chosen, args.dry_run, args.date_order)
    finally:
        db.close()


def _import_csv(
    db: Database,
    name: str,
    data: bytes,
    chosen: dict[str, str],
    dry_run: bool,
    date_order: str | None = None,
) -> int:
    from nextcall.export.csv_mapping import reading
    from nextcall.export.csv_read import read_csv
    from nextcall.services.data_import import import_csv, preview_csv

    table = read_csv(data, source=name)
    plan = preview_csv(db, table, chosen, source=name, date_order=date_order)
    if plan.undecided_date:
        sample = plan.undecided_date
        raise NextCallError(
            f"the dates in “{plan.date_heading}” could be day/month or month/day ({sample}: "
            f"{reading(sample, 'dmy')} or {reading(sample, 'mdy')}); nothing was imported. "
            "Run again with --date-order dmy or --date-order mdy"
        )
    _show_plan(name, table.encoding, table.encoding_note, table.delimiter, plan)
    if plan.bad:
        for row in plan.bad:
            for problem in row.problems:
                say_err(f"line {row.line}: {problem}")
        raise NextCallError(
            f"{_plural(len(plan.bad), 'row')} of {len(plan.rows)} cannot be imported; nothing "
            "was imported. Fix the rows listed above (or map their columns with --map) and "
            "run again"
        )
    if dry_run:
        say(f"Would import {_plural(len(plan.new), 'application')} (dry run: nothing written).")
        return 0
    result = import_csv(db, plan)
    skipped = f"; {result.skipped} already there, skipped" if result.skipped else ""
    say(f"Imported {_plural(len(result.added), 'application')}{skipped}.")
    if result.backup is not None:
        say(f"Backup taken before the import: {result.backup}")
    return 0


def say_err(line: str) -> None:
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    text = line.encode(encoding, errors="replace").decode(encoding, errors="replace")
    print(text, file=sys.stderr)


def _show_plan(name: str, encoding: str, note: str, delimiter: str, plan: CsvPreview) -> None:
    separator = {",": "commas", ";": "semicolons", "\t": "tabs"}[delimiter]
    how = f"not UTF-8, {note}" if note else encoding
    say(f"Reading {name}: {how}, {_plural(len(plan.rows), 'row')}, separated by {separator}.")
    used = [f"{c.heading} -> {c.target}" for c in plan.mapping.used()]
    say("Columns: " + (", ".join(used) if used else "none"))
    if plan.mapping.ignored:
        say("ignored columns: " + ", ".join(c.heading for c in plan.mapping.ignored))
    for row in plan.rows:
        if row.duplicate_of is not None:
            say(f"line {row.line}: already in your profile (#{row.duplicate_of}), skipped: "
                f"{plan.describe(row)}")  # fmt: skip
        elif row.repeat_of is not None:
            say(f"line {row.line}: same as line {row.repeat_of}, skipped: {plan.describe(row)}")
        elif not row.bad:
            say(f"line {row.line}: {plan.describe(row)}")
    say(f"Summary: {plan.summary()}.")


def _import_json(db: Database, name: str, data: bytes, dry_run: bool) -> int:
    from nextcall.services.json_import import import_json, preview_json

    result = preview_json(db, data) if dry_run else import_json(db, data)
    say(f"Reading {name}: NextCall JSON.")
    verb = "Would add" if dry_run else "Added"
    say(f"{verb}: {result.describe(result.added)}.")
    say(f"Already in your profile: {result.describe(result.present)}.")
    if dry_run:
        say("Dry run: nothing written.")
    elif result.backup is not None:
        say(f"Backup taken before the import: {result.backup}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from nextcall.services.data_export import export_file, export_format

    try:
        export_format(Path(args.file))
    except ValidationError as exc:
        args.usage_error(str(exc))
    target = Path(args.file).expanduser()
    if not target.parent.is_dir():
        raise NextCallError(
            f"the folder {target.parent} does not exist; create it or choose another place"
        )
    db = open_profile(args)
    try:
        done = export_file(db, target.resolve())
    finally:
        db.close()
    say(done.message())
    return 0


def register(sub: SubParsers) -> None:
    parser = command(
        sub,
        "import",
        _cmd_import,
        "import applications from a CSV file, or everything from a NextCall JSON export",
        writes=lambda args: not args.dry_run,
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "CSV: common headings are recognised (Company/Employer/Organization, Role/Title/\n"
        "Position/Job Title, Stage, Status, Applied/Date Applied/Application Date, URL/Link,\n"
        "Location, Salary, Source, Notes, Tags); map others with --map. Targets: company,\n"
        "position, stage, status, applied, url, location, salary, source, notes, tags,\n"
        "account, shift, ignore. Rows already in the profile are skipped.\n"
        "Dates like 11/05/2026: a day above 12 in the column shows the order; otherwise\n"
        "say it with --date-order dmy (day/month/year) or mdy (month/day/year).\n"
        "All rows are imported in one transaction, after a backup; if any row is bad,\n"
        "the bad rows are listed with their line numbers and nothing is imported.\n"
        "JSON: a file from `nextcall export FILE.json`; importing it twice adds nothing.\n"
        "\n"
        "Exit status: 0 imported (or would import, with --dry-run); 1 bad rows or an\n"
        "unreadable file, nothing imported; 2 a usage error."
    )
    parser.add_argument("file", metavar="FILE", help="a .csv or .json file")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    parser.add_argument(
        "--map",
        metavar="MAP",
        help='CSV columns to targets, e.g. "Employer=company,Job Title=position"',
    )
    parser.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="how the CSV writes dates like 11/05/2026: dmy (11 May) or mdy (5 November)",
    )
    parser.set_defaults(usage_error=parser.error)
    _export_parser(
        command(sub, "export", _cmd_export, "export data; the extension picks what", writes=False)
    )


def _export_parser(parser: Parser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "FILE.csv   every application with its milestones (opens in spreadsheets)\n"
        "FILE.json  everything, to back up or move to another computer (nextcall import)\n"
        "FILE.ics   scheduled interviews, for a calendar app\n"
        "\n"
        "Exit status: 0 saved; 1 the file could not be written (e.g. missing folder);\n"
        "2 a usage error (e.g. an unknown extension)."
    )
    parser.add_argument("file", metavar="FILE", help="where to save: FILE.csv, .json or .ics")
    parser.set_defaults(usage_error=parser.error)
