"""Rules by their plain names (the id in a tooltip) wherever the app lists penalties or conflicts."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from dlplanner.domain.checker import HARD_RULES, SOFT_RULES, CheckReport, Violation
from dlplanner.qt.compare import measure_label
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.qt.rule_words import RULE_WORDS, rule_name, rule_tooltip


def test_every_rule_of_the_checker_has_a_plain_name_and_sentence() -> None:
    for rule_id in [*HARD_RULES, *SOFT_RULES, "pinned"]:
        words = RULE_WORDS.get(rule_id)
        assert words is not None, f"rule {rule_id} has no plain words in dlplanner/qt/rule_words.py"
        assert "_" not in words.name and words.sentence.endswith(".")
        assert rule_id in rule_tooltip(rule_id) and words.sentence in rule_tooltip(rule_id)
    assert rule_name("made_up_rule") == "made_up_rule"  # an unknown id is shown, never hidden


def test_the_solve_page_lists_penalties_and_findings_in_plain_words(solved_window: MainWindow) -> None:
    panel = solved_window.solve_panel
    result = solved_window.document.scenario.solution
    report = CheckReport(
        violations=[Violation("teacher_clash", "Ms A teaches two classes at 9:00")],
        penalties={"daily_load_balance": 3},
    )
    panel.show_result(result, report)
    names = {panel.penalties.item(r, 0).text(): panel.penalties.item(r, 0) for r in range(panel.penalties.rowCount())}
    assert "Uneven days" in names and "daily_load_balance" not in names
    assert "Rule id: daily_load_balance" in names["Uneven days"].toolTip()
    text = panel.explanation.toPlainText()
    assert "Teacher double-booked: Ms A teaches two classes" in text and "teacher_clash" not in text
    assert "rule:teacher_clash" in panel.explanation.toHtml()  # hovering the name shows the sentence and id
    panel._link(QUrl("rule:teacher_clash"))  # a click on a rule's name opens nothing and raises nothing


def test_compare_names_penalties_by_rule_name_and_wraps_measures() -> None:
    html = measure_label("penalty: teacher_gaps")
    assert "Penalty: Gaps in a teacher&#x27;s day" in html and "Rule id: teacher_gaps" in html
    assert measure_label("Teaching minutes") == "Teaching minutes"
