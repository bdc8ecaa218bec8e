"""What every command-line module shares: the parser class, opening the profile, registering
a command."""

from __future__ import annotations

import argparse
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
    from nextcall.services.database import Database  # not on the path of `nextcall --version`

    return Database.open(resolve(args.data_dir))


def command(sub: SubParsers, name: str, handler: Handler, help_text: str) -> Parser:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    assert isinstance(parser, Parser)
    return parser


def say(line: str) -> None:
    """Print a line of user text; characters the terminal cannot show become '?'."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    print(line.encode(encoding, errors="replace").decode(encoding, errors="replace"))


def pick_application(db: Database, text: str) -> ApplicationMatch:
    """The one application ``text`` names; when several match, the error lists them."""
    from nextcall.core.errors import NextCallError
    from nextcall.services.lookup import AmbiguousApplicationError, find_application

    try:
        return find_application(db, text)
    except AmbiguousApplicationError as exc:
        lines = "\n".join(f"  {item.describe()}" for item in exc.matches)
        raise NextCallError(f"{exc}\n{lines}") from None
