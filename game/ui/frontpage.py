"""Your front page: what the desk has run, night by night, worked out from the state's
history. Pure functions, no pygame.

A night is the run of choices made on one ``day``. On it: the headline (the words in
quotation marks of the last choice that night that was neither a call nor a check, when it
quotes any: the headline or brief the desk chose), the lines run (as fact, or attributed),
what was held and what was spiked, and correction stamps where a later call on a claim
differs from one run earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from game.engine.model import Call, Scenario
from game.engine.state import State

QUOTED = re.compile(r"[\"“]([^\"”]{3,})[\"”]")


@dataclass
class Line:
    claim: str
    call: Call
    words: str  # as printed: the choice's quoted words, else the claim's text
    corrected: Call | None = None  # set when a later call changed what this night ran


@dataclass
class Night:
    day: str
    headline: str = ""
    ran: list[Line] = field(default_factory=list)
    held: list[Line] = field(default_factory=list)
    spiked: list[Line] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.headline or self.ran or self.held or self.spiked)


def _quoted(text: str) -> str:
    found = QUOTED.search(text)
    return found.group(1).strip() if found else ""


def front_pages(scenario: Scenario, state: State) -> list[Night]:
    """Every night so far, oldest first (nights with nothing on them left out)."""
    nights: list[Night] = []
    lines: dict[str, Line] = {}  # the latest line of each claim, to stamp corrections on
    day = ""
    for step in state.history:
        scene = scenario.scenes.get(step.scene)
        if scene is None:
            continue
        if (scene.day and scene.day != day) or not nights:
            day = scene.day or day
            if not nights or nights[-1].day != day:
                nights.append(Night(day))
        night = nights[-1]
        choice = next((c for c in scene.choices if c.id == step.choice), None)
        if step.verdict:
            claim_id, _, value = step.verdict.partition("=")
            claim = scenario.claims.get(claim_id)
            if claim is None:
                continue
            call = Call(value)
            earlier = lines.get(claim_id)
            if earlier is not None and earlier.call != call and earlier.call.runs:
                earlier.corrected = call
            line = Line(claim_id, call, _quoted(step.text) or claim.text)
            lines[claim_id] = line
            for group in (night.ran, night.held, night.spiked):
                group[:] = [x for x in group if x.claim != claim_id]
            {Call.FACT: night.ran, Call.ATTRIBUTED: night.ran, Call.HOLD: night.held,
             Call.REJECT: night.spiked}[call].append(line)
        elif step.verify is None and choice is not None and not choice.back:
            words = _quoted(step.text)
            if words:
                night.headline = words
    return [n for n in nights if not n.empty]
