"""NextCall: a call-center applicant's job hunt, milestone by milestone."""

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "NextCall"
APP_ID = "app.nextcall.NextCall"
ORG_NAME = "NextCall"

try:
    __version__ = version("nextcall")
except PackageNotFoundError:  # running from a tree that was never installed
    __version__ = "0.0.0+source"
