"""The Applications tab driven as a user would: keyboard into the dialog, the real database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from nextcall.services import applications as service
from nextcall.services.applications import ApplicationQuery
from nextcall.ui.applications.application_dialog import ApplicationDialog
from nextcall.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, db):  # type: ignore[no-untyped-def]
    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    activate(qtbot, win)
    return win


def activate(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    """Shortcuts reach the active window only (a closed modal dialog may leave none active)."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def when_dialog_opens(qtbot, act: Callable[[ApplicationDialog], None]) -> list[str]:  # type: ignore[no-untyped-def]
    """Run ``act`` on the modal dialog as soon as it is shown; returns failures, if any."""
    failures: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ApplicationDialog):
            QTimer.singleShot(20, drive)
            return
        try:
            act(dialog)
        except Exception as exc:  # surfaced by the caller, not lost in the event loop
            failures.append(repr(exc))
            dialog.reject()

    QTimer.singleShot(0, drive)
    return failures


def rows(db) -> list[service.ApplicationRow]:  # type: ignore[no-untyped-def]
    return service.list_applications(db, ApplicationQuery())


def test_empty_profile_shows_how_to_start(window) -> None:  # type: ignore[no-untyped-def]
    tab = window.applications
    assert tab.stack.currentWidget() is tab.empty
    labels = [b.text() for b in tab.empty.buttons]
    assert labels == ["Add my first applications", "Explore with sample data", "Open data folder"]


def test_add_application_with_the_keyboard(qtbot, window, db) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: ApplicationDialog) -> None:
        qtbot.keyClicks(dialog.inputs["company"], "Harborline BPO")
        qtbot.keyClick(dialog.inputs["company"], Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.inputs["position"], "Customer Service Representative")
        dialog.inputs["applied_on"].clear()
        qtbot.keyClicks(dialog.inputs["applied_on"], "3 Nov 2026")
        qtbot.keyClicks(dialog.inputs["salary_expected"], "20k")
        qtbot.keyClick(dialog.inputs["salary_expected"], Qt.Key.Key_Return)

    failures = when_dialog_opens(qtbot, fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert failures == []
    stored = rows(db)
    assert [(r.company, r.position, r.applied_on.isoformat()) for r in stored] == [
        ("Harborline BPO", "Customer Service Representative", "2026-11-03")
    ]
    assert service.get_form(db, stored[0].id).salary_expected == "20000"
    tab = window.applications
    assert tab.stack.currentIndex() == 0
    assert tab.model.rowCount() == 1
    assert tab.selected_id() == stored[0].id
    assert tab.summary.text() == "1 application"


def test_dialog_keeps_bad_input_and_says_what_is_wrong(qtbot, window, db) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, str] = {}

    def fill(dialog: ApplicationDialog) -> None:
        dialog.inputs["applied_on"].clear()
        qtbot.keyClicks(dialog.inputs["applied_on"], "03/04/2026")
        qtbot.keyClicks(dialog.inputs["salary_expected"], "lots")
        qtbot.keyClick(dialog.inputs["salary_expected"], Qt.Key.Key_Return)  # try to save
        assert dialog.isVisible(), "a form with errors must stay open"
        seen.update({name: label.text() for name, label in dialog.errors.items() if label.text()})
        seen["typed"] = dialog.inputs["salary_expected"].text()
        dialog.reject()

    failures = when_dialog_opens(qtbot, fill)
    window.applications.add_application()
    assert failures == []
    assert seen["company"] == "Company is required."
    assert "day/month" in seen["applied_on"]
    assert "not an amount" in seen["salary_expected"]
    assert seen["typed"] == "lots"
    assert rows(db) == []


def test_edit_then_delete_and_undo(qtbot, window, db) -> None:  # type: ignore[no-untyped-def]
    first = service.add_application(db, service.ApplicationForm(company="Pinnacle Connect"))
    window.applications.reload(select_id=first)
    table = window.applications.table

    def rename(dialog: ApplicationDialog) -> None:
        assert dialog.inputs["company"].text() == "Pinnacle Connect"
        dialog.inputs["position"].setFocus()
        qtbot.keyClicks(dialog.inputs["position"], "Sales Agent")
        dialog.status.setFocus()
        qtbot.keyClick(dialog.status, Qt.Key.Key_Down)  # Active -> Offer
        qtbot.keyClick(dialog.inputs["position"], Qt.Key.Key_Return)

    failures = when_dialog_opens(qtbot, rename)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert failures == []
    assert [(r.position, r.status) for r in rows(db)] == [("Sales Agent", "offer")]

    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert rows(db) == []
    assert window.applications.stack.currentWidget() is window.applications.empty

    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r.id for r in rows(db)] == [first]
    assert window.applications.selected_id() == first


def test_search_and_status_filter_query_the_database(qtbot, window, db) -> None:  # type: ignore[no-untyped-def]
    for name in ("Bluewave Contact Center", "Harborline BPO", "Summit Call Partners"):
        service.add_application(db, service.ApplicationForm(company=name))
    rejected = service.add_application(
        db, service.ApplicationForm(company="Redcliff Outsourcing", status="rejected")
    )
    tab = window.applications
    tab.reload()
    assert tab.model.rowCount() == 4

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "harbor")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.application_at(0).company == "Harborline BPO"
    assert tab.summary.text() == "1 application matches"

    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4)
    tab.status_filter.setCurrentIndex(tab.status_filter.findText("Rejected"))
    assert [tab.model.application_at(i).id for i in range(tab.model.rowCount())] == [rejected]

    qtbot.keyClicks(tab.search, "zzz-nothing")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    assert tab.no_match.isVisible()
    assert tab.stack.currentWidget() is not tab.empty


def test_sample_data_from_the_empty_state(qtbot, window, db) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.applications.empty.buttons[1], Qt.MouseButton.LeftButton)
    assert window.applications.model.total == 40
    assert window.applications.stack.currentIndex() == 0
    assert not window.demo_action.isEnabled()
    assert window.tracker.picker.count() == 40
    qtbot.waitUntil(lambda: window.notes.panel.count.text() == "56 notes")
