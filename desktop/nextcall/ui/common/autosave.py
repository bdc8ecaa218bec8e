"""The one autosave for everything the user types: no Save button to forget.

A view hands over its text sources (text documents, or callables that read a field) and a save
function; every edit marks a part dirty. A save starts 350 ms after the last edit, or 800 ms
after the first unsaved one while typing goes on, so a crash loses under a second of typing.
The text is read on the GUI thread (in slices for megabyte documents) and the save function
runs on a background thread, one call (one transaction) per save; while a save runs, newer
edits wait and the latest text wins. The status line says "Saved at …" (the time the service
returned) only once the database has committed everything the view shows, and "Not saved: …
— your text is kept" when it could not; the view flushes before it shows another record and
when it closes.

The save function gets the record's key and the dirty fields (plain values; a text may come in
pieces, joined with :func:`joined`) and returns :class:`Saved`. A record that does not exist
yet is followed as a :class:`New`: its first save gets all the details, creates the record and
returns its key, which the autosave follows from then on.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox, QWidget

from nextcall.core.errors import (
    DiskFullError,
    NextCallError,
    OpenedReadOnlyError,
    ReadOnlyError,
    StorageError,
)
from nextcall.ui.common.background import SerialWorker
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.plain_text import BIG, TextCollector, raw_text

DEBOUNCE_MS = 350
MAX_WAIT_MS = 800
RETRY_MS = 4000
IDLE = QT_TRANSLATE_NOOP("Autosave", "Changes are saved as you type")
SAVING = QT_TRANSLATE_NOOP("Autosave", "Saving…")

Source = QTextDocument | Callable[[], str]


@dataclass(frozen=True)
class Saved:
    """What one save stored."""

    key: Hashable  # the record saved (a save that created it: the new record's key)
    at: datetime  # when the service stored it, by the database clock
    detail: Any = None  # anything else the view wants from the save (e.g. its list row)


class New:
    """A record the first save creates (each instance a different one)."""

    def __repr__(self) -> str:
        return f"New({id(self):#x})"


SaveFunction = Callable[[Any, dict[str, Any]], Saved]


def joined(text: str | list[str]) -> str:
    """A text as the save function gets it: whole, or in pieces read off a big document."""
    return "".join(text) if isinstance(text, list) else text


def describe_error(error: BaseException) -> str:
    """A short reason a person can act on."""
    if isinstance(error, DiskFullError):
        return "the disk is full; free some space and it is saved by itself"
    if isinstance(error, OpenedReadOnlyError):
        return "NextCall opened your data read-only (the top of its window says why)"
    if isinstance(error, ReadOnlyError):
        return "the data folder is read-only"
    if isinstance(error, StorageError):
        return "the disk could not be written"
    if isinstance(error, NextCallError):
        text = str(error).rstrip(".")
        return text[:1].lower() + text[1:]
    detail = str(getattr(error, "orig", None) or error).lower()
    if "locked" in detail or "busy" in detail:
        return "the database is busy; trying again in a moment"
    if "full" in detail:
        return "the disk is full"
    if "readonly" in detail or "read-only" in detail:
        return "the data folder is read-only"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return f"an unexpected problem ({type(error).__name__})"


def close_anyway(parent: QWidget, autosave: Autosave, what: str) -> bool:
    """For a view about to close: save what is typed now; if that fails, ask whether to close
    anyway and lose the latest changes (Cancel, the default, keeps it open and the autosave
    trying). True: close. ``what`` names the text, translated ("interview note")."""
    if autosave.flush():
        return True
    error = autosave.error or QCoreApplication.translate("Autosave", "it is still being saved")
    answer = QMessageBox.warning(
        parent,
        QCoreApplication.translate("Autosave", "Not saved"),
        QCoreApplication.translate(
            "Autosave",
            "The {what} you are writing could not be saved: {error}.\n\nClose anyway and lose "
            "the latest changes? (Copy the text first if you need it.)",
        ).format(what=what, error=error),
        QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Close


class Autosave(QObject):
    status_changed = Signal(str)
    committed = Signal(object)  # Saved, after the commit

    def __init__(
        self,
        save: SaveFunction,
        texts: Mapping[str, Source],
        parent: QObject | None = None,
        *,
        details: Callable[[], dict[str, Any]] | None = None,
        name: str = "nextcall-autosave",
    ) -> None:
        """``texts``: the typed parts by name. Any other part marked dirty stands for the
        details (choices, links, tags): ``details()`` is read on the GUI thread and saved
        with the texts."""
        super().__init__(parent)
        self.save = save
        self.texts = dict(texts)
        self.details = details or dict
        self.worker = SerialWorker(name, self)
        self.worker.finished.connect(self._finished)
        self.key: Hashable | None = None
        self.status = self.tr(IDLE)
        self.error: str | None = None
        self.saved_at: datetime | None = None
        self._dirty: set[str] = set()
        self._inflight: tuple[int, set[str], Hashable] | None = None  # ticket, parts, key
        self._again = False
        self._collecting: list[TextCollector] = []
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        for timer in (self._debounce, self._max_wait, self._retry):
            timer.timeout.connect(self.save_now)

    # -- what the view calls -------------------------------------------------------------------

    def follow(self, key: Hashable | None) -> None:
        """Follow another record (None: nothing; edits are not saved). Call ``flush()``
        first: unsaved edits of the old one are dropped here."""
        self._cancel_collect()
        for timer in (self._debounce, self._max_wait, self._retry):
            timer.stop()
        self._dirty.clear()
        self.key = key
        self.error = None
        self.saved_at = None
        self._set_status(self.tr(IDLE))

    def mark(self, part: str) -> None:
        """Something changed: a text part by its name, or any other name for the details."""
        if self.key is None:
            return
        self._dirty.add(part)
        self._cancel_collect()
        self._debounce.start()
        if not self._max_wait.isActive():
            self._max_wait.start()
        if self.error is None:
            self._set_status(self.tr(SAVING))

    @property
    def pending(self) -> bool:
        return bool(self._dirty) or self._inflight is not None

    def save_now(self) -> None:
        """Start saving what is dirty, without waiting for the timers."""
        self._debounce.stop()
        self._max_wait.stop()
        if self.key is None or not self._dirty or self._collecting:
            return
        if self._inflight is not None:
            self._again = True
            return
        parts = set(self._dirty)
        big = [p for p in parts & set(self.texts) if self._is_big(p)]
        texts: dict[str, str | list[str]] = {
            p: self._read(p) for p in parts & set(self.texts) if p not in big
        }
        if not big:
            self._submit(parts, texts)
            return
        for part in big:
            source = self.texts[part]
            assert isinstance(source, QTextDocument)
            collector = TextCollector(source, self)
            collector.done.connect(partial(self._collected, collector, part, parts, texts))
            collector.aborted.connect(self._cancel_collect)
            self._collecting.append(collector)
        for collector in list(self._collecting):
            collector.start()

    def flush(self, timeout: float = 30.0) -> bool:
        """Save everything now and wait for it; True when the database has it all."""
        self._cancel_collect()
        self._debounce.stop()
        self._max_wait.stop()
        self._retry.stop()
        for _attempt in range(2):
            if self._inflight is not None:
                ticket = self._inflight[0]
                try:
                    result, error = self.worker.wait(ticket, timeout)
                except TimeoutError:
                    return False  # still saving; its result arrives as usual
                self._finished(ticket, result, error, resume=False)
            if not self._dirty or self.key is None:
                break
            if self._inflight is None:
                parts = set(self._dirty)
                self._submit(parts, {p: self._read(p) for p in parts & set(self.texts)})
            if self.error is not None and self._inflight is None:
                break
        return not self._dirty and self._inflight is None and self.error is None

    def discard(self) -> None:
        """Forget unsaved edits (the record is being deleted)."""
        if self._inflight is not None:
            self.worker.wait(self._inflight[0])
            self._inflight = None
        self.follow(None)

    def shutdown(self) -> None:
        self._cancel_collect()
        self.worker.shutdown()

    # -- inside ----------------------------------------------------------------------------------

    def _read(self, part: str) -> str:
        source = self.texts[part]
        return raw_text(source) if isinstance(source, QTextDocument) else source()

    def _is_big(self, part: str) -> bool:
        source = self.texts[part]
        return isinstance(source, QTextDocument) and source.characterCount() > BIG

    def _set_status(self, text: str) -> None:
        if text != self.status:
            self.status = text
            self.status_changed.emit(text)

    def _cancel_collect(self) -> None:
        # An edit while reading aborts it too: the timers mark() restarted read again later.
        for collector in self._collecting:
            collector.cancel()
            collector.deleteLater()
        self._collecting.clear()

    def _collected(
        self,
        collector: TextCollector,
        part: str,
        parts: set[str],
        texts: dict[str, str | list[str]],
        pieces: list[str],
    ) -> None:
        texts[part] = pieces
        if collector in self._collecting:
            self._collecting.remove(collector)
            collector.deleteLater()
        if not self._collecting and all(p in texts for p in parts & set(self.texts)):
            self._submit(parts, texts)

    def _submit(self, parts: set[str], texts: dict[str, str | list[str]]) -> None:
        key = self.key
        assert key is not None
        fields: dict[str, Any] = dict(texts)
        if isinstance(key, New) or parts - set(self.texts):
            fields.update(self.details())
        self._dirty -= parts
        self._again = False
        ticket = self.worker.submit(partial(self.save, key, fields))
        self._inflight = (ticket, parts, key)
        if self.error is None:
            self._set_status(self.tr(SAVING))

    def _finished(
        self, ticket: int, result: Any, error: BaseException | None, *, resume: bool = True
    ) -> None:
        if self._inflight is None or self._inflight[0] != ticket:
            return
        _, parts, key = self._inflight
        self._inflight = None
        if key != self.key:
            return  # a save of a record no longer shown (it was discarded)
        if error is not None:
            self._dirty |= parts  # still unsaved: the next save reads the view again
            self.error = describe_error(error)
            self._set_status(
                self.tr("Not saved: {error} — your text is kept").format(error=self.error)
            )
            # Busy, full or read-only: worth trying again; a refused value is not.
            if resume and (isinstance(error, StorageError) or not isinstance(error, NextCallError)):
                self._retry.start()
            return
        self.error = None
        self.key = result.key  # a new record is followed by its key from now on
        self.saved_at = result.at
        self.committed.emit(result)
        if self._dirty:
            self._set_status(self.tr(SAVING))
            if resume and (self._again or not self._debounce.isActive()):
                self.save_now()
        else:
            saved = f"{result.at:%H:%M:%S}"
            self._set_status(self.tr("Saved at {time}").format(time=saved))
