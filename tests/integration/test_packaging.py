"""What a package index and a desktop get: the wheel's metadata and entry points, the .dlp file type."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[2]
LINUX = ROOT / "packaging" / "linux"


@pytest.mark.slow
def test_the_wheel_is_publishable(tmp_path: Path) -> None:
    script = f"from hatchling.build import build_wheel; print(build_wheel({str(tmp_path)!r}))"
    built = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    wheel = zipfile.ZipFile(tmp_path / built.stdout.strip().splitlines()[-1])
    info = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")).rsplit("/", 1)[0]
    metadata = Parser().parsestr(wheel.read(f"{info}/METADATA").decode())
    assert metadata["License-Expression"] == "MIT" and f"{info}/licenses/LICENSE" in wheel.namelist()
    assert metadata["Description-Content-Type"] == "text/markdown" and "pipx install" in metadata.get_payload()
    requires = {canonicalize_name(r.name): r for r in map(Requirement, metadata.get_all("Requires-Dist"))}
    assert "pyside6-essentials" in requires and "pyside6" not in requires  # not the 400 MB of add-ons
    ortools = requires["ortools"].specifier
    assert "9.11" not in ortools and "9.12" in ortools and "10.0" not in ortools
    assert "6.0.1" not in requires["icalendar"].specifier  # Timezone.from_tzid came in 6.1
    entry_points = configparser.ConfigParser()
    entry_points.read_string(wheel.read(f"{info}/entry_points.txt").decode())
    assert entry_points["console_scripts"]["dlplanner"] == "dlplanner.cli:main"
    assert entry_points["gui_scripts"]["dlplanner-gui"] == "dlplanner.cli:gui_main"


def test_the_desktop_entry_opens_dlp_files_of_the_declared_type() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(LINUX / "dlplanner.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    mime = ElementTree.parse(LINUX / "dlplanner-mime.xml").getroot()
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    declared = mime.find("m:mime-type", namespace)
    assert declared is not None and declared.find("m:glob", namespace).get("pattern") == "*.dlp"
    assert desktop["MimeType"].rstrip(";").split(";") == [declared.get("type")]
    assert desktop["Exec"] == "dlplanner %f"  # `dlplanner PATH` opens the app on PATH
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
