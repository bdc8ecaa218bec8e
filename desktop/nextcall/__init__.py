"""NextCall: a call-center applicant's job hunt, milestone by milestone."""

# The one place the version is written; pyproject.toml reads it from here (setuptools' dynamic
# version), so start-up needs no importlib.metadata (40 ms) to know it.
__version__ = "0.1.0"

APP_NAME = "NextCall"
APP_ID = "app.nextcall.NextCall"
ORG_NAME = "NextCall"
