"""One app per user: ``dlplanner x.dlp`` while the app is open opens x.dlp in the running window.

The running app listens on a local socket (a Unix domain socket, a named pipe on Windows) named per
user; a second launch with a project connects, sends the project's absolute path and exits once the
running app has answered. Nobody answering (no app, or a socket left behind by an app that crashed)
means the second launch starts normally and takes the name over.

Protocol: one line of JSON from the new launch, ``{"open": "/abs/path.dlp"}``; one line back,
``ok`` once the running app has taken the request.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from dlplanner.qt.support import log

CONNECT_MS = 500  # a live server accepts at once; a stale socket refuses at once
ANSWER_MS = 5000  # the running app may be busy for a moment (e.g. drawing a big board)


def server_name() -> str:
    """The socket's name for this user (``DLPLANNER_INSTANCE_NAME`` overrides it, for tests)."""
    if os.environ.get("DLPLANNER_INSTANCE_NAME"):
        return os.environ["DLPLANNER_INSTANCE_NAME"]
    try:
        user = getpass.getuser()
    except Exception:
        user = str(Path.home())
    return "dlplanner-" + hashlib.sha256(user.encode()).hexdigest()[:16]


def hand_over(project: str, name: str | None = None) -> bool:
    """Ask a running app to open ``project``; True when it answered that it will, False when none runs."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return False
    try:
        socket.write(json.dumps({"open": str(Path(project).absolute())}).encode() + b"\n")
        if not socket.waitForBytesWritten(ANSWER_MS):
            return False
        answer = b""
        while b"\n" not in answer and socket.waitForReadyRead(ANSWER_MS):
            answer += bytes(socket.readAll().data())
        return answer.strip() == b"ok"
    finally:
        socket.disconnectFromServer()


class InstanceServer(QObject):
    """Listens for later launches and emits ``open_requested(path)`` for each project they hand over."""

    open_requested = Signal(str)

    def __init__(self, parent: QObject | None = None, name: str | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this user only
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Take the name unless a live app answers on it; a name left by a crashed app is removed first.

        Asked first, not after a failed listen: with socket options set, Qt's listen replaces an
        existing socket file, which would take the name from a live app.
        """
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(CONNECT_MS):  # another app is alive and keeps the name
            probe.disconnectFromServer()
            return False
        QLocalServer.removeServer(self.name)  # a stale socket file (Unix), if any
        if self.server.listen(self.name):
            return True
        log.warning("Cannot listen on %s: %s", self.name, self.server.errorString())
        return False

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(connection: QLocalSocket = connection, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(connection.readAll().data()))
                if b"\n" not in buffer:
                    return
                line = bytes(buffer).split(b"\n", 1)[0]
                try:
                    path = json.loads(line)["open"]
                    if not isinstance(path, str):
                        raise TypeError("not a path")
                except (ValueError, KeyError, TypeError) as error:
                    log.warning("Ignoring a bad request on the single-instance socket: %s", error)
                    connection.write(b"error\n")
                    connection.disconnectFromServer()
                    return
                connection.write(b"ok\n")
                connection.flush()
                connection.disconnectFromServer()
                log.info("Another launch handed over %s", path)
                self.open_requested.emit(path)

            connection.readyRead.connect(read)
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                read()
