"""A search of one common word walks the sort column's index instead of sorting every match
(services/application_list.py): the same rows in the same order, page after page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nextcall.services import application_list
from nextcall.services.application_list import (
    INDEXED_SORTS,
    SORT_COLUMNS,
    ApplicationQuery,
    list_applications,
)
from nextcall.services.applications import ApplicationForm, add_application, delete_application
from nextcall.services.database import Database


@pytest.fixture
def profile(db: Database) -> Database:
    start = date(2026, 9, 1)
    for n in range(24):
        company = ("Northwind BPO", "Harborline", "North Star Calls")[n % 3]
        add_application(
            db,
            ApplicationForm(
                company=company,
                position=("CSR", "Tech support", "")[n % 2],
                applied_on=(start + timedelta(days=n // 2)).isoformat() if n % 5 else "",
                status=("active", "rejected", "offer")[n % 3],
            ),
        )
    delete_application(db, 4)  # a trashed match stays out
    return db


def walk(db: Database, query: ApplicationQuery) -> bool:
    with db.session() as s:
        return application_list._walk_index(s, query)


def pages(db: Database, query: ApplicationQuery) -> list[list[int]]:
    return [[r.id for r in list_applications(db, query, offset, 5)] for offset in (0, 5, 10, 15)]


@pytest.mark.parametrize("sort", SORT_COLUMNS)
@pytest.mark.parametrize("descending", [True, False])
def test_walking_the_index_gives_the_same_pages(
    profile: Database, monkeypatch: pytest.MonkeyPatch, sort: str, descending: bool
) -> None:
    query = ApplicationQuery(search="north", sort=sort, descending=descending)
    usual = pages(profile, query)
    monkeypatch.setattr(application_list, "WALK_FROM_MATCHES", 1)
    assert walk(profile, query) is (sort in INDEXED_SORTS)
    assert pages(profile, query) == usual
    assert sum(len(page) for page in usual) == 15  # 16 match "north", one of them trashed


def test_only_one_common_word_and_nothing_else_walks(
    profile: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(application_list, "WALK_FROM_MATCHES", 10)
    assert walk(profile, ApplicationQuery(search="north"))  # 16 matches
    assert not walk(profile, ApplicationQuery(search="harbor"))  # 8
    assert not walk(profile, ApplicationQuery(search="no"))  # too short for the trigram index
    assert not walk(profile, ApplicationQuery(search="north star"))
    assert not walk(profile, ApplicationQuery(search="north", statuses=("offer",)))
    assert not walk(profile, ApplicationQuery(search="north", sort="company"))
