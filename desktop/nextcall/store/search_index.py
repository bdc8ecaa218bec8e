"""A trigram full-text index over what the applications table searches: company, position,
account, site and the company's contact names. SQL triggers keep it in step with every write,
whatever code path makes it.

Batch migrations that recreate applications, companies or contacts drop the triggers on that
table; store/migrate.py runs ``ensure`` after every upgrade, which puts back whatever is missing.
"""

from __future__ import annotations

from sqlalchemy import Connection

from nextcall.store import kept_tables

TEXT_VIEW = """
CREATE VIEW IF NOT EXISTS application_search_text AS
SELECT a.id AS id,
       c.name || ' ' || a.position || ' ' || a.account_type || ' ' || a.site || ' ' ||
       coalesce((SELECT group_concat(k.name, ' ') FROM contacts k
                 WHERE k.company_id = a.company_id), '') AS text
FROM applications a JOIN companies c ON c.id = a.company_id
"""

TABLE = "CREATE VIRTUAL TABLE application_search USING fts5(text, tokenize='trigram')"
NOTES_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS notes_fts_ai AFTER INSERT ON notes BEGIN "
    "INSERT INTO notes_fts(rowid, body, fix) VALUES (new.id, new.body, new.fix); END",
    "CREATE TRIGGER IF NOT EXISTS notes_fts_ad AFTER DELETE ON notes BEGIN "
    "INSERT INTO notes_fts(notes_fts, rowid, body, fix) "
    "VALUES ('delete', old.id, old.body, old.fix); END",
    "CREATE TRIGGER IF NOT EXISTS notes_fts_au AFTER UPDATE OF body, fix ON notes BEGIN "
    "INSERT INTO notes_fts(notes_fts, rowid, body, fix) "
    "VALUES ('delete', old.id, old.body, old.fix); "
    "INSERT INTO notes_fts(rowid, body, fix) VALUES (new.id, new.body, new.fix); END",
)


def _refresh(where: str) -> str:
    return (
        "DELETE FROM application_search WHERE rowid IN"
        f" (SELECT id FROM applications WHERE {where});"
        " INSERT INTO application_search(rowid, text)"
        f" SELECT id, text FROM application_search_text WHERE id IN"
        f" (SELECT id FROM applications WHERE {where});"
    )


TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS application_search_ai AFTER INSERT ON applications BEGIN "
    + _refresh("id = new.id")
    + " END",
    "CREATE TRIGGER IF NOT EXISTS application_search_au AFTER UPDATE OF position,"
    " account_type, site, company_id ON applications BEGIN " + _refresh("id = new.id") + " END",
    "CREATE TRIGGER IF NOT EXISTS application_search_ad AFTER DELETE ON applications BEGIN"
    " DELETE FROM application_search WHERE rowid = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS application_search_company AFTER UPDATE OF name"
    " ON companies BEGIN " + _refresh("company_id = new.id") + " END",
    "CREATE TRIGGER IF NOT EXISTS application_search_contact_ai AFTER INSERT ON contacts BEGIN "
    + _refresh("company_id = new.company_id")
    + " END",
    "CREATE TRIGGER IF NOT EXISTS application_search_contact_au AFTER UPDATE ON contacts BEGIN "
    + _refresh("company_id IN (old.company_id, new.company_id)")
    + " END",
    "CREATE TRIGGER IF NOT EXISTS application_search_contact_ad AFTER DELETE ON contacts BEGIN "
    + _refresh("company_id = old.company_id")
    + " END",
)

FILL = "INSERT INTO application_search(rowid, text) SELECT id, text FROM application_search_text"

NAMES = (
    "application_search_ai",
    "application_search_au",
    "application_search_ad",
    "application_search_company",
    "application_search_contact_ai",
    "application_search_contact_au",
    "application_search_contact_ad",
)


def statements() -> list[str]:
    """Everything that creates the index from scratch and fills it."""
    return [TEXT_VIEW, TABLE, *TRIGGERS, FILL]


def ensure(connection: Connection) -> None:
    """Recreate any trigger of the two full-text indexes that a table rebuild dropped, and
    rebuild an index whose triggers were missing (its content may have drifted)."""
    kept_tables.put_back(
        connection,
        "application_search",
        NAMES,
        [TEXT_VIEW, *TRIGGERS, "DELETE FROM application_search", FILL],
    )
    kept_tables.put_back(
        connection,
        "notes_fts",
        ("notes_fts_ai", "notes_fts_ad", "notes_fts_au"),
        [*NOTES_TRIGGERS, "INSERT INTO notes_fts(notes_fts) VALUES ('rebuild')"],
    )


def drop_statements() -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in NAMES),
        "DROP TABLE IF EXISTS application_search",
        "DROP VIEW IF EXISTS application_search_text",
    ]
