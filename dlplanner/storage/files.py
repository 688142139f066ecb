"""The one way a whole project file is created or replaced: a new file renamed into place.

Every command that writes a complete ``.dlp`` (a new project, Save As, a backup, a FET import, a
restore into a new file) goes through :func:`write_project_file`:

1. Refuse what must not be replaced: a folder, or any existing file unless the caller was told to
   replace it (``--force``); the refusal says whether the file is a dlplanner project or not.
2. Settle the file being replaced and clear what lies beside it. SQLite keeps a save's undo
   information in ``NAME-journal`` (``-wal``/``-shm`` in WAL mode) and, on the next open, plays
   any such file it finds back into ``NAME`` — whatever file ``NAME`` is by then. A journal left
   by a save that was killed belongs to the *old* file: renamed over, the new file would be
   overwritten with old pages on its first open. So an old SQLite file first gets its write lock
   taken and dropped (SQLite rolls a crashed save back into the old file, where it belongs; a
   program saving right now makes us refuse instead of racing it), then the side files are removed.
3. Write the new project into a temporary file in the same folder (same file system, so the
   rename is atomic), check that it opens as a dlplanner project, remove any side file of the
   target once more, rename it over the target and make the rename durable (fsync the folder).

An interrupted run leaves the old file or the new one, never a mix, and never a stale journal
beside the new file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path

from dlplanner.storage.errors import DatabaseExistsError, StorageError

SIDE_SUFFIXES = ("-journal", "-wal", "-shm")
"""The files SQLite keeps beside a database ``NAME`` (``NAME-journal`` ...), which belong to that file."""

SQLITE_MAGIC = b"SQLite format 3\x00"


def side_files(path: Path) -> list[Path]:
    """The journal and WAL files that exist beside ``path``."""
    return [side for side in (path.with_name(path.name + s) for s in SIDE_SUFFIXES) if side.exists()]


def describe_file(path: Path) -> str:
    """What an existing file is, for messages: a dlplanner project, another SQLite database, other.

    Reads without writing or taking locks (``immutable``), so it is safe on any file, even one
    with a crashed save beside it.
    """
    if path.is_dir():
        return "a folder"
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return "a file that cannot be read"
    if header != SQLITE_MAGIC:
        return "a file that is not a dlplanner project"
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError):
        return "a damaged SQLite database"
    if {"projects", "alembic_version"} <= names:
        return "a dlplanner project"
    return "an SQLite database that is not a dlplanner project"


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` is an SQLite database file (a dlplanner project or another one)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def write_project_file(
    path: Path,
    display: str,
    write: Callable[[Path], None],
    check: Callable[[Path], None],
    *,
    overwrite: bool = False,
) -> None:
    """Create ``path``, or replace it with ``overwrite``, with the project database ``write`` makes.

    ``write(temp)`` must create a complete project database at the new file ``temp`` (in the
    same folder); ``check(temp)`` must raise if it is not one. ``display`` names the file in
    messages. See the module docstring for the steps and why.
    """
    if path.is_dir():
        raise StorageError(f"{display} is a folder; give a file name such as school.dlp")
    if not path.parent.is_dir():
        raise StorageError(f"Cannot create {display}: the folder {path.parent} does not exist")
    if path.exists() and not overwrite:
        raise DatabaseExistsError(
            f"{display} already exists ({describe_file(path)}); choose another name, or pass --force to replace it"
        )
    _settle(path, display)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        write(temp)
        check(temp)
        _remove_side_files(path, display)  # a program may have written one since _settle
        os.replace(temp, path)
        _sync_folder(path.parent)
    finally:
        for leftover in (temp, *side_files(temp)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def clear_orphaned_side_files(path: Path, display: str) -> None:
    """Remove journal and WAL files beside a project file that does not exist (yet).

    Left by a crashed save of a file that was deleted afterwards, they would be played back into
    a new file created under the same name.
    """
    if not path.exists():
        _remove_side_files(path, display)


def _settle(path: Path, display: str) -> None:
    """Let SQLite finish with the old file at ``path`` (if any), then remove its side files."""
    if path.is_file() and is_sqlite_file(path):
        try:
            connection = sqlite3.connect(
                f"{path.absolute().as_uri()}?mode=rw", uri=True, timeout=0, isolation_level=None
            )
        except sqlite3.Error:
            connection = None  # read-only or unreadable: nothing to settle, the file is replaced whole
        if connection is not None:
            try:
                connection.execute("BEGIN IMMEDIATE")  # rolls back a crashed save; refused while one runs
                connection.execute("ROLLBACK")
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorname", "") in {"SQLITE_BUSY", "SQLITE_LOCKED"}:
                    raise StorageError(
                        f"Cannot replace {display}: another program is saving it right now; "
                        "try again when it has finished"
                    ) from None
            except (sqlite3.Error, UnicodeDecodeError):
                pass  # damaged: it is about to be replaced whole
            finally:
                connection.close()
    _remove_side_files(path, display)


def _remove_side_files(path: Path, display: str) -> None:
    for side in side_files(path):
        try:
            side.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise StorageError(
                f"Cannot replace {display}: {side.name} beside it (left by an interrupted save) cannot be "
                f"removed ({exc.strerror or exc}); remove it by hand, then try again"
            ) from None


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
