"""Commands about keeping the data safe: back up, restore, check (and repair)."""

from __future__ import annotations

import argparse

from nextcall.cli.common import SubParsers, command, say
from nextcall.core.errors import NextCallError
from nextcall.core.paths import resolve


def _cmd_backup(args: argparse.Namespace) -> int:
    from nextcall.services.backups import take_backup

    paths = resolve(args.data_dir)
    if not paths.database.is_file():
        raise NextCallError(f"nothing to back up yet: {paths.root} holds no NextCall data")
    info = take_backup(paths, "manual")
    say(str(info.path))
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from nextcall.services.backups import find_backup, restore_file
    from nextcall.services.recovery import describe

    paths = resolve(args.data_dir)
    info = find_backup(paths, args.backup)
    result = restore_file(paths, info)
    say(f"Restored {info.path.name}, taken {describe(info)}, into {paths.database}.")
    if result.previous is not None:
        say(f"The data it replaced was backed up as {result.previous}.")
    if result.moved_aside is not None:
        say(f"The damaged file it replaced was moved to {result.moved_aside}.")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from nextcall.services.health import (
        check_database,
        rebuild_indexes_if_only_they_are_wrong,
        repair,
    )
    from nextcall.services.recovery import describe

    paths = resolve(args.data_dir)
    if args.repair:
        done = repair(paths)
        if done is not None:
            if done.moved_to is not None:
                say(f"Moved the damaged file to {done.moved_to}.")
            if done.restored is None:
                say("No good backup was found: NextCall starts with empty data.")
                return 1
            info = done.restored.restored.restored
            say(f"Restored {info.path.name}, taken {describe(info)}.")
            for line in done.restored.report():
                say(line)
        fixed = rebuild_indexes_if_only_they_are_wrong(paths)
        if fixed:
            say(f"Rebuilt the indexes from the data ({fixed} problem(s) were only in them).")
    problems = check_database(paths)
    if not problems:
        say("ok")
        return 0
    for line in problems:
        say(line)
    return 1


def register(sub: SubParsers) -> None:
    # A backup only reads the database (SQLite's backup API), so it may run beside the app.
    command(
        sub,
        "backup",
        _cmd_backup,
        "take a verified backup of your data now; prints its path",
        writes=False,
    )
    restore = command(
        sub,
        "restore",
        _cmd_restore,
        "put a backup in place of your data (the current data is backed up first)",
    )
    restore.add_argument(
        "backup",
        nargs="?",
        metavar="BACKUP",
        help="a backup file, or its name in the backups folder (default: the newest good one)",
    )
    check = command(
        sub,
        "check",
        _cmd_check,
        "check the database file; prints ok or one line a problem (exit 1)",
        writes=lambda args: args.repair,
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="if the file is damaged, move it aside (never deleting it) and restore the newest "
        "good backup",
    )
