"""store/search_index.py: the trigram index follows every write and survives table rebuilds."""

from __future__ import annotations

import shutil
import textwrap
from importlib import resources
from pathlib import Path

from nextcall.core.paths import DataPaths
from nextcall.services.application_list import ApplicationQuery, list_applications
from nextcall.services.applications import (
    ApplicationForm,
    add_application,
    delete_application,
    get_form,
    update_application,
)
from nextcall.services.database import Database
from nextcall.store import migrate
from nextcall.store.models import Company, Contact


def found(db: Database, text: str) -> list[str]:
    return sorted(r.company for r in list_applications(db, ApplicationQuery(search=text)))


def test_every_searchable_field_is_found_by_substring(db: Database) -> None:
    app = add_application(
        db,
        ApplicationForm(company="Harborline BPO", position="Chat Support", site="Ortigas"),
    )
    add_application(db, ApplicationForm(company="Summit Partners", account_type="Telecom"))
    assert found(db, "borl") == ["Harborline BPO"]
    assert found(db, "HARBOR") == ["Harborline BPO"]  # case does not matter
    assert found(db, "tiga") == ["Harborline BPO"]
    assert found(db, "lecom") == ["Summit Partners"]
    assert found(db, "chat ortigas") == ["Harborline BPO"]  # every word must match
    assert found(db, "chat telecom") == []
    assert found(db, 'a"b*c(') == []  # FTS syntax in the query is just text
    update_application(db, app, ApplicationForm(**{**get_form(db, app).__dict__, "site": "Cebu"}))
    assert found(db, "tiga") == []
    assert found(db, "cebu") == ["Harborline BPO"]


def test_contacts_and_company_names_follow(db: Database) -> None:
    add_application(db, ApplicationForm(company="Bluewave"))
    with db.session() as s:
        company = s.query(Company).filter_by(name="Bluewave").one()
        s.add(Contact(company_id=company.id, name="Maria Santos"))
    assert found(db, "santos") == ["Bluewave"]
    with db.session() as s:
        s.query(Company).filter_by(name="Bluewave").one().name = "Bluewave Global"
    assert found(db, "global") == ["Bluewave Global"]
    with db.session() as s:
        s.query(Contact).delete()
    assert found(db, "santos") == []


def test_trash_is_not_found(db: Database) -> None:
    app = add_application(db, ApplicationForm(company="Redcliff"))
    delete_application(db, app)
    assert found(db, "redcliff") == []


def test_a_table_rebuild_keeps_the_index_working(
    isolated_profile: DataPaths, tmp_path: Path
) -> None:
    db = Database.open(isolated_profile)
    add_application(db, ApplicationForm(company="Pinnacle Connect"))
    db.close()
    folder = tmp_path / "migrations"
    shutil.copytree(
        Path(str(resources.files("nextcall.store") / "migrations")),
        folder,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    body = textwrap.dedent(
        """
        with op.batch_alter_table("companies", recreate="always") as batch_op:
            batch_op.add_column(sa.Column("website", sa.String(200), nullable=True))
        """
    )
    (folder / "versions" / "9001_test.py").write_text(
        '"""Test."""\nimport sqlalchemy as sa\nfrom alembic import op\n\n'
        f'revision = "9001"\ndown_revision = "{migrate.HEAD_REVISION}"\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade() -> None:\n"
        + textwrap.indent(body, "    ")
        + "\n\ndef downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    migrate.upgrade(
        isolated_profile.database, isolated_profile.backups, script_location=str(folder)
    )
    engine = migrate.make_engine(isolated_profile.database)
    with engine.begin() as c:
        triggers = {
            r[0] for r in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        assert "application_search_company" in triggers  # put back after the rebuild
        c.exec_driver_sql("UPDATE companies SET name = 'Pinnacle Global'")
        hits = c.exec_driver_sql(
            "SELECT rowid FROM application_search WHERE application_search MATCH '\"global\"'"
        ).all()
    engine.dispose()
    assert len(hits) == 1
