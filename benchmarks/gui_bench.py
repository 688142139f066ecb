"""Desktop-app speed: open the largest sample and draw the master board, draw 2,000 cards, drag latency.

    .venv/bin/python benchmarks/gui_bench.py            # offscreen; writes benchmarks/results/gui.md

1. The largest sample (Linked Learning, 1,200 students) is given a timetable by the engine (not
   timed; judged by the independent checker), saved to a .dlp file, then timed: open the file
   through the services, load it into the main window, build and paint the master board.
2. A synthetic school with ~2,000 meetings (benchmarks/school_generator.py) is placed greedily
   without clashes, then the master board is built and every card painted into an image.
3. On the 1,200-student sample, the green/red check of a drag: building the MoveChecker when a
   card is picked up, then one uncached ``conflicts(target)`` per mouse move over every candidate
   target of 40 cards; and the whole ``update_drag`` (check plus the scene items) per move.

Timings are medians/p95 of repeated runs on this machine; nothing is asserted.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from PySide6.QtCore import QPointF, QSettings, QStandardPaths  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402

from dlplanner.domain import BlockKind, Placement, Project  # noqa: E402
from dlplanner.domain.editing import MoveChecker, Target, meeting_end, move_conflicts, start_times  # noqa: E402
from dlplanner.qt.app import make_app  # noqa: E402
from dlplanner.qt.mainwindow import MainWindow  # noqa: E402
from dlplanner.services import projects, solving  # noqa: E402

LARGEST = ("linked-learning", "block-friday-wbl")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds >= 0.01 else f"{seconds * 1000:.2f} ms"


def timed(fn, repeat: int = 5) -> float:
    """Median wall time of ``repeat`` calls."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def greedy_timetable(project: Project) -> tuple[int, int]:
    """Place each meeting at the first (day, block, room) free for its cohorts, room and teachers.

    Pool sections take whichever qualified teachers are free there. Meetings with no free place are
    put at their first possible start anyway (they show as conflicting cards, as during real edits).
    Returns (placed without clash, placed with clash).
    """
    scenario = project.scenarios[0]
    busy: set[tuple[str, str, str, int]] = set()
    rooms = sorted(project.rooms, key=lambda r: r.capacity)
    placements, clashing = [], 0
    for section in scenario.sections:
        qualified = [t.id for t in project.qualified_teachers(section)]
        need = project.section_enrolment(section) if section.min_capacity is None else section.min_capacity
        fitting = [r for r in rooms if section.room_features <= r.features and r.capacity >= need] or rooms
        for meeting in range(section.meetings_per_cycle):
            choice = None
            for day in scenario.day_types:
                for start in start_times(scenario, section, day.id):
                    if any(("c", c, day.id, start) in busy for c in section.cohort_ids):
                        continue
                    free = [t for t in (section.teacher_ids or qualified) if ("t", t, day.id, start) not in busy]
                    teachers = section.teacher_ids if section.teacher_ids else free[: section.teachers_needed]
                    if len(teachers) < section.teacher_count or any(t not in free for t in teachers):
                        continue
                    room = next((r for r in fitting if ("r", r.id, day.id, start) not in busy), None)
                    if room is not None:
                        choice = (day.id, start, room.id, list(teachers))
                        break
                if choice:
                    break
            if choice is None:
                day = scenario.day_types[meeting % len(scenario.day_types)].id
                starts = start_times(scenario, section, day)
                choice = (day, starts[0], fitting[0].id, section.teacher_ids or qualified[: section.teachers_needed])
                clashing += 1
            day_id, start, room_id, teachers = choice
            busy.update(
                [("c", c, day_id, start) for c in section.cohort_ids]
                + [("t", t, day_id, start) for t in teachers]
                + [("r", room_id, day_id, start)]
            )
            end = meeting_end(scenario, section, day_id, start)
            placements.append(Placement(section.id, meeting, day_id, start, end, room_id, list(teachers)))
    scenario.solution.placements = placements
    return len(placements) - clashing, clashing


def paint_scene(board) -> float:
    """Paint every item of the board's scene into an image (all cards, not just the visible ones)."""
    rect = board.scene().sceneRect()
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32_Premultiplied)
    start = time.perf_counter()
    painter = QPainter(image)
    board.scene().render(painter)
    painter.end()
    return time.perf_counter() - start


