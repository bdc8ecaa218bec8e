"""Is the profile's database sound? Integrity, links between records, schema revision."""

from __future__ import annotations

from sqlalchemy.exc import DatabaseError

from nextcall.core.paths import DataPaths
from nextcall.services.database import Database
from nextcall.store.engine import make_engine
from nextcall.store.migrate import integrity_problems


def check_database(paths: DataPaths) -> list[str]:
    """One line per problem; an empty list means sound. A missing file is created first, the
    same as any other command would; an existing one is only read, never migrated."""
    if not paths.database.exists():
        Database.open(paths).close()
    engine = make_engine(paths.database)
    try:
        return integrity_problems(engine, paths.database)
    except DatabaseError as exc:
        reason = str(exc.orig) if exc.orig is not None else str(exc)
        return [f"damaged: {paths.database} cannot be read as a database ({reason})"]
    finally:
        engine.dispose()
