"""Messages quote input short and on one line (issue 19, item 12)."""

from __future__ import annotations

from dlplanner.domain.quoting import shown


def test_short_text_is_quoted_as_it_is() -> None:
    assert shown("Room 101") == "'Room 101'"


def test_line_breaks_and_invisible_characters_are_escaped() -> None:
    assert shown("a\nb\r\tc\u2028d\x00e\u202ef") == "'a\\nb\\r\\tc\\u2028d\\u0000e\\u202ef'"


def test_long_text_is_cut_and_says_how_long_it_was() -> None:
    assert shown("x" * 100_000, 5) == "'xxxxx… (100,000 characters)'"


def test_other_values_are_a_short_repr() -> None:
    assert shown(42) == "42" and shown(None) == "None"
    assert len(shown(list(range(10_000)))) <= 60
    assert len(shown({"k": "v" * 10_000})) <= 60
    assert shown(10**5000) == "<int>"  # too long to print: Python refuses, the message does not
    deep: list = []
    for _ in range(10_000):
        deep = [deep]
    assert len(shown(deep)) <= 60
