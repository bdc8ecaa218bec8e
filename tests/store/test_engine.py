"""store/engine.py: connection settings on every connection, real transactions, private files."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text

from nextcall.core.paths import DataPaths
from nextcall.store.engine import BUSY_TIMEOUT_MS, make_engine

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX-only")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(tmp_path / "t.sqlite3")
    yield eng
    eng.dispose()


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """Umask 000: any file or folder whose privacy relies on the umask shows up as too open."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def pragmas(connection: Connection) -> dict[str, object]:
    def one(name: str) -> object:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

    return {
        name: one(name) for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
    }


def assert_settings(values: dict[str, object], foreign_keys: int = 1) -> None:
    assert values["foreign_keys"] == foreign_keys
    assert str(values["journal_mode"]).lower() == "wal"
    assert values["synchronous"] in (1, 2)  # NORMAL or FULL
    assert isinstance(values["busy_timeout"], int)
    assert values["busy_timeout"] > 0


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_connection_gets_the_settings(engine: Engine) -> None:
    # Two connections checked out at once are two distinct DBAPI connections.
    with engine.connect() as first, engine.connect() as second:
        assert first.connection.dbapi_connection is not second.connection.dbapi_connection
        assert_settings(pragmas(first))
        assert_settings(pragmas(second))
    engine.dispose()  # the pool is emptied: the next connection is a brand-new one
    with engine.connect() as third:
        assert_settings(pragmas(third))
        assert pragmas(third)["busy_timeout"] == BUSY_TIMEOUT_MS


def test_foreign_keys_can_be_turned_off(tmp_path: Path) -> None:
    eng = make_engine(tmp_path / "t.sqlite3", foreign_keys=False)
    try:
        with eng.connect() as connection:
            assert_settings(pragmas(connection), foreign_keys=0)
    finally:
        eng.dispose()


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        c.exec_driver_sql(
            "CREATE TABLE child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parent)"
        )
    with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as c:
        c.exec_driver_sql("INSERT INTO child (id, p) VALUES (1, 42)")


def test_a_failed_transaction_rolls_back(engine: Engine) -> None:
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    with pytest.raises(RuntimeError, match="boom"), engine.begin() as c:
        c.execute(text("INSERT INTO t (x) VALUES (1)"))
        assert c.exec_driver_sql("SELECT count(*) FROM t").scalar() == 1
        raise RuntimeError("boom")
    with engine.connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM t").scalar() == 0


def test_ddl_is_inside_the_transaction_too(engine: Engine) -> None:
    # The driver is in autocommit mode and SQLAlchemy emits BEGIN: CREATE TABLE rolls back.
    with pytest.raises(RuntimeError), engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE doomed (x INTEGER)")
        raise RuntimeError("undo the DDL")
    with engine.connect() as c:
        names = c.exec_driver_sql("SELECT name FROM sqlite_master WHERE name='doomed'").all()
    assert names == []


def test_a_committed_transaction_is_visible_to_a_new_connection(engine: Engine) -> None:
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        c.exec_driver_sql("INSERT INTO t (x) VALUES (7)")
    engine.dispose()
    with engine.connect() as c:
        assert c.exec_driver_sql("SELECT x FROM t").scalar() == 7


@posix_only
def test_database_wal_and_shm_files_are_private(tmp_path: Path, permissive_umask: None) -> None:
    path = tmp_path / "private.sqlite3"
    eng = make_engine(path)
    try:
        assert mode(path) == 0o600  # created private before SQLite ever opens it
        with eng.connect() as c:
            c.exec_driver_sql("CREATE TABLE t (x INTEGER)")
            c.exec_driver_sql("INSERT INTO t (x) VALUES (1)")
            c.commit()
            wal = path.with_name(path.name + "-wal")
            shm = path.with_name(path.name + "-shm")
            assert wal.exists()
            assert shm.exists()
            assert mode(path) == 0o600
            assert mode(wal) == 0o600
            assert mode(shm) == 0o600
    finally:
        eng.dispose()


@posix_only
def test_data_folder_is_private_after_ensure(tmp_path: Path, permissive_umask: None) -> None:
    paths = DataPaths(tmp_path / "deep" / "profile").ensure()
    assert paths.root.is_dir()
    assert mode(paths.root) == 0o700
    # A folder that exists keeps what its owner chose: NextCall never changes it silently.
    os.chmod(paths.root, 0o750)
    paths.ensure()
    assert mode(paths.root) == 0o750
