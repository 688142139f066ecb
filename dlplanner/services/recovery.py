"""Autosave and crash recovery for the desktop app: recovery copies written atomically.

Why a separate copy and not an autosave into the project: saving into the ``.dlp`` (or the district
database) is the user's decision; an autosave must never replace what they chose to keep. The
recovery copy is a project JSON document (:mod:`dlplanner.domain.codec`, so it is also readable by
``dlplanner`` tools) with a ``recovery`` header saying where the project lives and when it was written.

Crash safety: the copy is written to a temporary file in the same folder, flushed and fsynced, then
renamed over the previous copy with :func:`os.replace` (atomic on POSIX and Windows), and the
folder is fsynced. A process killed at any moment leaves either the previous copy or the new one,
never a mix (``tests/integration/reliability/test_kill_during_save.py`` checks it with ``kill -9``).
Saving the project itself is one SQLite/PostgreSQL transaction, which gives the same guarantee.

GUI use: every few minutes, when the document has unsaved changes, call :func:`write_recovery`;
after a successful save or a deliberate close, :func:`discard_recovery`; at start-up,
:func:`list_recoveries` and offer :func:`restore_recovery` (open the project, then load the copy
into the window as unsaved changes) or :func:`discard_recovery`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dlplanner.domain import Project, codec
from dlplanner.paths import user_data_dir
from dlplanner.storage import display_location

RECOVERY_DIR_ENV = "DLPLANNER_RECOVERY_DIR"
SUFFIX = ".recovery.json"
FORMAT = "dlplanner-recovery"


class RecoveryError(Exception):
    """A recovery copy cannot be written or read; the message names the file."""


@dataclass(frozen=True)
class RecoveryInfo:
    """One recovery copy: where its project lives and when the copy was written (UTC)."""

    path: Path
    location: str  # the project's file or URL as shown to people (password masked)
    project_name: str
    saved_at: datetime
    data_version: int | None = None  # district mode: the people/rooms/groups version it was based on

    def describe(self) -> str:
        local = self.saved_at.astimezone()
        return f"Unsaved changes to '{self.project_name}' ({self.location}) from {local:%Y-%m-%d %H:%M}"


def recovery_dir() -> Path:
    """``$DLPLANNER_RECOVERY_DIR``, or ``recovery`` in the platform's per-user data folder (platformdirs)."""
    configured = os.environ.get(RECOVERY_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return user_data_dir() / "recovery"


def recovery_path(location: str, project_name: str, directory: Path | None = None) -> Path:
    """The one recovery file of a project at a location (a later copy replaces the earlier one)."""
    key = hashlib.sha256(f"{display_location(location)}\0{project_name}".encode()).hexdigest()[:20]
    return (directory or recovery_dir()) / f"{key}{SUFFIX}"


def write_recovery(
    project: Project,
    location: str,
    *,
    data_version: int | None = None,
    directory: Path | None = None,
    now: datetime | None = None,
) -> RecoveryInfo:
    """Write (atomically replace) the recovery copy of ``project``, which lives at ``location``."""
    folder = directory or recovery_dir()
    target = recovery_path(location, project.name, folder)
    saved_at = (now or datetime.now(UTC)).astimezone(UTC)
    document = json.loads(codec.project_to_json(project))
    document["recovery"] = {
        "format": FORMAT,
        "location": display_location(location),
        "project_name": project.name,
        "saved_at": saved_at.isoformat(),
        "data_version": data_version,
    }
    payload = json.dumps(document, ensure_ascii=False).encode("utf-8")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(target, payload)
    except OSError as exc:
        raise RecoveryError(f"Cannot write the recovery copy {target}: {exc.strerror or exc}") from None
    return RecoveryInfo(target, display_location(location), project.name, saved_at, data_version)


def list_recoveries(directory: Path | None = None) -> list[RecoveryInfo]:
    """Every readable recovery copy, newest first (unreadable ones are skipped, never deleted)."""
    folder = directory or recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        with contextlib.suppress(RecoveryError):
            found.append(read_recovery_info(path))
    return sorted(found, key=lambda info: info.saved_at, reverse=True)


def find_recovery(location: str, project_name: str, directory: Path | None = None) -> RecoveryInfo | None:
    """The recovery copy of this project, if one exists (check it when opening a project)."""
    path = recovery_path(location, project_name, directory)
    if not path.is_file():
        return None
    try:
        return read_recovery_info(path)
    except RecoveryError:
        return None


def read_recovery_info(path: Path) -> RecoveryInfo:
    header = _read_document(path).get("recovery")
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise RecoveryError(f"{path} is not a dlplanner recovery copy")
    try:
        saved_at = datetime.fromisoformat(str(header["saved_at"]))
        return RecoveryInfo(
            path, str(header["location"]), str(header["project_name"]), saved_at, header.get("data_version")
        )
    except (KeyError, ValueError) as exc:
        raise RecoveryError(f"{path} is a damaged recovery copy ({exc})") from None


def restore_recovery(info: RecoveryInfo) -> Project:
    """The project as it was in the recovery copy (the copy stays until :func:`discard_recovery`)."""
    try:
        text = info.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecoveryError(f"Cannot read the recovery copy {info.path}: {exc}") from None
    try:
        return codec.project_from_json(text, str(info.path))
    except codec.DecodeError as exc:
        raise RecoveryError(str(exc)) from None


def discard_recovery(info: RecoveryInfo) -> None:
    """Delete a recovery copy (after a save, a deliberate close, or when the user declines it)."""
    info.path.unlink(missing_ok=True)


def _read_document(path: Path) -> dict:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecoveryError(f"Cannot read the recovery copy {path}: {exc}") from None
    if not isinstance(document, dict):
        raise RecoveryError(f"{path} is not a dlplanner recovery copy")
    return document


def _atomic_write(target: Path, payload: bytes) -> None:
    """Temp file in the same folder, fsync, rename over ``target``, fsync the folder."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):  # from a writer that was killed
        with contextlib.suppress(OSError):
            leftover.unlink()
    if hasattr(os, "O_DIRECTORY"):  # POSIX: make the rename itself durable
        dir_fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
