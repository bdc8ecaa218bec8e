"""The schema revisions this code knows, without importing SQLAlchemy or Alembic.

The newest one (``HEAD_REVISION``) is what a data file must be at to be read as it is; the
start-up's fast first page (services/first_page.py) checks it before reading. A test keeps
these in step with the migration scripts in store/migrations/.
"""

HEAD_REVISION = "0006"
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006")
