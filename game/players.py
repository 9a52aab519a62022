"""Scripted players: presenters that pick choices by a rule instead of a person.

They prove things about a scenario (random play finds dead ends and crashes; blanket
and shortcut strategies must score below careful play) and they never look at scene
ids: each rule reads only what any player sees, the options on offer and the claims'
and sources' cards (kind, party), plus, for :class:`CarefulPlayer`, which plays by the
method, the claims' grades.

    story = play_through(scenario, CarefulPlayer(seed=3), seed=3)
    score(scenario, story.state)
"""

from __future__ import annotations

import functools
import random
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from game.engine.model import Call, Claim, Grade, Scenario, Source
from game.engine.scoring import score
from game.engine.story import Option, Story

DEFAULT_MAX_STEPS = 2000


class Player(Protocol):
    """Anything that can pick one of the story's current options."""

    def pick(self, story: Story) -> int:
        """The index (in ``story.choices()``) of an available option."""
        ...


class _Stream:
    """The player's own seeded choices, apart from the story's random stream."""

    __slots__ = ("_random",)

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def index(self, n: int) -> int:
        """A number from 0 to n - 1."""
        return self._random.randrange(n)


def _available(story: Story) -> list[Option]:
    options = [o for o in story.choices() if o.available]
    if not options:
        raise LookupError("no option is available (the story is stuck)")
    return options


class RandomPlayer:
    """Picks uniformly among the available options: ChoiceScript's randomtest player."""

    def __init__(self, seed: int = 0) -> None:
        self._stream = _Stream(seed)

    def pick(self, story: Story) -> int:
        options = _available(story)
        return options[self._stream.index(len(options))].index


_PREFERENCES = {
    Call.FACT: (Call.FACT, Call.ATTRIBUTED),  # always trust
    Call.ATTRIBUTED: (Call.ATTRIBUTED, Call.FACT),
    Call.REJECT: (Call.REJECT, Call.HOLD),  # always doubt
    Call.HOLD: (Call.HOLD, Call.REJECT),  # always wait
}

# Source kinds the shortcut players recognise (kinds are the author's words; these are
# the ones docs/authoring.md lists). "The page" is the aggregator the story is built on.
PAGE_KINDS = frozenset({"aggregator", "page"})
OFFICIAL_KINDS = frozenset({"official", "government", "military", "ministry"})
ANONYMOUS_KINDS = frozenset({"social", "anonymous", "unnamed"})
BEST_ENDING_KIND = "careful"  # the ending a careful desk earns


def _pick_call(story: Story, options: list[Option], wanted: Callable[[Claim], tuple[Call, ...]],
               stream: _Stream) -> int:
    """The first option, by the rank of its call in ``wanted(claim)``, whose claim has not
    been called yet (else one that has: the first call counts, so it matters little);
    failing any, a seeded random option that makes no call and verifies nothing."""
    claims = story.scenario.claims
    called = {step.verdict.split("=", 1)[0] for step in story.state.history if step.verdict}
    best: tuple[int, int, int] | None = None  # (already called, rank, index)
    for option in options:
        choice = option.choice
        if choice is None or choice.verdict is None:
            continue
        preferences = wanted(claims[choice.verdict.claim])
        if choice.verdict.call in preferences:
            key = (choice.verdict.claim in called, preferences.index(choice.verdict.call),
                   option.index)
            if best is None or key < best:
                best = key
    if best is not None:
        return best[2]
    plain = [o for o in options if o.choice is None
             or (o.choice.verdict is None and o.choice.verify is None)]
    no_verify = [o for o in options if o.choice is None or o.choice.verify is None]
    pool = plain or no_verify or options
    return pool[stream.index(len(pool))].index


