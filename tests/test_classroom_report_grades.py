"""The report follows the graded score; first-edition results files stay readable, marked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from game.classroom.report import class_report, csv_text, render_html
from game.classroom.results import read_results
from tests.test_classroom_report import class_folder, play_student  # noqa: F401  (fixture)


def strip_grades(folder: Path) -> None:
    """Turn every results file into what the first edition wrote: no grades anywhere."""
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for claim in data["claims"].values():
            claim.pop("grades", None)
        if data["score"]:
            for key in ("percent", "best", "defensible", "errors"):
                data["score"].pop(key, None)
        path.write_text(json.dumps(data), encoding="utf-8")


def rows(folder: Path) -> dict[str | None, dict[str, str]]:
    text = csv_text(class_report(read_results(folder).sessions))
    return {r["nickname"] or None: r for r in csv.DictReader(io.StringIO(text))}


def test_results_files_carry_each_decisions_grade(class_folder: Path) -> None:  # noqa: F811
    ada = next(s for s in read_results(class_folder).sessions if s.nickname == "Ada")
    # attributed, attributed on what held up; reject, reject on what did not: all best
    assert [d.grade for d in ada.decisions] == ["best"] * 4
    assert not ada.first_edition and ada.percent == 100


def test_the_csv_gives_the_score_and_the_grades(class_folder: Path) -> None:  # noqa: F811
    table = rows(class_folder)
    assert [table["Ada"][k] for k in ("game_percent", "game_best", "game_defensible",
                                      "game_errors", "score_edition")] == \
        ["100", "4", "0", "0", "2"]
    # Cem: fact (defensible), hold on what held up (error), hold (defensible), attributed
    # on what did not hold up (error): 1 + 1 - 1 - 1 = 0 points of 8
    assert [table["Cem"][k] for k in ("game_percent", "game_best", "game_defensible",
                                      "game_errors")] == ["0", "0", "2", "2"]
    assert table["Eve"]["game_percent"] == "" and table["Eve"]["score_edition"] == ""


def test_the_html_shows_the_class_score_and_each_students_grades(class_folder: Path) -> None:  # noqa: F811
    report = class_report(read_results(class_folder).sessions)
    html = render_html(report, generated="2018-02-14 09:00")
    assert "In the game (score)" in html
    assert "first edition score" not in html
    assert report.mean_game_percent is not None
    assert f"{report.mean_game_percent:.0f}%" in html
    # run as fact: the truster's four (errors on the two that did not hold up) and Cem's one
    assert report.call_errors("fact") == (2, 5)
    assert "<td>100% (8 of 8)</td>" in html


def test_first_edition_files_are_read_and_marked_first_edition(class_folder: Path) -> None:  # noqa: F811
    strip_grades(class_folder)
    found = read_results(class_folder)
    assert found.warnings == []
    report = class_report(found.sessions)
    ada = next(s for s in found.sessions if s.nickname == "Ada")
    assert ada.first_edition and ada.percent == 100  # from its stored points
    html = render_html(report)
    assert "first edition score" in html
    assert "whose files carry no grades" in html  # the claims caption says how errors count
    table = rows(class_folder)
    assert [table["Ada"][k] for k in ("game_percent", "game_best", "score_edition")] == \
        ["100", "", "first"]
    # errors counted the old way: running what did not hold up, keeping out what did
    claims = {c.claim: c.misjudged for c in report.claims}
    assert claims == {"no_forces": 2, "scandal": 2, "named_dead": 1, "old_photo": 1}


def test_a_class_with_no_errors_and_a_class_with_no_calls_read_truly(tmp_path: Path) -> None:
    from test_classroom_report import play_eve
    from test_classroom_scenario import build_scenario

    scenario = build_scenario(tmp_path / "scenes")
    careful, empty = tmp_path / "careful", tmp_path / "empty"
    play_student(scenario, careful, "Ada")  # four best calls
    html = render_html(class_report(read_results(careful).sessions))
    assert "No call on any claim was an error." in html
    assert "100%" in html
    play_eve(scenario, empty)  # quiz only, never played
    report = class_report(read_results(empty).sessions)
    html = render_html(report)
    assert report.mean_game_percent is None
    assert "No calls have been made yet." in html
    assert "errors among calls run as fact" not in html


def test_the_summary_line_gives_the_class_game_score(class_folder: Path,  # noqa: F811
                                                     tmp_path: Path) -> None:
    from game.classroom.report import EXIT_OK, run

    out = io.StringIO()
    assert run(str(class_folder), str(tmp_path / "r.html"), stdout=out) == EXIT_OK
    # Ada 100%, Ben 25%, the truster 0%, Cem 0%: Eve never played
    assert "; game score 31% (4 students)" in out.getvalue()
