"""Issue 4's content (scenes/): it loads clean and teaches what the brief says it must.

These pin down the story's promises: every source of the article has a card, all
sixteen lessons are declared and reached in play, quotes are verbatim, later reporting
is attributed and dated, there are several endings and each is reached, and the
debrief says there is no agreed casualty figure.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from game.engine.checker import check_path, reachable
from game.engine.debrief import debrief
from game.engine.loader import load_scenario, normalize_quote
from game.engine.model import Call, Scenario
from game.engine.story import Story
from game.players import BlanketPlayer, CarefulPlayer, RandomPlayer, play_through

SCENES = Path(__file__).resolve().parent.parent / "scenes"

# The article's sources, each by the words that name it on its card.
ARTICLE_SOURCES = {
    "coalition": ("coalition", "central command"),
    "harrigian": ("harrigian",),
    "reuters": ("reuters",),
    "cossacks": ("cossack", "kaliningrad"),
    "novaya": ("novaya gazeta",),
    "ru_officials_nyt": ("russian officials", "new york times"),
    "ru_denial": ("denial",),
    "peskov_ap": ("peskov", "ap"),
    "ru_media_ap": ("russian media", "ap"),
    "mattis": ("mattis",),
    "aggregator": ("aggregator",),
}

# The sixteen lessons inside the article (BRIEF.md, items 1-16).
LESSONS = ("two_headlines", "party_to_fight", "named_official", "named_indirect", "social_post",
           "unnamed_sources", "careful_wording", "silence", "trace_quote", "orphan_quote",
           "file_photo", "opinion_loaded", "spliced_story", "filler", "vague_sourcing",
           "numbers_differ")

NO_AGREED_FIGURE = "no agreed figure"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENES)


def _ending_text(story: Story) -> str:
    return " ".join(p.text for p in story.paragraphs())


def test_the_story_loads_with_no_errors_and_no_warnings() -> None:
    result = check_path(str(SCENES))
    assert result.scenario is not None
    assert [str(d) for d in result.diagnostics] == []


def test_every_source_of_the_article_has_a_card_answering_the_three_questions(
        scenario: Scenario) -> None:
    for source_id, words in ARTICLE_SOURCES.items():
        assert source_id in scenario.sources, f"no card for {source_id}"
        card = scenario.sources[source_id]
        named = f"{card.name} {card.who}".lower()
        for word in words:
            assert word in named, f"card {source_id!r} does not name {word!r}"
        for answer in (card.who, card.access, card.interest):
            assert len(answer.split()) >= 8, f"card {source_id!r} answers too briefly: {answer!r}"


def test_every_source_card_is_on_the_desk_in_some_reachable_scene(scenario: Scenario) -> None:
    reached = reachable(scenario)
    on_desk = {s for scene_id in reached for s in scenario.scenes[scene_id].sources}
    assert set(ARTICLE_SOURCES) <= on_desk


def test_all_sixteen_lessons_are_declared(scenario: Scenario) -> None:
    assert set(scenario.lessons) == set(LESSONS)


def test_every_lesson_is_taught_by_a_claim_or_check_in_a_reachable_scene(
        scenario: Scenario) -> None:
    reached = reachable(scenario)
    taught: set[str] = set()
    for scene_id in reached:
        scene = scenario.scenes[scene_id]
        for claim_id in scene.claims:
            taught.update(scenario.claims[claim_id].lessons)
        for choice in scene.choices:
            if choice.verify:
                taught.update(scenario.checks[choice.verify].lessons)
    assert set(LESSONS) <= taught, f"never taught: {sorted(set(LESSONS) - taught)}"


def test_every_lesson_is_met_in_actual_play(scenario: Scenario) -> None:
    met: set[str] = set()
    for seed in range(300):
        story = play_through(scenario, RandomPlayer(seed), seed=seed)
        met.update(lesson.id for lesson in debrief(scenario, story.state).lessons)
        if met >= set(LESSONS):
            break
    assert met >= set(LESSONS), f"never met: {sorted(set(LESSONS) - met)}"


def test_a_careful_run_names_every_lesson_in_its_debrief(scenario: Scenario) -> None:
    story = play_through(scenario, CarefulPlayer(seed=1), seed=1)
    named = {lesson.id for lesson in debrief(scenario, story.state).lessons}
    assert named == set(LESSONS)


def test_every_claim_quote_is_verbatim_in_the_article(scenario: Scenario) -> None:
    article = normalize_quote(scenario.article_text)
    quoted = [c for c in scenario.claims.values() if c.quote]
    assert len(quoted) == len(scenario.claims), "every claim of this story quotes the article"
    for claim in quoted:
        assert normalize_quote(claim.quote or "") in article, claim.id


def test_every_report_is_attributed_and_dated_in_2018(scenario: Scenario) -> None:
    assert scenario.reports
    for report in scenario.reports.values():
        assert report.outlet.strip(), report.id
        assert "2018" in report.date, report.id


def test_the_later_reporting_of_the_brief_arrives_in_the_story(scenario: Scenario) -> None:
    """Zakharova, Reuters, the Foreign Ministry, Der Spiegel, Pompeo and the NYT, each dated."""
    text = " ".join(block.text for scene in scenario.scenes.values() for block in scene.text)
    for outlet, date in (("Zakharova", "15 February 2018"), ("Reuters", "16-17 February 2018"),
                         ("Foreign Ministry", "20 February 2018"), ("Der Spiegel", "March 2018"),
                         ("Pompeo", "12 April 2018"), ("New York Times", "24 May 2018")):
        assert outlet in text and date in text, (outlet, date)


def test_every_claim_has_a_note_lessons_and_a_careful_call(scenario: Scenario) -> None:
    for claim in scenario.claims.values():
        assert len(claim.note.split()) >= 25, f"{claim.id}: the note should explain the technique"
        assert claim.lessons, claim.id
        assert claim.best, claim.id


def test_claims_that_held_up_and_that_did_not_are_in_comparable_numbers(
        scenario: Scenario) -> None:
    held = sum(1 for c in scenario.claims.values() if c.holds_up)
    not_held = len(scenario.claims) - held
    assert not_held >= 8 and held >= 8
    assert 0.5 <= held / not_held <= 2


def test_every_claim_can_be_called_all_four_ways(scenario: Scenario) -> None:
    calls: dict[str, set[Call]] = defaultdict(set)
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if choice.verdict:
                calls[choice.verdict.claim].add(choice.verdict.call)
    for claim_id in scenario.claims:
        assert calls[claim_id] == set(Call), claim_id


def test_some_night_offers_more_checks_than_it_has_hours(scenario: Scenario) -> None:
    """Verification is a trade-off: on the busiest night not every check fits."""
    budgets: dict[str, int] = {}
    costs: dict[str, dict[str, int]] = defaultdict(dict)
    for scene in scenario.scenes.values():
        for effect in scene.effects:
            if effect.target == "time" and effect.op == "=":
                budgets[scene.day] = int(effect.value.source)
        for choice in scene.choices:
            if choice.verify:
                costs[scene.day][choice.verify] = choice.cost
    budgets.setdefault(scenario.scenes[scenario.start].day, scenario.time)
    tight = [day for day, hours in budgets.items() if sum(costs[day].values()) > hours]
    assert tight, "every night has time for every check"


def test_at_least_three_endings_each_reached_by_a_scripted_player(scenario: Scenario) -> None:
    endings = {s.id for s in scenario.scenes.values() if s.ending}
    assert len(endings) >= 3
    reached = {
        play_through(scenario, CarefulPlayer(seed=2), seed=2).scene.id,
        play_through(scenario, BlanketPlayer(Call.FACT), seed=0).scene.id,
        play_through(scenario, BlanketPlayer(Call.REJECT), seed=0).scene.id,
    }
    seed = 0
    while reached != endings and seed < 2000:
        reached.add(play_through(scenario, RandomPlayer(seed), seed=seed).scene.id)
        seed += 1
    assert reached == endings


def test_the_endings_differ_by_the_record_not_just_the_score(scenario: Scenario) -> None:
    careful = play_through(scenario, CarefulPlayer(seed=2), seed=2)
    trusting = play_through(scenario, BlanketPlayer(Call.FACT), seed=0)
    doubting = play_through(scenario, BlanketPlayer(Call.REJECT), seed=0)
    kinds = {story.ending.kind for story in (careful, trusting, doubting) if story.ending}
    assert kinds == {"careful", "trusting", "doubting"}


def test_the_debrief_of_a_careful_run_says_there_is_no_agreed_figure(scenario: Scenario) -> None:
    story = play_through(scenario, CarefulPlayer(seed=3), seed=3)
    notes = " ".join(entry.claim.note for entry in debrief(scenario, story.state).entries)
    assert NO_AGREED_FIGURE in notes.lower()
    assert NO_AGREED_FIGURE in _ending_text(story).lower()


def test_every_ending_says_there_is_no_agreed_figure_whatever_the_explainer_said(
        scenario: Scenario) -> None:
    for scene in scenario.scenes.values():
        if scene.ending:
            for flag in ("range_line", "not range_line"):
                blocks = [b for b in scene.text
                          if b.condition is not None and b.condition.source == flag]
                assert any(NO_AGREED_FIGURE in b.text.lower() for b in blocks), (scene.id, flag)
