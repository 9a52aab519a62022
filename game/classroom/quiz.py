"""The before-and-after quiz: headlines rated 1-7 for reliability, as in the Bad News study.

Scored by signal detection, like the game: a reliable item is a *signal*, and a rating
of 5 or more is a "trust" response. Trusting a reliable item is a hit, trusting an
unreliable one a false alarm. The literature's older measure, the mean rating of
reliable items minus the mean rating of unreliable ones, is kept beside d′ and c.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.engine.model import QuizItem, Scenario
from game.engine.scoring import Detection
from game.i18n import tr

PHASES = ("before", "after")
LOWEST_RATING = 1
HIGHEST_RATING = 7
TRUSTED_FROM = 5  # 5, 6 and 7 count as "trust"; 4 is the scale's neutral middle


@dataclass(frozen=True)
class QuizAnswer:
    """One rating given: which item, how reliable the item really is, how long it took."""

    item: str
    reliable: bool
    rating: int
    seconds: float

    @property
    def trusted(self) -> bool:
        return self.rating >= TRUSTED_FROM


def items_for(scenario: Scenario, phase: str, shuffle_seed: str | None = None) -> list[QuizItem]:
    """The phase's items, in file order or in an order shuffled by ``shuffle_seed``.

    Each session shuffles with its own seed, so that no item is always seen first.
    """
    if phase not in PHASES:
        raise ValueError(f"quiz phase {phase!r} is not one of {', '.join(PHASES)}")
    items = [item for item in scenario.quiz if item.phase == phase]
    if shuffle_seed is not None:
        random.Random(f"{shuffle_seed}:{phase}").shuffle(items)
    return items


def balance_problems(items: Iterable[QuizItem]) -> list[str]:
    """Why a quiz cannot measure discernment, if it cannot: each phase needs both kinds."""
    problems = []
    items = list(items)
    for phase in PHASES:
        reliable = sum(1 for i in items if i.phase == phase and i.reliable)
        unreliable = sum(1 for i in items if i.phase == phase and not i.reliable)
        if reliable == 0 or unreliable == 0:
            problems.append(f"the {phase!r} quiz needs both reliable and unreliable items "
                            f"(it has {reliable} and {unreliable})")
        elif reliable != unreliable:
            problems.append(f"the {phase!r} quiz has {reliable} reliable and {unreliable} "
                            "unreliable items; half and half is fairer")
    return problems


def detection(answers: Iterable[QuizAnswer]) -> Detection:
    """Hits, misses, false alarms and correct rejections of a set of ratings."""
    hits = misses = false_alarms = correct_rejections = 0
    for answer in answers:
        if answer.reliable:
            hits += answer.trusted
            misses += not answer.trusted
        else:
            false_alarms += answer.trusted
            correct_rejections += not answer.trusted
    return Detection(hits, misses, false_alarms, correct_rejections)


def mean_difference(answers: Iterable[QuizAnswer]) -> float | None:
    """Mean rating of reliable items minus mean rating of unreliable ones (None if one is missing).

    Positive means reliable items were rated as more reliable: the older measure of the
    inoculation studies, kept so figures can be compared with theirs.
    """
    reliable = [a.rating for a in answers if a.reliable]
    unreliable = [a.rating for a in answers if not a.reliable] if reliable else []
    if not reliable or not unreliable:
        return None
    return sum(reliable) / len(reliable) - sum(unreliable) / len(unreliable)


def is_measurable(d: Detection) -> bool:
    """Whether the answers hold both kinds of item, so d′ and c mean something."""
    return d.hits + d.misses > 0 and d.false_alarms + d.correct_rejections > 0


# --- in words a player understands ------------------------------------------------------

GOOD_D_PRIME = 1.0  # about 70% right on each kind of item with no lean either way
CLEAR_LEAN = 0.5


def in_words(d: Detection, kind: str = "quiz") -> list[str]:
    """Two or three sentences saying what a detection record means, with no jargon.

    ``kind`` is "quiz" (headlines) or "game" (claims); only the nouns change.
    """
    reliable = d.hits + d.misses
    unreliable = d.false_alarms + d.correct_rejections
    if kind == "game":
        counts = tr("words.game_counts",
                    "You ran {hits} of the {reliable} claims that held up, and {fa} of the "
                    "{unreliable} that did not.",
                    hits=d.hits, reliable=reliable, fa=d.false_alarms, unreliable=unreliable)
    else:
        counts = tr("words.quiz_counts",
                    "You trusted {hits} of the {reliable} reliable headlines and {fa} of the "
                    "{unreliable} unreliable ones.",
                    hits=d.hits, reliable=reliable, fa=d.false_alarms, unreliable=unreliable)
    if not is_measurable(d):
        return [counts]
    lines = [counts]
    dp, c = d.d_prime, d.criterion
    if dp >= GOOD_D_PRIME and abs(c) <= CLEAR_LEAN:
        lines.append(tr("words.discerning",
                        "You spotted unreliable items without doubting the reliable ones."))
    elif dp >= GOOD_D_PRIME:
        lines.append(tr("words.mostly_discerning",
                        "You mostly told reliable items from unreliable ones."))
    elif dp >= 0.3:
        lines.append(tr("words.some_discernment",
                        "You told reliable items from unreliable ones some of the time."))
    else:
        lines.append(tr("words.no_discernment",
                        "Your trust did not follow reliability: reliable and unreliable items "
                        "fared about the same."))
    if c > CLEAR_LEAN:
        lines.append(tr("words.leans_doubt",
                        "You leaned to doubt: reliable items were turned down too. Doubting "
                        "everything is not the same as judging well."))
    elif c < -CLEAR_LEAN:
        lines.append(tr("words.leans_trust",
                        "You leaned to trust: unreliable items got through too."))
    return lines


def change_in_words(before: Detection, after: Detection) -> str:
    """One sentence comparing the quiz before play with the quiz after."""
    b, a = before.d_prime, after.d_prime
    scores = " (a score of {before:.1f} before, {after:.1f} after)."
    if a - b >= 0.25:
        key, text = "words.change_up", ("After playing you told reliable from unreliable "
                                        "headlines better" + scores)
    elif b - a >= 0.25:
        key, text = "words.change_down", "After playing you told them apart less well" + scores
    else:
        key, text = "words.change_same", ("Your ability to tell them apart stayed about the "
                                          "same" + scores)
    return tr(key, text, before=b, after=a)


def answers_from(rows: Sequence[dict[str, object]]) -> list[QuizAnswer]:
    """QuizAnswers from the rows of a results file (already validated)."""
    return [QuizAnswer(str(r["item"]), bool(r["reliable"]), int(str(r["rating"])),
                       float(str(r["seconds"]))) for r in rows]