class RulePlayer:
    """Makes the calls a rule gives for each claim, reading only the claim and its source.

    ``rule(claim, source)`` returns the calls it likes, best first. It never spends time
    verifying; where no option makes a call it likes, it picks at random among the
    options that make no call and verify nothing.
    """

    def __init__(self, rule: Callable[[Claim, Source], tuple[Call, ...]], seed: int = 0) -> None:
        self.rule = rule
        self._stream = _Stream(seed)

    def pick(self, story: Story) -> int:
        sources = story.scenario.sources
        return _pick_call(story, _available(story),
                          lambda claim: self.rule(claim, sources[claim.source]), self._stream)


class BlanketPlayer(RulePlayer):
    """Makes the same call on every claim, and never spends time verifying.

    ``BlanketPlayer(Call.FACT)`` is always-trust (fact, else attributed),
    ``Call.REJECT`` always-reject and ``Call.HOLD`` always-hold. Where no option makes
    a call it likes, it picks at random among the options that make no call and
    verify nothing; failing those, among any available option but a verification.
    """

    def __init__(self, call: Call, seed: int = 0) -> None:
        self.call = call
        super().__init__(lambda claim, source: _PREFERENCES[call], seed)


def named_sources_player(seed: int = 0) -> RulePlayer:
    """Attributes whatever a named source says and rejects the page, without reading."""
    def rule(claim: Claim, source: Source) -> tuple[Call, ...]:
        if source.kind in PAGE_KINDS:
            return (Call.REJECT, Call.HOLD)
        return (Call.ATTRIBUTED, Call.FACT)
    return RulePlayer(rule, seed)


def officials_player(seed: int = 0) -> RulePlayer:
    """Trusts officials (attributes them), rejects anonymous and social sources, and
    attributes everyone else: judging by the speaker's status, not the evidence."""
    def rule(claim: Claim, source: Source) -> tuple[Call, ...]:
        if source.kind in ANONYMOUS_KINDS:
            return (Call.REJECT, Call.HOLD)
        return (Call.ATTRIBUTED, Call.FACT)
    return RulePlayer(rule, seed)


def side_player(party: str, seed: int = 0) -> RulePlayer:
    """Runs what ``party``'s sources say (attributed, the stronger way to run it), rejects
    every other party's, and attributes sources that speak for no party: trust that
    follows the side. (Running its side as fact instead scores lower still.)"""
    def rule(claim: Claim, source: Source) -> tuple[Call, ...]:
        if source.party == party:
            return (Call.ATTRIBUTED, Call.FACT)
        if source.party:
            return (Call.REJECT, Call.HOLD)
        return (Call.ATTRIBUTED, Call.FACT)
    return RulePlayer(rule, seed)


def parties(scenario: Scenario) -> list[str]:
    """The parties the scenario's sources speak for, most sources first."""
    counts: dict[str, int] = {}
    for source in scenario.sources.values():
        if source.party:
            counts[source.party] = counts.get(source.party, 0) + 1
    return sorted(counts, key=lambda p: (-counts[p], p))


class CarefulPlayer:
    """Plays by the method: verifies while time allows, then makes the best call.

    It takes an available verification it has not done yet when at least ``reserve``
    hours would be left after it; otherwise a call graded best on its claim, else one
    graded defensible; otherwise a seeded random option, preferring those that make
    no call. It is the one player that reads the grades.
    """

    def __init__(self, seed: int = 0, reserve: int = 1) -> None:
        self.reserve = reserve  # hours that must be left after a verification
        self._stream = _Stream(seed)

    def pick(self, story: Story) -> int:
        options = _available(story)
        for option in options:
            choice = option.choice
            if (choice is not None and choice.verify is not None
                    and not story.state.vars.get(f"checked.{choice.verify}")
                    and story.time - choice.cost >= self.reserve):
                return option.index

        def by_grade(claim: Claim) -> tuple[Call, ...]:
            order = {Grade.BEST: 0, Grade.DEFENSIBLE: 1}
            graded = [c for c in Call if claim.grade(c) in order]
            return tuple(sorted(graded, key=lambda c: order[claim.grade(c)]))

        return _pick_call(story, options, by_grade, self._stream)


