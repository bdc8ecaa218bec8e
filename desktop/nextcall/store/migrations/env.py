"""Alembic environment: NextCall always hands it an open connection (see store/migrate.py)."""

from alembic import context

from nextcall.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("NextCall runs its migrations through nextcall.store.migrate")


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave the hand-made FTS5 indexes out of autogenerate's comparison."""
    hand_made = ("notes_fts", "application_search")
    return not (type_ == "table" and name is not None and name.startswith(hand_made))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
