"""Practice results in full: a test score keeps the moment it was taken and its details (a
typing test's gross and net words a minute, accuracy, seconds and passage; a speech check's
pace, pauses and read-aloud match), and each drill item keeps how often it was seen and missed,
so missed items come back in later sets.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("test_scores", schema=None) as batch_op:
        batch_op.add_column(sa.Column("taken_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("details", sa.Text(), nullable=False, server_default=sa.text("'{}'"))
        )
    op.create_table(
        "drill_stats",
        sa.Column("item_key", sa.String(length=80), nullable=False),
        sa.Column("seen", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("missed", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("last_seen", sa.DateTime(), nullable=True),
        sa.Column("last_missed", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("item_key"),
    )


def downgrade() -> None:
    op.drop_table("drill_stats")
    with op.batch_alter_table("test_scores", schema=None) as batch_op:
        batch_op.drop_column("details")
        batch_op.drop_column("taken_at")
