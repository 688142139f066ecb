"""A second launch hands its project to the running app over a per-user local socket."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer

from dlplanner.qt.app import serve_other_launches
from dlplanner.qt.single_instance import InstanceServer, hand_over, server_name
from dlplanner.services import projects

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def instance_name(monkeypatch) -> str:
    """A socket name of this test only (never the user's own running app)."""
    name = f"dlplanner-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("DLPLANNER_INSTANCE_NAME", name)
    yield name
    QLocalServer.removeServer(name)


def _second_launch(path: Path, tmp_path: Path) -> subprocess.Popen:
    """Another process running ``dlplanner PATH``, as a file manager or a terminal would."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "QT_QPA_PLATFORM": "offscreen",
        "DLPLANNER_LOG_DIR": str(tmp_path / "logs"),
    }
    return subprocess.Popen([sys.executable, "-m", "dlplanner", str(path)], env=env, cwd=tmp_path)


def test_the_socket_name_is_per_user_unless_tests_name_it(monkeypatch) -> None:
    monkeypatch.delenv("DLPLANNER_INSTANCE_NAME", raising=False)
    mine = server_name()
    monkeypatch.setattr("getpass.getuser", lambda: "someone-else")
    assert server_name() != mine and server_name().startswith("dlplanner-")


def test_a_second_process_hands_its_project_to_the_running_window(
    qtbot, window, instance_name: str, tmp_path: Path
) -> None:
    school = tmp_path / "school.dlp"
    projects.create_project(str(school), projects.load_sample("big-picture"))
    serve_other_launches(window)
    launch = None
    try:
        with qtbot.waitSignal(window.findChild(InstanceServer).open_requested, timeout=60_000) as opened:
            launch = _second_launch(school, tmp_path)
        assert opened.args == [str(school)]
        assert launch.wait(timeout=60) == 0  # the launch heard "ok" and ended without a window of its own
    finally:
        if launch is not None and launch.poll() is None:
            launch.kill()  # a launch that opened a window of its own instead
            launch.wait()
    assert window.document.location == str(school)  # the running window opened it
    assert "Handed" in (tmp_path / "logs" / "dlplanner.log").read_text(encoding="utf-8")


def test_no_running_app_means_no_hand_over(instance_name: str, tmp_path: Path) -> None:
    assert hand_over(str(tmp_path / "school.dlp"), instance_name) is False


@pytest.mark.skipif(sys.platform == "win32", reason="a stale socket file exists only on Unix")
def test_a_socket_left_by_a_crashed_app_is_taken_over(qtbot, instance_name: str, tmp_path: Path) -> None:
    stale = Path(tempfile.gettempdir()) / instance_name  # where QLocalServer puts a plain name on Unix
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(stale))  # bound, never listening, then dropped: what a crash leaves behind
    leftover.close()
    assert stale.exists()
    assert hand_over(str(tmp_path / "school.dlp"), instance_name) is False  # nobody answers: start normally
    server = InstanceServer(name=instance_name)
    assert server.listen()
    server.close()


def test_a_live_app_keeps_its_name(qtbot, instance_name: str) -> None:
    first = InstanceServer(name=instance_name)
    assert first.listen()
    second = InstanceServer(name=instance_name)
    assert not second.listen()  # the first app is alive: the second does not take the name away
    first.close()
