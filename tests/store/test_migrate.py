"""store/migrate.py: schema creation, refusing newer files, backups, and the cascade trap."""

from __future__ import annotations

import contextlib
import gc
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import select

from nextcall.core.paths import DataPaths
from nextcall.core.stages import MILESTONE_KEYS
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.store import migrate
from nextcall.store.engine import make_engine
from nextcall.store.migrate import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    MigrationError,
    NewerDatabaseError,
    open_database,
)
from nextcall.store.models import (
    Base,
    FollowUp,
    Note,
    Stage,
    StageChange,
    StageEvent,
    UnusedStage,
)

MIGRATIONS = Path(str(resources.files("nextcall.store") / "migrations"))
TEST_REVISION = "9001"
CHILD_TABLES = ("notes", "stage_events", "follow_ups", "stage_changes", "unused_stages")


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as c:
        return c.execute(sql).fetchall()


def revision_of(path: Path) -> str:
    return str(query(path, "SELECT version_num FROM alembic_version")[0][0])


def counts(path: Path) -> dict[str, int]:
    return {t: int(query(path, f"SELECT count(*) FROM {t}")[0][0]) for t in CHILD_TABLES}


def with_revision(tmp_path: Path, upgrade_body: str) -> str:
    """A copy of the real migrations plus a test revision (after the head) running
    ``upgrade_body``."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    source = (
        '"""Test revision."""\n'
        "import sqlalchemy as sa\n"
        "from alembic import op\n\n"
        f'revision = "{TEST_REVISION}"\n'
        f'down_revision = "{HEAD_REVISION}"\n'
        "branch_labels = None\n"
        "depends_on = None\n\n\n"
        "def upgrade() -> None:\n" + textwrap.indent(textwrap.dedent(upgrade_body), "    ") + "\n\n"
        "def downgrade() -> None:\n    pass\n"
    )
    (folder / "versions" / f"{TEST_REVISION}_test.py").write_text(source, encoding="utf-8")
    return str(folder)


RECREATE_APPLICATIONS = """
with op.batch_alter_table("applications", recreate="always") as batch_op:
    batch_op.add_column(sa.Column("referral_code", sa.String(40), nullable=True))
"""
RECREATE_COMPANIES = """
with op.batch_alter_table("companies", recreate="always") as batch_op:
    batch_op.add_column(sa.Column("website", sa.Text(), nullable=True))
