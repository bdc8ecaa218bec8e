"""Migration 0003 and the companies' stored key: one company per name as
core.companies.company_key compares them, in the database too; an older file whose companies
collide under the new key keeps them all, apart."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from nextcall.core.paths import DataPaths
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.store import migrate
from nextcall.store.models import Application, Company


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as c:
        return c.execute(sql).fetchall()


def at_0002_with(paths: DataPaths, names: list[str]) -> None:
    """A profile at schema 0002 holding these companies (each with one application), written
    straight into the file as that version allowed."""
    paths.ensure()
    migrate.upgrade(paths.database, paths.backups, target="0002")
    with contextlib.closing(sqlite3.connect(paths.database)) as c, c:
        for name in names:
            company = c.execute(
                "INSERT INTO companies (name, notes) VALUES (?, '')", (name,)
            ).lastrowid
            c.execute(
                "INSERT INTO applications (company_id, position, account_type, source, url, "
                "site, shift, status, closing_reason, offer_pay, offer_shift, offer_site, "
                "offer_notes, answer_ability, answer_motivation, answer_fit, answer_confidence, "
                "notes) VALUES (?, ?, '', '', '', '', '', 'active', '', '', '', '', '', '', '', "
                "'', '', '')",
                (company, f"Agent at {name}"),
            )


def test_the_upgrade_fills_the_key_and_keeps_every_row(isolated_profile: DataPaths) -> None:
    at_0002_with(isolated_profile, ["Harborline BPO", "Élan Contact", "Straße Calls"])
    before = rows(isolated_profile.database, "SELECT id, name, notes FROM companies ORDER BY id")
    db = Database.open(isolated_profile)
    db.close()
    path = isolated_profile.database
    assert rows(path, "SELECT version_num FROM alembic_version") == [(migrate.HEAD_REVISION,)]
    assert rows(path, "SELECT id, name, notes FROM companies ORDER BY id") == before
    assert rows(path, "SELECT name_key FROM companies ORDER BY id") == [
        ("harborline bpo",),
        ("élan contact",),
        ("strasse calls",),
    ]
    assert rows(path, "PRAGMA foreign_key_check") == []
    # The name still sorts and compares ignoring (ASCII) case, as before the upgrade.
    (sql,) = rows(path, "SELECT sql FROM sqlite_master WHERE name = 'companies'")[0]
    assert 'name VARCHAR(200) COLLATE "NOCASE" NOT NULL' in str(sql)
    assert "ix_companies_name_key" in str(
        rows(path, "SELECT group_concat(name) FROM sqlite_master WHERE tbl_name = 'companies'")
    )


def test_colliding_companies_are_kept_apart_not_merged(isolated_profile: DataPaths) -> None:
    # Different under SQLite's NOCASE (ASCII only, spaces as typed), one company under the key.
    names = ["Élan Contact", "élan contact", "Acme BPO", "Acme  BPO", "ACME\tbpo"]
    at_0002_with(isolated_profile, names)
    db = Database.open(isolated_profile)
    try:
        with db.session() as s:
            companies = s.execute(select(Company).order_by(Company.id)).scalars().all()
            assert [c.name for c in companies] == names
            assert [c.name_key for c in companies] == [
                "élan contact",
                "élan contact\t#2",
                "acme bpo",
                "acme bpo\t#4",
                "acme bpo\t#5",
            ]
            # Every application stays with its own company.
            owners = s.execute(
                select(Company.name, Application.position)
                .join(Application)
                .order_by(Application.id)
            ).all()
            assert owners == [(n, f"Agent at {n}") for n in names]
        # A new application to that company goes to the oldest of them, and no new company
        # is made.
        app_id = add_application(db, ApplicationForm(company="ACME bpo", applied_on="today"))
        with db.session() as s:
            app = s.get(Application, app_id)
            assert app is not None and app.company.name == "Acme BPO"
            assert len(s.execute(select(Company)).all()) == 5
    finally:
        db.close()


def test_one_company_per_key_from_now_on(db: Database) -> None:
    first = add_application(db, ApplicationForm(company="Élan Contact"))
    second = add_application(db, ApplicationForm(company="  ÉLAN   contact "))
    with db.session() as s:
        a, b = s.get(Application, first), s.get(Application, second)
        assert a is not None and b is not None and a.company_id == b.company_id
    with pytest.raises(IntegrityError), db.sessions.begin() as s:
        s.add(Company(name="élan CONTACT", notes=""))


def test_renaming_a_company_keeps_its_key(db: Database) -> None:
    add_application(db, ApplicationForm(company="Acme"))
    with db.session() as s:
        company = s.execute(select(Company)).scalar_one()
        company.name = "Acme  Global"
    with db.session() as s:
        assert s.execute(select(Company.name_key)).scalar_one() == "acme global"
