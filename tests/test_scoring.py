"""The score measures the lesson: points by grade, fact apart from attributed, and every
sentence true at the extremes (no calls, all fact, all reject, all best)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.engine.loader import load_scenario
from game.engine.model import Call, Grade, Scenario
from game.engine.scoring import POINTS, score
from game.engine.story import Story
from game.wording import score_lines

ARTICLE = Path(__file__).resolve().parent.parent / "assets" / "article.txt"

# claim id: (holds_up, judgement, grades of fact, attributed, hold, reject)
CLAIMS = {
    "ministry": ("true", "accurate_report", "error", "best", "defensible", "error"),
    "page_figure": ("false", "disputed", "error", "error", "best", "defensible"),
    "wire_dead": ("true", "supported", "best", "best", "defensible", "error"),
    "early_count": ("true", "unverified", "error", "defensible", "best", "error"),
}


def scenario_text(note: str = "There is no agreed figure; a call is not a verdict on it.") -> str:
    claims, scenes = [], []
    ids = list(CLAIMS)
    for index, (claim, (holds, judgement, *grades)) in enumerate(CLAIMS.items()):
        graded = "".join(f"      {call.value}: {{grade: {grade}, why: Why {grade}., "
                         f"response: Response {call.value}.}}\n"
                         for call, grade in zip(Call, grades, strict=True))
        claims.append(f"  - id: {claim}\n    source: desk\n    text: Claim {claim}.\n"
                      f"    judgement: {judgement}\n    holds_up: {holds}\n"
                      f"    note: Note.\n    grades:\n{graded}")
        after = ids[index + 1] if index + 1 < len(ids) else "end"
        options = "".join(f"      - {{id: {c.value}, text: {c.value}, verdict: {{claim: {claim}, "
                          f"call: {c.value}}}, goto: {after}}}\n" for c in Call)
        options += f"      - {{id: skip, text: Pass it over, goto: {after}}}\n"
        scenes.append(f"  - id: {claim}\n    text: A claim.\n    claims: [{claim}]\n"
                      f"    choices:\n{options}")
    return f"""\
scenario:
  id: graded
  title: Graded
  premise: Four claims.
  article: {ARTICLE}
  start: {ids[0]}
  time: 3
  format: 2
  disputed_note: "{note}"
sources:
  - id: desk
    name: The desk
    kind: wire
    who: An agency.
    access: Near.
    interest: Accuracy.
claims:
{"".join(claims)}
scenes:
{"".join(scenes)}
  - id: end
    text: Done.
    ending: {{title: Done, kind: careful}}
"""


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    path = tmp_path_factory.mktemp("scoring") / "story.yaml"
    path.write_text(scenario_text(), encoding="utf-8")
    return load_scenario(path)


def play(scenario: Scenario, calls: list[str]) -> Story:
    """Make these calls (or "skip") on the claims in order."""
    story = Story(scenario)
    for wanted in calls:
        story.choose(next(o.index for o in story.choices() if o.id == wanted))
    return story


def lines(scenario: Scenario, calls: list[str]) -> list[str]:
    story = play(scenario, calls)
    return score_lines(score(scenario, story.state),
                       [scenario.claims[c] for c in story.state.met])


def test_points_follow_one_table_by_grade(scenario):
    result = score(scenario, play(scenario, ["attributed", "hold", "fact", "fact"]).state)
    assert [r.points for r in result.results] == [2, 2, 2, -1]
    assert POINTS == {Grade.BEST: 2, Grade.DEFENSIBLE: 1, Grade.ERROR: -1}
    assert (result.points, result.max_points, result.percent) == (5, 8, 62)


def test_running_as_fact_and_attributed_score_differently_on_the_same_claim(scenario):
    fact = score(scenario, play(scenario, ["fact"]).state)
    attributed = score(scenario, play(scenario, ["attributed"]).state)
    assert fact.points == -1 and attributed.points == 2


def test_a_hold_where_holding_was_best_is_not_a_miss(scenario):
    # early_count held up, but the desk could not know that night: hold is best
    result = score(scenario, play(scenario, ["attributed", "hold", "fact", "hold"]).state)
    assert result.detection.misses == 0
    assert result.results[-1].grade is Grade.BEST and result.results[-1].outcome == \
        "correct_rejection"


def test_no_calls_at_all_says_there_is_nothing_to_score(scenario):
    story = Story(scenario)
    result = score(scenario, story.state)
    assert (result.points, result.max_points, result.percent) == (0, 0, 0)
    assert score_lines(result, []) == [
        "You made no call on any claim, so there is nothing to score yet.",
        "You made no checks."]


def test_claims_passed_over_count_in_the_total_and_are_named(scenario):
    text = lines(scenario, ["skip", "skip", "skip", "skip"])
    assert text[0] == ("You made no call on the 4 claims you met, so you earned none of the "
                       "8 points a careful desk could earn.")
    one = lines(scenario, ["attributed", "skip", "hold", "hold"])
    assert "You passed over 1 claim without a call." in one


def test_all_fact_is_never_a_negative_percent_sentence(scenario):
    text = lines(scenario, ["fact"] * 4)
    assert text[0] == ("Your errors cost more than your good calls earned, so you earned none "
                       "of the 8 points a careful desk could earn: 1 best call, 0 defensible "
                       "calls and 3 errors.")
    assert not any(re.search(r"[-−]\d", line) for line in text)
    assert "As fact: 4 claims (3 of them errors); Attributed to the source: none; " \
           "Held or kept out: none." in text


def test_all_reject_is_described_truly(scenario):
    text = lines(scenario, ["reject"] * 4)
    assert text[0].startswith("Your errors cost more than your good calls earned")
    assert "0 best calls, 1 defensible call and 3 errors" in text[0]
    assert "As fact: none; Attributed to the source: none; Held or kept out: 4 claims " \
           "(3 of them errors)." in text


def test_all_best_is_a_hundred_percent_with_no_errors(scenario):
    text = lines(scenario, ["attributed", "hold", "fact", "hold"])
    assert text[0] == ("You earned 100% of the points a careful desk could earn (8 of 8): "
                       "4 best calls, 0 defensible calls and 0 errors.")
    assert "As fact: 1 claim (not an error)" in text[2]


def test_plurals_are_right_for_one_and_two(scenario):
    one = lines(scenario, ["fact", "hold", "fact", "hold"])[0]
    two = lines(scenario, ["fact", "attributed", "fact", "hold"])[0]
    assert "1 error." in one and "1 errors" not in one
    assert "2 errors." in two and "2 best calls" in two


def test_the_disputed_note_comes_from_the_scenario(tmp_path):
    path = tmp_path / "story.yaml"
    path.write_text(scenario_text(note="Counts still differ between outlets."), "utf-8")
    scenario = load_scenario(path)
    assert lines(scenario, ["attributed", "hold"])[-1] == "Counts still differ between outlets."
    # no disputed claim among those shown, no note
    result = score(scenario, play(scenario, ["attributed"]).state)
    assert "Counts still differ" not in " ".join(
        score_lines(result, [scenario.claims["ministry"]]))


def test_the_explanation_is_one_plain_sentence(scenario):
    explained = lines(scenario, ["attributed"])[1]
    assert explained.count(". ") == 0 and explained.endswith(".")
    assert len(explained.split()) <= 40
