"""What every school-data import shares: problems with their place, matching, and the plan of changes.

A reader (the whole-school workbook, a OneRoster bundle) never touches the caller's project. It works
on a deep copy: it decides for each incoming record which existing record it is (by the SIS's
``sourcedId``, else by id, else by name), builds the record with references resolved to final ids, and
puts it into the copy, noting whether it was added, changed or unchanged. Any problem anywhere and the
reader raises :class:`SchoolDataError` with all of them, so nothing is half-imported; otherwise the
:class:`ImportPlan` holds the finished copy, which the services show as a preview and apply in one step.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dlplanner.domain import Project

MAX_SHOWN = 20
SOURCED_ID = "sourcedId"


@dataclass(frozen=True)
class SourceProblem:
    """One bad file, sheet, row or cell: where it is and what to do."""

    file: str
    message: str
    sheet: str = ""  # a workbook's sheet; "" for a CSV file
    row: int = 0  # the row (line) number a spreadsheet shows; 0 for the whole file or sheet
    column: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.sheet:
            where += f", sheet '{self.sheet}'"
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class SchoolDataError(Exception):
    """The file cannot be imported; nothing was changed. ``problems`` lists every reason."""

    def __init__(self, problems: list[SourceProblem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:MAX_SHOWN])
        more = f" (and {len(problems) - MAX_SHOWN} more)" if len(problems) > MAX_SHOWN else ""
        super().__init__(f"{shown}{more}. Nothing was imported." if problems else "Nothing was imported.")


ADDED, CHANGED, UNCHANGED = "added", "changed", "unchanged"


@dataclass(frozen=True)
class Change:
    """One incoming record and what importing it does."""

    kind: str  # "teachers", "sections", "terms", ...
    key: str  # its id (or natural key)
    name: str
    status: str  # ADDED, CHANGED or UNCHANGED
    scenario_id: str | None = None  # for records of a scenario


@dataclass
class ImportPlan:
    """The result of reading a file against a project: the finished project and what changed."""

    source: str
    result: Project  # a deep copy of the target with every change applied
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things ignored or assumed, worth telling

    def counts(self) -> dict[str, Counter[str]]:
        """kind -> {added: n, changed: n, unchanged: n}, in the order kinds first appear."""
        table: dict[str, Counter[str]] = {}
        for change in self.changes:
            table.setdefault(change.kind, Counter())[change.status] += 1
        return table

    def of_status(self, status: str) -> list[Change]:
        return [c for c in self.changes if c.status == status]

    @property
    def project_data_changed(self) -> bool:
        return any(c.status != UNCHANGED and c.scenario_id is None for c in self.changes)

    def changed_scenarios(self) -> set[str]:
        return {c.scenario_id for c in self.changes if c.status != UNCHANGED and c.scenario_id is not None}

    def describe(self) -> list[str]:
        """One line per kind: '12 teachers: 3 added, 1 changed, 8 unchanged'."""
        lines = []
        for kind, counter in self.counts().items():
            parts = [f"{counter[s]} {s}" for s in (ADDED, CHANGED, UNCHANGED) if counter[s]]
            lines.append(f"{sum(counter.values())} {kind}: {', '.join(parts)}")
        return lines


def record_changes(changes: list[Change], kind: str, old: Any, new: Any, key: str, name: str, scenario_id=None) -> str:
    """Append the change of one record (``old`` None: added) and return its status."""
    status = ADDED if old is None else (UNCHANGED if old == new else CHANGED)
    changes.append(Change(kind, key, name, status, scenario_id))
    return status


def upsert(items: list[Any], record: Any, key: Any = None) -> Any:
    """Put ``record`` in ``items`` in place of the one with the same key (default: ``id``); returns the old one."""
    get = key or (lambda r: r.id)
    wanted = get(record)
    for index, item in enumerate(items):
        if get(item) == wanted:
            items[index] = record
            return item
    items.append(record)
    return None


def replace_or_append(items: list[Any], record: Any, old: Any) -> None:
    """Put ``record`` where ``old`` (the very object, already matched) is, or at the end when ``old`` is None."""
    if old is None:
        items.append(record)
        return
    index = next(i for i, item in enumerate(items) if item is old)
    items[index] = record


def slug(text: str) -> str:
    """An id made from a name: 'Room 101 (lab)' -> 'room-101-lab'."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "item"


def unique_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


AMBIGUOUS = "\0ambiguous"


class Lookup:
    """Ids or names (case-insensitive) of one kind of record to their final ids.

    An exact id wins, then a name, then an id in another case. A name two records share is
    ambiguous and resolves to nothing (the message says to use the id).
    """

    def __init__(self, what: str) -> None:
        self.what = what
        self.ids: dict[str, str] = {}
        self.folded_ids: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def add(self, record_id: str, name: str = "") -> None:
        self.ids[record_id] = record_id
        self.folded_ids.setdefault(record_id.casefold(), record_id)
        if name:
            folded = name.casefold()
            if self.names.get(folded, record_id) != record_id:
                self.names[folded] = AMBIGUOUS
            else:
                self.names[folded] = record_id

    def remove(self, record_id: str, name: str = "") -> None:
        """Forget a record before adding it under its new name (an incoming row renames it)."""
        if name and self.names.get(name.casefold()) == record_id:
            del self.names[name.casefold()]

    def find(self, text: str) -> str | None:
        """The final id, or None (unknown or ambiguous: see :meth:`why_not`)."""
        if text in self.ids:
            return text
        found = self.names.get(text.casefold())
        if found == AMBIGUOUS:
            return None
        return found or self.folded_ids.get(text.casefold())

    def why_not(self, text: str) -> str:
        if self.names.get(text.casefold()) == AMBIGUOUS:
            return f"two {self.what} records are named '{text}': give the id instead"
        known = sorted(self.ids)
        if not known:
            return f"no {self.what} '{text}' (there are none yet: add them first)"
        shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
        return f"no {self.what} '{text}' (known: {shown})"

    def __contains__(self, record_id: str) -> bool:
        return record_id in self.ids


def display_names(records: list[Any]) -> dict[str, str]:
    """id -> what to write in a reference column: the name, unless a name would not find the record again.

    A name is written when no other record shares it (case-insensitively) and it is no other record's
    id; otherwise the id is written.
    """
    counts = Counter(r.name.casefold() for r in records)
    ids = {r.id.casefold(): r.id for r in records}
    result = {}
    for r in records:
        folded = r.name.casefold()
        safe = r.name and counts[folded] == 1 and ids.get(folded, r.id) == r.id and r.name == r.name.strip()
        result[r.id] = r.name if safe else r.id
    return result
