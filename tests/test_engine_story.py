"""The story API: what a presenter sees and what each choice does."""

from __future__ import annotations

import json

import pytest

from game.engine.loader import load_scenario
from game.engine.state import RestoreError
from game.engine.story import ChoiceError, Story

DESK = """\
scenario:
  id: desk
  title: The desk
  premise: A night on the desk.
  article: article.txt
  start: desk
  time: 4
variables:
  calls: 0
  warned: false
sources:
  - id: wire
    name: The Wire
    kind: wire
    who: A news agency.
    access: A reporter nearby.
    interest: Being first and right.
claims:
  - id: count
    source: wire
    text: Thirteen Russians were killed.
    judgement: disputed
    holds_up: true
    best: [attributed]
    note: The figures still differ.
checks:
  - id: records
    title: Check the records
    finding: The records disagree.
scenes:
  - id: desk
    title: Night desk
    day: Wednesday 7 February 2018
    deadline: "23:00"
    text:
      - "You have {time} h. {source.wire} is on the line; calls so far: {calls}. Braces: {{x}}."
      - if: checked.records
        text: The records are on your desk.
    sources: [wire]
    claims: [count]
    choices:
      - id: records
        text: Check the records (2 h)
        cost: 2
        once: true
        verify: records
        visit: archive
      - id: phone
        text: Phone the agency
        visit: archive
      - id: expensive
        text: Fly out to see (9 h)
        cost: 9
        goto: end_early
      - id: secret
        text: Use the secret channel
        if: warned
        goto: end_early
      - id: locked
        text: Ask the editor
        if: calls > 0
        unavailable: You have made {calls} calls; make one first.
        goto: end_early
      - id: run
        text: Run it attributed
        verdict: {claim: count, call: attributed}
        effects: ["calls += 1", "trust.wire += 2"]
        goto: press
  - id: archive
    title: The archive
    text: Dusty shelves.
    effects: ["warned = true"]
    choices:
      - text: Back to the desk
        back: true
  - id: press
    title: Press time
    text: The page goes out.
    route:
      - if: trust.wire >= 5
        goto: end_early
      - if: calls == 1
        goto: end_good
      - goto: end_early
  - id: end_good
    text: A clean page.
    ending: {title: Clean copy, kind: careful}
  - id: end_early
    text: Home early.
    ending: {title: Early night}
"""


@pytest.fixture
def scenario(write_scenario):  # type: ignore[no-untyped-def]
    return load_scenario(write_scenario(DESK))


def ids(story: Story, available_only: bool = False) -> list[str]:
    return [o.id for o in story.choices() if o.available or not available_only]


def choose_id(story: Story, choice_id: str) -> None:
    option = next(o for o in story.choices() if o.id == choice_id)
    story.choose(option.index)


def test_paragraphs_substitute_values_and_source_names(scenario):
    story = Story(scenario)
    text = story.paragraphs()[0].text
    assert text == "You have 4 h. The Wire is on the line; calls so far: 0. Braces: {x}."
    assert story.paragraphs()[0].id == "desk#1"


def test_a_paragraph_with_a_condition_shows_only_when_it_holds(scenario):
    story = Story(scenario)
    assert len(story.paragraphs()) == 1
    choose_id(story, "records")
    choose_id(story, "c1")  # back
    assert [p.id for p in story.paragraphs()] == ["desk#1", "desk#2"]


def test_a_hidden_choice_appears_when_its_condition_holds(scenario):
    story = Story(scenario)
    assert "secret" not in ids(story)
    choose_id(story, "phone")  # the archive sets warned = true on entry
    choose_id(story, "c1")
    assert "secret" in ids(story, available_only=True)


def test_an_unavailable_choice_is_shown_with_its_reason(scenario):
    story = Story(scenario)
    locked = next(o for o in story.choices() if o.id == "locked")
    assert not locked.available
    assert locked.reason == "You have made 0 calls; make one first."
    with pytest.raises(ChoiceError, match="unavailable"):
        story.choose(locked.index)


def test_a_choice_costing_more_than_the_time_left_is_unavailable(scenario):
    story = Story(scenario)
    flight = next(o for o in story.choices() if o.id == "expensive")
    assert not flight.available and flight.cost == 9
    assert "9 h" in flight.reason and "4 h left" in flight.reason


def test_cost_spends_time(scenario):
    story = Story(scenario)
    choose_id(story, "records")
    assert story.time == 2
    assert story.state.history[-1].time_left == 2


def test_a_once_choice_disappears_after_it_is_taken(scenario):
    story = Story(scenario)
    choose_id(story, "records")
    choose_id(story, "c1")
    assert "records" not in ids(story)


def test_a_sticky_choice_stays_after_it_is_taken(scenario):
    story = Story(scenario)
    for _ in range(3):
        choose_id(story, "phone")
        choose_id(story, "c1")
    assert "phone" in ids(story, available_only=True)
    assert story.state.chosen["desk/phone"] == 3


def test_a_side_trip_returns_to_the_scene_that_visited(scenario):
    story = Story(scenario)
    choose_id(story, "phone")
    assert story.scene.id == "archive" and story.state.stack == ["desk"]
    choose_id(story, "c1")
    assert story.scene.id == "desk" and story.state.stack == []
    assert story.state.visits["desk"] == 1  # returning does not re-enter


def test_verify_marks_the_check_done(scenario):
    story = Story(scenario)
    assert story.state.vars["checked.records"] is False
    choose_id(story, "records")
    assert story.state.vars["checked.records"] is True
    assert story.state.history[-1].verify == "records"


