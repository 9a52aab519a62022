"""Scripted players: presenters that pick choices by a rule instead of a person.

They prove things about a scenario (random play finds dead ends and crashes; blanket
strategies must score below careful play) and they never look at scene ids: each
rule reads only what any player sees, the options on offer and the claims' cards,
plus, for :class:`CarefulPlayer`, the claims' ``best`` and ``acceptable`` calls.

    story = play_through(scenario, CarefulPlayer(seed=3), seed=3)
    score(scenario, story.state)
"""

from __future__ import annotations

import random
from typing import Protocol

from game.engine.model import Call, Scenario
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


class BlanketPlayer:
    """Makes the same call on every claim, and never spends time verifying.

    ``BlanketPlayer(Call.FACT)`` is always-trust (fact, else attributed),
    ``Call.REJECT`` always-reject and ``Call.HOLD`` always-hold. Where no option makes
    a call it likes, it picks at random among the options that make no call and
    verify nothing; failing those, among any available option but a verification.
    """

    def __init__(self, call: Call, seed: int = 0) -> None:
        self.call = call
        self._stream = _Stream(seed)

    def pick(self, story: Story) -> int:
        options = _available(story)
        for wanted in _PREFERENCES[self.call]:
            for option in options:
                choice = option.choice
                if choice is not None and choice.verdict is not None and choice.verdict.call is wanted:
                    return option.index
        plain = [o for o in options if o.choice is None
                 or (o.choice.verdict is None and o.choice.verify is None)]
        no_verify = [o for o in options if o.choice is None or o.choice.verify is None]
        pool = plain or no_verify or options
        return pool[self._stream.index(len(pool))].index


class CarefulPlayer:
    """Verifies while time allows, then makes the careful call.

    It takes an available verification it has not done yet when at least one hour
    would be left after it; otherwise a call in the claim's ``best``, else one in
    its ``acceptable``; otherwise a seeded random option, preferring those that
    make no call (a call outside best and acceptable is a careless one).
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
        claims = story.scenario.claims
        for rank in ("best", "acceptable"):
            for option in options:
                choice = option.choice
                if choice is None or choice.verdict is None:
                    continue
                claim = claims[choice.verdict.claim]
                if choice.verdict.call in getattr(claim, rank):
                    return option.index
        no_call = [o for o in options if o.choice is None or o.choice.verdict is None]
        # a verification it has done already, or cannot afford, only spends the clock
        fresh = [o for o in no_call if o.choice is None or o.choice.verify is None]
        pool = fresh or no_call or options
        return pool[self._stream.index(len(pool))].index


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
