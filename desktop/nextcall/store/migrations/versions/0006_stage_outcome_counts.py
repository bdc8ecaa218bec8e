"""The funnel without a pass over every milestone event: ``stage_outcome_counts`` holds the
number of events of each (milestone, outcome), kept in step by triggers on stage_events
(store/outcome_counts.py) and counted here from the events already recorded. Only a new table
and triggers: no table is rebuilt.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stage_outcome_counts",
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("stage_id", "outcome", name=op.f("pk_stage_outcome_counts")),
    )
    from nextcall.store import outcome_counts

    for statement in outcome_counts.statements():
        op.execute(statement)


def downgrade() -> None:
    from nextcall.store import outcome_counts

    for statement in outcome_counts.drop_statements():
        op.execute(statement)
    op.drop_table("stage_outcome_counts")
