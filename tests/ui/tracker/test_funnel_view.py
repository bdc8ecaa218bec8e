"""The funnel view: the sentence, the chart's values, the filters, the palette, lazy loading."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QPalette, QTextDocumentFragment
from PySide6.QtWidgets import QApplication

from nextcall.core.funnel import FunnelData, FunnelStage, count_funnel, finish
from nextcall.core.stages import MILESTONE_KEYS
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.stages import record_outcome
from nextcall.ui.common.theme import apply_theme
from nextcall.ui.tracker.funnel_view import CUSTOM, LAST_30, FunnelView


def hunt(db: Database) -> None:
    """Telco: two stop at the phone interview, one at the exam. Bank: one stops at the exam."""
    plans = (
        ("Harborline", "Telco", "2026-11-01", ("phone-interview=failed",)),
        ("Bluewave", "Telco", "2026-11-02", ("phone-interview=no-show",)),
        ("Crestview", "Telco", "2026-08-01", ("phone-interview=passed", "exam=failed")),
        ("Dunmore", "Bank", "2026-08-02", ("phone-interview=passed", "exam=failed")),
        ("Eastgate", "Bank", "2026-11-10", ("phone-interview=scheduled",)),
    )
    for company, account, applied, steps in plans:
        app_id = add_application(
            db, ApplicationForm(company=company, account_type=account, applied_on=applied)
        )
        record_outcome(db, app_id, "application", "passed")
        for step in steps:
            key, outcome = step.split("=")
            record_outcome(db, app_id, key, outcome)


def shown(view) -> str:  # type: ignore[no-untyped-def]
    """The summary label's text as the user reads it (it is rich text)."""
    return QTextDocumentFragment.fromHtml(view.summary.text()).toPlainText()


@pytest.fixture
def view(qtbot, db):  # type: ignore[no-untyped-def]
    widget = FunnelView(db)
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.show()
    return widget


def test_empty_profile(view) -> None:  # type: ignore[no-untyped-def]
    assert shown(view).startswith("No milestone outcomes recorded yet.")
    assert view.segment_values("passed") == [0.0] * 10
    assert view.category_labels()[0] == "Application sent (0)"
    assert view.category_labels()[-1] == "Job offer (0)"


def test_refresh_shows_the_sentence_and_the_values(view, db) -> None:  # type: ignore[no-untyped-def]
    hunt(db)
    view.refresh()
    assert shown(view) == (
        "Your applications stop most often at the phone interview (2 of the 4 that stopped; "
        "as many stopped at the exam). "
        "Tick the “if it stopped here” checks on those applications to see what to work on."
    )
    assert view.summary.text().startswith("<b>Your applications stop most often at the phone")
    # Pipeline order: application, phone interview, in-person interview, exam, ...
    assert view.segment_values("passed")[:4] == [5, 2, 2, 0]
    assert view.segment_values("failed")[:4] == [0, 2, 0, 2]
    assert view.segment_values("pending")[:4] == [0, 1, 0, 0]
    assert view.category_labels()[:4] == [
        "Application sent (5)",
        "Phone interview (5)",
        "In-person interview (2)",  # implied: both sat the exam
        "Exam (2)",
    ]
    # The transparent spacer centres each bar: (widest - reached) / 2, last milestone first.
    assert [view.spacer.at(i) for i in range(view.spacer.count())][-4:] == [1.5, 1.5, 0, 0]


def test_account_filter_changes_the_values(view, db) -> None:  # type: ignore[no-untyped-def]
    hunt(db)
    view.refresh()
    items = [view.account_combo.itemText(i) for i in range(view.account_combo.count())]
    assert items == ["All accounts", "Bank", "Telco"]
    view.set_account("Bank")
    assert view.filters() == (None, None, "Bank")
    assert view.segment_values("failed")[:4] == [0, 0, 0, 1]
    assert view.segment_values("pending")[:4] == [0, 1, 0, 0]
    assert shown(view).startswith(
        "Your applications stop most often at the exam (the only one that stopped)."
    )
    view.set_account(None)
    assert view.segment_values("failed")[:4] == [0, 2, 0, 2]


def test_period_filter(view, db) -> None:  # type: ignore[no-untyped-def]
    hunt(db)
    view.refresh()
    view.period_combo.setCurrentIndex(LAST_30)  # today is 2026-11-20: applied since 21 Oct
    assert view.filters()[0] is not None
    assert view.segment_values("passed")[0] == 3
    assert view.segment_values("failed")[:4] == [0, 2, 0, 0]
    assert view.since_edit.isHidden()
    view.period_combo.setCurrentIndex(CUSTOM)
    assert not view.since_edit.isHidden()
    view.since_edit.setDate(view.since_edit.date().fromString("2026-08-01", "yyyy-MM-dd"))
    view.until_edit.setDate(view.until_edit.date().fromString("2026-08-31", "yyyy-MM-dd"))
    assert view.segment_values("failed")[:4] == [0, 0, 0, 2]


def test_text_follows_the_palette(view, db) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        for scheme in ("dark", "light"):
            apply_theme(app, scheme)
            QApplication.processEvents()
            text = view.palette().color(QPalette.ColorRole.WindowText)
            assert view.category_axis.labelsColor() == text
            assert view.chart.legend().labelColor() == text
    finally:
        apply_theme(app, "light")


def test_start_up_never_imports_the_charts() -> None:
    code = (
        "import sys\n"
        "import nextcall.ui.startup.app, nextcall.ui.shell.main_window, nextcall.ui.tracker.tab\n"
        "print(sorted(m for m in sys.modules if 'QtCharts' in m or m.endswith('funnel_view')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]", out.stdout


def test_numbers_only_where_they_fit(qtbot, view, db) -> None:  # type: ignore[no-untyped-def]
    hunt(db)
    view.refresh()
    # Application 5 passed; phone interview 2 passed, 1 waiting, 2 stopped; in-person
    # interview 2 passed; exam 2 stopped (chart order: the last milestone first).
    qtbot.waitUntil(lambda: view.shown_numbers() == ["2", "2", "2", "1", "2", "5"])
    # 499 passed and 1 stopped: the one-application segment is too narrow for its number.
    stages = [FunnelStage(k, k.title(), float(i), True) for i, k in enumerate(MILESTONE_KEYS)]
    data = FunnelData({("application", "passed"): 499, ("application", "failed"): 1}, {})
    view._fill_chart(finish(count_funnel(stages, data)))
    qtbot.waitUntil(lambda: view.shown_numbers() == ["499"])


def test_a_narrow_window_keeps_the_filters(view) -> None:  # type: ignore[no-untyped-def]
    assert view.minimumSizeHint().width() < 560
