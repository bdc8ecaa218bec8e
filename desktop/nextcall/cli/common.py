"""What every command-line module shares: the parser class, opening the profile, registering
a command."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from nextcall.core.paths import resolve

if TYPE_CHECKING:
    from nextcall.services.database import Database
    from nextcall.services.lookup import ApplicationMatch

Handler = Callable[[argparse.Namespace], int]
SubParsers = argparse._SubParsersAction


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"nextcall: error: {message}\n")


def open_profile(args: argparse.Namespace) -> Database:
    """The profile; a command that only reads opens it read-only when the storage refuses
    writes (a full disk, a read-only drive or folder), so showing and exporting still work."""
    from nextcall.services.database import Database  # not on the path of `nextcall --version`
    from nextcall.services.recovery import refuse_if_lost

    writes = getattr(args, "writes", True)
    if callable(writes):
        writes = writes(args)
    paths = resolve(args.data_dir)
    refuse_if_lost(paths)  # never a silent empty profile over a deleted or emptied file
    return Database.open(paths) if writes else Database.open_for_reading(paths)


def command(
    sub: SubParsers,
    name: str,
    handler: Handler,
    help_text: str,
    *,
    writes: bool | Callable[[argparse.Namespace], bool] = True,
) -> Parser:
    """Register a command. ``writes`` says whether it changes the data (a bool, or a function
    of the parsed arguments, e.g. not for ``--dry-run``): a writing command runs only while it
    holds the data folder's writer lock (store/writer_lock.py), so it never writes while the
    app is open on the same folder. Leave it True unless the command only reads."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler, command_name=name, writes=writes)
    assert isinstance(parser, Parser)
    return parser


WRITER_WAIT = 3.0  # seconds a writing command waits for the app or another command


def _upgrade_pending(args: argparse.Namespace) -> bool:
    """A reading command on a file of an older schema upgrades it on opening: a write, so it
    takes the writer lock like any other (never beside the app, never two at once)."""
    from nextcall.store.migrate import needs_upgrade

    return needs_upgrade(resolve(args.data_dir).database)


def run_command(handler: Handler, args: argparse.Namespace) -> int:
    """Run a command's handler, under the writer lock when the command writes."""
    writes = getattr(args, "writes", True)
    if callable(writes):
        writes = writes(args)
    if not writes and not _upgrade_pending(args):
        return handler(args)
    from nextcall.store.writer_lock import WriterLock

    name = getattr(args, "command_name", "") or "command"
    lock = WriterLock(resolve(args.data_dir).root, f"nextcall command {name}")
    with lock.acquire(wait=WRITER_WAIT):
        if lock.taken_over is not None:
            import logging

            logging.getLogger(__name__).warning(
                "took over the writer lock left by %s (no longer running)",
                lock.taken_over.describe(),
            )
        return handler(args)


# C0 controls but tab and newline, DEL, and the C1 controls (0x9b starts an escape sequence on
# some terminals): shown as visible symbols, so stored text can never drive the terminal.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (Unicode control pictures)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def printable(text: str) -> str:
    """``text`` with control characters made visible (newline and tab kept)."""
    return _CONTROLS.sub(_visible, text)


def say(line: str = "") -> None:
    """Print user text on stdout: control characters made visible, and characters the
    terminal's encoding cannot show become '?'."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    shown = printable(line)
    print(shown.encode(encoding, errors="replace").decode(encoding, errors="replace"))


def say_json(value: object) -> None:
    """Print ``value`` as JSON; control characters are always \\u escapes (json leaves DEL
    and the C1 range raw), so the output is safe on a terminal and still the same data."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    say(re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text))


def pick_application(db: Database, text: str) -> ApplicationMatch:
    """The one application ``text`` names; when several match, the error lists them."""
    from nextcall.core.errors import NextCallError
    from nextcall.services.lookup import AmbiguousApplicationError, find_application

    try:
        return find_application(db, text)
    except AmbiguousApplicationError as exc:
        lines = "\n".join(f"  {item.describe()}" for item in exc.matches)
        raise NextCallError(f"{exc}\n{lines}") from None
