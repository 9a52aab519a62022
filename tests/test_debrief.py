"""The debrief opens with a short summary (best calls and errors, each with its technique)
and then reviews every claim: the call's grade and reason beside later reporting."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.debrief import debrief
from game.engine.loader import load_scenario
from game.engine.model import Call, Grade, Scenario
from game.engine.story import Story
from game.wording import SUMMARY_WORDS, debrief_summary, feedback_text, review

ARTICLE = Path(__file__).resolve().parent.parent / "assets" / "article.txt"
GRADES = ("error", "best", "defensible", "error")  # fact, attributed, hold, reject


def scenario_text(claims: int, judgement: str = "unverified") -> str:
    ids = [f"claim{n}" for n in range(claims)]
    claim_text, scenes = [], []
    for index, claim in enumerate(ids):
        graded = "".join(f"      {call.value}: {{grade: {grade}, why: Why {call.value} is "
                         f"{grade} on {claim}., response: 'On {claim}, {call.value} lands.'}}\n"
                         for call, grade in zip(Call, GRADES, strict=True))
        claim_text.append(
            f"  - id: {claim}\n    source: ministry\n    text: The ministry's claim {index}.\n"
            f"    judgement: {judgement}\n    holds_up: true\n    later: [reconstruction]\n"
            f"    lessons: [attribute]\n    note: What came of claim {index}.\n"
            f"    grades:\n{graded}")
        after = ids[index + 1] if index + 1 < len(ids) else "end"
        options = "".join(f"      - {{id: {c.value}, text: {c.value}, verdict: {{claim: {claim}, "
                          f"call: {c.value}}}, goto: {after}}}\n" for c in Call)
        scenes.append(f"  - id: {claim}\n    text: A claim.\n    claims: [{claim}]\n"
                      f"    choices:\n{options}")
    return f"""\
scenario:
  id: reviewed
  title: Reviewed
  premise: Claims.
  article: {ARTICLE}
  start: {ids[0]}
  time: 3
  format: 2
  disputed_note: Accounts still differ, and the call is not a verdict on the number.
lessons:
  - id: attribute
    title: A party speaks for its side
    technique: Say who said it.
sources:
  - id: ministry
    name: The ministry
    kind: official
    who: A ministry.
    access: Its own.
    interest: Its side.
reports:
  - id: reconstruction
    outlet: The Daily Example
    date: 2018-05-24
    text: A reconstruction.
claims:
{"".join(claim_text)}
scenes:
{"".join(scenes)}
  - id: end
    text: Done.
    ending: {{title: Done, kind: careful}}
"""


def load(tmp_path: Path, claims: int = 3, judgement: str = "unverified") -> Scenario:
    path = tmp_path / "story.yaml"
    path.write_text(scenario_text(claims, judgement), encoding="utf-8")
    return load_scenario(path)


def play(scenario: Scenario, calls: list[str]) -> Story:
    story = Story(scenario)
    for wanted in calls:
        story.choose(next(o.index for o in story.choices() if o.id == wanted))
    return story


def test_the_summary_names_errors_and_best_calls_with_their_technique(tmp_path):
    scenario = load(tmp_path)
    story = play(scenario, ["attributed", "fact", "hold"])
    summary = debrief_summary(debrief(scenario, story.state))
    assert summary.opening == ("Of your 3 calls, 1 was the best call, 1 defensible and 1 was "
                               "an error.")
    (errors_heading, errors), (best_heading, best) = summary.sections
    assert errors_heading.startswith("Errors") and best_heading.startswith("Best calls")
    assert errors == ("The ministry's claim 1 (The ministry): ran it as fact. "
                      "Why fact is error on claim1. Technique: A party speaks for its side.",)
    assert best == ("The ministry's claim 0 (The ministry): ran it attributed. "
                    "Technique: A party speaks for its side.",)


def test_the_summary_without_errors_says_so(tmp_path):
    scenario = load(tmp_path)
    summary = debrief_summary(debrief(scenario, play(scenario, ["attributed"] * 3).state))
    assert "none was an error" in summary.opening
    assert [heading for heading, _ in summary.sections] == [
        "Best calls, and the technique behind them"]


def test_the_summary_with_no_calls_says_there_is_nothing_to_sum_up(tmp_path):
    scenario = load(tmp_path)
    summary = debrief_summary(debrief(scenario, Story(scenario).state))
    assert summary.lines() == ["You made no calls, so there is nothing to sum up yet."]


@pytest.mark.parametrize("calls", [["fact"] * 40, ["attributed"] * 40,
                                   ["fact", "attributed", "hold", "reject"] * 10])
def test_the_summary_stays_about_300_words_however_many_claims(tmp_path, calls):
    scenario = load(tmp_path, claims=40)
    summary = debrief_summary(debrief(scenario, play(scenario, calls).state))
    assert 0.5 * SUMMARY_WORDS < summary.words <= 1.05 * SUMMARY_WORDS
    assert summary.lines()[-2].startswith("- and ")  # the rest is in the full review


def test_the_review_marks_each_call_with_its_grade_and_reason_beside_later_reporting(tmp_path):
    scenario = load(tmp_path)
    report = debrief(scenario, play(scenario, ["attributed", "fact", "hold"]).state)
    reviews = [review(entry, report) for entry in report.entries]
    assert [r.grade for r in reviews] == ["Best call", "Error", "Defensible"]
    assert reviews[1].call == "Your call: Ran it as fact"
    assert reviews[1].why == "Why fact is error on claim1."
    assert reviews[1].later == ("The Daily Example, 2018-05-24: A reconstruction.",)
    assert reviews[1].techniques == ("Technique: A party speaks for its side. Say who said it.",)
    assert reviews[1].disputed == ""
    assert [e.grade for e in report.entries] == [Grade.BEST, Grade.ERROR, Grade.DEFENSIBLE]


def test_a_disputed_claim_carries_the_scenarios_own_note(tmp_path):
    scenario = load(tmp_path, judgement="disputed")
    report = debrief(scenario, play(scenario, ["hold"]).state)
    assert review(report.entries[0], report).disputed == (
        "Accounts still differ, and the call is not a verdict on the number.")


def test_feedback_text_leads_with_the_grade_only_when_asked(tmp_path):
    scenario = load(tmp_path)
    feedback = play(scenario, ["fact"]).feedback()
    assert feedback is not None
    assert feedback_text(feedback, tell_grade=False) == "On claim0, fact lands."
    assert feedback_text(feedback, tell_grade=True) == "Error. On claim0, fact lands."


@pytest.mark.parametrize("player", ["careful", "always fact", "random"])
def test_the_summary_quotes_only_the_articles_own_words(player):
    """A claim's text is the desk's paraphrase: put in quotation marks, it would pass
    for the source's words. Whatever the summary quotes must be in the article."""
    import re

    from game.paths import content_dir
    from game.players import play_through, strategies

    scenario = load_scenario(content_dir())
    story = play_through(scenario, strategies(scenario)[player](1))
    summary = debrief_summary(debrief(scenario, story.state))
    article = " ".join(scenario.article_text.split())
    quoted = re.findall(r"\u201c([^\u201d]+)\u201d", "\n".join(summary.lines()))
    assert [q for q in quoted if " ".join(q.split()) not in article] == []
