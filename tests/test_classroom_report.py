"""The class report: a simulated class, figures checked against values worked out by hand.

The class (over the four-claim test scenario; two claims held up, two did not):

    student  calls (named_dead, no_forces, old_photo, scandal)   check  quiz before / after
    Ada      attributed attributed reject reject                  yes    H .5  F .25 / H 4/4 F 0/4
    Ben      reject x4 (blanket doubt)                            no     all 5s      / all 1s
    (none)   fact x4 (blanket trust)                              no     H .75 F .5  / none
    Cem      fact hold hold attributed                            yes    H .5  F .5  / H .75 F .25
    Eve      (never started the game)                             -      3 reliable items only

Game: Ada H = 2/2 -> .75 (1/2N), F = 0/2 -> .25, so d′ = 2 z(.75) = 1.349, c = 0; Ben,
the truster and Cem all have d′ = 0 (c = +0.674, -0.674 and 0).
"""

from __future__ import annotations

import csv
import io
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_classroom_scenario import build_scenario

from game.classroom.report import (
    CSV_COLUMNS,
    EXIT_NO_RESULTS,
    EXIT_OK,
    EXIT_USAGE,
    class_report,
    csv_text,
    render_html,
    run,
)
from game.classroom.results import read_results
from game.classroom.session import ClassroomSession
from game.cli import main as cli_main
from game.engine.model import Scenario
from game.engine.story import Story

Z75 = 0.6744897501960817  # z(.75), from any normal table
Z875 = 1.1503493803760079  # z(.875)

CLASS = {
    # nickname: (calls, check?, before (reliable, unreliable), after (reliable, unreliable))
    "Ada": (("attributed", "attributed", "reject", "reject"), True,
            ([6, 5, 3, 2], [5, 2, 1, 1]), ([7, 7, 6, 6], [1, 2, 2, 3])),
    "Ben": (("reject",) * 4, False, ([5, 5, 5, 5], [5, 5, 5, 5]), ([1, 1, 1, 1], [1, 1, 1, 1])),
    None: (("fact",) * 4, False, ([6, 6, 6, 4], [6, 6, 4, 4]), None),
    "Cem": (("fact", "hold", "hold", "attributed"), True,
            ([5, 5, 4, 4], [5, 5, 4, 4]), ([5, 5, 5, 4], [4, 4, 4, 5])),
}


def answer_quiz(session: ClassroomSession, phase: str,
                ratings: tuple[list[int], list[int]], limit: int = 8) -> None:
    reliable, unreliable = list(ratings[0]), list(ratings[1])
    for item in session.quiz_items(phase)[:limit]:
        rating = (reliable if item.reliable else unreliable).pop()
        session.record_quiz(phase, item.id, rating, 3.0)


def play_student(scenario: Scenario, results: Path, nickname: str | None) -> None:
    calls, check, before, after = CLASS[nickname]
    session = ClassroomSession("7B", results, scenario, nickname=nickname)
    answer_quiz(session, "before", before)
    story = Story(scenario, seed=1)
    for call in calls:
        if check and story.scene.id == "named_dead":
            story.choose(next(o.index for o in story.choices() if o.id == "check"))
            story.choose(0)  # back
            session.update_from_story(story)
        story.choose(next(o.index for o in story.choices() if o.id == call))
        session.update_from_story(story)
    story.choose(0)  # press time: continue to the ending
    session.update_from_story(story)
    if after is not None:
        answer_quiz(session, "after", after)
    session.finish(story)


def play_eve(scenario: Scenario, results: Path) -> None:
    session = ClassroomSession("7B", results, scenario, nickname="Eve")
    for item in [i for i in session.quiz_items("before") if i.reliable][:3]:
        session.record_quiz("before", item.id, 6, 2.0)


@pytest.fixture
def class_folder(tmp_path: Path) -> Path:
    """Five students playing at once into one folder."""
    scenario = build_scenario(tmp_path / "scenes")
    results = tmp_path / "results"
    with ThreadPoolExecutor(max_workers=5) as pool:
        jobs = [pool.submit(play_student, scenario, results, name) for name in CLASS]
        jobs.append(pool.submit(play_eve, scenario, results))
        for job in jobs:
            job.result()
    return results


def by_label(report, name):  # type: ignore[no-untyped-def]
    return next(s for s in report.students if s.record.nickname == name)


