"""The mistakes a user can make, as one tuple the front ends catch to print one clear line.

The CLI talks to services only, so the errors of the lower layers that reach a user are named here.
"""

from __future__ import annotations

from dlplanner.domain import UnknownRecordError
from dlplanner.domain.codec import DecodeError
from dlplanner.io.csv_import import CsvImportError
from dlplanner.io.timetable_json import TimetableFormatError
from dlplanner.services.projects import ServiceError
from dlplanner.storage import OutdatedSchemaError, StorageError

USER_ERRORS: tuple[type[Exception], ...] = (
    ServiceError,
    StorageError,
    DecodeError,
    TimetableFormatError,
    UnknownRecordError,
    FileNotFoundError,
    PermissionError,
)

__all__ = [
    "USER_ERRORS",
    "CsvImportError",
    "DecodeError",
    "OutdatedSchemaError",
    "ServiceError",
    "StorageError",
    "TimetableFormatError",
    "UnknownRecordError",
]
