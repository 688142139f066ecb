"""How an error message quotes a piece of the user's input: short, on one line, control characters visible.

A message that echoes a 100,000-character cell or a value holding line breaks is unreadable and
breaks "one line per problem" (logs, the CLI's error line, a dialog). Every message that quotes
input goes through :func:`shown`.
"""

from __future__ import annotations

import re
import reprlib

SHOWN_LIMIT = 60

# C0/C1 controls, line and paragraph separators, zero-width and bidirectional formatting characters
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_REPR = reprlib.Repr()
_REPR.maxstring = SHOWN_LIMIT
_REPR.maxother = SHOWN_LIMIT
_REPR.maxlevel = 3
_REPR.maxlist = _REPR.maxdict = _REPR.maxtuple = _REPR.maxset = 6


def _escape(text: str) -> str:
    return _INVISIBLE.sub(lambda m: _NAMED.get(m[0]) or f"\\u{ord(m[0]):04x}", text)


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """``value`` as a message quotes it: text in single quotes, anything else as a short repr.

    At most ``limit`` characters of the input are kept (a longer value ends in "…" and says how long
    it was); line breaks, tabs and other invisible characters are written as escapes such as ``\\n``.
    """
    if isinstance(value, str):
        head = value[:limit]
        more = f"… ({len(value):,} characters)" if len(value) > limit else ""
        return f"'{_escape(head)}{more}'"
    try:
        text = _REPR.repr(value)
    except (RecursionError, ValueError):  # a structure too deep, or an integer too long to print
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _escape(text)
