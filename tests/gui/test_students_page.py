"""The Students page (students, requests, outcomes, conflict matrix), one student's week on the board,
and Compare broken down by group, in a real main window (offscreen) on tiny schools."""

from __future__ import annotations

import copy

from solver_kit import A, C, P, add_section, blocks_of, school

from dlplanner.domain.model import (
    Advisory,
    CourseRequest,
    Enrolment,
    Internship,
    Placement,
    Student,
    Subject,
    TimeWindow,
)
from dlplanner.qt.board import CardItem
from dlplanner.services import solving


def crafted():
    """Two cohorts, a core class each, Art and Music open at the same time (10:10), three students."""
    p = school(blocks=blocks_of(3), teachers=1, cohorts=2)
    p.subjects += [Subject("art", "Art"), Subject("music", "Music")]
    for sid, subject, cohorts, start in (
        ("core0", "math", ["c0"], 480),
        ("core1", "eng", ["c1"], 545),
        ("art-1", "art", [], 610),
        ("music-1", "music", [], 610),
    ):
        add_section(p, sid, subject_id=subject, cohort_ids=cohorts, teacher_ids=["t0"])
        p.scenarios[0].solution.placements.append(Placement(sid, 0, "d0", start, start + 60, None, ["t0"]))
    p.students = [
        Student("s0", "Ana", 9, "c0", flags={"ELL"}),
        Student("s1", "Ben", 10, "c1"),
        Student("s2", "Cy", 9, "c0"),
    ]
    p.requests = [
        CourseRequest("s0", "art"),
        CourseRequest("s0", "music"),
        CourseRequest("s1", "art"),
        CourseRequest("s2", "music", rank=2),
    ]
    enrolled = [("s0", "art-1"), ("s1", "art-1"), ("s2", "music-1")]
    p.scenarios[0].solution.enrolments = [Enrolment(s, section) for s, section in enrolled]
    return p


def test_edit_a_students_request_and_undo(window):
    p = crafted()
    window.load_project(p, None)
    page = window.students_page
    window.show_page(page)
    assert page.select("s0")
    model = page.requests_model
    assert [model.record_at(r).subject_id for r in range(model.rowCount())] == ["art", "music"]
    subject, rank = 0, 1
    assert model.setData(model.index(1, subject), "Biology")  # picked by name
    assert model.setData(model.index(1, rank), "2")
    assert (p.requests[1].subject_id, p.requests[1].rank) == ("bio", 2)
    assert model.data(model.index(1, rank)) == "2"
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert (p.requests[1].subject_id, p.requests[1].rank) == ("music", 1)
    page.add_request()
    assert len(p.requests) == 5 and model.rowCount() == 3
    window.document.undo_stack.undo()
    assert len(p.requests) == 4 and model.rowCount() == 2
    # after the solve, in plain words; "unmet only" keeps Ana (Music clashes with Art)
    assert "Art (rank 1): met in art-1" in page.outcome_label.text()
    assert "Music (rank 1): not met" in page.outcome_label.text()
    page.unmet_check.setChecked(True)
    proxy = page.editor.proxy
    assert [proxy.data(proxy.index(r, 1)) for r in range(proxy.rowCount())] == ["Ana"]
    page.unmet_check.setChecked(False)
    page.grade_combo.setCurrentIndex(page.grade_combo.findData(10))
    assert [proxy.data(proxy.index(r, 1)) for r in range(proxy.rowCount())] == ["Ben"]
    page.grade_combo.setCurrentIndex(0)
    assert page.select("s0")
    page.editor.remove_selected()  # Ana goes with her requests, in one step
    assert [s.id for s in p.students] == ["s1", "s2"] and {r.student_id for r in p.requests} == {"s1", "s2"}
    window.document.undo_stack.undo()
    assert [s.id for s in p.students] == ["s0", "s1", "s2"] and len(p.requests) == 4


