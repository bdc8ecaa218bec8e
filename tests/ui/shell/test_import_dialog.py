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
    summary = dialog.preview.summary.text()
    assert "1 application to import." in summary
    assert "3 rows cannot be imported (lines 3, 4 and 5): the reasons are listed below." in summary
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
    assert "Left out: “Notes”, “Excitement”." in dialog.preview.summary.text()
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
    assert "Read as Windows-1252: check that accented letters" in dialog.preview.summary.text()
    assert dialog.preview.model.data(dialog.preview.model.index(0, 2)) == "Café Manille"


def test_dates_that_read_two_ways_are_asked_about_once(  # type: ignore[no-untyped-def]
    qtbot, dialog: ImportDialog, db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "sheet.csv"
    source.write_text(
        "Company,Date Applied,Where\nAlpha CX,11/05/2026,Makati\nBeta BPO,03/04/2026,Cebu\n",
        encoding="utf-8",
    )
    dialog.load(source)
    settle(qtbot, dialog, MAPPING)
    dialog.next_step()
    settle(qtbot, dialog, PREVIEW)
    question = dialog.preview.date_question
    assert question.isVisible() and not dialog.next_button.isEnabled()
    assert "dates like 11/05/2026" in question.text.text()
    day_first = question.buttons["dmy"]
    assert day_first.text().replace("&", "") == "Day/Month/Year (11/05/2026 is 11 May 2026)"
    assert question.buttons["mdy"].text().replace("&", "") == (
        "Month/Day/Year (11/05/2026 is 5 November 2026)"
    )
    summary = dialog.preview.summary.text()
    assert "Dates like 11/05/2026 could be day/month or month/day" in summary
    assert "Left out: “Where”." in summary
    day_first.click()
    qtbot.waitUntil(lambda: not dialog.busy_now() and dialog.plan is not None and dialog.plan.clean)
    assert dialog.date_order == "dmy"
    assert question.isVisible() and day_first.isChecked()  # answered; the answer can change
    assert "2026-05-11" in dialog.preview.model.text(dialog.preview.model.rows[0], 4)
    assert dialog.next_button.isEnabled()
    question.buttons["mdy"].click()
    qtbot.waitUntil(lambda: not dialog.busy_now() and dialog.date_order == "mdy")
    qtbot.waitUntil(
        lambda: dialog.preview.model.text(dialog.preview.model.rows[0], 4) == "2026-11-05"
    )
    dialog.next_step()
    settle(qtbot, dialog, DONE)
    assert companies(db) == ["Alpha CX", "Beta BPO"]


def test_a_column_without_a_heading_is_named_by_its_number(  # type: ignore[no-untyped-def]
    qtbot, dialog: ImportDialog, tmp_path: Path
) -> None:
    source = tmp_path / "sheet.csv"
    source.write_text("Company,,Date Applied\nAlpha CX,x,25/10/2026\n", encoding="utf-8")
    dialog.load(source)
    settle(qtbot, dialog, MAPPING)
    dialog.next_step()
    settle(qtbot, dialog, PREVIEW)
    assert not dialog.preview.date_question.isVisible()  # a day above 12 shows the order
    assert dialog.preview.summary.text() == (
        "1 application to import.\nLeft out: column 2 (no heading)."
    )
