"""The bulk-add dialog driven as a user would: paste, read the preview, add; the real database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget
from sqlalchemy import func, select

from nextcall.services import bulk as bulk_service
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.store.models import Application, Company
from nextcall.ui.applications.bulk_add_dialog import DEBOUNCE_MS, BulkAddDialog
from nextcall.ui.common.theme import apply_theme

NAMES = [f"Contact Center {n:02d}" for n in range(1, 28)] + [
    "Bluewave Contact Center",
    "harborline bpo",
    "NORTHSTAR CUSTOMER CARE",
]


@pytest.fixture
def seeded(db: Database) -> Database:
    for company in ("Bluewave Contact Center", "Harborline BPO", "Northstar Customer Care"):
        add_application(db, ApplicationForm(company=company, applied_on="2026-11-02"))
    return db


@pytest.fixture
def dialog(qtbot, seeded: Database) -> BulkAddDialog:  # type: ignore[no-untyped-def]
    d = BulkAddDialog(seeded, None)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def applications(db: Database) -> list[tuple[str, str, date | None]]:
    with db.session() as s:
        rows = s.execute(
            select(Company.name, Application.source, Application.applied_on)
            .join(Company)
            .order_by(Application.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def count(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count(Application.id))).scalar_one())


def settle(qtbot, d: BulkAddDialog) -> None:  # type: ignore[no-untyped-def]
    """Wait for the debounced preview to run."""
    qtbot.waitUntil(lambda: not d.timer.isActive(), timeout=2000)


def rows(d: BulkAddDialog) -> list[tuple[str, str, str, str]]:
    out = []
    for i in range(d.tree.topLevelItemCount()):
        item = d.tree.topLevelItem(i)
        assert item is not None
        out.append(tuple(item.text(c) for c in range(4)))
    return out  # type: ignore[return-value]


def test_paste_thirty_with_three_duplicates_and_add(qtbot, dialog, seeded) -> None:  # type: ignore[no-untyped-def]
    dialog.paste.setPlainText("\n".join(NAMES))
    qtbot.keyClicks(dialog.source, "Job fair")
    assert dialog.timer.isActive()  # debounced, not run on every keystroke
    settle(qtbot, dialog)
    assert dialog.counts.text() == "27 new · 3 duplicates"
    assert dialog.add_button.text() == "Add 27 applications"
    assert dialog.add_button.isEnabled()
    results = rows(dialog)
    assert len(results) == 30
    assert results[28][1:3] == ("Harborline BPO", "Duplicate")
    assert "Applied 2 Nov 2026" in results[28][3]

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(dialog.added_ids) == 27
    stored = applications(seeded)
    assert len(stored) == 30
    assert stored[3] == ("Contact Center 01", "Job fair", date(2026, 11, 20))


def test_add_duplicates_anyway(qtbot, dialog, seeded) -> None:  # type: ignore[no-untyped-def]
    dialog.paste.setPlainText("\n".join(NAMES))
    dialog.refresh_now()
    dialog.include_all.setChecked(True)
    assert dialog.add_button.text() == "Add 30 applications"
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert len(dialog.added_ids) == 30
    assert count(seeded) == 33


def test_cooldown_and_invalid_lines_are_shown_with_reasons(qtbot, dialog, seeded) -> None:  # type: ignore[no-untyped-def]
    add_application(seeded, ApplicationForm(company="Skyline", status="rejected"))
    with seeded.session() as s:
        company = s.execute(select(Company).where(Company.name == "Skyline")).scalar_one()
        company.reapply_after = date(2027, 1, 15)
    qtbot.keyClicks(dialog.paste, "Skyline")
    qtbot.keyClick(dialog.paste, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.paste, "SKYLINE")
    qtbot.keyClick(dialog.paste, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.paste, "x" * 205)
    settle(qtbot, dialog)
    cooldown, repeat, too_long = rows(dialog)
    assert cooldown[:3] == ("1", "Skyline", "Cooldown")
    assert cooldown[3].startswith("Rejected ")
    assert cooldown[3].endswith("; re-apply after 15 Jan 2027")
    assert repeat == ("2", "SKYLINE", "Invalid", "Repeats line 1")
    assert too_long[0] == "3"
    assert too_long[2:] == (
        "Invalid",
        "Too long: 205 characters (a company name has at most 200)",
    )
    assert dialog.counts.text() == "0 new · 1 in cooldown · 2 invalid"
    assert not dialog.add_button.isEnabled()
    dialog.include_all.setChecked(True)
    assert dialog.add_button.text() == "Add 1 application"


def test_load_from_file(qtbot, dialog, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    listing = tmp_path / "companies.txt"
    listing.write_bytes("\ufeff- Acme Contact\r\n- Beta BPO\r\n".encode())
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(listing), ""))
    )
    dialog.paste.setPlainText("Gamma")
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert dialog.paste.toPlainText() == "Gamma\n- Acme Contact\n- Beta BPO\n"
    assert dialog.counts.text() == "3 new"
    assert "2 lines from companies.txt" in dialog.file_note.text()
    dialog.paste.undo()  # the whole file comes out in one step
    assert dialog.paste.toPlainText() == "Gamma"


def test_a_file_that_cannot_be_read_loses_nothing(qtbot, dialog, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    listing = tmp_path / "latin1.txt"
    listing.write_bytes("Ñandú\n".encode("latin-1"))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(listing), ""))
    )
    dialog.paste.setPlainText("Gamma")
    dialog.load_file()
    assert dialog.paste.toPlainText() == "Gamma"
    assert dialog.message.isVisibleTo(dialog)
    assert "not UTF-8" in dialog.message.text()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(tmp_path / "x"), ""))
    )
    dialog.load_file()
    assert "Could not read x" in dialog.message.text()


def test_cancelled_file_dialog_changes_nothing(dialog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    dialog.paste.setPlainText("Gamma")
    dialog.load_file()
    assert dialog.paste.toPlainText() == "Gamma"
    assert not dialog.message.isVisibleTo(dialog)


def test_lenient_date_and_inline_errors(qtbot, dialog, seeded) -> None:  # type: ignore[no-untyped-def]
    dialog.paste.setPlainText("Acme")
    dialog.applied.setText("3 Nov")
    assert "Tuesday, 3 November 2026" in dialog.date_hint.text()
    dialog.applied.setText("31 Nov")
    dialog.refresh_now()
    assert dialog.errors["applied_on"].isVisibleTo(dialog)
    assert "not a real date" in dialog.errors["applied_on"].text()
    assert not dialog.add_button.isEnabled()
    dialog.applied.setText(f"{date(2026, 11, 25).isoformat()}")
    assert "future" in dialog.errors["applied_on"].text()
    dialog.applied.setText("yesterday")
    dialog.position.setText("x" * 201)
    dialog.refresh_now()
    assert "Position is 201 characters" in dialog.errors["position"].text()
    assert not dialog.add_button.isEnabled()
    dialog.position.setText("CSR")
    dialog.refresh_now()
    assert not dialog.errors["position"].isVisibleTo(dialog)
    assert dialog.add_button.isEnabled()
    dialog.add()
    assert applications(seeded)[-1] == ("Acme", "", date(2026, 11, 19))


def test_an_empty_date_is_allowed(dialog, seeded) -> None:  # type: ignore[no-untyped-def]
    dialog.paste.setPlainText("Acme")
    dialog.applied.clear()
    dialog.add()
    assert applications(seeded)[-1] == ("Acme", "", None)


def test_a_failed_commit_keeps_everything(qtbot, dialog, seeded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = 0
    real = bulk_service.company_for

    def failing(s, name):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 5:
            raise OSError("disk I/O error")
        return real(s, name)

    monkeypatch.setattr(bulk_service, "company_for", failing)
    text = "\n".join(NAMES)
    dialog.paste.setPlainText(text)
    settle(qtbot, dialog)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert calls == 5
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Nothing was added" in dialog.message.text()
    assert "disk I/O error" in dialog.message.text()
    assert dialog.paste.toPlainText() == text
    assert count(seeded) == 3
    assert dialog.added_ids == []
    # The problem goes away; the same list goes in on the next try.
    monkeypatch.setattr(bulk_service, "company_for", real)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert count(seeded) == 30


def test_nothing_to_add_disables_the_button(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.add_button.text() == "Add 0 applications"
    assert not dialog.add_button.isEnabled()
    assert "Paste or type" in dialog.counts.text()
    dialog.paste.setPlainText("# just a comment\n\n")
    dialog.refresh_now()
    assert not dialog.add_button.isEnabled()


def test_ctrl_enter_adds_from_the_paste_box(qtbot, dialog, seeded) -> None:  # type: ignore[no-untyped-def]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.paste.setFocus()
    qtbot.keyClicks(dialog.paste, "Acme")
    qtbot.keyClick(dialog.paste, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert applications(seeded)[-1][0] == "Acme"


def test_tab_order_paste_fields_add(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.paste.setPlainText("Acme")
    dialog.refresh_now()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.paste.setFocus()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.paste)
    order = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        dialog.position,
        dialog.applied,
        dialog.source,
        dialog.include_all,
        dialog.add_button,
    ]


def test_controls_have_accessible_names(dialog) -> None:  # type: ignore[no-untyped-def]
    for widget in (
        dialog.paste,
        dialog.load_button,
        dialog.position,
        dialog.applied,
        dialog.source,
        dialog.tree,
        dialog.include_all,
        dialog.counts,
    ):
        assert widget.accessibleName(), widget
    assert dialog.add_button.text().startswith("Add ")


def test_the_cursor_line_is_selected_in_the_preview(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.paste.setPlainText("Acme\n\nBeta\nGamma")
    dialog.refresh_now()
    cursor = dialog.paste.textCursor()
    cursor.setPosition(dialog.paste.document().findBlockByNumber(2).position())
    dialog.paste.setTextCursor(cursor)
    current = dialog.tree.currentItem()
    assert current is not None and current.text(1) == "Beta"
    # And back: activating a row puts the cursor on its line.
    last = dialog.tree.topLevelItem(2)
    dialog.tree.itemActivated.emit(last, 0)
    assert dialog.paste.textCursor().blockNumber() == 3
    assert dialog.paste.textCursor().selectedText() == "Gamma"


def test_debounce_interval() -> None:
    assert 100 <= DEBOUNCE_MS <= 300


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_renders_in_both_themes(qtbot, seeded, scheme: str) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, scheme)
    try:
        d = BulkAddDialog(seeded, None)
        qtbot.addWidget(d)
        d.paste.setPlainText("\n".join(NAMES) + "\nharborline bpo\n" + "x" * 300)
        d.refresh_now()
        d.show()
        qtbot.waitExposed(d)
        assert not d.grab().isNull()
    finally:
        apply_theme(app, "light")


def test_parent_is_optional_and_kept(qtbot, seeded) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    d = BulkAddDialog(seeded, parent)
    assert d.parent() is parent
