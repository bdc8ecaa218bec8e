"""services/startup_check.py: the start-up check is skipped only for the file a clean exit left."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, timedelta

from nextcall.core.paths import DataPaths
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.startup_check import (
    DEEP,
    NO_CHECK,
    QUICK,
    check_needed,
    file_stamp,
    forget_clean_exit,
    remember_clean_exit,
    stamp_path,
)

TODAY = date(2026, 11, 20)


def closed(db: Database) -> DataPaths:
    db.close()
    return db.paths


def test_a_profile_never_closed_cleanly_is_checked(db: Database) -> None:
    assert check_needed(closed(db), TODAY) == QUICK


def test_the_file_a_clean_exit_left_is_not_checked_until_the_week_is_over(db: Database) -> None:
    paths = closed(db)
    remember_clean_exit(paths, deep_checked_on=TODAY)
    assert check_needed(paths, TODAY) == NO_CHECK
    assert check_needed(paths, TODAY + timedelta(days=6)) == NO_CHECK
    assert check_needed(paths, TODAY + timedelta(days=7)) == DEEP
    assert check_needed(paths, TODAY - timedelta(days=1)) == DEEP  # a clock set back: check


def test_never_checked_deeply_means_a_deep_check(db: Database) -> None:
    paths = closed(db)
    remember_clean_exit(paths, deep_checked_on=None)
    assert check_needed(paths, TODAY) == DEEP
    remember_clean_exit(paths, deep_checked_on=TODAY)
    remember_clean_exit(paths, deep_checked_on=None)  # a later exit keeps the day it was done
    assert check_needed(paths, TODAY) == NO_CHECK


def test_any_change_to_the_file_means_a_check(db: Database) -> None:
    paths = closed(db)
    remember_clean_exit(paths, deep_checked_on=TODAY)
    reopened = Database.open(paths)
    add_application(reopened, ApplicationForm(company="Harborline BPO"))
    assert check_needed(paths, TODAY) == QUICK  # still open: the write-ahead log holds it
    reopened.close()
    assert check_needed(paths, TODAY) == QUICK  # closed by someone else: not the same file


def test_a_copy_with_the_same_size_but_another_time_is_checked(db: Database) -> None:
    paths = closed(db)
    remember_clean_exit(paths, deep_checked_on=TODAY)
    info = paths.database.stat()
    os.utime(paths.database, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert check_needed(paths, TODAY) == QUICK


def test_a_change_that_keeps_size_and_time_still_moves_the_change_counter(db: Database) -> None:
    paths = closed(db)
    before = file_stamp(paths.database)
    with sqlite3.connect(paths.database) as con:
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("UPDATE companies SET notes = notes")
    assert before is not None
    after = file_stamp(paths.database)
    assert after is not None and after["change_counter"] != before["change_counter"]


def test_a_broken_or_missing_record_means_a_check(db: Database) -> None:
    paths = closed(db)
    remember_clean_exit(paths, deep_checked_on=TODAY)
    stamp_path(paths).write_text("{not json", encoding="utf-8")
    assert check_needed(paths, TODAY) == QUICK
    forget_clean_exit(paths)
    assert not stamp_path(paths).exists()
    assert check_needed(paths, TODAY) == QUICK


def test_no_data_file_is_never_vouched_for(isolated_profile: DataPaths) -> None:
    remember_clean_exit(isolated_profile, deep_checked_on=TODAY)
    assert not stamp_path(isolated_profile).exists()
    assert check_needed(isolated_profile, TODAY) == QUICK
