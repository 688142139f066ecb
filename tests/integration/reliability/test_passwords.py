"""A database password never shows (issue 19 item 11): not in success lines (`new URL`,
`solve URL --save`, `fet import … URL`), and a password with an unencoded '@' is a one-line error
that shows none of it (it gave a traceback printing it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import make_url

from dlplanner.cli import cli

FET_DIR = Path(__file__).resolve().parents[2] / "data" / "fet"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.postgres
def test_success_lines_mask_the_password(pg_database: str):
    password = make_url(pg_database).password
    assert password and f":{password}@" in pg_database
    lines = []
    for args in (
        ("new", pg_database, "--sample", "big-picture"),
        ("fet", "import", str(FET_DIR / "time.fet"), pg_database),
        ("solve", pg_database, "--project-name", "Big Picture sample", "--time-limit", "20", "--save"),
    ):
        result = _run(*args)
        assert result.exit_code in (0, 1), result.output  # solve exits 1 only without a valid timetable
        lines.append(result.output)
    new, fet_import, solve = lines
    assert "Created project 'Big Picture sample' at postgresql+psycopg://" in new
    assert "created postgresql+psycopg://" in fet_import
    assert "Saved the solution of" in solve
    for output in lines:
        assert f":{password}@" not in output and ":***@" in output


@pytest.mark.parametrize(
    "args",
    [
        ("info", "{url}"),
        ("new", "{url}", "--sample", "big-picture"),
        ("db", "upgrade", "{url}"),
        ("backup", "{url}", "new-backup.dlp"),
        ("restore", "backup.dlp", "{url}"),
        ("solve", "{url}", "--save"),
        ("fet", "import", str(FET_DIR / "time.fet"), "{url}"),
    ],
    ids=lambda args: args[0] if args[0] != "fet" else "fet-import",
)
def test_a_password_with_an_unencoded_at_sign_is_one_line_without_it(args, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "backup.dlp").write_bytes(b"")  # restore would read it first: make it exist (it is refused anyway)
    url = "postgresql+psycopg://maria:pa@ss/w0rd?x@127.0.0.1:1/district"
    result = _run(*(a.format(url=url) for a in args))
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    for secret in ("pa@ss", "ss/w0rd", "w0rd", "@ss"):
        assert secret not in lines[0], lines[0]
    if args[0] != "restore":  # restore reads the backup file first, and that is what it complains about
        assert "maria:***@127.0.0.1:1/district" in lines[0]
        assert "%40" in lines[0]
