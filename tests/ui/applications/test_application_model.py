"""The SQL-fed table model with plain data: paging, deferred counting, sorting, display."""

from __future__ import annotations

from PySide6.QtCore import Qt

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.bulk import commit, preview
from nextcall.ui.applications.application_model import PAGE_SIZE, ApplicationTableModel


def fill(db, count: int) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(f"Company {n:04d}" for n in range(count))
    commit(db, preview(db, text, applied_on=db.clock.today()))


def test_a_small_result_is_counted_at_once(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    fill(db, 30)
    model = ApplicationTableModel(db)
    model.refresh()
    assert (model.rowCount(), model.total, model.counted) == (30, 30, True)
    assert not model.canFetchMore()


def test_a_large_result_shows_a_page_then_counts(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    fill(db, PAGE_SIZE + 50)
    model = ApplicationTableModel(db)
    with qtbot.waitSignal(model.total_changed, timeout=2000) as signal:
        model.refresh()
        assert model.rowCount() == PAGE_SIZE  # shown before anything counted every row
        assert not model.counted
    assert signal.args == [PAGE_SIZE + 50]
    assert model.counted
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE + 50
    assert not model.canFetchMore()


def test_sorting_keeps_the_count_and_orders_in_sql(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    for name in ("Charlie", "alpha", "Bravo"):
        add_application(db, ApplicationForm(company=name))
    model = ApplicationTableModel(db)
    model.refresh()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 0).data() for r in range(3)] == ["alpha", "Bravo", "Charlie"]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data() for r in range(3)] == ["Charlie", "Bravo", "alpha"]
    assert model.total == 3