def main() -> int:
    app = make_app([])
    QStandardPaths.setTestModeEnabled(True)
    settings = QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat)
    rows: list[tuple[str, str, str]] = []

    # 1. open the largest sample and draw the master board ---------------------------------------
    project = projects.load_sample(LARGEST[0])
    project.scenarios.sort(key=lambda s: s.id != LARGEST[1])
    result, report = solving.solve_scenario(project, LARGEST[1], time_limit=30, workers=2, seed=1)
    verdict = (
        "checker: ok"
        if report is not None and report.ok
        else f"checker: {len(report.violations) if report else 'n/a'} violations"
    )
    students = sum(c.size for c in project.cohorts)
    placed = len(project.scenarios[0].solution.placements)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "largest.dlp")
        projects.create_project(path, project)
        window = MainWindow(settings)
        window.resize(1920, 1080)
        window.show()
        window.show_page(window.master_page)
        app.processEvents()

        def open_and_draw() -> None:
            window.load_project(projects.open_project(path), path)
            window.master_page.board.viewport().grab()  # paint what the user sees

        open_time = timed(open_and_draw, repeat=3)
        board = window.master_page.board
        build_time = timed(board.refresh, repeat=5)
        paint_time = statistics.median(paint_scene(board) for _ in range(3))
    rows.append(
        (
            f"Open largest sample ({students:,} students, {placed} meetings, {result.status.value}, {verdict}) "
            "from .dlp + draw master board",
            ms(open_time),
            "open_project + load into window + master board build + paint visible part, 1920×1080",
        )
    )
    rows.append(
        ("Master board rebuild, same project", ms(build_time), f"{sum(len(v) for v in board.cards.values())} cards")
    )
    rows.append(("Paint every card of that master board", ms(paint_time), "scene.render into one image"))

    # 3. drag latency on the 1,200-student sample (the project solved above) -------------------------
    scenario = window.document.scenario
    current_project = window.document.project
    pickup, per_move, per_update = [], [], []
    placements = scenario.solution.placements[:: max(1, len(scenario.solution.placements) // 40)][:40]
    for placement in placements:
        section = scenario.section(placement.section_id)
        start = time.perf_counter()
        checker = MoveChecker(current_project, scenario, placement, window.document.index())
        pickup.append(time.perf_counter() - start)
        for day in scenario.day_types:
            for begin in start_times(scenario, section, day.id):
                for room in (placement.room_id, current_project.rooms[0].id):
                    t0 = time.perf_counter()
                    checker.conflicts(Target(day.id, begin, room))
                    per_move.append(time.perf_counter() - t0)
    board.rows_kind = "room"
    board.refresh()
    for placement in placements[:10]:
        key = (placement.section_id, placement.meeting)
        board.begin_drag(key, placement)
        for c in range(len(board._cols)):
            for row in range(0, len(board._rows), max(1, len(board._rows) // 6)):
                pos = QPointF(board.LABEL_W + (c + 0.5) * board._col_w, board.top + (row + 0.5) * board.ROW_H)
                t0 = time.perf_counter()
                board.update_drag(pos)
                per_update.append(time.perf_counter() - t0)
        board.cancel_drag()
    one_off = timed(
        lambda: move_conflicts(
            current_project,
            scenario,
            placements[0],
            Target(placements[0].day_type_id, placements[0].start, placements[0].room_id),
        ),
        repeat=5,
    )

    def pct(values: list[float], q: float) -> float:
        return sorted(values)[min(len(values) - 1, int(q * len(values)))]

    rows.append(
        (
            "Drag pick-up: MoveChecker on the shared timetable index (1,200 students)",
            ms(statistics.median(pickup)),
            f"median of {len(pickup)} cards",
        )
    )
    rows.append(
        (
            "Green/red check per mouse move (uncached target)",
            f"{ms(statistics.median(per_move))} median, {ms(pct(per_move, 0.95))} p95, {ms(max(per_move))} max",
            f"{len(per_move):,} moves over every start × 2 rooms of 40 cards; target ≤ 16 ms",
        )
    )
    rows.append(
        (
            "Whole drag update per move on the master board (rooms)",
            f"{ms(statistics.median(per_update))} median, {ms(pct(per_update, 0.95))} p95",
            f"{len(per_update):,} moves: check + overlay + card move",
        )
    )
    rows.append(
        (
            "One-off move_conflicts (index built each call)",
            ms(one_off),
            f"{len(scenario.solution.placements)} placements",
        )
    )
    window.document.undo_stack.setClean()
    window.close()

    # 2. a board of 2,000 cards ----------------------------------------------------------------------
    from school_generator import generate_school

    big = generate_school(9100, seed=3)
    clean, clashing = greedy_timetable(big)
    count = clean + clashing
    window = MainWindow(settings)
    window.resize(1920, 1080)
    window.show()
    window.show_page(window.master_page)
    window.load_project(big, None)
    app.processEvents()
    board = window.master_page.board
    window.document.changed.emit("timetable")  # fresh conflicts each run
    build = timed(lambda: (window.document._forget_conflicts(), board.refresh()), repeat=3)
    cards = sum(len(v) for v in board.cards.values())
    paint = statistics.median(paint_scene(board) for _ in range(3))
    entity = window.board_page.board
    window.show_page(window.board_page)
    window.board_page.show_record("teacher", big.teachers[0].id)
    app.processEvents()
    classes = sum(1 for b in big.scenarios[0].bell_schedules[0].blocks if b.kind == BlockKind.CLASS)
    rows.append(
        (
            f"Master board with {count:,} meetings ({cards:,} cards incl. co-teachers)",
            ms(build),
            f"build incl. conflict scan ({clashing} meetings placed over a clash); "
            f"{len(big.teachers)} teacher rows × {classes * len(big.scenarios[0].day_types)} blocks",
        )
    )
    rows.append((f"Paint all {cards:,} cards", ms(paint), "scene.render into one image"))
    rows.append(("Entity board (one teacher) rebuild, same school", ms(timed(entity.refresh, repeat=5)), ""))
    scenario = big.scenarios[0]
    big_pickup, big_moves = [], []
    for placement in scenario.solution.placements[::100]:
        section = scenario.section(placement.section_id)
        t0 = time.perf_counter()
        checker = MoveChecker(big, scenario, placement, window.document.index())
        big_pickup.append(time.perf_counter() - t0)
        for day in scenario.day_types:
            for begin in start_times(scenario, section, day.id):
                t0 = time.perf_counter()
                checker.conflicts(Target(day.id, begin, placement.room_id))
                big_moves.append(time.perf_counter() - t0)
    rows.append(
        (
            f"Drag on {count:,} placements: pick-up / check per move",
            f"{ms(statistics.median(big_pickup))} / {ms(statistics.median(big_moves))} median, "
            f"{ms(max(big_moves))} max",
            f"{len(big_pickup)} cards, {len(big_moves)} moves",
        )
    )
    window.document.undo_stack.setClean()
    window.close()

    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    lines = [
        "# GUI benchmark",
        "",
        f"Machine: {machine}; Qt offscreen platform; `benchmarks/gui_bench.py`.",
        "",
        "| what | time | notes |",
        "|---|---|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    out = HERE / "results" / "gui.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
