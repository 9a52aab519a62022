"""What the debrief and the notebook show: each claim met, the call, its grade and why,
and what came later. The sentences are made in :mod:`game.wording`."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Call, Check, Claim, Grade, Lesson, Report, Scenario, Source
from game.engine.scoring import first_calls, outcome, points
from game.engine.state import State
from game.i18n import tr

JUDGEMENTS = {
    "supported": "Later reporting supported it",
    "contradicted": "Later reporting contradicted it",
    "unverified": "Unverified at the time",
    "disputed": "Disputed: accounts still differ",
    "misattributed": "Misattributed or garbled",
    "off_topic": "Off-topic: another story spliced in",
    "opinion": "Opinion presented as news",
    "accurate_report": "An accurate report of what was said",
}

CALLS = {
    Call.FACT: "Ran it as fact",
    Call.ATTRIBUTED: "Ran it attributed",
    Call.HOLD: "Held it",
    Call.REJECT: "Rejected it",
}


ACTIONS = {
    Call.FACT: "run it as fact",
    Call.ATTRIBUTED: "run it attributed",
    Call.HOLD: "hold it",
    Call.REJECT: "reject it",
}


def action_label(call: Call) -> str:
    """A call as something still to do (on a choice), where call_label says what was done."""
    return tr(f"action.{call.value}", ACTIONS[call])


def judgement_label(judgement: str) -> str:
    return tr(f"judgement.{judgement}", JUDGEMENTS.get(judgement, judgement))


def call_label(call: Call | None) -> str:
    if call is None:
        return tr("call.none", "No call made")
    return tr(f"call.{call.value}", CALLS[call])


@dataclass(frozen=True)
class Entry:
    """One claim as the debrief (or, during play, the notebook) shows it."""

    claim: Claim
    source: Source
    call: Call | None  # the first call; None if never called
    revised: Call | None  # the last call, where it differs
    outcome: str | None
    points: int
    reports: tuple[Report, ...]
    lessons: tuple[Lesson, ...]
    grade: Grade | None = None  # the first call's grade; None if never called
    why: str = ""  # why the call earned its grade

    @property
    def technique(self) -> Lesson | None:
        """The claim's first lesson: the technique the summary names beside it."""
        return self.lessons[0] if self.lessons else None


@dataclass(frozen=True)
class Debrief:
    entries: tuple[Entry, ...]
    checks: tuple[Check, ...]  # verifications done, in the order they were done
    lessons: tuple[Lesson, ...]  # every lesson the player met, in scenario order
    disputed_note: str = ""  # the scenario's words beside a claim judged "disputed"

    def graded(self, grade: Grade) -> tuple[Entry, ...]:
        """The entries whose call earned ``grade``, in the order met."""
        return tuple(e for e in self.entries if e.grade is grade)

    @property
    def uncalled(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.call is None)


def checks_done(scenario: Scenario, state: State) -> tuple[Check, ...]:
    """The verifications made, each once, in the order they were first made."""
    done = [step.verify for step in state.history if step.verify]
    return tuple(scenario.checks[c] for c in dict.fromkeys(done) if c in scenario.checks)


def debrief(scenario: Scenario, state: State) -> Debrief:
    """Every claim met, in the order met, with the player's calls and later reporting."""
    first = first_calls(state)
    entries = []
    for claim_id in state.met:
        claim = scenario.claims[claim_id]
        call = first.get(claim_id)
        last = str(state.vars.get(f"verdict.{claim_id}", ""))
        revised = Call(last) if last and call is not None and last != call.value else None
        entries.append(Entry(
            claim=claim, source=scenario.sources[claim.source], call=call, revised=revised,
            outcome=outcome(claim, call) if call else None,
            points=points(claim, call) if call else 0,
            reports=tuple(scenario.reports[r] for r in claim.later),
            lessons=tuple(scenario.lessons[lesson] for lesson in claim.lessons),
            grade=claim.grade(call) if call else None,
            why=claim.grades[call].why if call else "",
        ))
    checks = checks_done(scenario, state)
    met_lessons = {lesson.id for e in entries for lesson in e.lessons}
    met_lessons |= {lesson for check in checks for lesson in check.lessons}
    lessons = tuple(lesson for lesson_id, lesson in scenario.lessons.items()
                    if lesson_id in met_lessons)
    return Debrief(tuple(entries), checks, lessons, scenario.disputed_note)