def test_a_verdict_records_the_call_and_effects_apply(scenario):
    story = Story(scenario)
    choose_id(story, "run")
    assert story.state.vars["verdict.count"] == "attributed"
    assert story.state.vars["calls"] == 1 and story.state.vars["trust.wire"] == 2
    assert story.state.history[-1].verdict == "count=attributed"


def test_a_route_offers_continue_and_takes_the_first_that_holds(scenario):
    story = Story(scenario)
    choose_id(story, "run")
    assert story.scene.id == "press"
    options = story.choices()
    assert [(o.id, o.text, o.available) for o in options] == [("continue", "Continue", True)]
    story.choose(0)
    assert story.scene.id == "end_good"


def test_an_ending_ends_the_story(scenario):
    story = Story(scenario)
    choose_id(story, "run")
    story.choose(0)
    assert story.is_over and not story.is_stuck
    assert story.ending is not None and story.ending.title == "Clean copy"
    assert story.choices() == []


def test_choosing_an_option_that_is_not_there_raises(scenario):
    story = Story(scenario)
    with pytest.raises(ChoiceError):
        story.choose(99)


def test_the_header_fields_come_from_the_scene(scenario):
    story = Story(scenario)
    assert (story.scene.day, story.scene.deadline) == ("Wednesday 7 February 2018", "23:00")
    assert [s.name for s in story.sources()] == ["The Wire"]
    assert [c.id for c in story.claims()] == ["count"]
    assert list(story.state.met) == ["count"]


def test_claims_met_are_an_ordered_set_that_saves_as_a_list(scenario):
    # membership is a hash lookup, so entering a scene costs the same however long the story
    story = Story(scenario)
    assert isinstance(story.state.met, dict)
    data = json.loads(json.dumps(story.snapshot()))
    assert data["met"] == ["count"]
    again = Story(scenario)
    again.restore(data)
    assert list(again.state.met) == ["count"] and "count" in again.state.met


def test_snapshot_and_restore_round_trip_exactly(scenario):
    story = Story(scenario, seed=99)
    choose_id(story, "records")
    data = json.loads(json.dumps(story.snapshot()))  # through real JSON text
    again = Story(scenario)
    again.restore(data)
    assert again.snapshot() == story.snapshot()
    assert again.scene.id == "archive"
    assert not again.restored_across_versions
    choose_id(again, "c1")
    choose_id(story, "c1")
    assert again.snapshot() == story.snapshot()


def test_restore_onto_changed_content_that_still_fits(write_scenario, scenario):
    story = Story(scenario)
    choose_id(story, "phone")
    changed = load_scenario(write_scenario(DESK.replace("Dusty shelves.", "Dusty, quiet shelves.")))
    assert changed.fingerprint != scenario.fingerprint
    moved = Story(changed)
    moved.restore(story.snapshot())
    assert moved.restored_across_versions
    assert moved.scene.id == "archive"
    assert moved.paragraphs()[0].text == "Dusty, quiet shelves."


def test_restore_onto_content_without_the_scene_says_which(write_scenario, scenario):
    story = Story(scenario)
    choose_id(story, "phone")
    changed = load_scenario(write_scenario(DESK.replace("id: archive", "id: stacks")
                                           .replace("visit: archive", "visit: stacks")))
    moved = Story(changed)
    before = moved.snapshot()
    with pytest.raises(RestoreError, match=r"scene 'archive'.*no longer has"):
        moved.restore(story.snapshot())
    assert moved.snapshot() == before  # unchanged


def test_restore_rejects_a_variable_of_another_kind(write_scenario, scenario):
    story = Story(scenario)
    changed = load_scenario(write_scenario(DESK.replace("  warned: false", "  warned: 0")
                                           .replace("if: warned", "if: warned > 0")
                                           .replace('"warned = true"', '"warned = 1"')))
    with pytest.raises(RestoreError, match="'warned' holds a different kind of value"):
        Story(changed).restore(story.snapshot())


@pytest.mark.parametrize("damage", [
    None, [], {"format": 99}, {"format": 1, "scenario": "desk"},
])
def test_restore_rejects_damaged_saves_with_a_message(scenario, damage):
    with pytest.raises(RestoreError):
        Story(scenario).restore(damage)


def test_restore_rejects_a_save_from_another_scenario(scenario):
    data = Story(scenario).snapshot()
    data["scenario"] = "other"
    with pytest.raises(RestoreError, match="from scenario 'other'"):
        Story(scenario).restore(data)


def test_random_is_seeded_and_repeatable(write_scenario):
    text = DESK.replace("      - if: trust.wire >= 5\n", "      - if: random(6) == 7\n")
    scenario = load_scenario(write_scenario(text))
    first, second = Story(scenario, seed=5), Story(scenario, seed=5)
    numbers = [first.state.next_random(6) for _ in range(20)]
    assert numbers == [second.state.next_random(6) for _ in range(20)]
    assert all(1 <= n <= 6 for n in numbers) and len(set(numbers)) > 1


def test_a_scene_whose_routes_all_fail_is_stuck(write_scenario):
    text = DESK.replace("      - goto: end_early\n", "")
    text = text.replace("      - if: calls == 1\n        goto: end_good\n",
                        "      - if: calls == 5\n        goto: end_good\n")
    scenario = load_scenario(write_scenario(text))
    story = Story(scenario)
    choose_id(story, "run")
    assert story.is_stuck and story.choices() == []


def test_refresh_after_changing_state_by_hand(scenario):
    story = Story(scenario)
    assert "secret" not in ids(story)
    story.state.vars["warned"] = True
    story.refresh()
    assert "secret" in ids(story)
