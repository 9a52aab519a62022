"""Format 2: every call graded with a reason and a response; the first edition still loads."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from game.engine import schema
from game.engine.checker import check_path
from game.engine.diagnostics import Diagnostic
from game.engine.loader import load, load_scenario
from game.engine.model import Call, Grade
from game.engine.story import Story

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example" / "example.yaml"
ARTICLE = ROOT / "assets" / "article.txt"

GRADES = """\
    grades:
      fact: {grade: error, why: Only the ministry says so., response: "'Says who?'"}
      attributed: {grade: best, why: Named and attributed., response: The chief sub nods.}
      hold: {grade: defensible, why: Safe but slow., response: "'The agencies will have it.'"}
      reject: {grade: error, why: A ministry's statement is news., response: The editor sighs.}
"""


def scenario_text(format_line: str = "  format: 2\n", claim_extra: str = GRADES,
                  choice_extra: str = "", holds_up: str = "true",
                  calls: tuple[str, ...] = ("fact", "attributed", "hold", "reject")) -> str:
    choices = "".join(
        f"      - id: {call}\n        text: Decide {call}\n"
        f"        verdict: {{claim: figure, call: {call}}}\n        goto: end\n"
        + (choice_extra if call == "fact" else "")
        for call in calls)
    return f"""\
scenario:
  id: graded
  title: Graded
  premise: One claim.
  article: {ARTICLE}
  start: desk
  time: 3
{format_line}
sources:
  - id: ministry
    name: The ministry
    kind: official
    who: A government ministry.
    access: Its own forces.
    interest: Its government's standing.
    party: russia

claims:
  - id: figure
    source: ministry
    text: The ministry gives a figure.
    judgement: unverified
    holds_up: {holds_up}
    note: Nobody else confirmed the figure that night.
{claim_extra}
scenes:
  - id: desk
    title: The desk
    text: A figure arrives.
    sources: [ministry]
    claims: [figure]
    choices:
{choices}
  - id: end
    title: Press time
    text: The page goes out.
    ending: {{title: Done, kind: careful}}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def errors(path: Path) -> list[Diagnostic]:
    return [d for d in load(path).diagnostics if d.is_error]


def test_the_first_edition_example_still_loads_as_format_1_with_derived_grades():
    scenario = load_scenario(EXAMPLE)
    assert scenario.format == 1
    photo = scenario.claims["photo"]  # holds_up false, best [reject], acceptable [hold]
    assert {call: g.grade for call, g in photo.grades.items()} == {
        Call.REJECT: Grade.BEST, Call.HOLD: Grade.DEFENSIBLE,
        Call.FACT: Grade.ERROR, Call.ATTRIBUTED: Grade.ERROR}
    assert all(g.why == photo.note and g.response for g in photo.grades.values())


def test_derived_grades_make_keeping_out_what_held_up_an_error_and_the_rest_defensible(tmp_path):
    text = scenario_text(format_line="", claim_extra="    best: [attributed]\n")
    claim = load_scenario(write(tmp_path, text)).claims["figure"]  # holds_up true
    assert claim.grade(Call.ATTRIBUTED) is Grade.BEST
    assert claim.grade(Call.FACT) is Grade.ERROR  # running as fact: an error unless graded
    assert claim.grade(Call.HOLD) is Grade.ERROR and claim.grade(Call.REJECT) is Grade.ERROR


def test_a_format_1_claim_that_failed_is_an_error_to_run_and_defensible_to_hold(tmp_path):
    text = scenario_text(format_line="", claim_extra="    best: [reject]\n", holds_up="false")
    claim = load_scenario(write(tmp_path, text)).claims["figure"]
    assert claim.grade(Call.ATTRIBUTED) is Grade.ERROR
    assert claim.grade(Call.HOLD) is Grade.DEFENSIBLE


def test_format_2_grades_load_with_their_reasons_and_responses(tmp_path):
    scenario = load_scenario(write(tmp_path, scenario_text()))
    claim = scenario.claims["figure"]
    assert scenario.format == 2
    assert claim.grades[Call.FACT].why == "Only the ministry says so."
    assert claim.grades[Call.HOLD].response == "'The agencies will have it.'"
    assert claim.best == (Call.ATTRIBUTED,) and claim.acceptable == (Call.HOLD,)
    assert scenario.sources["ministry"].party == "russia"


def test_a_format_newer_than_the_game_reads_is_a_located_error(tmp_path):
    path = write(tmp_path, scenario_text(format_line="  format: 3\n"))
    [found] = [d for d in errors(path) if d.code == "DL031"]
    assert found.line == 8 and "format 3 is newer" in found.message


def test_grades_in_a_first_edition_scenario_name_the_format_they_need(tmp_path):
    path = write(tmp_path, scenario_text(format_line=""))
    [found] = errors(path)
    assert found.code == "DL031" and "'grades' needs format 2" in found.message
    assert "format: 2" in found.hint


def test_a_claim_with_neither_best_nor_grades_is_a_located_error(tmp_path):
    path = write(tmp_path, scenario_text(claim_extra=""))
    [found] = errors(path)
    assert found.code == "DL003" and "'grades'" in found.message
    assert found.line == 20  # the claim's own line


def test_an_incomplete_grades_block_is_a_schema_error(tmp_path):
    text = scenario_text().replace("      reject: {grade: error, why: A ministry's statement is "
                                   "news., response: The editor sighs.}\n", "")
    [found] = errors(write(tmp_path, text))
    assert found.code == "DL003" and "reject" in found.message


def test_feedback_gives_the_response_and_grade_of_the_last_call(tmp_path):
    story = Story(load_scenario(write(tmp_path, scenario_text())))
    assert story.feedback() is None  # no call yet
    story.choose(1)  # attributed
    feedback = story.feedback()
    assert feedback is not None
    assert (feedback.claim, feedback.call, feedback.grade) == ("figure", Call.ATTRIBUTED,
                                                               Grade.BEST)
    assert feedback.text == "The chief sub nods."


def test_feedback_survives_save_and_restore(tmp_path):
    scenario = load_scenario(write(tmp_path, scenario_text()))
    story = Story(scenario)
    story.choose(0)
    restored = Story(scenario)
    restored.restore(story.snapshot())
    assert restored.feedback() == story.feedback()
    assert restored.feedback() is not None and restored.feedback().grade is Grade.ERROR


def test_a_choice_response_overrides_the_claims_response(tmp_path):
    text = scenario_text(choice_extra="        response: The minister's office calls back.\n")
    story = Story(load_scenario(write(tmp_path, text)))
    story.choose(0)
    feedback = story.feedback()
    assert feedback is not None and feedback.text == "The minister's office calls back."
    assert feedback.grade is Grade.ERROR  # the grade is still the claim's


def test_a_choice_response_needs_format_2(tmp_path):
    text = scenario_text(format_line="", claim_extra="    best: [attributed]\n",
                         choice_extra="        response: Too early.\n")
    [found] = errors(write(tmp_path, text))
    assert found.code == "DL031" and "'response' needs format 2" in found.message


def dl030(path: Path) -> list[str]:
    return [d.message for d in check_path(str(path)).diagnostics if d.code == "DL030"]


def test_checker_is_quiet_on_consistent_grades(tmp_path):
    assert dl030(write(tmp_path, scenario_text())) == []


def test_checker_warns_when_no_choice_offers_the_best_call(tmp_path):
    path = write(tmp_path, scenario_text(calls=("fact", "hold", "reject")))
    assert dl030(path) == ["claim 'figure': the best call 'attributed' is offered by no choice"]


def test_checker_warns_when_a_claim_that_failed_is_best_run_as_fact(tmp_path):
    text = scenario_text(holds_up="false").replace("fact: {grade: error", "fact: {grade: best")
    [message] = dl030(write(tmp_path, text))
    assert "did not hold up, yet running it as fact is graded best" in message


def test_checker_warns_when_a_claim_that_held_up_is_best_rejected(tmp_path):
    text = scenario_text().replace("reject: {grade: error", "reject: {grade: best")
    [message] = dl030(write(tmp_path, text))
    assert "held up, yet rejecting it is graded best" in message


def test_checker_warns_when_best_disagrees_with_grades(tmp_path):
    path = write(tmp_path, scenario_text(claim_extra=GRADES + "    best: [hold]\n"))
    assert any("'best' disagrees" in m for m in dl030(path))


def test_checker_warns_when_acceptable_disagrees_with_grades(tmp_path):
    path = write(tmp_path, scenario_text(claim_extra=GRADES + "    acceptable: [fact]\n"))
    assert dl030(path) == ["'acceptable' disagrees with the calls 'grades' marks defensible"]


def test_best_and_acceptable_that_agree_with_grades_are_quiet(tmp_path):
    extra = GRADES + "    best: [attributed]\n    acceptable: [hold]\n"
    assert dl030(write(tmp_path, scenario_text(claim_extra=extra))) == []


@pytest.mark.parametrize("pointer", [("claims", "grades"), ("scenario", "format"),
                                     ("sources", "party")])
def test_new_keys_are_described_in_the_schema(pointer):
    section, key = pointer
    node = schema.schema()["properties"][section]
    node = node.get("items", node)["properties"][key]
    assert node["description"]


def test_the_schemas_grades_example_is_valid_and_not_from_the_shipped_scenes():
    grades = schema.schema()["properties"]["claims"]["items"]["properties"]["grades"]
    [example] = grades["examples"]
    jsonschema.validate(example, grades)
    shipped = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "scenes").glob("*.yaml"))
    assert example["fact"]["why"] not in shipped
