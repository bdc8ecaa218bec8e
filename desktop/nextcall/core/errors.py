"""Errors whose message is meant for the user: what went wrong and how to fix it."""

# Ends a message that gives the command fixing the problem: "... In a terminal: chmod u+rwx
# "/home/..."". The window shows that command on a line of its own, to copy.
IN_A_TERMINAL = " In a terminal: "


class NextCallError(Exception):
    """A problem the user can understand and act on; shown without a traceback."""


class ValidationError(NextCallError):
    """Input that cannot be stored; ``field`` names the offending field when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(NextCallError):
    pass


class StorageError(NextCallError):
    """The data could not be written (a full disk, a read-only folder, a failing drive). What
    was saved before is intact; trying again once the cause is fixed is worth it."""


class DiskFullError(StorageError):
    pass


class ReadOnlyError(StorageError):
    pass


class OpenedReadOnlyError(ReadOnlyError):
    """A change refused because the data was opened read-only (its storage refused writes when
    NextCall started): refused with the same reason until NextCall is opened again."""


class LockedError(StorageError):
    """Another program holds a lock on the data file."""
