"""Domain objects to and from plain JSON-able data, driven by the dataclasses' type hints.

Used for sample school files, project interchange and backups. Unknown keys and wrong types
raise :class:`DecodeError` naming the path inside the document (``scenarios[1].sections[4]``),
so bad files get a message a person can act on.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from dlplanner.domain import calendar, model
from dlplanner.domain.quoting import shown

T = TypeVar("T")

FORMAT_NAME = "dlplanner-project"
FORMAT_VERSION = 1
MAX_DEPTH = 64  # dlplanner's documents nest about eight levels; far deeper input is not one of them


class DecodeError(ValueError):
    """The document does not describe a valid object; the message names the place."""


_HINTS_CACHE: dict[type, dict[str, Any]] = {}
_NAMESPACE = {**vars(model), **vars(calendar)}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS_CACHE:
        _HINTS_CACHE[cls] = typing.get_type_hints(cls, globalns=_NAMESPACE)
    return _HINTS_CACHE[cls]


def to_data(value: Any) -> Any:
    """Plain data (dict/list/str/int/float/bool/None) for any domain value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(to_data(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {_key_to_data(k): to_data(v) for k, v in value.items()}
    return value


def _key_to_data(key: Any) -> str:
    if isinstance(key, (date, Enum)):
        return str(to_data(key))
    return str(key)


def from_data(cls: type[T], data: Any, path: str = "") -> T:
    """Rebuild an object of type ``cls`` from :func:`to_data` output."""
    return _decode(cls, data, path or cls.__name__)


def _decode(tp: Any, data: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return data
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        non_none = [a for a in args if a is not type(None)]
        return _decode(non_none[0], data, path)
    if dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise DecodeError(f"{path}: expected an object, got {type(data).__name__}")
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        unknown = sorted(set(data) - known)
        if unknown:
            listed = ", ".join(shown(k, 40)[1:-1] for k in unknown[:5]) + (", …" if len(unknown) > 5 else "")
            raise DecodeError(f"{path}: unknown field(s) {listed}")
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in data:
                kwargs[f.name] = _decode(hints[f.name], data[f.name], f"{path}.{f.name}")
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise DecodeError(f"{path}: missing required field '{f.name}'")
        return tp(**kwargs)
    if origin in (list, set, frozenset):
        if not isinstance(data, list):
            raise DecodeError(f"{path}: expected a list, got {type(data).__name__}")
        items = [_decode(args[0], v, f"{path}[{i}]") for i, v in enumerate(data)]
        return origin(items)
    if origin is dict:
        if not isinstance(data, dict):
            raise DecodeError(f"{path}: expected an object, got {type(data).__name__}")
        return {
            _decode(args[0], k, f"{path} key {shown(k)}"): _decode(args[1], v, f"{path}[{shown(k)}]")
            for k, v in data.items()
        }
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in tp)
            raise DecodeError(f"{path}: {shown(data)} is not one of {allowed}") from None
    if tp is datetime:
        return _parse(datetime.fromisoformat, data, path, "a date-time")
    if tp is date:
        return _parse(date.fromisoformat, data, path, "a date (YYYY-MM-DD)")
    if tp is int:
        if isinstance(data, str) and re.fullmatch(r"-?[0-9]{1,18}", data):  # dict keys arrive as text
            return int(data)
        if isinstance(data, bool) or not isinstance(data, int):
            raise DecodeError(f"{path}: expected a whole number, got {shown(data)}")
        return data
    if tp is float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise DecodeError(f"{path}: expected a number, got {shown(data)}")
        return float(data)
    if tp is bool:
        if not isinstance(data, bool):
            raise DecodeError(f"{path}: expected true or false, got {shown(data)}")
        return data
    if tp is str:
        if not isinstance(data, str):
            raise DecodeError(f"{path}: expected text, got {shown(data)}")
        return data
    raise DecodeError(f"{path}: cannot decode type {tp!r}")


def _parse(parser: Any, data: Any, path: str, what: str) -> Any:
    if not isinstance(data, str):
        raise DecodeError(f"{path}: expected {what}, got {shown(data)}")
    try:
        return parser(data)
    except ValueError:
        raise DecodeError(f"{path}: {shown(data)} is not {what}") from None


def parse_json(text: str, source: str) -> Any:
    """``json.loads`` for input from outside: every failure is a :class:`DecodeError` naming ``source``.

    Nesting deeper than :data:`MAX_DEPTH` is refused (Python's parser would otherwise raise
    RecursionError on ``[[[[…`` a few thousand deep), and so is a number too long to convert.
    """
    too_deep = f"{source}: nested more than {MAX_DEPTH} levels deep; this is not a dlplanner document"
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DecodeError(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise DecodeError(too_deep) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise DecodeError(f"{source}: not valid JSON ({exc})") from None
    if _deeper_than(document, MAX_DEPTH):
        raise DecodeError(too_deep)
    return document


def _deeper_than(document: Any, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` levels (walked without recursion)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def project_to_json(project: model.Project) -> str:
    document = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "project": to_data(project)}
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def project_from_json(text: str, source: str = "<text>") -> model.Project:
    """Parse a project JSON document; errors name ``source`` and the place inside it."""
    document = parse_json(text, source)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise DecodeError(f'{source}: not a dlplanner project document (no "format": "{FORMAT_NAME}")')
    version = document.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise DecodeError(
            f"{source}: written by a newer dlplanner (format version {shown(version)}); this one reads up to "
            f"{FORMAT_VERSION}"
        )
    try:
        return from_data(model.Project, document.get("project"), "project")
    except DecodeError as exc:
        raise DecodeError(f"{source}: {exc}") from None


def load_project_json(path: str | Path) -> model.Project:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DecodeError(f"{path}: not UTF-8 text") from None
    return project_from_json(text, str(path))
