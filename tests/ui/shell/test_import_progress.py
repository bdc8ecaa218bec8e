"""A CSV import in the dialog shows how far it has got, and Cancel stops it with nothing
added."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from nextcall.services import data_import
from nextcall.services.database import Database
from nextcall.store.models import Application
from nextcall.ui.shell.import_dialog import DONE, MAPPING, PREVIEW, ImportDialog
from nextcall.ui.shell.import_progress import ImportProgress

ROWS = 12


def csv_file(tmp_path: Path) -> Path:
    lines = ["Company,Job Title,Status,Date Applied"]
    lines += [f"Company {n},Agent {n},Applied,2026-10-{n + 1:02d}" for n in range(ROWS)]
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def count(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count(Application.id))).scalar_one())


def previewed(qtbot, db: Database, tmp_path: Path) -> ImportDialog:
    d = ImportDialog(db, None)
    qtbot.addWidget(d)
    d.show()
    d.load(csv_file(tmp_path))
    qtbot.waitUntil(lambda: not d.busy_now() and d.page() == MAPPING, timeout=5000)
    d.next_step()
    qtbot.waitUntil(lambda: not d.busy_now() and d.page() == PREVIEW, timeout=5000)
    return d


def test_the_bar_follows_the_batches(
    qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data_import, "_CHUNK", 5)
    shown: list[tuple[int, int]] = []
    real = ImportProgress._show

    def spy(self: ImportProgress, done: int, total: int) -> None:
        shown.append((done, total))
        real(self, done, total)

    monkeypatch.setattr(ImportProgress, "_show", spy)
    d = previewed(qtbot, db, tmp_path)
    qtbot.mouseClick(d.next_button, Qt.MouseButton.LeftButton)
    assert d.progress.isVisible()
    assert d.progress.label.text() == f"0 of {ROWS}"
    qtbot.waitUntil(lambda: d.page() == DONE, timeout=10000)
    assert shown == [(5, ROWS), (10, ROWS), (12, ROWS)]
    assert not d.progress.isVisible()
    assert count(db) == ROWS


def test_cancel_stops_the_import_and_adds_nothing(
    qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data_import, "_CHUNK", 5)
    inside, go = threading.Event(), threading.Event()
    real = data_import.create_applications_in

    def held(*args: Any, **kwargs: Any) -> list[int]:
        inside.set()
        go.wait(10)  # the first batch waits until Cancel was pressed
        return real(*args, **kwargs)

    monkeypatch.setattr(data_import, "create_applications_in", held)
    d = previewed(qtbot, db, tmp_path)
    qtbot.mouseClick(d.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(inside.is_set, timeout=5000)
    qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton)
    assert d.isVisible()  # Cancel stops the import, not the dialog
    assert d.progress.label.text() == "Cancelling…"
    go.set()
    qtbot.waitUntil(lambda: not d.busy_now(), timeout=10000)
    assert d.page() == PREVIEW
    assert d.message.text() == "Import cancelled: nothing was imported."
    assert not d.progress.isVisible()
    assert count(db) == 0
    assert d.next_button.isEnabled()  # and it can be run again
