"""``deconfliction-line words [PATH] [-n N] [--seed S]``: how long a play-through is to read.

Plays N seeded random paths and counts everything a player reads during play on
each: the paragraphs of every scene shown (on returning from a side trip, only
paragraphs that were not there before), the text of each choice taken, the
response shown right after each call (``Story.feedback()``: the choice's own
response or the claim's for that call), and the cards shown, each once per game
(a source's name, who, access and interest; a claim's text; a check's finding).
The debrief after the ending is not play and is not counted. Prints the minimum,
median and maximum, the median count of response words per path, and the
reading time at a steady 200 words a minute, which is what a 15-20 minute session
is planned on.
"""

from __future__ import annotations

import re
import statistics
import sys
from dataclasses import dataclass
from typing import TextIO

from game.engine.loader import load
from game.engine.model import Scenario
from game.engine.story import Story
from game.i18n import tr
from game.players import RandomPlayer

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them: "Lt. Gen. Harrigian's" is three."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Reading:
    """One path: the words read (responses after calls included), the choices taken,
    and how many of those words were responses."""

    words: int
    steps: int
    ended: bool
    responses: int = 0


def read_one_path(scenario: Scenario, seed: int, max_steps: int = 2000) -> Reading:
    """Play one random path (seed as in randomtest) and count the words it shows,
    the response after each call included."""
    story = Story(scenario, seed=seed)
    player = RandomPlayer(seed)
    cards: set[str] = set()
    last_shown: dict[str, set[str]] = {}
    words = 0
    responses = 0

    def show(returning: bool) -> int:
        scene_id = story.state.scene
        texts = [p.text for p in story.paragraphs()]
        before = last_shown.get(scene_id, set()) if returning else set()
        last_shown[scene_id] = set(texts)
        shown = sum(count_words(t) for t in texts if t not in before)
        for source in story.sources():
            if f"source:{source.id}" not in cards:
                cards.add(f"source:{source.id}")
                shown += count_words(" ".join((source.name, source.who, source.access,
                                               source.interest)))
        for claim in story.claims():
            if f"claim:{claim.id}" not in cards:
                cards.add(f"claim:{claim.id}")
                shown += count_words(claim.text)
        return shown

    words += show(returning=False)
    steps = 0
    while not story.is_over and not story.is_stuck and steps < max_steps:
        option = story.choices()[player.pick(story)]
        words += count_words(option.text)
        story.choose(option.index)
        steps += 1
        feedback = story.feedback()
        if feedback is not None:  # shown right after the call, before the next scene
            said = count_words(feedback.text)
            words += said
            responses += said
        choice = option.choice
        if choice is not None and choice.verify is not None and f"check:{choice.verify}" not in cards:
            cards.add(f"check:{choice.verify}")
            words += count_words(scenario.checks[choice.verify].finding)
        words += show(returning=choice is not None and choice.back)
    return Reading(words, steps, story.is_over, responses)


def _minutes(words: float) -> str:
    return f"{words / WORDS_PER_MINUTE:.1f}"


def run(path: str, games: int = 2000, seed: int = 0, out: TextIO | None = None) -> int:
    """Print min / median / max words over ``games`` random paths; 1 if it cannot load."""
    out = out or sys.stdout
    if games < 1:
        print(tr("words.usage", "words: -n must be at least 1"), file=sys.stderr)
        return 2
    result = load(path)
    if result.scenario is None or result.errors:
        for diagnostic in result.diagnostics:
            print(diagnostic, file=out)
        return 1
    readings = [read_one_path(result.scenario, s) for s in range(seed, seed + games)]
    words = sorted(r.words for r in readings)
    steps = sorted(r.steps for r in readings)
    median = statistics.median(words)
    print(tr("words.summary",
             "{path}: {games} random paths from seed {seed}: words read min {low} / median "
             "{mid:g} / max {high}; choices min {slow} / median {smid:g} / max {shigh}",
             path=path, games=games, seed=seed, low=words[0], mid=median, high=words[-1],
             slow=steps[0], smid=statistics.median(steps), shigh=steps[-1]), file=out)
    print(tr("words.counted",
             "counted: scene text, choices taken, cards, and the response after each call "
             "(median {responses:g} words of responses); the debrief is not counted",
             responses=statistics.median(r.responses for r in readings)), file=out)
    print(tr("words.minutes",
             "reading time at {wpm} words a minute: {low} / {mid} / {high} min",
             wpm=WORDS_PER_MINUTE, low=_minutes(words[0]), mid=_minutes(median),
             high=_minutes(words[-1])), file=out)
    unfinished = sum(1 for r in readings if not r.ended)
    if unfinished:
        print(tr("words.unfinished", "{n} paths did not reach an ending (see randomtest)",
                 n=unfinished), file=out)
    return 0