"""
DANGLING_NOTE = """
op.execute(
    "INSERT INTO notes (application_id, kind, body, fix) VALUES (999999, 'tip', 'orphan', '')"
)
"""


@pytest.fixture
def filled(isolated_profile: DataPaths) -> DataPaths:
    """A profile at head with two applications, each with events, notes and follow-ups."""
    db = Database.open(isolated_profile)
    try:
        ids = [add_application(db, ApplicationForm(company=name)) for name in ("Acme", "Bolt")]
        with db.session() as s:
            stages = {st.key: st.id for st in s.execute(select(Stage)).scalars()}
            for app_id in ids:
                event = StageEvent(application_id=app_id, stage_id=stages["phone-interview"])
                s.add(event)
                s.flush()
                phone, sales = stages["phone-interview"], stages["sales-test"]
                s.add_all(
                    [
                        Note(application_id=app_id, stage_event_id=event.id, body="one"),
                        Note(application_id=app_id, stage_event_id=event.id, body="two"),
                        StageChange(application_id=app_id, stage_id=phone, outcome="passed"),
                        UnusedStage(application_id=app_id, stage_id=sales),
                        FollowUp(
                            application_id=app_id,
                            stage_event_id=event.id,
                            kind="thank-you",
                            title="Say thanks",
                            due_at=event.created_at,
                        ),
                    ]
                )
    finally:
        db.close()
    return isolated_profile


def test_an_empty_file_is_migrated_to_head(tmp_path: Path) -> None:
    path, backups = tmp_path / "new.sqlite3", tmp_path / "backups"
    engine = open_database(path, backups)
    try:
        with engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
    assert revision_of(path) == HEAD_REVISION
    tables = {row[0] for row in query(path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(Base.metadata.tables) <= tables
    assert "notes_fts" in tables
    stages = query(path, "SELECT key, builtin FROM stages ORDER BY position")
    assert [key for key, _ in stages] == list(MILESTONE_KEYS)
    assert all(builtin for _, builtin in stages)
    assert not backups.exists() or not any(backups.iterdir())  # nothing worth backing up


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = open_database(tmp_path / "db.sqlite3", tmp_path / "backups")
    try:
        with engine.connect() as c:
            context = MigrationContext.configure(c, opts={"compare_type": True})
            diffs = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    # The FTS5 index is created by hand in the migration and has no model.
    hand_made = ("notes_fts", "application_search")
    drift = [d for d in diffs if not (d[0] == "remove_table" and d[1].name.startswith(hand_made))]
    assert drift == []


def test_revision_constants_match_the_scripts() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(MIGRATIONS))
    assert scripts.get_heads() == [HEAD_REVISION]
    assert set(KNOWN_REVISIONS) == {s.revision for s in scripts.walk_revisions()}
    assert len(KNOWN_REVISIONS) == len(set(KNOWN_REVISIONS))


PROBE = (
    "import sys; from pathlib import Path; from nextcall.store.migrate import open_database; "
    "open_database(Path(sys.argv[1]), Path(sys.argv[2])).dispose(); "
    "print('alembic' in sys.modules)"
)


def alembic_loaded_by_open(path: Path, backups: Path) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), str(backups)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip() == "True"


@pytest.mark.slow
def test_an_up_to_date_open_does_not_import_alembic(tmp_path: Path) -> None:
    path, backups = tmp_path / "db.sqlite3", tmp_path / "backups"
    assert alembic_loaded_by_open(path, backups)  # the first open migrates: alembic is needed
    assert not alembic_loaded_by_open(path, backups)  # the second has nothing to do


def test_a_newer_database_is_refused_untouched(filled: DataPaths) -> None:
    path = filled.database
    with contextlib.closing(sqlite3.connect(path)) as c, c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    gc.disable()  # a leaked connection must not be closed behind the test's back
    try:
        with pytest.raises(NewerDatabaseError, match="newer version of NextCall"):
            open_database(path, filled.backups)
        leftovers = sorted(p.name for p in path.parent.glob(path.name + "-*"))
    finally:
        gc.enable()
    assert leftovers == []  # no connection left open on the file
    with pytest.raises(NewerDatabaseError):
        migrate.upgrade(path, filled.backups)
    assert path.read_bytes() == before
    assert not filled.backups.exists() or not any(filled.backups.iterdir())


def test_a_migration_takes_a_verified_backup_first(filled: DataPaths, tmp_path: Path) -> None:
    location = with_revision(tmp_path, RECREATE_COMPANIES)
    backup = migrate.upgrade(filled.database, filled.backups, script_location=location)
    assert backup is not None
    assert backup.parent == filled.backups
    assert list(filled.backups.iterdir()) == [backup]
    assert query(backup, "PRAGMA quick_check") == [("ok",)]
    assert revision_of(backup) == HEAD_REVISION
    assert query(backup, "SELECT name FROM companies ORDER BY name") == [("Acme",), ("Bolt",)]
    assert query(backup, "SELECT count(*) FROM notes") == [(4,)]
    columns = [row[1] for row in query(backup, "PRAGMA table_info(companies)")]
    assert "website" not in columns
    # The live file moved on and kept its rows.
    assert revision_of(filled.database) == TEST_REVISION
    assert "website" in [row[1] for row in query(filled.database, "PRAGMA table_info(companies)")]
    assert query(filled.database, "SELECT name FROM companies ORDER BY name") == [
        ("Acme",),
        ("Bolt",),
    ]


def test_recreating_a_parent_table_keeps_its_children(filled: DataPaths, tmp_path: Path) -> None:
    before = counts(filled.database)
    # Two applications, each with its "application sent" event and one more.
    assert before == {
        "notes": 4,
        "stage_events": 4,
        "follow_ups": 2,
        "stage_changes": 4,
        "unused_stages": 2,
    }
    location = with_revision(tmp_path, RECREATE_APPLICATIONS)
    migrate.upgrade(filled.database, filled.backups, script_location=location)
    assert revision_of(filled.database) == TEST_REVISION
    assert "referral_code" in [
        row[1] for row in query(filled.database, "PRAGMA table_info(applications)")
    ]
    assert counts(filled.database) == before
    assert query(filled.database, "PRAGMA foreign_key_check") == []


def naive_upgrade(path: Path, location: str) -> None:
    """Alembic run the obvious way: on an ordinary engine, so with foreign keys ON."""
    from alembic import command
    from alembic.config import Config

    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA legacy_alter_table=ON")  # as the runner does
            config = Config()
            config.set_main_option("script_location", location)
            config.attributes["connection"] = connection
            command.upgrade(config, TEST_REVISION)
    finally:
        engine.dispose()


def test_the_cascade_trap_is_real_with_foreign_keys_on(filled: DataPaths, tmp_path: Path) -> None:
    """The same revision run naively silently deletes the children: this is what the test
    above guards against, so that test can fail. (Notes are removed first: see the next test.)"""
    with contextlib.closing(sqlite3.connect(filled.database)) as c, c:
        c.execute("DELETE FROM notes")
    before = counts(filled.database)
    assert before["stage_events"] == 4
    assert before["follow_ups"] == 2
    naive_upgrade(filled.database, with_revision(tmp_path, RECREATE_APPLICATIONS))
    assert revision_of(filled.database) == TEST_REVISION
    assert query(filled.database, "SELECT count(*) FROM applications") == [(2,)]
    assert counts(filled.database) == dict.fromkeys(CHILD_TABLES, 0)


def test_with_notes_the_naive_upgrade_fails_instead(filled: DataPaths, tmp_path: Path) -> None:
    """With notes present, the cascade fires the notes_fts delete trigger in the middle of
    DROP TABLE, which SQLite refuses ("database table is locked"): loud, and rolled back."""
    from sqlalchemy.exc import OperationalError

    before = counts(filled.database)
    with pytest.raises(OperationalError, match="database table is locked"):
        naive_upgrade(filled.database, with_revision(tmp_path, RECREATE_APPLICATIONS))
    assert revision_of(filled.database) == HEAD_REVISION
    assert counts(filled.database) == before


def test_a_migration_that_breaks_links_is_rolled_back(filled: DataPaths, tmp_path: Path) -> None:
    before = counts(filled.database)
    location = with_revision(tmp_path, DANGLING_NOTE)
    with pytest.raises(MigrationError, match="links between records") as caught:
        migrate.upgrade(filled.database, filled.backups, script_location=location)
    assert str(filled.backups) in str(caught.value)
    assert revision_of(filled.database) == HEAD_REVISION
    assert query(filled.database, "SELECT count(*) FROM notes WHERE application_id = 999999") == [
        (0,)
    ]
    assert counts(filled.database) == before
    assert query(filled.database, "PRAGMA foreign_key_check") == []
    assert len(list(filled.backups.iterdir())) == 1  # the backup the message points to
