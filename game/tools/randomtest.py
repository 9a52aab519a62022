"""``deconfliction-line randomtest [PATH] [-n N] [--seed S]``: many seeded random games.

Like ChoiceScript's randomtest: each game ``k`` is played by a :class:`RandomPlayer`
seeded with ``S + k`` (the story's own random stream gets the same seed), so any
failure is reproduced by its seed alone. It reports crashes and stuck games, one line
for each scene where games fail, with the path of ``scene/choice`` ids that leads there
and the command that replays it; how often each scene and choice was reached; every
scene no game entered, as ``UNVISITED path:line: scene``; and every choice no game took,
as ``UNTESTED path:line: scene/choice "text"``.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from game.cli import invoked_as
from game.engine.loader import load
from game.engine.model import Scenario
from game.engine.story import Story
from game.i18n import tr
from game.players import RandomPlayer


@dataclass(frozen=True)
class Failure:
    """A game that crashed or got stuck: enough to reproduce it."""

    kind: str  # "crash", "stuck" (a dead end) or "too long" (past max_steps)
    seed: int
    path: tuple[str, ...]  # "<scene>/<choice>" taken, in order
    scene: str  # where it stopped
    detail: str  # the exception, or why it is stuck


@dataclass
class Coverage:
    """What a batch of random games did."""

    games: int = 0
    seconds: float = 0.0
    steps: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    scenes: Counter[str] = field(default_factory=Counter)  # visits
    choices: Counter[str] = field(default_factory=Counter)  # "<scene>/<choice>" -> times taken
    failures: list[Failure] = field(default_factory=list)
    reached: Counter[str] = field(default_factory=Counter)  # scene -> games that reached it
    sequences: Counter[tuple[str, ...]] = field(default_factory=Counter)  # side trips left out

    @property
    def games_per_second(self) -> float:
        return self.games / self.seconds if self.seconds > 0 else float("inf")


def play_random_games(scenario: Scenario, games: int, seed: int = 0,
                      max_steps: int = 2000) -> Coverage:
    """Play ``games`` random games with seeds ``seed``, ``seed + 1``, ...; never raises."""
    coverage = Coverage()
    trips = side_trips(scenario)
    started = time.perf_counter()
    for game_seed in range(seed, seed + games):
        story: Story | None = None
        try:
            story = Story(scenario, seed=game_seed)
            player = RandomPlayer(game_seed)
            steps = 0
            while not story.is_over:
                options = story.choices()
                available = [o for o in options if o.available]
                if not available:
                    coverage.failures.append(_failure("stuck", game_seed, story, tr(
                        "randomtest.stuck", "no option is available")))
                    break
                if steps >= max_steps:
                    coverage.failures.append(_failure("too long", game_seed, story, tr(
                        "randomtest.too_long", "still going after {n} choices (a loop?)",
                        n=max_steps)))
                    break
                story.choose(player.pick(story))
                steps += 1
            coverage.steps += steps
            if story.is_over:
                coverage.endings[story.scene.id] += 1
        except Exception as exc:  # a crash is what this tool is for: record it and go on
            coverage.failures.append(Failure(
                "crash", game_seed, _path(story), story.state.scene if story else "",
                _describe(exc)))
        if story is not None:
            coverage.scenes.update(story.state.visits)
            coverage.choices.update(story.state.chosen)
            coverage.reached.update(story.state.visits.keys())
            coverage.sequences[scene_sequence(story, trips)] += 1
        coverage.games += 1
    coverage.seconds = time.perf_counter() - started
    return coverage


def _path(story: Story | None) -> tuple[str, ...]:
    if story is None:
        return ()
    return tuple(f"{step.scene}/{step.choice}" for step in story.state.history)


def _failure(kind: str, seed: int, story: Story, detail: str) -> Failure:
    return Failure(kind, seed, _path(story), story.state.scene, detail)


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)
    last = f" at {where[-1].filename}:{where[-1].lineno}" if where else ""
    return f"{type(exc).__name__}: {exc}{last}"


# --- branching: does what the player does change where the story goes? ------------------

SEQUENCES_TARGET = 100  # distinct scene sequences over the games (issue 14)
RARE_SHARE = 0.70  # a scene reached by fewer than this share of games is off the main line
RARE_TARGET = 1 / 3  # at least this share of the scenes should be


def side_trips(scenario: Scenario) -> frozenset[str]:
    """Scenes reached by ``visit:`` (they return where they came from)."""
    return frozenset(c.visit for s in scenario.scenes.values() for c in s.choices if c.visit)


def scene_sequence(story: Story, trips: frozenset[str]) -> tuple[str, ...]:
    """The scenes one game went through, side trips left out, each stay counted once."""
    sequence: list[str] = []
    for scene in [*(step.scene for step in story.state.history), story.state.scene]:
        if scene not in trips and (not sequence or sequence[-1] != scene):
            sequence.append(scene)
    return tuple(sequence)


@dataclass(frozen=True)
class Branching:
    """How much the story branches over a batch of games (side trips left out)."""

    games: int
    sequences: int  # distinct scene sequences
    scenes: int  # scenes any game reached, side trips left out
    rare: int  # of those, reached by fewer than RARE_SHARE of the games

    @property
    def rare_share(self) -> float:
        return self.rare / self.scenes if self.scenes else 0.0

    @property
    def meets_targets(self) -> bool:
        return self.sequences >= SEQUENCES_TARGET and self.rare_share >= RARE_TARGET


def branching(scenario: Scenario, coverage: Coverage) -> Branching:
    """The two branching figures, from a batch of games."""
    trips = side_trips(scenario)
    reached = {s: n for s, n in coverage.reached.items() if s not in trips and n}
    rare = sum(1 for n in reached.values() if n < RARE_SHARE * coverage.games)
    return Branching(coverage.games, len(coverage.sequences), len(reached), rare)


def branching_lines(figures: Branching) -> list[str]:
    """The branching figures as printed, each beside its target."""
    return [
        tr("randomtest.branching", "Branching (side trips left out):"),
        tr("randomtest.sequences", "  distinct scene sequences: {n} over {games} games "
           "(target: at least {target})", n=figures.sequences, games=figures.games,
           target=SEQUENCES_TARGET),
        tr("randomtest.rare", "  scenes reached by fewer than {share:.0%} of games: {rare} of "
           "{scenes} ({percent:.0%}; target: at least one third)", share=RARE_SHARE,
           rare=figures.rare, scenes=figures.scenes, percent=figures.rare_share),
    ]


def untested(scenario: Scenario, coverage: Coverage) -> list[str]:
    """``UNTESTED path:line: scene/choice "text"`` for every choice no game took."""
    lines = []
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if not coverage.choices.get(f"{scene.id}/{choice.id}"):
                lines.append(f'UNTESTED {choice.place.path}:{choice.place.line}: '
                             f'{scene.id}/{choice.id} "{choice.text}"')
    return lines


def report(scenario: Scenario, coverage: Coverage, path: str, seed: int, out: TextIO) -> None:
    """Print the results: failures first, then coverage, then the UNVISITED and UNTESTED lines.

    Games that fail the same way in the same scene are one entry: the shortest path that
    gets there, on the failure's own line, then the command that replays it.
    """
    groups: dict[tuple[str, str], list[Failure]] = {}
    for failure in coverage.failures:
        groups.setdefault((failure.kind, failure.scene), []).append(failure)
    for same in groups.values():
        failure = min(same, key=lambda f: (len(f.path), f.seed))
        shown = _shown_path(failure.path) or tr("randomtest.start", "(at the start)")
        print(tr("randomtest.failure", "{label} seed {seed} in scene {scene!r} after {path}: {detail}",
                 label=failure.kind.upper(), seed=failure.seed, scene=failure.scene, path=shown,
                 detail=failure.detail), file=out)
        print(tr("randomtest.reproduce", "  again: {prog} randomtest {where} -n 1 --seed {seed}",
                 prog=invoked_as(), where=path, seed=failure.seed), file=out)
        if len(same) > 1:
            others = sorted(f.seed for f in same if f is not failure)
            listed = ", ".join(map(str, others[:10])) + (", ..." if len(others) > 10 else "")
            print(tr("randomtest.more", "  {n} more games failed the same way here (seeds {seeds})",
                     n=len(others), seeds=listed), file=out)
    print(tr("randomtest.endings", "Endings:"), file=out)
    for scene in scenario.endings:
        count = coverage.endings.get(scene.id, 0)
        share = 100 * count / coverage.games if coverage.games else 0.0
        title = scene.ending.title if scene.ending else ""
        print(f"  {scene.id} ({title}): {count} ({share:.1f}%)", file=out)
    print(tr("randomtest.scenes", "Scenes (visits):"), file=out)
    for scene in scenario.scenes.values():
        print(f"  {scene.id}: {coverage.scenes.get(scene.id, 0)}", file=out)
    print(tr("randomtest.choices", "Choices (times taken):"), file=out)
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            key = f"{scene.id}/{choice.id}"
            print(f"  {key}: {coverage.choices.get(key, 0)}", file=out)
    for scene in scenario.scenes.values():
        if not coverage.scenes.get(scene.id):
            print(f"UNVISITED {scene.place.path}:{scene.place.line}: {scene.id}", file=out)
    for line in untested(scenario, coverage):
        print(line, file=out)
    for line in branching_lines(branching(scenario, coverage)):
        print(line, file=out)
    failed = Counter(f.kind for f in coverage.failures)
    print(tr("randomtest.summary",
             "{path}: {games} games from seed {seed}: {ended} ended, {stuck} stuck, "
             "{long} too long, {crashed} crashed; {steps} choices in {seconds:.2f} s "
             "({rate:.0f} games/s)",
             path=path, games=coverage.games, seed=seed, ended=sum(coverage.endings.values()),
             stuck=failed["stuck"], long=failed["too long"], crashed=failed["crash"],
             steps=coverage.steps, seconds=coverage.seconds, rate=coverage.games_per_second),
          file=out)


def _shown_path(path: tuple[str, ...], keep: int = 40) -> str:
    """``scene/choice > scene/choice > ...``; a very long one keeps its start and end."""
    if len(path) <= keep:
        return " > ".join(path)
    half = keep // 2
    return " > ".join([*path[:half], f"... {len(path) - keep} more ...", *path[-half:]])


def run(path: str, games: int = 1000, seed: int = 0, max_steps: int = 2000,
        out: TextIO | None = None) -> int:
    """Exit status: 0 when every game ended, 1 on a crash, a dead end or a load error."""
    out = out or sys.stdout
    if games < 0 or max_steps < 1:
        print(tr("randomtest.usage", "randomtest: -n must be at least 0 and --max-steps at least 1"),
              file=sys.stderr)
        return 2
    result = load(path)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=out)
    if result.scenario is None or result.errors:
        print(tr("randomtest.not_loaded", "{path}: cannot play: fix the errors above first",
                 path=path), file=out)
        return 1
    coverage = play_random_games(result.scenario, games, seed, max_steps)
    report(result.scenario, coverage, path, seed, out)
    return 1 if coverage.failures else 0