def test_student_week_after_a_small_solve(window):
    """Ana's week: her cohort's core class, her elective, her advisory and her cohort's internship; not Ben's class."""
    blocks = [*blocks_of(2), (605, 610, P), (610, 640, A), (640, 700, C)]
    p = school(blocks=blocks, days=2, teachers=1, cohorts=2)
    p.subjects += [Subject("art", "Art"), Subject("music", "Music")]
    p.teachers[0].subject_ids |= {"art", "music"}
    add_section(p, "core", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    add_section(p, "other", cohort_ids=["c1"], subject_id="eng", teacher_ids=["t0"])
    add_section(p, "art-1", subject_id="art", teacher_ids=["t0"])
    add_section(p, "music-1", subject_id="music", teacher_ids=["t0"])
    p.advisories.append(Advisory("crew", "Crew Ana", "t0", ["c0"]))
    p.scenarios[0].internships.append(Internship("wbl", "Clinic", ["c0"], [TimeWindow("d1", 640, 700)]))
    p.students = [Student("ana", "Ana", 9, "c0"), Student("ben", "Ben", 9)]
    p.requests = [CourseRequest("ana", "art"), CourseRequest("ben", "music")]
    result, report = solving.solve_scenario(p, "s", time_limit=10, workers=1, seed=1)
    assert report is not None and report.ok, report  # the checker judges the solve
    assert {(e.student_id, e.section_id) for e in result.enrolments} == {("ana", "art-1"), ("ben", "music-1")}
    window.load_project(p, None)
    page = window.students_page
    assert page.select("ana")
    page.week_button.click()
    assert window.stack.currentWidget() is window.board_page
    assert window.board_page.record_combo.currentData() == "ana"
    board = window.board_page.board
    board.refresh()
    cards = [i for i in board.scene().items() if isinstance(i, CardItem)]
    assert sorted(c.key[0] for c in cards if c.key) == ["art-1", "core", "core"]
    assert sorted(" ".join(c.lines) for c in cards if c.key is None) == ["Crew Ana Teacher 0"] * 2  # one sitting a day
    assert [b.label for b in board.bands if b.kind == "internship"] == ["Clinic"]
    window.board_page.show_record("student", "ben")
    board.refresh()
    assert sorted(c.key[0] for c in board.scene().items() if isinstance(c, CardItem) and c.key) == ["music-1"]


def test_conflict_matrix_and_requests_met(window):
    p = crafted()
    add_section(p, "art-2", subject_id="art", teacher_ids=["t0"])  # Art: two open sections, a doubleton
    p.requests.append(CourseRequest("s2", "art"))
    window.load_project(p, None)
    page = window.students_page
    window.show_page(page)
    page.tabs.setCurrentIndex(1)
    assert page.cell("Art", "Art") == "3"  # Ana, Ben, Cy request Art
    assert page.cell("Art", "Music") == page.cell("Music", "Art") == "2"  # Ana and Cy request both
    assert page.cell("Music", "Music") == "2"
    headers = [page.matrix.horizontalHeaderItem(i).text() for i in range(page.matrix.columnCount())]
    assert headers == ["Art", "Music ●"]  # Music is a singleton; Art is not
    kinds = {page.singletons.item(r, 0).text(): page.singletons.item(r, 1).text() for r in range(2)}
    assert kinds == {"Art": "doubleton", "Music": "singleton"}
    page.tabs.setCurrentIndex(2)
    first = [page.requests_met.item(0, c).text() for c in range(7)]
    assert first == ["(all subjects)", "1", "4", "2", "0", "2", "50.0"]  # Ana's Music and Cy's Art unmet
    assert page.requests_note.text().startswith("Rank-1 (required) requests met: 2 of 4 (50.0 %)")
    # the bound: Ana can have Art in art-2 (not placed: no time to clash) beside Music, so all 4 are possible
    assert "At most 4 can be met with these section times, whatever the seats." in page.requests_note.text()
    assert all(page.requests_met.item(r, 1).text() for r in range(page.requests_met.rowCount()))  # no note row
    assert page.gaps.rowCount() >= 1 and page.gaps.item(0, 1).text() == "Ana"


def test_compare_by_group(window, qtbot):
    p = crafted()
    twin = p.scenarios[0].copy("s2", "Twin")
    twin.solution.enrolments = [Enrolment("s0", "music-1"), Enrolment("s1", "art-1")]
    p.scenarios.append(twin)
    window.load_project(copy.deepcopy(p), None)
    page = window.compare_page
    page.choose(["s", "s2"])
    page.group_combo.setCurrentIndex(page.group_combo.findData("cohort"))
    assert page.start()
    qtbot.waitUntil(lambda: page.comparison is not None and not page.running, timeout=30000)
    table = next(t for t in page.comparison.tables if t.id == "group-cohort-requests-met")
    assert {r.label: r.values for r in table.rows}["Cohort 0"] == [66.7, 33.3]
    assert "Course requests met by cohort" in page.details.toPlainText()
