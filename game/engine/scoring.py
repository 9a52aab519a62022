"""Scoring discernment, not doubt: points per call and signal-detection figures.

A claim that held up is a *signal*; running it (as fact or attributed) is a "trust"
response. Trusting what held up is a hit, doubting it a miss; running what did not
hold up is a false alarm, keeping it out a correct rejection. From these come d′
(how well trust follows reliability) and the criterion c (a positive c leans to
doubt, a negative c to trust). Blanket doubt gives d′ near 0 however many false
stories it keeps out.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

from game.engine.model import Call, Claim, Scenario
from game.engine.state import State

BEST_POINTS = 2
ACCEPTABLE_POINTS = 1
# The two errors cost alike, so that neither blanket trust nor blanket doubt pays:
# running as fact what deserved at most attribution (a party's account, a denial, a
# claim that did not hold up) puts an error in print; rejecting outright a claim that
# held up keeps true news from readers.
ERROR_POINTS = -1

_normal = NormalDist()


@dataclass(frozen=True)
class Detection:
    """Hits, misses, false alarms and correct rejections, with d′ and c."""

    hits: int
    misses: int
    false_alarms: int
    correct_rejections: int

    @property
    def hit_rate(self) -> float:
        return corrected_rate(self.hits, self.hits + self.misses)

    @property
    def false_alarm_rate(self) -> float:
        return corrected_rate(self.false_alarms, self.false_alarms + self.correct_rejections)

    @property
    def d_prime(self) -> float:
        return d_prime(self.hit_rate, self.false_alarm_rate)

    @property
    def criterion(self) -> float:
        return criterion(self.hit_rate, self.false_alarm_rate)


def corrected_rate(count: int, total: int) -> float:
    """count/total, with rates of 0 and 1 moved to 1/(2N) and 1 − 1/(2N).

    This is Macmillan and Kaplan's (1985) correction, the usual one: without it a
    perfect rate gives an infinite z-score. With no trials at all the rate is 0.5.
    """
    if total <= 0:
        return 0.5
    rate = count / total
    if rate <= 0:
        return 0.5 / total
    if rate >= 1:
        return 1 - 0.5 / total
    return rate


def d_prime(hit_rate: float, false_alarm_rate: float) -> float:
    """Sensitivity: z(H) − z(F)."""
    return _normal.inv_cdf(hit_rate) - _normal.inv_cdf(false_alarm_rate)


def criterion(hit_rate: float, false_alarm_rate: float) -> float:
    """Bias: −(z(H) + z(F)) / 2. Positive leans to doubt, negative to trust."""
    return -(_normal.inv_cdf(hit_rate) + _normal.inv_cdf(false_alarm_rate)) / 2


def outcome(claim: Claim, call: Call) -> str:
    """hit, miss, false_alarm or correct_rejection."""
    if claim.holds_up:
        return "hit" if call.runs else "miss"
    return "false_alarm" if call.runs else "correct_rejection"


def points(claim: Claim, call: Call) -> int:
    if call in claim.best:
        return BEST_POINTS
    if call in claim.acceptable:
        return ACCEPTABLE_POINTS
    if call is Call.FACT or (call is Call.REJECT and claim.holds_up):
        return ERROR_POINTS
    return 0


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    call: Call
    revised: Call | None  # the last call, where it differs from the first
    outcome: str
    points: int


@dataclass(frozen=True)
class Score:
    results: tuple[ClaimResult, ...]
    detection: Detection
    points: int
    max_points: int
    checks_done: int
    time_verifying: int

    @property
    def percent(self) -> int:
        return round(100 * max(self.points, 0) / self.max_points) if self.max_points else 0


def first_calls(state: State) -> dict[str, Call]:
    """Each claim's first call: in a classroom the first decision is the one that counts."""
    calls: dict[str, Call] = {}
    for step in state.history:
        if step.verdict:
            claim, call = step.verdict.split("=", 1)
            calls.setdefault(claim, Call(call))
    return calls


def score(scenario: Scenario, state: State) -> Score:
    """The record so far: every claim called, how it scored, and the detection figures."""
    first = first_calls(state)
    results = []
    for claim_id, call in first.items():
        claim = scenario.claims[claim_id]
        last = str(state.vars.get(f"verdict.{claim_id}", ""))
        revised = Call(last) if last and last != call.value else None
        results.append(ClaimResult(claim, call, revised, outcome(claim, call), points(claim, call)))
    tally = {k: 0 for k in ("hit", "miss", "false_alarm", "correct_rejection")}
    for result in results:
        tally[result.outcome] += 1
    time_verifying = 0
    for step in state.history:
        if step.verify:
            choice = next((c for c in scenario.scenes[step.scene].choices if c.id == step.choice),
                          None)
            time_verifying += choice.cost if choice else 0
    return Score(
        results=tuple(results),
        detection=Detection(tally["hit"], tally["miss"], tally["false_alarm"],
                            tally["correct_rejection"]),
        points=sum(r.points for r in results),
        max_points=BEST_POINTS * len(results),
        checks_done=sum(1 for c in scenario.checks if state.vars.get(f"checked.{c}")),
        time_verifying=time_verifying,
    )
