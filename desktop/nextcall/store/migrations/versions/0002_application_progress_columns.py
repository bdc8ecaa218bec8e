"""Stored progress on applications (furthest and current milestone, next follow-up), and the
indexes that let the table and the funnel sort and count 100,000 applications in SQL, and a
trigram index for the table's search (store/search_index.py).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = (
    ("furthest_stage_id", sa.Integer),
    ("furthest_position", sa.Float),
    ("furthest_outcome", lambda: sa.String(length=16)),
    ("current_stage_id", sa.Integer),
    ("current_position", sa.Float),
    ("current_state", lambda: sa.String(length=16)),
    ("next_follow_up_at", sa.DateTime),
)
INDEXED = (
    "account_type",
    "current_position",
    "furthest_position",
    "last_contact_on",
    "next_follow_up_at",
)


def upgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        for name, kind in COLUMNS:
            batch_op.add_column(sa.Column(name, kind(), nullable=True))
        for name in INDEXED:
            batch_op.create_index(f"ix_applications_{name}", [name], unique=False)
        batch_op.create_index(
            "ix_applications_deleted",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
        )
    with op.batch_alter_table("stage_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stage_events_stage_outcome", ["stage_id", "outcome", "application_id"], unique=False
        )
        # Wider: the funnel's filtered counts read it alone.
        batch_op.drop_index("ix_stage_events_application_stage")
        batch_op.create_index(
            "ix_stage_events_application_stage",
            ["application_id", "stage_id", "outcome"],
            unique=False,
        )
        # The next scheduled interview without scanning every event. (A full index on
        # (outcome, scheduled_at) misleads the planner in pace.quiet_applications: 18 -> 183 ms.)
        batch_op.create_index(
            "ix_stage_events_scheduled_at",
            ["scheduled_at"],
            unique=False,
            sqlite_where=sa.text("outcome = 'scheduled'"),
        )
    with op.batch_alter_table("unused_stages", schema=None) as batch_op:
        batch_op.create_index("ix_unused_stages_stage_id", ["stage_id"], unique=False)
    _backfill()
    from nextcall.store import search_index

    for statement in search_index.statements():
        op.execute(statement)


def _backfill() -> None:
    # The derivation is the pure function the services use (no ORM, no session).
    from nextcall.core.progress import CatalogueStage, compute_progress

    bind = op.get_bind()
    catalogue = [
        CatalogueStage(row[0], row[1], row[2], bool(row[3]))
        for row in bind.execute(sa.text("SELECT id, key, position, builtin FROM stages"))
    ]
    outcomes: dict[int, dict[int, str]] = {}
    for app_id, stage_id, outcome in bind.execute(
        sa.text("SELECT application_id, stage_id, outcome FROM stage_events ORDER BY id")
    ):
        outcomes.setdefault(app_id, {})[stage_id] = outcome
    unused: dict[int, list[int]] = {}
    for app_id, stage_id in bind.execute(
        sa.text("SELECT application_id, stage_id FROM unused_stages")
    ):
        unused.setdefault(app_id, []).append(stage_id)
    follow_ups: dict[int, object] = dict(
        bind.execute(
            sa.text(
                "SELECT application_id, MIN(COALESCE(snoozed_until, due_at)) FROM follow_ups "
                "WHERE state = 'open' GROUP BY application_id"
            )
        ).all()
    )
    update = sa.text(
        "UPDATE applications SET furthest_stage_id = :furthest_stage_id, "
        "furthest_position = :furthest_position, furthest_outcome = :furthest_outcome, "
        "current_stage_id = :current_stage_id, current_position = :current_position, "
        "current_state = :current_state, next_follow_up_at = :next_follow_up_at WHERE id = :id"
    )
    rows = []
    for app_id, status in bind.execute(sa.text("SELECT id, status FROM applications")):
        progress = compute_progress(
            catalogue, outcomes.get(app_id, {}), unused.get(app_id, []), status
        )
        rows.append(
            {**progress.__dict__, "next_follow_up_at": follow_ups.get(app_id), "id": app_id}
        )
    if rows:
        bind.execute(update, rows)


def downgrade() -> None:
    from nextcall.store import search_index

    for statement in search_index.drop_statements():
        op.execute(statement)
    with op.batch_alter_table("unused_stages", schema=None) as batch_op:
        batch_op.drop_index("ix_unused_stages_stage_id")
    with op.batch_alter_table("stage_events", schema=None) as batch_op:
        batch_op.drop_index("ix_stage_events_scheduled_at")
        batch_op.drop_index("ix_stage_events_stage_outcome")
        batch_op.drop_index("ix_stage_events_application_stage")
        batch_op.create_index(
            "ix_stage_events_application_stage", ["application_id", "stage_id"], unique=False
        )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_deleted")
        for name in INDEXED:
            batch_op.drop_index(f"ix_applications_{name}")
        for name, _kind in reversed(COLUMNS):
            batch_op.drop_column(name)
