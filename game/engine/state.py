"""Play state as plain data: what saves, rollback and results are made of."""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from typing import Any

from game.engine.expressions import Value

STATE_FORMAT = 1
_MASK = (1 << 64) - 1


class RestoreError(Exception):
    """A saved state that cannot be used with this content; the message says why."""


@dataclass
class Step:
    """One choice taken: where, which, and what it did to the record."""

    scene: str
    choice: str
    text: str
    time_left: int  # after the choice's cost
    verdict: str | None = None  # "<claim>=<call>"
    verify: str | None = None


@dataclass
class State:
    """Everything that changes during play. Serializes to JSON and back exactly."""

    scenario: str
    content: str  # fingerprint of the content it was played on
    scene: str
    vars: dict[str, Value]  # time, trust.<source>, checked.<check>, verdict.<claim>, own variables
    visits: dict[str, int] = field(default_factory=dict)
    chosen: dict[str, int] = field(default_factory=dict)  # "<scene>/<choice>" -> times taken
    stack: list[str] = field(default_factory=list)  # scenes a side trip returns to
    # claims seen, in order: an ordered set (a dict's keys), so that entering a scene costs
    # the same at step 10 and step 10,000; saved as a list
    met: dict[str, None] = field(default_factory=dict)
    rng: int = 0
    history: list[Step] = field(default_factory=list)

    @property
    def time(self) -> int:
        return int(self.vars["time"])

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["met"] = list(self.met)
        data["format"] = STATE_FORMAT
        return data

    @classmethod
    def from_json(cls, data: Any) -> State:
        """Rebuild a state from :meth:`to_json` output; RestoreError on any mismatch."""
        if not isinstance(data, dict):
            raise RestoreError("the save is not a JSON object")
        if data.get("format") != STATE_FORMAT:
            raise RestoreError(f"the save's format {data.get('format')!r} is not "
                               f"{STATE_FORMAT}, the one this version reads")
        try:
            state = cls(
                scenario=_typed(data, "scenario", str),
                content=_typed(data, "content", str),
                scene=_typed(data, "scene", str),
                vars=_typed(data, "vars", dict),
                visits=_typed(data, "visits", dict),
                chosen=_typed(data, "chosen", dict),
                stack=_typed(data, "stack", list),
                met=dict.fromkeys(_typed(data, "met", list)),
                rng=_typed(data, "rng", int),
                history=[Step(**step) for step in _typed(data, "history", list)],
            )
        except TypeError as exc:
            raise RestoreError(f"the save's history is damaged ({exc})") from None
        for name, value in state.vars.items():
            if not isinstance(name, str) or not isinstance(value, (bool, int, str)):
                raise RestoreError(f"the save's variable {name!r} has a bad value")
        for table in (state.visits, state.chosen):
            if not all(isinstance(k, str) and isinstance(v, int) for k, v in table.items()):
                raise RestoreError("the save's visit counts are damaged")
        if not all(isinstance(s, str) for s in [*state.stack, *state.met]):
            raise RestoreError("the save's scene list is damaged")
        return state

    def copy(self) -> State:
        return copy.deepcopy(self)

    # --- the seeded random stream (splitmix64: same numbers on every platform) ---------

    def next_random(self, n: int) -> int:
        """A number from 1 to n, advancing the stream."""
        self.rng = (self.rng + 0x9E3779B97F4A7C15) & _MASK
        z = self.rng
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        z ^= z >> 31
        return 1 + z % max(n, 1)


def _typed(data: dict[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RestoreError(f"the save's {key!r} is missing or damaged")
    return value
