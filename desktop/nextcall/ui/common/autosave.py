"""Autosave for the note editor: no Save button to forget.

Every edit marks a part of the note dirty (its text, its fix, or its details). A save starts
350 ms after the last edit, or 800 ms after the first unsaved one while typing goes on, so a
crash loses under a second of typing. The text is read on the GUI thread (in slices for
megabyte notes) and written on a background thread, one transaction per save; while a save
runs, newer edits wait and the latest text wins. The status line says "Saved at …" only once
the database has committed everything the editor shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument

from nextcall.core.errors import DiskFullError, NextCallError, ReadOnlyError, StorageError
from nextcall.services.database import Database
from nextcall.services.note_list import NoteSummary, note_summary
from nextcall.services.notes import save_note
from nextcall.ui.common.background import SerialWorker
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.notes.text import BIG, TextCollector, raw_text

DEBOUNCE_MS = 350
MAX_WAIT_MS = 800
RETRY_MS = 4000
TEXT_PARTS = ("body", "fix")
IDLE = QT_TRANSLATE_NOOP("Autosave", "Changes are saved as you type")
SAVING = QT_TRANSLATE_NOOP("Autosave", "Saving…")


@dataclass(frozen=True)
class SaveResult:
    note_id: int
    updated_at: datetime
    summary: NoteSummary | None
    body_length: int | None  # characters of text committed by this save (None: text unchanged)


def save_job(db: Database, note_id: int, fields: dict[str, Any]) -> SaveResult:
    """Runs on the background thread: plain values in, plain values out. A text may come in
    pieces (a list of str) and is joined here, not on the GUI thread."""
    fields = {k: "".join(v) if isinstance(v, list) else v for k, v in fields.items()}
    updated = save_note(db, note_id, **fields)
    body = fields.get("body")
    length = None if body is None else len(body)
    return SaveResult(note_id, updated, note_summary(db, note_id), length)


def describe_error(error: BaseException) -> str:
    """A short reason a person can act on."""
    if isinstance(error, DiskFullError):
        return "the disk is full; free some space"
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


class Autosave(QObject):
    status_changed = Signal(str)
    committed = Signal(object)  # SaveResult, after the commit

    def __init__(
        self,
        db: Database,
        documents: dict[str, QTextDocument],
        metadata: Callable[[], dict[str, Any]],
        parent: QObject | None = None,
        *,
        job: Callable[[Database, int, dict[str, Any]], SaveResult] = save_job,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.documents = documents
        self.metadata = metadata
        self.job = job
        self.worker = SerialWorker("nextcall-notes-save", self)
        self.worker.finished.connect(self._finished)
        self.note_id: int | None = None
        self.status = self.tr(IDLE)
        self.error: str | None = None
        self.saved_at: datetime | None = None
        self._dirty: set[str] = set()
        self._edits = 0
        self._inflight: tuple[int, set[str], int] | None = None  # ticket, parts, note id
        self._again = False
        self._collecting: list[TextCollector] = []
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        for timer in (self._debounce, self._max_wait, self._retry):
            timer.timeout.connect(self.save_now)

    # -- what the editor calls ---------------------------------------------------------------

    def set_note(self, note_id: int | None) -> None:
        """Follow another note. Call ``flush()`` first: unsaved edits of the old one are
        dropped here."""
        self._cancel_collect()
        for timer in (self._debounce, self._max_wait, self._retry):
            timer.stop()
        self._dirty.clear()
        self.note_id = note_id
        self.error = None
        self.saved_at = None
        self._set_status(self.tr(IDLE))

    def mark(self, part: str) -> None:
        """Something changed: ``body``, ``fix`` or ``meta`` (kind, links, tags)."""
        if self.note_id is None:
            return
        self._dirty.add(part)
        self._edits += 1
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
        if self.note_id is None or not self._dirty or self._collecting:
            return
        if self._inflight is not None:
            self._again = True
            return
        parts = set(self._dirty)
        big = [p for p in parts & set(TEXT_PARTS) if self.documents[p].characterCount() > BIG]
        if not big:
            self._submit(parts, {p: raw_text(self.documents[p]) for p in parts & set(TEXT_PARTS)})
            return
        texts: dict[str, str | list[str]] = {
            p: raw_text(self.documents[p]) for p in parts & set(TEXT_PARTS) if p not in big
        }
        for part in big:
            collector = TextCollector(self.documents[part], self)
            collector.done.connect(partial(self._collected, collector, part, parts, texts))
            collector.aborted.connect(partial(self._collect_aborted, collector))
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
            if not self._dirty or self.note_id is None:
                break
            if self._inflight is None:
                parts = set(self._dirty)
                self._submit(
                    parts, {p: raw_text(self.documents[p]) for p in parts & set(TEXT_PARTS)}
                )
            if self.error is not None and self._inflight is None:
                break
        return not self._dirty and self._inflight is None and self.error is None

    def discard(self) -> None:
        """Forget unsaved edits (the note is being deleted)."""
        if self._inflight is not None:
            ticket = self._inflight[0]
            self.worker.wait(ticket)
            self._inflight = None
        self.set_note(None)

    def shutdown(self) -> None:
        self._cancel_collect()
        self.worker.shutdown()

    # -- inside ----------------------------------------------------------------------------------

    def _set_status(self, text: str) -> None:
        if text != self.status:
            self.status = text
            self.status_changed.emit(text)

    def _cancel_collect(self) -> None:
        for collector in self._collecting:
            collector.cancel()
            collector.deleteLater()
        self._collecting.clear()

    def _collect_aborted(self, collector: TextCollector) -> None:
        self._cancel_collect()
        # The edit that aborted it restarted the timers (mark): the next save reads again.

    def _collected(
        self,
        collector: TextCollector,
        part: str,
        parts: set[str],
        texts: dict[str, str | list[str]],
        parts_of_text: list[str],
    ) -> None:
        texts[part] = parts_of_text
        if collector in self._collecting:
            self._collecting.remove(collector)
            collector.deleteLater()
        if not self._collecting and all(p in texts for p in parts & set(TEXT_PARTS)):
            self._submit(parts, texts)

    def _submit(self, parts: set[str], texts: dict[str, Any]) -> None:
        assert self.note_id is not None
        fields: dict[str, Any] = dict(texts)
        if "meta" in parts:
            fields.update(self.metadata())
        self._dirty -= parts
        self._again = False
        ticket = self.worker.submit(partial(self.job, self.db, self.note_id, fields))
        self._inflight = (ticket, parts, self.note_id)
        if self.error is None:
            self._set_status(self.tr(SAVING))

    def _finished(
        self, ticket: int, result: Any, error: BaseException | None, *, resume: bool = True
    ) -> None:
        if self._inflight is None or self._inflight[0] != ticket:
            return
        _, parts, note_id = self._inflight
        self._inflight = None
        if note_id != self.note_id:
            return  # a save of a note no longer shown (it was discarded)
        if error is not None:
            self._dirty |= parts  # still unsaved: the next save reads the editor again
            self.error = describe_error(error)
            self._set_status(
                self.tr("Not saved: {error} — your text is kept").format(error=self.error)
            )
            # Busy, full or read-only: worth trying again; a refused value is not.
            if resume and (isinstance(error, StorageError) or not isinstance(error, NextCallError)):
                self._retry.start()
            return
        self.error = None
        self.saved_at = result.updated_at
        self.committed.emit(result)
        if self._dirty:
            self._set_status(self.tr(SAVING))
            if resume and (self._again or not self._debounce.isActive()):
                self.save_now()
        else:
            saved = f"{result.updated_at:%H:%M:%S}"
            self._set_status(self.tr("Saved at {time}").format(time=saved))
