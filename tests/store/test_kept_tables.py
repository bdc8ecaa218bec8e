"""Putting back the triggers of a kept table (store/kept_tables.py): only when the table is
there and a trigger is missing, and then with the fill."""

from __future__ import annotations

from sqlalchemy import create_engine

from nextcall.store import kept_tables

TRIGGER = "CREATE TRIGGER IF NOT EXISTS kept_ai AFTER INSERT ON source BEGIN SELECT 1; END"
FILL = "INSERT INTO kept SELECT count(*) FROM source"


def test_put_back_only_what_is_missing_and_fill_then() -> None:
    engine = create_engine("sqlite://")
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE source (x)")
        c.exec_driver_sql("INSERT INTO source VALUES (1), (2)")
        statements = [TRIGGER, "DELETE FROM kept", FILL]
        assert not kept_tables.put_back(c, "kept", ["kept_ai"], statements)  # no table yet
        c.exec_driver_sql("CREATE TABLE kept (n)")
        assert kept_tables.put_back(c, "kept", ["kept_ai"], statements)  # trigger missing
        assert c.exec_driver_sql("SELECT n FROM kept").all() == [(2,)]
        c.exec_driver_sql("INSERT INTO source VALUES (3)")
        assert not kept_tables.put_back(c, "kept", ["kept_ai"], statements)  # all there
        assert c.exec_driver_sql("SELECT n FROM kept").all() == [(2,)]  # not filled again
