"""The Notes tab: the grouped list fetched in pages, new and delete, search as you type,
filters, and the public API the main window uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note, get_note, list_notes
from nextcall.store.models import Note
from nextcall.ui.common.theme import apply_theme
from nextcall.ui.notes import NotesTab
from nextcall.ui.notes.list_model import (
    FIRST_NOTES,
    GROUP_PAGE,
    ITEM_ROLE,
    NOTE_ID_ROLE,
    ROW_KIND_ROLE,
)

MakeTab = Callable[[], NotesTab]


def _app(db: Database, company: str, position: str = "Agent") -> int:
    return add_application(db, ApplicationForm(company=company, position=position))


def _note(db: Database, body: str, when: datetime | None = None, **kw: object) -> int:
    note_id = add_note(db, NoteInput(body, **kw))  # type: ignore[arg-type]
    if when is not None:
        with db.session() as s:
            s.execute(
                update(Note).where(Note.id == note_id).values(created_at=when, updated_at=when)
            )
    return note_id


@pytest.fixture
def sample(db: Database) -> dict[str, int]:
    day = datetime(2026, 11, 1, 10, 0)
    harbor = _app(db, "Harborline BPO", "Customer service agent")
    blue = _app(db, "Bluewave Contact", "Sales agent")
    return {
        "harbor": harbor,
        "blue": blue,
        "old": _note(db, "Speak louder on the phone", day, kind="tip", application_id=harbor),
        "blue1": _note(
            db,
            "Smile while you talk <b>really</b>",
            day + timedelta(days=1),
            kind="feedback",
            application_id=blue,
            tags=("confidence",),
        ),
        "new": _note(db, "Slow down a little", day + timedelta(days=2), application_id=harbor),
    }


def _rows(tab: NotesTab) -> list[tuple[str, object]]:
    model = tab.panel.model
    out: list[tuple[str, object]] = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        kind = index.data(ROW_KIND_ROLE)
        if kind == "group":
            out.append(("group", index.data(ITEM_ROLE).company))
        else:
            out.append((kind, index.data(NOTE_ID_ROLE)))
    return out


def _confirm(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_an_empty_profile_invites_the_first_note(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    tab = make_tab()
    assert tab.pages.currentWidget() is tab.empty
    tab.empty.buttons[0].click()
    assert tab.pages.currentWidget() is tab.content
    [note] = list_notes(db)
    assert tab.editor.note_id == note.id
    assert note.kind == "tip"


def test_groups_newest_first(make_tab: MakeTab, sample: dict[str, int]) -> None:
    tab = make_tab()
    assert tab.pages.currentWidget() is tab.content
    assert _rows(tab) == [
        ("group", "Harborline BPO"),
        ("note", sample["new"]),
        ("note", sample["old"]),
        ("group", "Bluewave Contact"),
        ("note", sample["blue1"]),
    ]
    assert tab.right.currentWidget() is tab.placeholder


def test_the_list_is_fetched_in_pages(qtbot: QtBot, make_tab: MakeTab, db: Database) -> None:
    start = datetime(2026, 1, 1)
    for n in range(GROUP_PAGE * 2 + 5):
        app_id = _app(db, f"Company {n:03d}")
        _note(db, f"note {n}", start + timedelta(minutes=n), application_id=app_id)
    busy = _app(db, "Busy BPO")
    for n in range(FIRST_NOTES + 7):
        _note(db, f"busy {n}", start - timedelta(minutes=n + 1), application_id=busy)
    tab = make_tab()
    model = tab.panel.model
    groups = len(model.groups())
    assert GROUP_PAGE <= groups < GROUP_PAGE * 2 + 6  # only what the view needs
    assert groups % GROUP_PAGE == 0
    assert model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        tab.panel.notes_view.scrollToBottom()
        QApplication.processEvents()
    assert len(model.groups()) == GROUP_PAGE * 2 + 6
    assert model.groups()[-1].company == "Busy BPO"
    rows = _rows(tab)
    busy = rows.index(("group", "Busy BPO"))
    assert len(rows) - busy == 1 + FIRST_NOTES + 1
    more = model.index(model.rowCount() - 1, 0)
    assert more.data(ROW_KIND_ROLE) == "more"
    assert more.data() == "Show 7 more of 7"
    tab.panel.notes_view.clicked.emit(more)
    rows = _rows(tab)
    assert len(rows) - busy == 1 + FIRST_NOTES + 7
    assert rows[-1][0] == "note"
    assert model.index(model.rowCount() - 1, 0).data() == f"busy {FIRST_NOTES + 6}"


def test_choosing_a_note_opens_it_and_saves_the_one_before(
    qtbot: QtBot, make_tab: MakeTab, db: Database, sample: dict[str, int]
) -> None:
    tab = make_tab()
    assert tab.show_note(sample["old"])
    assert tab.editor.text() == "Speak louder on the phone"
    tab.editor.body.moveCursor(tab.editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.editor.body, " and smile")
    index = tab.panel.model.note_index(sample["blue1"])
    tab.panel.notes_view.setCurrentIndex(index)  # as a click would
    assert tab.editor.note_id == sample["blue1"]
    assert get_note(db, sample["old"]).body == "Speak louder on the phone and smile"
    assert tab.editor.text() == "Smile while you talk <b>really</b>"


def test_the_list_follows_saves(
    qtbot: QtBot, make_tab: MakeTab, db: Database, sample: dict[str, int]
) -> None:
    tab = make_tab()
    tab.show_note(sample["blue1"])
    tab.editor.body.selectAll()
    qtbot.keyClicks(tab.editor.body, "Rewritten")
    qtbot.waitUntil(lambda: tab.editor.status.text().startswith("Saved at "), timeout=2000)
    assert tab.panel.model.note_index(sample["blue1"]).data() == "Rewritten"
    # Moving it to another application moves it to that group.
    tab.editor.application.setCurrentIndex(tab.editor.application.findData(sample["harbor"]))
    qtbot.waitUntil(lambda: tab.editor.status.text().startswith("Saved at "), timeout=2000)
    qtbot.waitUntil(lambda: ("group", "Bluewave Contact") not in _rows(tab), timeout=2000)
    assert ("note", sample["blue1"]) in _rows(tab)[:4]


def test_new_note_by_button_and_shortcut(
    qtbot: QtBot, make_tab: MakeTab, db: Database, sample: dict[str, int]
) -> None:
    tab = make_tab()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.show_note(sample["blue1"])
    tab.panel.new_button.click()
    first = tab.editor.note_id
    assert first is not None and first not in sample.values()
    assert get_note(db, first).application_id == sample["blue"]  # the open note's application
    assert tab.editor.body.hasFocus()
    qtbot.keyClicks(tab.editor.body, "typed at once")
    qtbot.keyClick(
        tab.editor.body,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    second = tab.editor.note_id
    assert second not in (first, None)
    assert get_note(db, first).body == "typed at once"
    assert tab.panel.model.note_index(second).isValid()


def test_an_untouched_new_note_is_dropped_when_left(
    make_tab: MakeTab, db: Database, sample: dict[str, int]
) -> None:
    tab = make_tab()
    fresh = tab.new_note_for(sample["harbor"], kind="feedback")
    assert fresh is not None
    assert get_note(db, fresh).kind == "feedback"
    tab.show_note(sample["old"])
    assert fresh not in {n.id for n in list_notes(db)}
    assert not tab.panel.model.note_index(fresh).isValid()


def test_delete_asks_first(
    qtbot,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    make_tab: MakeTab,
    db: Database,
    sample: dict[str, int],
) -> None:
    tab = make_tab()
    tab.show_note(sample["blue1"])
    asked = _confirm(monkeypatch, QMessageBox.StandardButton.No)
    tab.editor.delete_button.click()
    assert asked == ["Delete “Smile while you talk <b>really</b>”? This cannot be undone."]
    assert get_note(db, sample["blue1"]).id == sample["blue1"]
    _confirm(monkeypatch, QMessageBox.StandardButton.Yes)
    tab.editor.delete_button.click()
    assert sample["blue1"] not in {n.id for n in list_notes(db)}
    assert ("group", "Bluewave Contact") not in _rows(tab)
    assert tab.editor.note_id == sample["old"]  # the note now in its place opens
    tab.show_note(sample["new"])
    tab.delete_current()
    tab.delete_current()
    # The list reloads in the background: on a busy machine the last page can come late.
    qtbot.waitUntil(lambda: tab.right.currentWidget() is tab.placeholder)
    qtbot.waitUntil(lambda: tab.pages.currentWidget() is tab.empty)


def test_the_delete_key_in_the_list_deletes_the_note(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_tab: MakeTab,
    db: Database,
    sample: dict[str, int],
) -> None:
    tab = make_tab()
    tab.show_note(sample["old"])
    asked = _confirm(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(tab.panel.notes_view, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert sample["old"] not in {n.id for n in list_notes(db)}


def test_search_as_you_type_with_highlights(
    qtbot: QtBot, make_tab: MakeTab, sample: dict[str, int]
) -> None:
    tab = make_tab()
    qtbot.keyClicks(tab.panel.search, "smi")
    qtbot.waitUntil(lambda: tab.panel.views.currentWidget() is tab.panel.result_view)
    [hit] = tab.panel.results.hits
    assert hit.note_id == sample["blue1"]
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["Smile"]
    assert tab.panel.count.text() == "1 note matches"
    index = tab.panel.results.index(0, 0)
    tab.panel.result_view.setCurrentIndex(index)
    assert tab.editor.note_id == sample["blue1"]
    [mark] = tab.editor.body.extraSelections()
    assert mark.cursor.selectedText() == "Smile"
    tab.panel.search.clear()
    qtbot.waitUntil(lambda: tab.panel.views.currentWidget() is tab.panel.notes_view)


@pytest.mark.parametrize("query", ['"', "AND (", "-*", "😀", "<b>", "гром"])
def test_tricky_searches_show_a_message_not_an_error(
    qtbot: QtBot, make_tab: MakeTab, sample: dict[str, int], query: str
) -> None:
    tab = make_tab()
    tab.search(query)
    qtbot.waitUntil(lambda: tab.panel.views.currentWidget() is not tab.panel.notes_view)
    if tab.panel.views.currentWidget() is tab.panel.message:
        assert "No notes match" in tab.panel.message.text()


def test_filters(qtbot: QtBot, make_tab: MakeTab, sample: dict[str, int]) -> None:
    tab = make_tab()
    tab.filter_by_tag("confidence")
    assert _rows(tab) == [("group", "Bluewave Contact"), ("note", sample["blue1"])]
    tab.filter_by_tag(None)
    tab.filter_by_kind("tip")
    assert _rows(tab) == [("group", "Harborline BPO"), ("note", sample["old"])]
    tab.filter_by_kind(None)
    tab.filter_by_company("harborline bpo")
    assert [r for r in _rows(tab) if r[0] == "note"] == [
        ("note", sample["new"]),
        ("note", sample["old"]),
    ]
    qtbot.waitUntil(lambda: tab.panel.count.text() == "2 notes with these filters")
    tab.search("smile")
    qtbot.waitUntil(lambda: tab.panel.views.currentWidget() is tab.panel.message)
    assert "No notes match “smile”" in tab.panel.message.text()
    tab.filter_by_company(None)
    qtbot.waitUntil(lambda: tab.panel.views.currentWidget() is tab.panel.result_view)


def test_close_flushes_and_reports(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_tab: MakeTab,
    db: Database,
    sample: dict[str, int],
) -> None:
    tab = make_tab()
    tab.show_note(sample["new"])
    qtbot.keyClicks(tab.editor.body, "!")
    assert tab.confirm_close()
    assert (
        get_note(db, sample["new"]).body.startswith("!") or "!" in get_note(db, sample["new"]).body
    )
    from nextcall.services import notes as notes_service

    monkeypatch.setattr(notes_service, "MAX_BODY", 3)
    qtbot.keyClicks(tab.editor.body, "more")
    asked: list[str] = []

    def warning(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", warning)
    assert not tab.confirm_close()
    assert "could not be saved" in asked[0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_renders_in_both_themes(
    qtbot: QtBot, make_tab: MakeTab, sample: dict[str, int], scheme: str, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, scheme)
    try:
        tab = make_tab()
        tab.show_note(sample["blue1"])
        QApplication.processEvents()
        image = tab.grab().toImage()
        assert not image.isNull()
        assert image.save(str(tmp_path / f"notes-{scheme}.png"))
    finally:
        apply_theme(app, "light")


def test_inside_a_window_that_uses_delete_and_ctrl_n(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, db: Database, sample: dict[str, int]
) -> None:
    """The main window's own Delete and Ctrl+N keep working elsewhere; in the notes list the
    Delete key deletes the note and Ctrl+Shift+N starts one."""
    window = QMainWindow()
    qtbot.addWidget(window)
    fired: list[str] = []
    for key, name in ((QKeySequence.StandardKey.Delete, "delete"), ("Ctrl+N", "new")):
        action = QAction(name, window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _c=False, n=name: fired.append(n))
        window.addAction(action)
    tab = NotesTab(db)
    window.setCentralWidget(tab)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    try:
        tab.show_note(sample["old"])
        tab.panel.notes_view.setFocus()
        _confirm(monkeypatch, QMessageBox.StandardButton.Yes)
        qtbot.keyClick(tab.panel.notes_view, Qt.Key.Key_Delete)
        assert sample["old"] not in {n.id for n in list_notes(db)}
        qtbot.keyClick(
            tab.panel.notes_view,
            Qt.Key.Key_N,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert tab.editor.note_id is not None
        assert fired == []
        qtbot.keyClick(tab.panel.notes_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert fired == ["new"]
    finally:
        tab.flush()
        tab.shutdown()
