"""The SQL-fed table model with plain data: paging, deferred counting, sorting, display."""

from __future__ import annotations

from PySide6.QtCore import Qt

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.bulk import commit, preview
from nextcall.ui.applications.application_model import (
    FIRST_PAGE,
    PAGE_SIZE,
    ApplicationTableModel,
)


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
    fill(db, FIRST_PAGE + PAGE_SIZE + 10)
    model = ApplicationTableModel(db)
    with qtbot.waitSignal(model.total_changed, timeout=2000) as signal:
        model.refresh()
        assert model.rowCount() == FIRST_PAGE  # shown before anything counted every row
        assert not model.counted
    assert signal.args == [FIRST_PAGE + PAGE_SIZE + 10]
    assert model.counted
    assert model.canFetchMore()
    model.fetchMore()  # the view scrolled to the end: the next page
    assert model.rowCount() == FIRST_PAGE + PAGE_SIZE
    model.fetchMore()
    assert model.rowCount() == FIRST_PAGE + PAGE_SIZE + 10
    assert not model.canFetchMore()


def test_reading_again_keeps_every_row_that_was_shown(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """After a change the rows are read again as far as the view had scrolled, so a selected
    row far down stays there; a new search starts from one short page."""
    fill(db, FIRST_PAGE + PAGE_SIZE + 10)
    model = ApplicationTableModel(db)
    model.refresh()
    model.fetchMore()
    far = model.application_at(FIRST_PAGE + 100)
    assert far is not None
    model.refresh()
    assert model.rowCount() == FIRST_PAGE + PAGE_SIZE
    assert model.row_for_id(far.id) == FIRST_PAGE + 100
    model.set_search("Company")
    assert model.rowCount() == FIRST_PAGE


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
