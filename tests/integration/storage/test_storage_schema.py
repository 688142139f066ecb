"""The migrations build exactly the ORM's schema, and ship inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

import dlplanner
from dlplanner.storage import ProjectStore, location_to_url
from dlplanner.storage.orm import Base
from dlplanner.storage.schema import MIGRATIONS_DIR, head_revision, known_revisions

REPO = Path(__file__).resolve().parents[3]


def test_migrated_schema_matches_the_orm(new_location: str):
    ProjectStore.create(new_location).close()
    engine = create_engine(location_to_url(new_location))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            assert compare_metadata(context, Base.metadata) == []
            tables = set(inspect(connection).get_table_names())
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()
    assert tables == {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"}
    assert revision == head_revision()


def test_the_orm_has_the_tables_the_domain_needs():
    tables = Base.metadata.tables
    expected = {
        "projects", "subjects", "teachers", "rooms", "campuses", "campus_travel", "cohorts", "advisories",
        "teacher_teams", "prior_pairings", "scenarios", "bell_schedules", "blocks", "day_types", "sections",
        "internships", "looping_rules", "rule_settings", "solutions", "placements", "students", "course_requests",
        "enrolments",
    }  # fmt: skip
    assert set(tables) == expected
    assert "version" in tables["scenarios"].c
    one_per_scenario = {"rule_settings", "solutions", "projects"}
    for name in expected - one_per_scenario:
        assert "position" in tables[name].c, f"{name} keeps list order"
    assert tables["projects"].c["name"].unique


def test_first_revision_is_0001_and_is_head():
    assert (MIGRATIONS_DIR / "versions" / "0001_initial.py").is_file()
    assert "0001" in known_revisions()
    assert head_revision() in known_revisions()


def test_migrations_folder_lives_inside_the_package():
    package = Path(dlplanner.__file__).resolve().parent
    assert MIGRATIONS_DIR.is_relative_to(package / "storage")
    for name in ("env.py", "script.py.mako", "versions/0001_initial.py"):
        assert (MIGRATIONS_DIR / name).is_file(), name


@pytest.mark.slow
def test_wheel_contains_the_migrations(tmp_path: Path):
    script = f"from hatchling.build import build_wheel; print(build_wheel({str(tmp_path)!r}))"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    wheel = tmp_path / result.stdout.strip().splitlines()[-1]
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("env.py", "script.py.mako", "versions/0001_initial.py"):
        assert f"dlplanner/storage/migrations/{name}" in names