def test_quiz_figures_match_the_hand_computed_ones(class_folder: Path) -> None:
    found = read_results(class_folder)
    assert found.warnings == []
    report = class_report(found.sessions)
    assert len(report.sessions) == 5 and report.finished == 4

    ada = by_label(report, "Ada")
    assert (ada.before.hits, ada.before.false_alarms) == (2, 1)
    assert ada.before.d_prime == pytest.approx(Z75)  # H .5, F .25
    assert ada.before.criterion == pytest.approx(Z75 / 2)
    assert ada.after.d_prime == pytest.approx(2 * Z875)  # H 1 -> .875, F 0 -> .125
    assert ada.before_difference == pytest.approx(1.75)
    assert ada.after_difference == pytest.approx(4.5)
    ben = by_label(report, "Ben")
    assert ben.before.criterion == pytest.approx(-Z875)  # trusted all
    assert ben.after.criterion == pytest.approx(Z875)  # doubted all: learned only to doubt
    assert ben.change == pytest.approx(0.0)
    assert by_label(report, None).after is None
    eve = by_label(report, "Eve")
    assert eve.before is None, "three reliable items alone cannot measure discernment"

    # the three who did both quizzes: Ada, Ben, Cem
    assert report.paired.students == 3
    assert report.paired_before.mean_d_prime == pytest.approx(Z75 / 3)
    assert report.paired.mean_d_prime == pytest.approx((2 * Z875 + 0 + 2 * Z75) / 3)
    assert report.paired_before.mean_criterion == pytest.approx((Z75 / 2 - Z875 + 0) / 3)
    assert report.paired.mean_criterion == pytest.approx(Z875 / 3)
    # everyone measurable before: Ada, Ben, the truster (H .75, F .5), Cem
    assert report.before.students == 4
    assert report.before.mean_d_prime == pytest.approx((Z75 + 0 + Z75 + 0) / 4)
    assert report.before.mean_difference == pytest.approx((1.75 + 0 + 0.5 + 0) / 4)
    # changes: Ada 2(.875 z) - z(.75) = 1.626, Cem 2 z(.75) - 0 = 1.349, Ben 0
    assert [s.label for s in report.changes] == ["Ada", "Cem", "Ben"]


def test_game_figures_match_the_hand_computed_ones(class_folder: Path) -> None:
    report = class_report(read_results(class_folder).sessions)
    ada = by_label(report, "Ada").record
    assert (ada.points, ada.max_points, ada.time_verifying, ada.checks_done) == (8, 8, 1, 1)
    assert ada.game.d_prime == pytest.approx(2 * Z75)
    truster = by_label(report, None).record
    assert truster.points == 0  # +1 +1 -1 -1: blanket trust earns nothing
    assert truster.ending == "The correction"
    # rejecting the two that held up costs a point each: -1 -1 +2 +2
    assert by_label(report, "Ben").record.points == 2
    # fact on what held up is fair (+1), keeping it out an error (-1), hold on what failed
    # fair (+1), running it attributed an error (-1): the first edition's derived grades
    assert by_label(report, "Cem").record.points == 0
    assert report.game.students == 4
    assert report.game.mean_d_prime == pytest.approx(2 * Z75 / 4)
    assert report.game.mean_criterion == pytest.approx(0.0, abs=1e-12)

    sources = {s.source: s for s in report.sources}
    assert (sources["wire"].runs, sources["wire"].calls, sources["wire"].run_share) == (3, 4, 75.0)
    assert (sources["officials"].runs, sources["officials"].calls) == (2, 4)
    assert (sources["aggregator"].runs, sources["aggregator"].calls) == (3, 8)
    assert (sources["aggregator"].held_up, sources["aggregator"].claims) == (0, 2)
    assert sources["wire"].held_share == 100.0

    assert [(c.claim, c.misjudged, c.total) for c in report.claims] == [
        ("no_forces", 2, 4), ("scandal", 2, 4), ("named_dead", 1, 4), ("old_photo", 1, 4)]
    assert report.claims[0].calls == {"fact": 1, "attributed": 1, "hold": 1, "reject": 1}
    assert report.claims[1].usual_mistake in ("ran as fact", "ran attributed")
    assert {(e.title, e.count) for e in report.endings} == {
        ("Clean copy", 3), ("The correction", 1), ("Not finished yet", 1)}
    assert report.median_time_verifying == pytest.approx(0.5)  # hours: 1, 0, 0, 1


