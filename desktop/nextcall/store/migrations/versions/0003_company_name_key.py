"""One definition of "the same company" in the database too: a stored ``name_key`` column
(core.companies.company_key: Unicode case folding, compatibility forms, whitespace runs as one
space) with a unique index, instead of the unique NOCASE name (ASCII letters only, spaces as
typed).

Older files may hold two companies that the new key makes the same (``Élan`` and ``élan``,
``Acme BPO`` and ``Acme  BPO``). Nothing is merged: the oldest keeps the plain key; each later
one gets its key followed by a tab and its id, which no name's key can contain, so both stay
with their applications and contacts, and a new application goes to the oldest.

Revision ID: 0003
Revises: 0002
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def kept_apart(key: str, company_id: int) -> str:
    """The key of a company whose plain key an older company already holds."""
    return f"{key}\t#{company_id}"


def upgrade() -> None:
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.Text(), nullable=True))
    _fill_keys()
    with op.batch_alter_table(
        "companies", schema=None, recreate="always", reflect_args=(_name(),)
    ) as batch_op:
        batch_op.alter_column("name_key", existing_type=sa.Text(), nullable=False)
        batch_op.drop_constraint("uq_companies_name", type_="unique")
        batch_op.create_index("ix_companies_name_key", ["name_key"], unique=True)


def _name() -> sa.Column[str]:
    """The name column as it is: reflection would lose its NOCASE collation (sorting by name
    ignores case) when batch mode rebuilds the table."""
    return sa.Column("name", sa.String(length=200, collation="NOCASE"), nullable=False)


def _fill_keys() -> None:
    # The key is the pure function the services use (no ORM, no session).
    from nextcall.core.companies import company_key

    bind = op.get_bind()
    taken: dict[str, int] = {}
    rows = []
    for company_id, name in bind.execute(sa.text("SELECT id, name FROM companies ORDER BY id")):
        key = company_key(name)
        if key in taken:
            log.warning(
                "companies %s and %s have names that are now the same company; kept apart",
                taken[key],
                company_id,
            )
            rows.append({"id": company_id, "key": kept_apart(key, company_id)})
            continue
        taken[key] = company_id
        rows.append({"id": company_id, "key": key})
    if rows:
        bind.execute(sa.text("UPDATE companies SET name_key = :key WHERE id = :id"), rows)


def downgrade() -> None:
    with op.batch_alter_table(
        "companies", schema=None, recreate="always", reflect_args=(_name(),)
    ) as batch_op:
        batch_op.drop_index("ix_companies_name_key")
        batch_op.create_unique_constraint("uq_companies_name", ["name"])
        batch_op.drop_column("name_key")
