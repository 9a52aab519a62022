"""Scoring discernment, not doubt: points by each call's grade, and detection figures.

Every call on a claim is graded against what the desk could know that night: best,
defensible or error (see :class:`game.engine.model.Grade`). Points follow the grade
from one table for every claim, and the score is the share of the most a careful desk
could earn on the claims the player met. Because "run it as fact" and "run it
attributed" are graded separately, the score tells them apart, which the old
trust-or-doubt measure could not.

The signal-detection figures (d′ and c) stay for the quiz, where a reliable headline
is a clear signal. In the game the signal comes from the grades: a claim is a signal
when every best call runs it, noise when every best call keeps it out; a claim whose
best calls include both (run it attributed, or hold it) is left out of d′, so a hold
where holding was best is never a miss.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

from game.engine.model import Call, Claim, Grade, Scenario
from game.engine.state import State

# One table for every claim. A best call earns the full 2; a defensible call, fair but
# not the best, earns half; an error costs half of a best call. So one error undoes a
# defensible call, and a blanket strategy, whose lucky best calls come with as many
# errors, ends near zero, while a careful reader loses little for an honest slip.
POINTS = {Grade.BEST: 2, Grade.DEFENSIBLE: 1, Grade.ERROR: -1}
BEST_POINTS = POINTS[Grade.BEST]
ACCEPTABLE_POINTS = POINTS[Grade.DEFENSIBLE]
ERROR_POINTS = POINTS[Grade.ERROR]

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


def signal(claim: Claim) -> bool | None:
    """True when every best call runs the claim, False when every one keeps it out,
    None when the best calls include both (then it is left out of d′)."""
    runs = {call.runs for call in claim.best_calls}
    return runs.pop() if len(runs) == 1 else None


def outcome(claim: Claim, call: Call) -> str:
    """hit, miss, false_alarm or correct_rejection; "" for a claim left out of d′."""
    deserved = signal(claim)
    if deserved is None:
        return ""
    if deserved:
        return "hit" if call.runs else "miss"
    return "false_alarm" if call.runs else "correct_rejection"


def points(claim: Claim, call: Call) -> int:
    """The points a call earns on a claim: by its grade, from the one table."""
    return POINTS[claim.grade(call)]


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    call: Call
    revised: Call | None  # the last call, where it differs from the first
    outcome: str
    points: int

    @property
    def grade(self) -> Grade:
        return self.claim.grade(self.call)


@dataclass(frozen=True)
class Score:
    results: tuple[ClaimResult, ...]
    detection: Detection
    points: int
    max_points: int  # the most a careful desk could earn on the claims met
    checks_done: int
    time_verifying: int
    unanswered: int = 0  # claims met that could be called but were not
    disputed_note: str = ""  # the scenario's own words for claims whose accounts differ

    @property
    def percent(self) -> int:
        """The share of the most a careful desk could earn, from 0 to 100 (never below)."""
        return round(100 * max(self.points, 0) / self.max_points) if self.max_points else 0

    def count(self, grade: Grade) -> int:
        """How many calls earned this grade."""
        return sum(1 for r in self.results if r.grade is grade)

    def ran(self, call: Call) -> tuple[ClaimResult, ...]:
        """The results whose (first) call was ``call``."""
        return tuple(r for r in self.results if r.call is call)


def first_calls(state: State) -> dict[str, Call]:
    """Each claim's first call: in a classroom the first decision is the one that counts."""
    calls: dict[str, Call] = {}
    for step in state.history:
        if step.verdict:
            claim, call = step.verdict.split("=", 1)
            calls.setdefault(claim, Call(call))
    return calls


def score(scenario: Scenario, state: State) -> Score:
    """The record so far: every claim called, its grade and points, and the figures.

    The most that could be earned counts every claim met that could be called (but
    not one still on the desk), so a claim passed over earns nothing rather than
    vanishing from the total.
    """
    first = first_calls(state)
    results = []
    for claim_id, call in first.items():
        claim = scenario.claims[claim_id]
        last = str(state.vars.get(f"verdict.{claim_id}", ""))
        revised = Call(last) if last and last != call.value else None
        results.append(ClaimResult(claim, call, revised, outcome(claim, call), points(claim, call)))
    tally = {k: 0 for k in ("hit", "miss", "false_alarm", "correct_rejection")}
    for result in results:
        if result.outcome:
            tally[result.outcome] += 1
    time_verifying = 0
    for step in state.history:
        if step.verify:
            choice = next((c for c in scenario.scenes[step.scene].choices if c.id == step.choice),
                          None)
            time_verifying += choice.cost if choice else 0
    can_call = scenario.callable_claims
    on_desk = scenario.scenes[state.scene].claims if state.scene in scenario.scenes else ()
    unanswered = sum(1 for c in state.met if c in can_call and c not in first
                     and c not in on_desk)  # a claim still on the desk is not passed over yet
    return Score(
        results=tuple(results),
        detection=Detection(tally["hit"], tally["miss"], tally["false_alarm"],
                            tally["correct_rejection"]),
        points=sum(r.points for r in results),
        max_points=BEST_POINTS * (len(results) + unanswered),
        checks_done=sum(1 for c in scenario.checks if state.vars.get(f"checked.{c}")),
        time_verifying=time_verifying,
        unanswered=unanswered,
        disputed_note=scenario.disputed_note,
    )
