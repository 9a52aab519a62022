"""The quiz: its items, how ratings become hits and false alarms, d′ and c, and the words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from test_classroom_scenario import PROJECT_ROOT, scenario_data

from game.classroom.quiz import (
    QuizAnswer,
    balance_problems,
    change_in_words,
    detection,
    in_words,
    items_for,
    mean_difference,
)
from game.engine.loader import load_scenario
from game.engine.scoring import Detection, corrected_rate, criterion, d_prime

QUIZ_FILE = PROJECT_ROOT / "scenes" / "quiz.yaml"


def answers(reliable: list[int], unreliable: list[int]) -> list[QuizAnswer]:
    return ([QuizAnswer(f"r{i}", True, r, 5.0) for i, r in enumerate(reliable)]
            + [QuizAnswer(f"u{i}", False, r, 5.0) for i, r in enumerate(unreliable)])


def test_published_worked_example_of_d_prime_and_c() -> None:
    # Macmillan & Creelman, Detection Theory: H = .8 and F = .2 give d′ = 1.68 and c = 0
    assert d_prime(0.8, 0.2) == pytest.approx(1.683, abs=5e-4)
    assert criterion(0.8, 0.2) == pytest.approx(0.0, abs=1e-12)
    assert Detection(8, 2, 2, 8).d_prime == pytest.approx(1.683, abs=5e-4)


def test_rates_of_0_and_1_are_moved_in_by_half_an_item() -> None:
    # 4 of 4 reliable trusted: H = 1 - 1/8 = .875; 0 of 4 unreliable: F = 1/8 = .125
    assert corrected_rate(4, 4) == 0.875
    assert corrected_rate(0, 4) == 0.125
    d = detection(answers([7, 7, 6, 6], [1, 2, 2, 3]))
    assert (d.hits, d.misses, d.false_alarms, d.correct_rejections) == (4, 0, 0, 4)
    # z(.875) = 1.1503, so d′ = 2.3007 and c = 0
    assert d.d_prime == pytest.approx(2.3007, abs=5e-4)
    assert d.criterion == pytest.approx(0.0, abs=1e-12)


def test_a_rating_of_5_or_more_is_trust_and_4_is_not() -> None:
    d = detection(answers([5, 4, 7, 1], [4, 5, 1, 1]))
    assert (d.hits, d.misses, d.false_alarms, d.correct_rejections) == (2, 2, 1, 3)
    # H = .5, F = .25: d′ = 0 - z(.25) = 0.6745, c = -(0 - 0.6745)/2 = 0.3372
    assert d.d_prime == pytest.approx(0.6745, abs=5e-4)
    assert d.criterion == pytest.approx(0.3372, abs=5e-4)


def test_mean_rating_difference_is_reliable_minus_unreliable() -> None:
    assert mean_difference(answers([6, 5, 3, 2], [5, 2, 1, 1])) == pytest.approx(1.75)
    assert mean_difference(answers([6, 5], [])) is None


def test_blanket_doubt_gives_no_discernment_and_says_so() -> None:
    d = detection(answers([1, 1, 1, 1], [1, 1, 1, 1]))
    assert d.d_prime == pytest.approx(0.0)
    assert d.criterion > 1.0
    words = " ".join(in_words(d))
    assert "did not follow reliability" in words
    assert "leaned to doubt" in words


def test_discerning_answers_are_described_in_plain_words() -> None:
    lines = in_words(detection(answers([7, 6, 6, 5], [1, 2, 2, 5])))
    assert lines[0] == ("You trusted 4 of the 4 reliable headlines and 1 of the 4 unreliable "
                        "ones.")
    assert "You spotted unreliable items without doubting the reliable ones." in lines
    assert "d′" not in " ".join(lines)
    game = in_words(Detection(2, 0, 0, 2), kind="game")
    assert game[0].startswith("You ran 2 of the 2 claims that held up")


def test_change_in_words_names_the_direction() -> None:
    low, high = Detection(2, 2, 2, 2), Detection(4, 0, 0, 4)
    assert "better" in change_in_words(low, high)
    assert "less well" in change_in_words(high, low)
    assert "about the same" in change_in_words(low, low)


@pytest.fixture
def quiz_scenario(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The test scenario with the real scenes/quiz.yaml in place of its own quiz."""
    data = scenario_data()
    del data["quiz"]
    (tmp_path / "desk.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    shutil.copy(QUIZ_FILE, tmp_path / "quiz.yaml")
    return load_scenario(tmp_path)


def test_the_real_quiz_has_eight_balanced_items_before_and_after(quiz_scenario) -> None:  # type: ignore[no-untyped-def]
    quiz = quiz_scenario.quiz
    assert balance_problems(quiz) == []
    for phase in ("before", "after"):
        items = [i for i in quiz if i.phase == phase]
        assert len(items) == 8
        assert sum(i.reliable for i in items) == 4
    headlines = [i.headline for i in quiz]
    assert len(set(headlines)) == 16, "before and after use different items"


def test_the_quiz_file_holds_only_the_quiz_and_names_the_schema() -> None:
    text = QUIZ_FILE.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../game/engine/scenario.schema.json")
    assert list(yaml.safe_load(text)) == ["quiz"]


def test_each_session_sees_the_items_in_its_own_stable_order(quiz_scenario) -> None:  # type: ignore[no-untyped-def]
    first = [i.id for i in items_for(quiz_scenario, "before", shuffle_seed="abc")]
    again = [i.id for i in items_for(quiz_scenario, "before", shuffle_seed="abc")]
    orders = {tuple(i.id for i in items_for(quiz_scenario, "before", shuffle_seed=str(n)))
              for n in range(10)}
    assert first == again
    assert len(orders) > 1
    assert sorted(first) == sorted(i.id for i in quiz_scenario.quiz if i.phase == "before")


def test_an_unbalanced_quiz_is_reported() -> None:
    from game.engine.model import Place, QuizItem

    place = Place("quiz.yaml", 1, 1)
    items = [QuizItem("a", "before", "h", "s", "d", True, "e", place),
             QuizItem("b", "after", "h", "s", "d", True, "e", place),
             QuizItem("c", "after", "h", "s", "d", False, "e", place),
             QuizItem("d", "after", "h", "s", "d", False, "e", place)]
    problems = balance_problems(items)
    assert any("'before' quiz needs both" in p for p in problems)
    assert any("2 unreliable" in p for p in problems)
