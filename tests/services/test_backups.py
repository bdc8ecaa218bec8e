"""services/backups.py: take, list, find, prune and restore backups; when the app takes one."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nextcall.core.errors import NotFoundError
from nextcall.core.paths import DataPaths
from nextcall.services.application_list import ApplicationQuery, list_applications
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.backups import (
    AUTO_INTERVAL,
    AutoBackup,
    BackupFailedError,
    ChangeTracker,
    find_backup,
    list_backups,
    prune_backups,
    restore_backup,
    restore_file,
    take_backup,
)
from nextcall.services.database import Database
from nextcall.store.backup import backup_files
from nextcall.store.migrate import HEAD_REVISION

NOW = datetime(2026, 11, 20, 12, 0)
FIXTURE_0001 = Path(__file__).parents[1] / "store" / "fixtures" / "schema-0001-demo.sqlite3"


def add(db: Database, *names: str) -> None:
    for name in names:
        add_application(db, ApplicationForm(company=name, position="Agent"))


def companies(db: Database) -> list[str]:
    return sorted(row.company for row in list_applications(db, ApplicationQuery()))


class Clock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX-only")
def test_take_backup_is_private_verified_and_counted(db: Database) -> None:
    add(db, "Acme", "Bolt")
    old = os.umask(0)
    try:
        info = take_backup(db.paths, "manual", NOW)
    finally:
        os.umask(old)
    assert info.path.parent == db.paths.backups
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.paths.backups.stat().st_mode) == 0o700
    assert (info.label, info.taken, info.applications, info.notes) == ("manual", NOW, 2, 0)


def test_list_find_and_the_newest_good_one(db: Database) -> None:
    add(db, "Acme")
    first = take_backup(db.paths, "auto", NOW)
    add(db, "Bolt")
    second = take_backup(db.paths, "manual", NOW + timedelta(minutes=5))
    broken = db.paths.backups / "nextcall-auto-20261120-130000-000000.sqlite3"
    broken.write_bytes(b"nope" * 1000)
    listed = list_backups(db.paths)
    assert [b.path for b in listed] == [broken, second.path, first.path]
    assert not listed[0].ok
    assert find_backup(db.paths).path == second.path  # the newest that verifies
    assert find_backup(db.paths, first.path.name).applications == 1  # by name in the folder
    assert find_backup(db.paths, str(first.path)).path == first.path  # by path
    with pytest.raises(BackupFailedError, match="cannot be used"):
        find_backup(db.paths, broken.name)
    with pytest.raises(NotFoundError, match="no backup called"):
        find_backup(db.paths, "nextcall-auto-19990101-000000-000000.sqlite3")


def test_no_backup_at_all_is_a_clear_error(isolated_profile: DataPaths) -> None:
    with pytest.raises(NotFoundError, match="no usable backup"):
        find_backup(isolated_profile)


def test_prune_follows_the_rule_with_a_fixed_clock(db: Database) -> None:
    stamps = [NOW - timedelta(hours=h) for h in (1, 30, 24 * 5, 24 * 5 + 2, 24 * 40, 24 * 200)]
    for when in stamps:
        take_backup(db.paths, "auto", when)
    take_backup(db.paths, "before-import", NOW - timedelta(days=300))
    stray = db.paths.backups / "my-own-copy.sqlite3"
    stray.write_bytes(b"mine")
    crashed = db.paths.backups / "nextcall-auto-20261101-000000-000000.partial"
    crashed.write_bytes(b"half")
    fresh_partial = db.paths.backups / "nextcall-auto-20261120-115900-000000.partial"
    fresh_partial.write_bytes(b"being written")
    prune_backups(db.paths, NOW)
    left = [(b.label, b.taken) for b in list_backups(db.paths, verify=False)]
    assert left == [
        ("auto", NOW - timedelta(hours=1)),
        ("auto", NOW - timedelta(hours=30)),
        ("auto", NOW - timedelta(days=5)),  # the newest of its day
        ("auto", NOW - timedelta(days=40)),  # the newest of its week
        ("before-import", NOW - timedelta(days=300)),  # the only one of its kind
    ]
    assert stray.exists()  # not ours: never touched
    assert not crashed.exists()
    assert fresh_partial.exists()


def test_restore_file_backs_up_the_current_data_first(db: Database) -> None:
    add(db, "Acme")
    saved = take_backup(db.paths, "manual", NOW)
    add(db, "Bolt", "Crest")
    db.close()
    result = restore_file(db.paths, saved, NOW + timedelta(hours=1))
    assert result.restored == saved
    assert result.moved_aside is None
    assert result.previous is not None and result.previous.name.startswith(
        "nextcall-before-restore-"
    )
    assert [b.applications for b in list_backups(db.paths) if b.path == result.previous] == [3]
    reopened = Database.open(db.paths)
    try:
        assert companies(reopened) == ["Acme"]
    finally:
        reopened.close()


def test_restore_into_an_open_profile_keeps_the_database_object_working(db: Database) -> None:
    add(db, "Acme")
    saved = take_backup(db.paths, "manual", NOW)
    add(db, "Bolt")
    assert companies(db) == ["Acme", "Bolt"]
    restore_backup(db, saved, NOW + timedelta(minutes=1))
    assert companies(db) == ["Acme"]
    add(db, "Delta")  # writes go to the restored file
    assert companies(db) == ["Acme", "Delta"]


def test_restoring_an_older_schema_upgrades_it(db: Database, tmp_path: Path) -> None:
    old = db.paths.backups / "nextcall-manual-20250101-000000-000000.sqlite3"
    db.paths.backups.mkdir(exist_ok=True)
    shutil.copy2(FIXTURE_0001, old)
    info = find_backup(db.paths, old.name)
    assert info.revision == "0001"
    restore_backup(db, info, NOW)
    with contextlib.closing(sqlite3.connect(db.paths.database)) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
    assert len(companies(db)) == info.applications


def test_a_backup_from_a_newer_version_is_refused(db: Database) -> None:
    saved = take_backup(db.paths, "manual", NOW)
    with contextlib.closing(sqlite3.connect(saved.path)) as c, c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(BackupFailedError, match="newer NextCall"):
        find_backup(db.paths, saved.path.name)


# -- noticing changes ----------------------------------------------------------------------------


def test_the_tracker_counts_writes_and_ignores_reads(db: Database) -> None:
    tracker = ChangeTracker(db.engine)
    try:
        companies(db)
        with db.session() as s:
            s.connection().exec_driver_sql("SELECT count(*) FROM notes").scalar()
        assert tracker.generation == 0
        add(db, "Acme")
        after_one = tracker.generation
        assert after_one >= 1
        with db.session() as s:  # raw SQL counts too
            s.connection().exec_driver_sql("UPDATE companies SET notes = 'x'")
        assert tracker.generation > after_one
        db.engine.dispose()  # as around a restore: the listener stays
        add(db, "Bolt")
        assert tracker.generation > after_one + 1
    finally:
        tracker.close()


def test_auto_backup_comes_30_minutes_after_a_change_and_never_without_one(db: Database) -> None:
    clock = Clock()
    auto = AutoBackup(db, clock)
    try:
        clock.advance(hours=5)
        assert not auto.due()  # nothing changed: no backup, however long
        add(db, "Acme")
        assert auto.due()  # the last backup (the start) is long ago
        first = auto.run()
        assert (first.label, first.taken, first.applications) == ("auto", clock.now, 1)
        assert not auto.due()
        add(db, "Bolt")
        clock.advance(minutes=29)
        assert not auto.due()
        clock.advance(minutes=1)
        assert auto.due()  # within 30 minutes of the change
        auto.run()
        clock.advance(hours=2)
        assert not auto.due()
        assert len(backup_files(db.paths.backups)) == 2
    finally:
        auto.close()


def test_a_restore_counts_as_backed_up(db: Database) -> None:
    clock = Clock()
    auto = AutoBackup(db, clock)
    try:
        add(db, "Acme")
        saved = take_backup(db.paths, "manual", clock.now)
        restore_backup(db, saved, clock.now)
        auto.mark_saved()
        clock.advance(minutes=AUTO_INTERVAL.total_seconds() / 60 + 1)
        assert not auto.due()
    finally:
        auto.close()


def test_at_exit_backs_up_only_what_changed(db: Database) -> None:
    clock = Clock()
    auto = AutoBackup(db, clock)
    try:
        assert auto.at_exit() is None  # opened and closed without a change: no copy
        add(db, "Acme")
        clock.advance(minutes=1)
        last = auto.at_exit()
        assert last is not None and (last.label, last.applications) == ("exit", 1)
        assert auto.at_exit() is None  # nothing since
        assert len(backup_files(db.paths.backups)) == 1
    finally:
        auto.close()
