"""The command line: ``nextcall [--data-dir DIR] [COMMAND]``. Thin over services/.

Without a command it starts the desktop app. Errors a user can fix print one line on stderr and
exit 1; usage errors exit 2. Commands live in one module per area of this package (pipeline,
notes, documents, backup, data, practice), each with a ``register(sub)``; add a module the same
way to add commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nextcall import __version__
from nextcall.cli import backup, data, documents, notes, pipeline, practice, scores, voice
from nextcall.cli.common import (
    Handler,
    Parser,
    command,
    open_profile,
    printable,
    run_command,
    say,
)
from nextcall.core.errors import NextCallError
from nextcall.core.paths import resolve
from nextcall.diagnostics import describe_exception, log_exception, logger, setup_logging
from nextcall.store.failures import storage_error


def _cmd_demo(args: argparse.Namespace) -> int:
    from nextcall.services.demo import fill_demo

    db = open_profile(args)
    try:
        summary = fill_demo(db)
    finally:
        db.close()
    say(
        f"Added sample data to {db.paths.root}: {summary.applications} applications, "
        f"{summary.events} milestone events, {summary.notes} notes, "
        f"{summary.follow_ups} follow-ups."
    )
    return 0


def build_parser() -> Parser:
    parser = Parser(
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
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    command(sub, "demo", _cmd_demo, "fill an empty profile with realistic sample data")
    pipeline.register(sub)
    notes.register(sub)
    documents.register(sub)
    backup.register(sub)
    data.register(sub)
    practice.register(sub)
    voice.register(sub)
    scores.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    paths = resolve(args.data_dir)
    log = setup_logging(paths)  # logs/nextcall.log in the data folder: events, never note text
    try:
        if handler is None:
            from nextcall.ui.startup.app import run_app

            return run_app(args.data_dir)
        return run_command(handler, args)
    except NextCallError as exc:
        logger.info("%s refused: %s", getattr(args, "command_name", "app"), type(exc).__name__)
        print(f"nextcall: error: {printable(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (e.g. `nextcall funnel --json | head`): not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        problem = storage_error(exc, paths.root)
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"nextcall: error: {problem or exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, or a failure nobody foresaw: one line, details in the log
        problem = storage_error(exc, paths.root)
        if problem is not None:
            print(f"nextcall: error: {problem}", file=sys.stderr)
            return 1
        log_exception(exc, f"{getattr(args, 'command_name', 'app')} failed")
        print(
            f"nextcall: error: an unexpected problem ({describe_exception(exc)}); "
            f"the details are in {log}",
            file=sys.stderr,
        )
        return 1


def gui_main() -> None:
    """Entry point of the windowed launcher (no console on Windows)."""
    sys.exit(main())
