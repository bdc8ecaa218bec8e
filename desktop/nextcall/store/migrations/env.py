"""Alembic environment: NextCall always hands it an open connection (see store/migrate.py)."""

from alembic import context

from nextcall.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("NextCall runs its migrations through nextcall.store.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
