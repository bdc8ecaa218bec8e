"""Where things go wrong: a rotating log in the data folder, and a last resort for exceptions
nobody caught.

The log is ``logs/nextcall.log`` in the data folder (1 MB, with three older files kept),
readable by the user only. It records events, ids, counts and exceptions with their
tracebacks, never note text or other personal content: the code logs ids and counts, SQL
errors carry no parameters (store/engine.py hides them), and an exception's text is left out
unless it cannot hold personal content (``safe_message``). Set up once per process by
``setup_logging``, from the app and the CLI.

``install_exception_hooks`` replaces ``sys.excepthook`` and ``threading.excepthook``: the
exception goes to the log, and the caller's ``show`` tells the person (a dialog in the app).
No Qt here: the command line uses this module too.
"""

from __future__ import annotations

import contextlib
import io
import logging
import logging.handlers
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from nextcall.core.paths import DataPaths, private_folder

LOG_NAME = "nextcall.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
MESSAGE_LIMIT = 300
FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(threadName)s %(name)s: %(message)s"
logger = logging.getLogger("nextcall")

_handler: PrivateRotatingFileHandler | None = None
# Their messages describe code (names, types), never the data being handled: kept as they are.
_CODE_ERRORS = (AttributeError, ImportError, NameError, TypeError, NotImplementedError)


def safe_message(exc: BaseException) -> str:
    """What an exception says, when that cannot be personal content; otherwise only its length.

    SQLite's and SQLAlchemy's texts name tables and columns (the engine hides parameters), the
    system's errors are a number and a phrase (the file name is left out), and errors about
    code name code. Anything else (ValueError, KeyError, our own messages quoting what was
    typed...) may carry a note's words, so the log says how long the message was, not what.
    """
    import sqlite3

    text = str(exc)
    module = type(exc).__module__
    if isinstance(exc, OSError) and exc.errno is not None:
        text = f"[Errno {exc.errno}] {exc.strerror}"
    elif not (isinstance(exc, (sqlite3.Error, *_CODE_ERRORS)) or module.startswith("sqlalchemy")):
        return f"(message withheld: {len(text)} characters)" if text else ""
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def format_exception(exc: BaseException) -> str:
    """The traceback (where: files, lines, functions, code) with ``safe_message`` texts, causes
    and contexts included."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    parts: list[str] = []
    for item in reversed(chain):
        if parts:
            parts.append("\nwhich led to:\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(item.__traceback__))
        name = type(item).__qualname__
        module = type(item).__module__
        qualified = name if module == "builtins" else f"{module}.{name}"
        parts.append(f"{qualified}: {safe_message(item)}\n")
    return "".join(parts).rstrip("\n")


class _Formatter(logging.Formatter):
    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        exc = ei[1]
        return format_exception(exc) if isinstance(exc, BaseException) else ""


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates its folder when first needed and its files 0600; a log that cannot be written
    (a full disk, a read-only folder) is skipped silently: logging must never stop the app."""

    def _open(self) -> io.TextIOWrapper:
        private_folder(Path(self.baseFilename).parent)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return open(fd, "a", encoding=self.encoding or "utf-8", errors="backslashreplace")

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


def log_path(paths: DataPaths) -> Path:
    return paths.logs / LOG_NAME


def setup_logging(paths: DataPaths, level: int = logging.INFO) -> Path:
    """Send the ``nextcall`` loggers to the data folder's log (replacing an earlier folder's
    handler, so a process that opens several profiles, like the test suite, logs to the last)."""
    global _handler
    target = log_path(paths)
    if _handler is not None and Path(_handler.baseFilename) == target:
        return target
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    _handler = PrivateRotatingFileHandler(
        target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    _handler.setFormatter(_Formatter(FORMAT))
    logger.addHandler(_handler)
    logger.setLevel(level)
    return target


def current_log() -> Path | None:
    """The log file in use, or None before ``setup_logging``."""
    return Path(_handler.baseFilename) if _handler is not None else None


def describe_exception(exc: BaseException) -> str:
    """One line for a person: the kind of problem and where it happened in NextCall's code."""
    where = ""
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    ours = [f for f in frames if f"{os.sep}nextcall{os.sep}" in f.filename] or frames
    if ours:
        frame = ours[-1]
        module = Path(frame.filename).name
        where = f" in {module}, line {frame.lineno} ({frame.name})"
    return f"{type(exc).__name__}{where}"


def log_exception(exc: BaseException, context: str = "unexpected problem") -> None:
    logger.error("%s: %s", context, describe_exception(exc), exc_info=exc)


Show = Callable[[str], None]


def install_exception_hooks(show: Show | None = None) -> Callable[[], None]:
    """Log every uncaught exception (main thread and other threads) and call ``show`` with a
    one-line summary; returns a function that puts the previous hooks back."""
    previous_sys, previous_thread = sys.excepthook, threading.excepthook

    def on_exception(
        kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            previous_sys(kind, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        log_exception(exc, "uncaught exception")
        if show is not None:
            with contextlib.suppress(Exception):  # the hook itself must never fail
                show(describe_exception(exc))

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        log_exception(args.exc_value, f"uncaught exception in thread {name}")
        if show is not None:
            with contextlib.suppress(Exception):
                show(describe_exception(args.exc_value))

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception

    def restore() -> None:
        sys.excepthook, threading.excepthook = previous_sys, previous_thread

    return restore