def test_the_csv_has_one_row_per_session_with_the_expected_columns(class_folder: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    csv_path = tmp_path / "results.csv"
    assert run(str(class_folder), str(out), str(csv_path)) == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 5
    assert tuple(rows[0]) == CSV_COLUMNS
    ada = next(r for r in rows if r["nickname"] == "Ada")
    assert ada["quiz_before_d_prime"] == f"{Z75:.3f}"
    assert ada["quiz_after_d_prime"] == f"{2 * Z875:.3f}"
    assert ada["quiz_d_prime_change"] == f"{2 * Z875 - Z75:.3f}"
    assert (ada["game_points"], ada["game_d_prime"], ada["ending"]) == ("8", "1.349", "Clean copy")
    assert ada["finished"] == "yes" and ada["class"] == "7B"
    eve = next(r for r in rows if r["nickname"] == "Eve")
    assert (eve["quiz_before_answers"], eve["quiz_before_d_prime"], eve["game_points"],
            eve["finished"]) == ("3", "", "", "no")


def test_the_html_is_self_contained_and_shows_every_part(class_folder: Path) -> None:
    found = read_results(class_folder)
    html = render_html(class_report(found.sessions), generated="2018-02-14 09:00")
    assert "http://" not in html and "https://" not in html
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["'](?!#)""", html), "nothing is loaded"
    assert "@import" not in html and "url(" not in html
    for heading in ("Did the class get better", "Each student's change",
                    "Which sources did the class trust", "claims with the most errors",
                    "Did checking pay off", "Endings reached"):
        assert heading in html
    assert html.count("<svg") >= 10
    assert "Claim text of no_forces." in html
    assert 'name="viewport"' in html and "@media (max-width" in html
    for name in ("Ada", "Ben", "Cem"):
        assert name in html


def test_nicknames_are_escaped_not_run(scenario_dir: Path, tmp_path: Path) -> None:
    from game.engine.loader import load_scenario

    scenario = load_scenario(scenario_dir)
    session = ClassroomSession("7B", tmp_path / "r", scenario,
                               nickname="<script>alert(1)")
    answer_quiz(session, "before", ([6, 6, 6, 6], [1, 1, 1, 1]))
    found = read_results(tmp_path / "r")
    html = render_html(class_report(found.sessions))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_formulas_in_nicknames_stay_text_in_the_spreadsheet(scenario_dir: Path,
                                                           tmp_path: Path) -> None:
    from game.engine.loader import load_scenario

    ClassroomSession("7B", tmp_path / "r", load_scenario(scenario_dir), nickname="=1+1")
    text = csv_text(class_report(read_results(tmp_path / "r").sessions))
    assert ",'=1+1," in text


@pytest.fixture
def scenario_dir(tmp_path: Path) -> Path:
    build_scenario(tmp_path / "scenes")
    return tmp_path / "scenes"


def test_damaged_and_foreign_files_are_skipped_with_warnings(class_folder: Path,
                                                             tmp_path: Path) -> None:
    good = sorted(class_folder.glob("*.json"))[0]
    data = json.loads(good.read_text(encoding="utf-8"))
    (class_folder / "7B-cut-short.json").write_bytes(good.read_bytes()[:200])
    (class_folder / "7B-future.json").write_text(json.dumps({**data, "format": 2}))
    (class_folder / "7B-other-story.json").write_text(json.dumps(
        {**data, "id": "abcdef012345", "scenario": {**data["scenario"], "version": "9"}}))
    (class_folder / "7B-bad-rating.json").write_text(json.dumps(
        {**data, "id": "abcdef012346",
         "quiz": {"before": [{"item": "x", "reliable": True, "rating": 9, "seconds": 1}],
                  "after": []}}))
    (class_folder / "notes.json").write_text('{"teacher": "my own notes"}')
    (class_folder / "7B-binary.json").write_bytes(b"\xff\xfe\x00garbage")
    out, err = io.StringIO(), io.StringIO()
    code = run(str(class_folder), str(tmp_path / "r.html"), None, stdout=out, stderr=err)
    assert code == EXIT_OK
    warnings = err.getvalue()
    assert "7B-cut-short.json: damaged" in warnings
    assert "7B-future.json: written by another version" in warnings
    assert "7B-other-story.json: played on other content" in warnings
    assert "7B-bad-rating.json: damaged (quiz/before/0/rating" in warnings
    assert "notes.json: not a Deconfliction Line results file" in warnings
    assert "7B-binary.json: damaged" in warnings
    assert warnings.count("warning: skipped") == 6
    assert "5 sessions from class 7B (4 finished), 6 files skipped" in out.getvalue()
    assert (class_folder / "7B-cut-short.json").exists(), "the report never moves files"
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "7B-future.json" in html  # the skipped files are listed for the teacher


def test_exit_codes(tmp_path: Path, class_folder: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "junk.json").write_text("{")
    err = io.StringIO()
    assert run(str(empty), str(tmp_path / "x.html"), stderr=err) == EXIT_NO_RESULTS
    assert "no readable results" in err.getvalue()
    assert not (tmp_path / "x.html").exists()
    assert run(str(tmp_path / "missing"), str(tmp_path / "x.html"),
               stderr=io.StringIO()) == EXIT_USAGE
    assert cli_main(["report"]) == EXIT_USAGE
    out = tmp_path / "cli.html"
    assert cli_main(["report", str(class_folder), "--out", str(out),
                     "--csv", str(tmp_path / "cli.csv")]) == EXIT_OK
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert (tmp_path / "cli.csv").exists()
