"""The import dialog driven as a user would: load a file, check the columns, preview, import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from sqlalchemy import select

from nextcall.services.database import Database
from nextcall.store.models import Application, Company
from nextcall.ui.common.theme.tokens import ROW_KIND_COLORS as KIND_COLORS
from nextcall.ui.shell.import_dialog import DONE, MAPPING, PREVIEW, ImportDialog

FIXTURES = Path(__file__).parents[2] / "export" / "fixtures"


@pytest.fixture
def dialog(qtbot, db: Database) -> ImportDialog:  # type: ignore[no-untyped-def]
    d = ImportDialog(db, None)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def settle(qtbot, d: ImportDialog, page: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not d.busy_now() and d.page() == page, timeout=5000)


def companies(db: Database) -> list[str]:
    with db.session() as s:
        return list(
            s.execute(select(Company.name).join(Application).order_by(Company.name)).scalars()
        )


def test_the_columns_come_prefilled(qtbot, dialog: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.load(FIXTURES / "other_tracker.csv")
    settle(qtbot, dialog, MAPPING)
    chosen = dialog.mapping.chosen()
    assert chosen == {
        "Employer": "company",
        "Job Title": "position",
        "Status": "status",
        "Date Applied": "applied",
        "Link": "url",
        "Location": "location",
        "Salary": "salary",
        "Notes": "notes",
        "Excitement": "ignore",
    }
    assert "other_tracker.csv · UTF-8 · 6 rows" in dialog.subtitle.text()
    assert dialog.next_button.isEnabled()
    assert dialog.next_button.text().replace("&", "") == "Preview"


def test_without_a_company_column_there_is_no_preview(qtbot, dialog: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.load(FIXTURES / "other_tracker.csv")
    settle(qtbot, dialog, MAPPING)
    combo = dialog.mapping.combo_for("Employer")
    combo.setCurrentIndex(combo.findData("ignore"))
    assert not dialog.next_button.isEnabled()
    assert "company" in dialog.message.text()
    combo.setCurrentIndex(combo.findData("company"))
    assert dialog.next_button.isEnabled()
    assert not dialog.message.isVisible()


def test_a_bad_row_disables_import(qtbot, dialog: ImportDialog, db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog.load(FIXTURES / "other_tracker_bad.csv")
    settle(qtbot, dialog, MAPPING)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    settle(qtbot, dialog, PREVIEW)
    assert not dialog.next_button.isEnabled()
    assert dialog.preview.problems.isVisible()
    lines = dialog.preview.problems.toPlainText().splitlines()
    assert lines[0] == "Line 3: empty company"
    assert lines[1].startswith("Line 4: Date Applied: unknown date format")
    model = dialog.preview.model
    assert [model.text(model.rows[r], 0) for r in range(model.rowCount())] == ["3", "4", "5", "2"]
    red = QColor(KIND_COLORS["light"]["invalid"])
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ForegroundRole) == red
    assert model.data(model.index(1, 2)) == "Pinnacle Connect"  # the row as it was read
    assert "1 to import, 3 bad rows" in dialog.preview.summary.text()
    assert companies(db) == []


def test_a_clean_run_imports_and_says_so(qtbot, dialog: ImportDialog, db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog.load(FIXTURES / "other_tracker.csv")
    settle(qtbot, dialog, MAPPING)
    dialog.next_step()
    settle(qtbot, dialog, PREVIEW)
    assert not dialog.preview.problems.isVisible()
    assert dialog.next_button.text().replace("&", "") == "Import 6 applications"
    assert dialog.preview.model.rowCount(QModelIndex()) == 6
    with qtbot.waitSignal(dialog.imported, timeout=5000) as signal:
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert signal.args == [6]
    settle(qtbot, dialog, DONE)
    assert "Imported 6 applications" in dialog.done_label.text()
    assert "before-import" in dialog.done_label.text()
    assert len(companies(db)) == 6
    dialog.next_step()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_back_keeps_the_choices(qtbot, dialog: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.load(FIXTURES / "other_tracker.csv")
    settle(qtbot, dialog, MAPPING)
    combo = dialog.mapping.combo_for("Notes")
    combo.setCurrentIndex(combo.findData("ignore"))
    dialog.next_step()
    settle(qtbot, dialog, PREVIEW)
    assert "not imported: Notes, Excitement" in dialog.preview.summary.text()
    dialog.back()
    assert dialog.page() == MAPPING
    assert dialog.mapping.chosen()["Notes"] == "ignore"


def test_a_nextcall_json_file_skips_the_columns(qtbot, dialog: ImportDialog, db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog.load(FIXTURES / "nextcall_v1.json")
    settle(qtbot, dialog, PREVIEW)
    assert "1 application" in dialog.preview.json_summary.text()
    assert not dialog.preview.view.isVisible()
    dialog.next_step()
    settle(qtbot, dialog, DONE)
    assert companies(db) == ["Harborline BPO"]
    assert "Added 1 own stage" in dialog.done_label.text()


def test_an_unreadable_file_says_why(qtbot, dialog: ImportDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    dialog.load(broken)
    qtbot.waitUntil(lambda: not dialog.busy_now(), timeout=5000)
    assert dialog.page() == 0
    assert "not valid JSON" in dialog.message.text()
    dialog.load(tmp_path / "list.txt")
    assert "neither a .csv nor a .json" in dialog.message.text()


def test_windows_1252_is_said_in_the_preview(qtbot, dialog: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.load(FIXTURES / "windows_1252.csv")
    settle(qtbot, dialog, MAPPING)
    assert "read as Windows-1252" in dialog.subtitle.text()
    dialog.next_step()
    settle(qtbot, dialog, PREVIEW)
    assert "read as Windows-1252" in dialog.preview.summary.text()
    assert dialog.preview.model.data(dialog.preview.model.index(0, 2)) == "Café Manille"
