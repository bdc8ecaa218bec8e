"""Initial schema: every table, the notes full-text index, and the ten built-in milestones.

Revision ID: 0001
Revises: (none)
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200, collation="NOCASE"), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("reapply_after", sa.Date(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
        sa.UniqueConstraint("name", name=op.f("uq_companies_name")),
    )
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario_key", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=True),
        sa.Column("scores", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recording", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_sessions")),
    )
    with op.batch_alter_table("practice_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practice_sessions_scenario_key"), ["scenario_key"], unique=False
        )

    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("playbook_key", sa.String(length=120), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=True),
        sa.Column("last_practised_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "confidence IS NULL OR confidence BETWEEN 1 AND 5", name=op.f("ck_questions_confidence")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
        sa.UniqueConstraint("playbook_key", name=op.f("uq_questions_playbook_key")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "stages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Float(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("guidance", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stages")),
        sa.UniqueConstraint("key", name=op.f("uq_stages_key")),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64, collation="NOCASE"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("key", name=op.f("uq_tags_key")),
    )
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=False),
        sa.Column("account_type", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("site", sa.String(length=200), nullable=False),
        sa.Column("shift", sa.String(length=100), nullable=False),
        sa.Column("salary_expected", sa.Float(), nullable=True),
        sa.Column("salary_offered", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("closing_reason", sa.Text(), nullable=False),
        sa.Column("last_contact_on", sa.Date(), nullable=True),
        sa.Column("offer_pay", sa.String(length=200), nullable=False),
        sa.Column("offer_shift", sa.String(length=200), nullable=False),
        sa.Column("offer_site", sa.String(length=200), nullable=False),
        sa.Column("offer_start_on", sa.Date(), nullable=True),
        sa.Column("offer_notes", sa.Text(), nullable=False),
        sa.Column("answer_ability", sa.Text(), nullable=False),
        sa.Column("answer_motivation", sa.Text(), nullable=False),
        sa.Column("answer_fit", sa.Text(), nullable=False),
        sa.Column("answer_confidence", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status IN ('active', 'offer', 'accepted', 'rejected', 'withdrawn', 'ghosted')",
            name=op.f("ck_applications_status"),
        ),
        sa.CheckConstraint(
            "salary_expected IS NULL OR salary_expected >= 0",
            name=op.f("ck_applications_salary_expected"),
        ),
        sa.CheckConstraint(
            "salary_offered IS NULL OR salary_offered >= 0",
            name=op.f("ck_applications_salary_offered"),
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_applications_company_id_companies"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
    )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index("ix_applications_applied_on", ["applied_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_applications_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index("ix_applications_status", ["status"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=64), nullable=False),
        sa.Column("memory_hook", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_contacts_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_company_id"), ["company_id"], unique=False)

    op.create_table(
        "stage_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column(
            "changed_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_stage_changes_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["stages.id"],
            name=op.f("fk_stage_changes_stage_id_stages"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_changes")),
    )
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stage_changes_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "stage_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(), nullable=True),
        sa.Column("happened_on", sa.Date(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("interviewer", sa.String(length=200), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("checks", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "outcome IN ('scheduled', 'pending', 'passed', 'failed', 'skipped', 'no-show')",
            name=op.f("ck_stage_events_outcome"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_stage_events_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_stage_events_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["stages.id"],
            name=op.f("fk_stage_events_stage_id_stages"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_events")),
    )
    with op.batch_alter_table("stage_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stage_events_application_stage", ["application_id", "stage_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_stage_events_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stage_events_stage_id"), ["stage_id"], unique=False)

    op.create_table(
        "unused_stages",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_unused_stages_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["stages.id"],
            name=op.f("fk_unused_stages_stage_id_stages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("application_id", "stage_id", name=op.f("pk_unused_stages")),
    )
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("stage_event_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("snoozed_until", sa.DateTime(), nullable=True),
        sa.Column("rule_key", sa.String(length=120), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "kind IN ('thank-you', 'feedback-call', 'check-in', 'keep-on-file', 'reapply', 'interview-reminder', 'custom')",
            name=op.f("ck_follow_ups_kind"),
        ),
        sa.CheckConstraint(
            "state IN ('open', 'done', 'dismissed')", name=op.f("ck_follow_ups_state")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_follow_ups_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_event_id"],
            ["stage_events.id"],
            name=op.f("fk_follow_ups_stage_event_id_stage_events"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
        sa.UniqueConstraint(
            "application_id", "rule_key", name=op.f("uq_follow_ups_application_id_rule_key")
        ),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_follow_ups_stage_event_id"), ["stage_event_id"], unique=False
        )
        batch_op.create_index("ix_follow_ups_state_due", ["state", "due_at"], unique=False)

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("stage_event_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("fix", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "kind IN ('tip', 'feedback', 'observation', 'debrief', 'question', 'answer')",
            name=op.f("ck_notes_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_notes_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_notes_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["stage_event_id"],
            ["stage_events.id"],
            name=op.f("fk_notes_stage_event_id_stage_events"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notes_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notes_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index("ix_notes_created_at", ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_notes_stage_event_id"), ["stage_event_id"], unique=False
        )

    op.create_table(
        "test_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("accuracy", sa.Float(), nullable=True),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("stage_event_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_test_scores_application_id_applications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["stage_event_id"],
            ["stage_events.id"],
            name=op.f("fk_test_scores_stage_event_id_stage_events"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_scores")),
    )
    with op.batch_alter_table("test_scores", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_test_scores_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "note_tags",
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"], ["notes.id"], name=op.f("fk_note_tags_note_id_notes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_note_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("note_id", "tag_id", name=op.f("pk_note_tags")),
    )
    with op.batch_alter_table("note_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_tags_tag_id"), ["tag_id"], unique=False)

    _create_notes_fts()
    _seed_builtin_stages()


BUILTIN_STAGES = (
    ("application", "Application sent"),
    ("phone-interview", "Phone interview"),
    ("in-person-interview", "In-person interview"),
    ("exam", "Exam"),
    ("mock-call", "Mock call"),
    ("sales-test", "Sales test"),
    ("customer-service-test", "Customer-service test"),
    ("tech-support-test", "Tech-support test"),
    ("final-interview", "Final interview"),
    ("job-offer", "Job offer"),
)


def _seed_builtin_stages() -> None:
    stages = sa.table(
        "stages",
        sa.column("key", sa.String),
        sa.column("name", sa.String),
        sa.column("position", sa.Float),
        sa.column("builtin", sa.Boolean),
        sa.column("guidance", sa.Text),
    )
    op.bulk_insert(
        stages,
        [
            {"key": key, "name": name, "position": float(i * 10), "builtin": True, "guidance": ""}
            for i, (key, name) in enumerate(BUILTIN_STAGES, start=1)
        ],
    )


def _create_notes_fts() -> None:
    """An external-content FTS5 index over notes, kept in sync by triggers (the same statements
    store/migrate.py uses to put them back after a later migration rebuilds the notes table)."""
    from nextcall.store.search_index import NOTES_TRIGGERS

    op.execute(
        "CREATE VIRTUAL TABLE notes_fts USING fts5("
        "body, fix, content='notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    for statement in NOTES_TRIGGERS:
        op.execute(statement)


# Children before parents; dropping a table drops its indexes.
TABLES = (
    "note_tags test_scores notes follow_ups unused_stages stage_events stage_changes contacts"
    " applications tags stages settings questions practice_sessions companies"
).split()


def downgrade() -> None:
    for trigger in ("notes_fts_ai", "notes_fts_ad", "notes_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS notes_fts")
    for table in TABLES:
        op.drop_table(table)