def play_through(scenario: Scenario, player: Player, seed: int = 0,
                 max_steps: int = DEFAULT_MAX_STEPS) -> Story:
    """Play one game from the start until an ending, a dead end or ``max_steps`` choices.

    The returned story tells which: ``is_over`` at an ending, ``is_stuck`` at a dead end,
    and otherwise the step limit was reached (``len(story.state.history) == max_steps``).
    """
    story = Story(scenario, seed=seed)
    for _ in range(max_steps):
        if story.is_over or story.is_stuck:
            break
        story.choose(player.pick(story))
    return story


# --- the strategy table: every scripted strategy over many games -----------------------


@dataclass(frozen=True)
class StrategyRow:
    """How one strategy did over its games: mean share of the points, and its endings."""

    name: str
    games: int
    percent: float  # mean of each game's score percent
    points: float  # mean points
    max_points: float  # mean of the most a careful desk could earn
    endings: dict[str, int]  # ending title -> games
    best_endings: int  # games that reached an ending of kind BEST_ENDING_KIND
    stuck: int  # games that did not reach an ending

    def as_json(self) -> dict[str, object]:
        return {"strategy": self.name, "games": self.games, "percent": round(self.percent, 1),
                "points": round(self.points, 2), "max_points": round(self.max_points, 2),
                "best_ending": self.best_endings, "endings": self.endings, "stuck": self.stuck}


def strategies(scenario: Scenario) -> dict[str, Callable[[int], Player]]:
    """Every strategy the issue bounds, by name; side players for the two main parties."""
    found: dict[str, Callable[[int], Player]] = {
        "careful": lambda seed: CarefulPlayer(seed),
        "always fact": lambda seed: BlanketPlayer(Call.FACT, seed),
        "always attributed": lambda seed: BlanketPlayer(Call.ATTRIBUTED, seed),
        "always hold": lambda seed: BlanketPlayer(Call.HOLD, seed),
        "always reject": lambda seed: BlanketPlayer(Call.REJECT, seed),
        "random": lambda seed: RandomPlayer(seed),
        "named sources, reject the page": named_sources_player,
        "officials, reject anonymous+social": officials_player,
    }
    for party in parties(scenario)[:2]:
        found[f"side: {party}"] = functools.partial(side_player, party)
    return found


def play_strategy(scenario: Scenario, name: str, make: Callable[[int], Player],
                  games: int) -> StrategyRow:
    """Play ``games`` games (seeds 0..games-1) and sum up how the strategy did."""
    percents, points, maxima = [], [], []
    endings: dict[str, int] = {}
    best = stuck = 0
    for seed in range(games):
        story = play_through(scenario, make(seed), seed=seed)
        result = score(scenario, story.state)
        percents.append(result.percent)
        points.append(result.points)
        maxima.append(result.max_points)
        ending = story.ending
        if ending is None:
            stuck += 1
            continue
        endings[ending.title] = endings.get(ending.title, 0) + 1
        best += ending.kind == BEST_ENDING_KIND
    return StrategyRow(name, games, statistics.fmean(percents), statistics.fmean(points),
                       statistics.fmean(maxima), endings, best, stuck)


def strategy_table(scenario: Scenario, scripted_games: int = 20,
                   random_games: int = 300) -> dict[str, StrategyRow]:
    """Every strategy's row; random play gets more games (its choices vary most)."""
    return {name: play_strategy(scenario, name, make,
                                random_games if name == "random" else scripted_games)
            for name, make in strategies(scenario).items()}


def format_table(rows: dict[str, StrategyRow]) -> list[str]:
    """The table as text lines: strategy, points %, best-ending games, endings."""
    lines = [f"{'strategy':<36} {'points %':>8} {'best end':>9}  endings"]
    for row in rows.values():
        endings = ", ".join(f"{title} {n}" for title, n in sorted(row.endings.items()))
        if row.stuck:
            endings += f", STUCK {row.stuck}"
        lines.append(f"{row.name:<36} {row.percent:8.1f} {row.best_endings:>4}/{row.games:<4}"
                     f"  {endings}")
    return lines
