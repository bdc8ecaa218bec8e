"""Improvement areas counted without a pass over every note: ``area_mentions`` holds one row
per area tag on a tip, feedback or debrief note, with the interview it belongs to and its day,
kept in step by triggers on notes and note_tags (store/area_index.py) and filled here from the
notes already written. Only a new table and triggers: no table is rebuilt.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "area_mentions",
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("interview", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("note_id", "tag_id", name=op.f("pk_area_mentions")),
    )
    op.create_index(
        "ix_area_mentions_interview",
        "area_mentions",
        ["tag_id", "interview", "day", "application_id"],
        unique=False,
    )
    op.create_index(
        "ix_area_mentions_day",
        "area_mentions",
        ["tag_id", "day", "note_id", "application_id"],
        unique=False,
    )
    from nextcall.store import area_index

    for statement in area_index.statements():
        op.execute(statement)


def downgrade() -> None:
    from nextcall.store import area_index

    for statement in area_index.drop_statements():
        op.execute(statement)
    op.drop_index("ix_area_mentions_day", table_name="area_mentions")
    op.drop_index("ix_area_mentions_interview", table_name="area_mentions")
    op.drop_table("area_mentions")
