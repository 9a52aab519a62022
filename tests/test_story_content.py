"""The second edition of the story (scenes/): what it promises, pinned down.

The story loads clean in format 2; every claim grades all four calls with its own reason and
response; the sides are treated alike (cards, grades, a line from each side to hold); the
speaker's label misleads both ways; every factual problem of the first edition stays fixed
(each test below fails on the first edition's scenes); all sixteen lessons are met on every
path; the week branches and rejoins; a path reads in about 15 minutes; and the debrief says
there is no agreed figure. The strategy bounds are in tests/test_strategies.py.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine.checker import check_path
from game.engine.debrief import debrief
from game.engine.loader import load_scenario, normalize_quote
from game.engine.model import DERIVED_RESPONSES, Call, Grade, Scenario
from game.engine.story import Story
from game.players import BlanketPlayer, CarefulPlayer, RandomPlayer, play_through
from game.tools.randomtest import branching, play_random_games
from game.tools.words import count_words, read_one_path
from game.wording import review

SCENES = Path(__file__).resolve().parent.parent / "scenes"

# The sixteen lessons inside the article (BRIEF.md, items 1-16).
LESSONS = ("two_headlines", "party_to_fight", "named_official", "named_indirect", "social_post",
           "unnamed_sources", "careful_wording", "silence", "trace_quote", "orphan_quote",
           "file_photo", "opinion_loaded", "spliced_story", "filler", "vague_sourcing",
           "numbers_differ")
# The article's sources, each by a word its card must carry.
ARTICLE_SOURCES = {"coalition": "coalition", "harrigian": "harrigian", "reuters": "reuters",
                   "cossacks": "cossack", "novaya": "novaya gazeta",
                   "ru_officials_nyt": "new york times", "ru_denial": "denial",
                   "peskov_ap": "peskov", "ru_media_ap": "russian media", "mattis": "mattis",
                   "aggregator": "aggregator"}
ORPHAN = "They have nothing to gain by fighting us."
NO_AGREED_FIGURE = "no agreed figure"
QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENES)


def _texts(scenario: Scenario) -> Iterator[tuple[str, str]]:
    """Every text the player or the debrief shows, but the desk's own choice labels
    (headlines the player may write), with where it is."""
    for scene in scenario.scenes.values():
        for block in scene.text:
            yield block.id, block.text
        for choice in scene.choices:
            if choice.response:
                yield f"{scene.id}/{choice.id}", choice.response
    for claim in scenario.claims.values():
        yield claim.id, claim.text
        yield f"{claim.id}.note", claim.note
        for call, grading in claim.grades.items():
            yield f"{claim.id}.{call.value}", f"{grading.why} {grading.response}"
    for check in scenario.checks.values():
        yield check.id, f"{check.title} {check.finding}"
    for report in scenario.reports.values():
        yield report.id, f"{report.outlet} {report.text}"
    for lesson in scenario.lessons.values():
        yield lesson.id, f"{lesson.title} {lesson.technique}"
    for source in scenario.sources.values():
        yield source.id, " ".join((source.name, source.who, source.access, source.interest))


def _day_of(scenario: Scenario, claim_id: str) -> str:
    return next(s.day for s in scenario.scenes.values() if claim_id in s.claims)


# --- it loads, in format 2 ---------------------------------------------------------------------


def test_the_story_checks_clean_in_format_2(scenario: Scenario) -> None:
    result = check_path(str(SCENES))
    assert [str(d) for d in result.diagnostics] == []
    assert scenario.format == 2


def test_every_claim_grades_every_call_with_its_own_reason_and_response(
        scenario: Scenario) -> None:
    for claim in scenario.claims.values():
        assert set(claim.grades) == set(Call), claim.id
        for call, grading in claim.grades.items():
            where = f"{claim.id}.{call.value}"
            assert len(grading.why.split()) >= 6, where
            assert 6 <= len(grading.response.split()) <= 45, where  # one or two sentences
            assert grading.response not in DERIVED_RESPONSES.values(), where
        assert claim.best_calls, claim.id


def test_the_errors_the_issue_names_are_graded_errors(scenario: Scenario) -> None:
    claims = scenario.claims
    # running as fact what only a party said
    for claim_id in ("coalition_repelled", "ru_no_forces", "deconfliction_call",
                     "zakharova_five", "pompeo_couple_hundred"):
        assert claims[claim_id].grade(Call.FACT) is Grade.ERROR, claim_id
    # an invented speaker or a garbled quotation given the cover of attribution
    for claim_id in ("nothing_to_gain", "mattis_advise", "second_strike"):
        assert claims[claim_id].grade(Call.ATTRIBUTED) is Grade.ERROR, claim_id
    # rejecting what held up, whoever said it
    for claim_id in ("cossack_member", "ru_media_contractors", "novaya_13",
                     "headline_reports", "bg_russia_backing", "numerous_reports"):
        assert claims[claim_id].grade(Call.REJECT) is Grade.ERROR, claim_id
    # an unchecked single-source figure, from either side, run at all on the first night
    for claim_id in ("us_toll", "mod_toll"):
        assert claims[claim_id].grade(Call.FACT) is Grade.ERROR, claim_id
        assert claims[claim_id].grade(Call.ATTRIBUTED) is Grade.ERROR, claim_id
        assert claims[claim_id].best_calls == (Call.HOLD,), claim_id


# --- sides treated alike; the label misleads both ways -----------------------------------------


def test_every_source_has_a_card_and_each_side_speaks_through_a_party(
        scenario: Scenario) -> None:
    for source_id, word in ARTICLE_SOURCES.items():
        card = scenario.sources[source_id]
        assert word in f"{card.name} {card.who}".lower(), source_id
    for source in scenario.sources.values():
        if source.kind in ("wire", "newspaper", "social", "media", "aggregator"):
            assert source.party == "", f"{source.id}: outlets and the page speak for no side"
        else:
            assert source.party in ("us", "russia"), source.id
    for party in ("us", "russia"):
        cards = [s for s in scenario.sources.values() if s.party == party]
        assert any("A party to the" in s.interest for s in cards), party
        assert any(s.kind == "official" for s in cards), f"{party} has a named official"


def test_no_card_imputes_concealment_to_either_side(scenario: Scenario) -> None:
    for source in scenario.sources.values():
        card = " ".join((source.who, source.access, source.interest)).lower()
        for word in ("not acknowledged", "not telling", "under wraps", "conceal", "hiding",
                     "cover-up", "secret"):
            assert not re.search(rf"\b{word}\b", card), (source.id, word)


def test_the_two_sides_claims_are_graded_alike(scenario: Scenario) -> None:
    """Each side has claims that run attributed and never as fact, and a line the page
    passes on without its origin, best held until traced."""
    by_side: dict[str, list[str]] = defaultdict(list)
    for claim in scenario.claims.values():
        party = scenario.sources[claim.source].party
        if party:
            by_side[party].append(claim.id)
    assert set(by_side) == {"us", "russia"}
    for party, claim_ids in by_side.items():
        graded = [scenario.claims[c] for c in claim_ids]
        attribute = [c for c in graded if c.best_calls == (Call.ATTRIBUTED,)
                     and c.grade(Call.FACT) is Grade.ERROR]
        hold = [c for c in graded if c.best_calls == (Call.HOLD,)]
        assert len(attribute) >= 2, party
        assert len(hold) >= 2, party
        assert all(c.grade(Call.FACT) is not Grade.BEST for c in graded), party
    us, russia = len(by_side["us"]), len(by_side["russia"])
    assert abs(us - russia) <= 2


def test_the_speakers_label_misleads_both_ways(scenario: Scenario) -> None:
    """Named officials say things to hold or cut; the page, a post and a relay carry lines
    that held up, and rejecting them is an error."""
    named_not_to_run = [c for c in scenario.claims.values()
                        if scenario.sources[c.source].kind in ("official", "military")
                        and c.grade(Call.ATTRIBUTED) is Grade.ERROR]
    assert {scenario.sources[c.source].party for c in named_not_to_run} >= {"us"}
    low_status_held = [c for c in scenario.claims.values()
                       if scenario.sources[c.source].kind in ("aggregator", "social", "media")
                       and c.holds_up and c.grade(Call.REJECT) is Grade.ERROR]
    assert len(low_status_held) >= 5
    page = [c for c in scenario.claims.values() if c.source == "aggregator"]
    assert sum(c.grade(Call.REJECT) is Grade.ERROR for c in page) >= 4
    assert sum(c.best_calls == (Call.REJECT,) for c in page) >= 5


# --- the first edition's factual problems stay fixed -------------------------------------------


def test_the_sentence_with_no_speaker_never_gets_quotation_marks(scenario: Scenario) -> None:
    marked = re.compile(r"[\"“']\s*" + re.escape(ORPHAN.rstrip(".")))
    shown = False
    for where, text in _texts(scenario):
        assert not marked.search(text), where
        shown = shown or ORPHAN in text
    assert shown, "the scene shows the sentence, unmarked"
    assert all(c.quote is None or ORPHAN not in c.quote for c in scenario.claims.values()), (
        "presenters put a quote in quotation marks")
    assert ORPHAN in scenario.article_text and f'"{ORPHAN}' not in scenario.article_text
    for doc in (SCENES.parent / "docs").glob("*.md"):
        assert not marked.search(doc.read_text(encoding="utf-8")), doc.name


def test_quotation_marks_hold_only_words_from_the_article(scenario: Scenario) -> None:
    """No paraphrase of a source dressed as its words ("No Russian servicemen", "no Russians")."""
    article = normalize_quote(scenario.article_text).lower()
    for where, text in _texts(scenario):
        for quoted in QUOTED.findall(text):
            assert normalize_quote(quoted).lower() in article, (where, quoted)


def test_ap_and_the_kremlins_no_comment_are_from_tuesday_13_february_after_reuters_monday(
        scenario: Scenario) -> None:
    for claim_id in ("ru_media_contractors", "peskov_no_comment", "mattis_no_reporting"):
        assert _day_of(scenario, claim_id) == "Tuesday 13 February 2018", claim_id
    assert _day_of(scenario, "reuters_two_named") == "Monday 12 February 2018"
    days = {scene.day for scene in scenario.scenes.values()}
    assert {"Thursday 8 February 2018", "Monday 12 February 2018",
            "Tuesday 13 February 2018"} <= days
    assert not any("9 February" in day for day in days)


def test_15_february_is_the_first_acknowledgement_of_possible_deaths_not_the_first_statement(
        scenario: Scenario) -> None:
    for where, text in _texts(scenario):
        for found in re.finditer(r"first official (\w+)", text):
            assert found.group(1) == "acknowledgement", (where, found.group(0))
    assert "first official acknowledgement of possible deaths" in (
        scenario.reports["zakharova_feb15"].text)


def test_numbers_that_count_different_things_are_never_one_range(scenario: Scenario) -> None:
    explainer = scenario.scenes["later.explainer"]
    one_range = next(c for c in explainer.choices if c.id == "span")
    assert any(e.target == "overreach" for e in one_range.effects)
    assert "not one range" in scenario.lessons["numbers_differ"].technique
    reply = " ".join(b.text for b in scenario.scenes["later.line_span"].text)
    assert "counts nothing" in reply


def test_the_times_reconstruction_is_one_sides_sources_and_der_spiegel_is_weighed(
        scenario: Scenario) -> None:
    nyt = scenario.reports["nyt_may24"]
    assert "US officials" in nyt.outlet and "Pentagon" in nyt.outlet
    assert "corroborate" in scenario.claims["coalition_repelled"].note
    may = scenario.scenes["later.may"]
    assert "Der Spiegel" in " ".join(b.text for b in may.text)
    confirms = next(c for c in may.choices if c.id == "confirms")
    assert any(e.target == "overreach" for e in confirms.effects)


def test_pompeos_figure_comes_with_his_role_and_interest(scenario: Scenario) -> None:
    report = scenario.reports["pompeo_apr12"]
    assert "CIA director" in report.outlet and "confirmation hearing" in report.outlet
    card = scenario.sources["pompeo"]
    assert "CIA" in card.name and "hearing" in card.who and card.party == "us"
    assert scenario.claims["pompeo_couple_hundred"].grade(Call.FACT) is Grade.ERROR


def test_the_kremlin_headline_is_not_taught_as_false(scenario: Scenario) -> None:
    claim = scenario.claims["headline_kremlin"]
    assert claim.holds_up
    assert claim.best_calls == (Call.HOLD,)
    assert "14 February" in claim.note and "Peskov" in claim.note


def test_harrigian_made_them_aware_and_never_warned(scenario: Scenario) -> None:
    claim = scenario.claims["deconfliction_call"]
    assert "aware of the unprovoked attack" in claim.text
    for where, text in _texts(scenario):
        if "warned" in text:
            assert "not say warned" in text, where
    for scene in scenario.scenes.values():
        assert all("warned" not in c.text for c in scene.choices), scene.id


def test_later_reporting_is_attributed_and_dated(scenario: Scenario) -> None:
    for report in scenario.reports.values():
        assert report.outlet.strip() and "2018" in report.date, report.id
    text = " ".join(b.text for s in scenario.scenes.values() for b in s.text)
    for words in ("Der Spiegel (March 2018)", "New York Times (24", "mid-February",
                  "20 February", "12 April"):
        assert words in text, words


def test_a_response_at_the_moment_of_a_call_gives_no_later_reporting_away(
        scenario: Scenario) -> None:
    week = [c for c in scenario.claims.values()
            if not c.id.startswith(("zakharova", "pompeo"))]
    for claim in week:
        for call, grading in claim.grades.items():
            for later in ("Zakharova", "Pompeo", "Spiegel", "Conflict Intelligence",
                          "reconstruction", "15 February", "several dozen", "couple of hundred"):
                assert later not in grading.response, (claim.id, call.value, later)


# --- lessons, branching, length, endings --------------------------------------------------------


def test_every_lesson_is_met_on_every_path(scenario: Scenario) -> None:
    assert set(scenario.lessons) == set(LESSONS)
    for seed in range(40):
        story = play_through(scenario, RandomPlayer(seed), seed=seed)
        met = {lesson.id for lesson in debrief(scenario, story.state).lessons}
        assert met == set(LESSONS), (seed, sorted(set(LESSONS) - met))


def test_what_the_player_runs_changes_what_happens_next(scenario: Scenario) -> None:
    coverage = play_random_games(scenario, 2000)
    figures = branching(scenario, coverage)
    assert figures.sequences >= 100
    assert figures.rare * 3 >= figures.scenes
    # every consequence scene is reached by some game, and by no more than most
    for scene_id in ("thu.editor", "thu.symmetry", "mon.rebuttal", "mon.letters", "mon.scoop",
                     "tue.callback", "tue.editor", "tue.silences", "later.rebuttal",
                     "later.same_party", "wed.photo", "wed.mattis", "wed.kremlin"):
        assert 0 < coverage.reached[scene_id] < 0.7 * coverage.games, scene_id


def test_a_path_reads_in_about_fifteen_minutes(scenario: Scenario) -> None:
    """Everything read during play counts, the response after each call included."""
    readings = [read_one_path(scenario, seed) for seed in range(300)]
    assert statistics.median(r.responses for r in readings) > 0
    assert statistics.median(r.words for r in readings) <= 2500


def test_every_response_is_one_or_two_short_sentences(scenario: Scenario) -> None:
    """A response is read between two calls: a line, not a paragraph (at most 14 words)."""
    responses = [(f"{claim.id}.{call.value}", grading.response)
                 for claim in scenario.claims.values() for call, grading in claim.grades.items()]
    responses += [(f"{scene.id}/{choice.id}", choice.response)
                  for scene in scenario.scenes.values() for choice in scene.choices
                  if choice.response]
    long = [(where, count_words(text)) for where, text in responses if count_words(text) > 14]
    assert long == []


def test_the_endings_follow_the_record(scenario: Scenario) -> None:
    careful = play_through(scenario, CarefulPlayer(seed=2), seed=2)
    trusting = play_through(scenario, BlanketPlayer(Call.FACT), seed=0)
    doubting = play_through(scenario, BlanketPlayer(Call.REJECT), seed=0)
    kinds = [story.ending.kind if story.ending else None
             for story in (careful, trusting, doubting)]
    assert kinds == ["careful", "trusting", "doubting"]


def test_every_ending_says_there_is_no_agreed_figure_whatever_the_explainer_said(
        scenario: Scenario) -> None:
    for scene in scenario.scenes.values():
        if scene.ending:
            for flag in ("range_line", "not range_line"):
                blocks = [b for b in scene.text
                          if b.condition is not None and b.condition.source == flag]
                assert any(NO_AGREED_FIGURE in b.text.lower() for b in blocks), (scene.id, flag)


def test_the_debrief_gives_no_verdict_on_a_disputed_figure(scenario: Scenario) -> None:
    story = play_through(scenario, CarefulPlayer(seed=3), seed=3)
    report = debrief(scenario, story.state)
    disputed = [e for e in report.entries if e.claim.judgement == "disputed"]
    assert len(disputed) >= 5
    for entry in disputed:
        text = review(entry, report)
        assert "held up" not in text.outcome, entry.claim.id
        assert NO_AGREED_FIGURE in text.disputed.lower()


def test_a_careful_desk_earns_the_ledger_with_every_best_call(scenario: Scenario) -> None:
    story = play_through(scenario, CarefulPlayer(seed=1), seed=1)
    assert story.ending is not None and story.ending.title == "The Ledger"
    report = debrief(scenario, story.state)
    assert sum(e.grade is Grade.BEST for e in report.entries) >= len(scenario.claims) - 2
    assert isinstance(story, Story)
