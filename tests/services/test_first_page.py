"""services/first_page.py: the start-up's first page answers what the ORM answers, or nothing."""

from __future__ import annotations

import sqlite3

import pytest

from nextcall.services.applications import (
    SORT_COLUMNS,
    ApplicationForm,
    ApplicationQuery,
    account_types,
    add_application,
    count_applications,
    delete_application,
    list_applications,
)
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.services.first_page import read_first_page


@pytest.fixture
def demo(db: Database) -> Database:
    fill_demo(db)
    gone = list_applications(db, ApplicationQuery(), 0, 1)[0].id
    delete_application(db, gone)  # in the trash: counted by neither
    add_application(db, ApplicationForm(company="Nullsoft", position="", account_type=""))
    return db


@pytest.mark.parametrize("sort", SORT_COLUMNS)
@pytest.mark.parametrize("descending", [True, False])
def test_every_sort_matches_the_orm(demo: Database, sort: str, descending: bool) -> None:
    query = ApplicationQuery(sort=sort, descending=descending)
    page = read_first_page(demo.paths.database, query, limit=15)
    assert page is not None
    assert page.rows == list_applications(demo, query, 0, 15)
    assert page.total == count_applications(demo, query)
    assert page.accounts == account_types(demo)


def test_a_short_table_is_counted_by_its_rows(demo: Database) -> None:
    page = read_first_page(demo.paths.database)
    assert page is not None
    assert page.total == len(page.rows) == count_applications(demo, ApplicationQuery())
    assert len(page.rows) > 30


def test_filters_are_not_its_business(demo: Database) -> None:
    assert read_first_page(demo.paths.database, ApplicationQuery(search="ab")) is None
    assert read_first_page(demo.paths.database, ApplicationQuery(sort="nonsense")) is None


def test_no_file_an_empty_file_or_garbage_means_the_usual_path(tmp_path) -> None:
    missing = tmp_path / "missing.sqlite3"
    assert read_first_page(missing) is None
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert read_first_page(empty) is None
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 200)
    assert read_first_page(garbage) is None


@pytest.mark.parametrize("revision", ["0003", "9999"])
def test_another_schema_revision_means_the_usual_path(demo: Database, revision: str) -> None:
    path = demo.paths.database
    demo.close()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    assert read_first_page(path) is None
