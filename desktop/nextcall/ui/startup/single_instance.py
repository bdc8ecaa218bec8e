"""A second start on the same data folder brings the running window to the front, then exits.

Who may write is decided by the writer lock (store/writer_lock.py), taken before anything else
at start-up. The running app also listens on a local socket (QLocalServer: a Unix socket, or a
named pipe on Windows) named after its data folder, so two profiles run side by side. A start
that finds the lock held says "raise" on that socket and leaves as soon as the app answers.

The app may be starting (lock taken, not listening yet) or closing (still writing its exit
backup), so the second start keeps trying for a few seconds: it either hands over, or finds
the lock free and becomes the app itself.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import time
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from nextcall.store.writer_lock import FolderBusyError, WriterLock, read_holder

log = logging.getLogger(__name__)
RAISE = b"raise\n"
OK = b"ok\n"
HANDOVER_SECONDS = 6.0


def server_name(folder: Path) -> str:
    """A socket name for this data folder and user: stable, short, and safe on every system."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name (some containers): the folder alone still separates
        user = ""
    digest = hashlib.sha256(f"{user}\0{folder.resolve()}".encode()).hexdigest()[:24]
    return f"nextcall-{digest}"


class InstanceServer(QObject):
    """Listens for later starts on the same data folder; ``activated`` asks to come forward."""

    activated = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(folder)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening. Call it only while holding the writer lock: a socket left behind by
        a crashed run is removed first, and only the lock holder may do that."""
        QLocalServer.removeServer(self.name)
        if not self.server.listen(self.name):
            log.warning("could not listen for other starts: %s", self.server.errorString())
            return False
        return True

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            # A method of self (the socket is found with sender()), not a lambda holding self:
            # Qt drops the connection when this server goes.
            socket.readyRead.connect(self._ready_read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        request = bytes(socket.readLine().data())
        if request == RAISE:
            log.info("another start on this data folder asked for the window")
            self.activated.emit()
            socket.write(OK)
            socket.flush()
        socket.disconnectFromServer()


def signal_running(folder: Path, timeout_ms: int = 1500) -> bool:
    """Ask the app running on ``folder`` to come forward; True once it has answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(folder))
    try:
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE)
        if not socket.waitForBytesWritten(timeout_ms):
            return False
        deadline = time.monotonic() + timeout_ms / 1000
        answer = b""
        # Short waits: PySide keeps the interpreter lock while blocked here, which would stall
        # a server in this same process (as in the tests) for the whole wait.
        while not answer.endswith(b"\n") and time.monotonic() < deadline:
            if socket.waitForReadyRead(50):
                answer += bytes(socket.readAll().data())
            elif socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                answer += bytes(socket.readAll().data())
                break
        return answer == OK
    finally:
        socket.abort()


class Turn(Enum):
    MINE = "mine"  # the lock is ours: run the app
    HANDED_OVER = "handed over"  # the running app came forward: exit


def take_turn(lock: WriterLock, seconds: float | None = None) -> Turn:
    """Take the writer lock, or hand over to the app holding it. Raises FolderBusyError when
    neither works in time (a command is writing, or the app does not answer)."""
    deadline = time.monotonic() + (HANDOVER_SECONDS if seconds is None else seconds)
    while True:
        if lock.try_acquire():
            return Turn.MINE
        holder = read_holder(lock.folder)
        if (holder is None or holder.is_app) and signal_running(lock.folder):
            return Turn.HANDED_OVER
        if time.monotonic() >= deadline:
            raise FolderBusyError(lock.folder, holder)
        time.sleep(0.1)
