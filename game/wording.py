"""Every sentence a presenter shows about the score, the feedback and the debrief:
pure functions, no pygame.

The window, the terminal and the browser all explain the score with these sentences,
which a student can read aloud: the share of the points a careful desk could earn,
what that means in one plain sentence, and how the calls split between "as fact",
"attributed" and kept out.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.debrief import Debrief, Entry, call_label, judgement_label
from game.engine.model import Call, Check, Claim, Grade, Scenario, Source
from game.engine.scoring import Score, first_calls
from game.engine.state import State
from game.engine.story import Feedback
from game.i18n import tr

SUMMARY_WORDS = 300  # the debrief's opening summary stays about this long


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _signed(value: float) -> str:
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {_plural(n, one, many)}"


def headline(result: Score) -> str:
    """The headline figure: the share of the points a careful desk could earn, and the
    grades behind it. True at every extreme (no calls, all errors, all best)."""
    calls = len(result.results)
    if calls == 0:
        if result.max_points:
            return tr("score.none_called", "You made no call on the {n} {claims} you met, so "
                      "you earned none of the {most} points a careful desk could earn.",
                      n=result.unanswered, claims=_plural(result.unanswered, "claim", "claims"),
                      most=result.max_points)
        return tr("score.no_calls", "You made no call on any claim, so there is nothing to "
                  "score yet.")
    grades = tr("score.grades", "{best}, {fair} and {errors}",
                best=_count(result.count(Grade.BEST), "best call", "best calls"),
                fair=_count(result.count(Grade.DEFENSIBLE), "defensible call", "defensible calls"),
                errors=_count(result.count(Grade.ERROR), "error", "errors"))
    if result.points < 0:
        return tr("score.below_zero", "Your errors cost more than your good calls earned, so "
                  "you earned none of the {most} points a careful desk could earn: {grades}.",
                  most=result.max_points, grades=grades)
    return tr("score.headline", "You earned {percent}% of the points a careful desk could "
              "earn ({points} of {most}): {grades}.", percent=result.percent,
              points=result.points, most=result.max_points, grades=grades)


def score_explained() -> str:
    """The headline in one plain sentence, for a 14-year-old."""
    return tr("score.explained", "A call earns 2 points if a careful desk would make it, 1 "
              "if it is fair but not the best, and loses 1 if it is a mistake, like printing "
              "as fact what only one side said.")


def calls_sentence(result: Score) -> str:
    """How the calls split, fact apart from attributed: the game's main lesson."""
    if not result.results:
        return ""
    parts = []
    for call, label in ((Call.FACT, tr("score.as_fact", "As fact")),
                        (Call.ATTRIBUTED, tr("score.attributed", "Attributed to the source")),
                        (None, tr("score.kept_out", "Held or kept out"))):
        chosen = (result.ran(call) if call is not None
                  else result.ran(Call.HOLD) + result.ran(Call.REJECT))
        if not chosen:
            parts.append(tr("score.split_none", "{label}: none", label=label))
            continue
        wrong = sum(1 for r in chosen if r.grade is Grade.ERROR)
        if len(chosen) == 1:
            verdict = (tr("score.split_one_error", "an error") if wrong
                       else tr("score.split_one_clean", "not an error"))
        elif wrong:
            verdict = tr("score.split_errors", "{n} of them {errors}", n=wrong,
                         errors=_plural(wrong, "an error", "errors"))
        else:
            verdict = tr("score.split_clean", "no errors")
        parts.append(tr("score.split", "{label}: {n} ({verdict})", label=label,
                        n=_count(len(chosen), "claim", "claims"), verdict=verdict))
    return "; ".join(parts) + "."


def checks_sentence(result: Score) -> str:
    if result.checks_done:
        return tr("score.checks", "You made {n} {checks}, spending {hours} h verifying.",
                  n=result.checks_done, checks=_plural(result.checks_done, "check", "checks"),
                  hours=result.time_verifying)
    return tr("score.no_checks", "You made no checks.")


def score_lines(result: Score, claims: list[Claim]) -> list[str]:
    """The whole score in words, first line the headline: the figure, what it means, how
    the calls split between fact, attributed and kept out, checks, and (where some claim
    met is disputed) the scenario's own note on it."""
    lines = [headline(result)]
    if result.results or result.max_points:
        lines.append(score_explained())
    split = calls_sentence(result)
    if split:
        lines.append(split)
    if result.unanswered and result.results:
        lines.append(tr("score.unanswered", "You passed over {n} without a call.",
                        n=_count(result.unanswered, "claim", "claims")))
    lines.append(checks_sentence(result))
    note = disputed_note(result, claims)
    return [*lines, note] if note else lines


def disputed_note(result: Score, claims: list[Claim]) -> str:
    """The scenario's own note where later reports still disagree ("" if none applies).

    The words are content (``scenario.disputed_note``), not the game's: each story says
    what is disputed in it.
    """
    if not any(claim.judgement == "disputed" for claim in claims):
        return ""
    return result.disputed_note


@dataclass(frozen=True)
class NotebookEntry:
    """A claim met so far, as the notebook shows it during play (no judgement yet)."""

    claim: Claim
    source: Source
    call: str  # the player's call in words
    checks: tuple[Check, ...]  # verifications done while this claim was on the desk


def notebook(scenario: Scenario, state: State) -> list[NotebookEntry]:
    """Every claim met, with its source, the player's call and the checks done around it."""
    first = first_calls(state)
    entries = []
    for claim_id in state.met:
        claim = scenario.claims[claim_id]
        chosen = first.get(claim_id)
        call = call_label(chosen) if chosen else tr("notebook.no_call", "No call yet")
        last = str(state.vars.get(f"verdict.{claim_id}", ""))
        if claim_id in first and last and last != first[claim_id].value:
            call += " · " + tr("notebook.revised", "then: {call}", call=call_label(Call(last)))
        entries.append(NotebookEntry(claim, scenario.sources[claim.source], call,
                                     checks_near(scenario, state, claim_id=claim_id)))
    return entries


def checks_near(scenario: Scenario, state: State, *, claim_id: str = "",
                source_id: str = "") -> tuple[Check, ...]:
    """Checks done in a scene where this claim (or source) was on the desk."""
    found: dict[str, Check] = {}
    for step in state.history:
        if not step.verify or step.verify not in scenario.checks:
            continue
        scene = scenario.scenes.get(step.scene)
        if scene is None:
            continue
        if (claim_id and claim_id in scene.claims) or (source_id and source_id in scene.sources):
            found[step.verify] = scenario.checks[step.verify]
    return tuple(found.values())


# --- feedback at the moment of a call ---------------------------------------------------

GRADES = {Grade.BEST: "Best call", Grade.DEFENSIBLE: "Defensible", Grade.ERROR: "Error"}


def grade_label(grade: Grade | None) -> str:
    """"Best call", "Defensible", "Error" (or "No call made")."""
    if grade is None:
        return tr("call.none", "No call made")
    return tr(f"grade.{grade.value}", GRADES[grade])


def feedback_text(feedback: Feedback, tell_grade: bool) -> str:
    """What a presenter shows right after a call: the response, led by the grade when the
    player's setting says to tell it at once."""
    if not tell_grade:
        return feedback.text
    return tr("feedback.graded", "{grade}. {text}", grade=grade_label(feedback.grade),
              text=feedback.text)


# --- the debrief: a short summary first, then the full review ----------------------------


@dataclass(frozen=True)
class DebriefSummary:
    """The debrief's opening, about :data:`SUMMARY_WORDS` words: the best calls and the
    errors, each with its technique. ``sections`` are (heading, items)."""

    opening: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    closing: str

    def lines(self) -> list[str]:
        """Everything as plain lines, headings and "- " items, for a text presenter."""
        out = [self.opening]
        for heading, items in self.sections:
            out.append(heading)
            out += [f"- {item}" for item in items]
        return [*out, self.closing] if self.closing else out

    @property
    def words(self) -> int:
        return sum(len(line.split()) for line in self.lines())


def _summary_item(entry: Entry, with_why: bool) -> str:
    assert entry.call is not None
    # The claim's text is the desk's summary, not the source's words: no quotation marks
    # (only a claim's verbatim ``quote`` is ever shown in them).
    text = tr("summary.item", "{claim} ({source}): {call}.", claim=entry.claim.text.rstrip("."),
              source=entry.source.name, call=call_label(entry.call).lower())
    if with_why and entry.why and entry.why != entry.claim.note:
        text += " " + entry.why
    lesson = entry.technique
    if lesson is not None:
        text += " " + tr("summary.technique", "Technique: {title}.",
                         title=lesson.title.rstrip("."))
    return text


def debrief_summary(report: Debrief) -> DebriefSummary:
    """The opening of the debrief: how the calls were graded, then the errors and the best
    calls, each with its technique, cut to about :data:`SUMMARY_WORDS` words."""
    called = [e for e in report.entries if e.call is not None]
    if not called:
        return DebriefSummary(tr("summary.no_calls", "You made no calls, so there is nothing "
                                 "to sum up yet."), (), "")
    best, errors = report.graded(Grade.BEST), report.graded(Grade.ERROR)
    opening = tr("summary.opening", "Of your {n}, {best} the best call, {fair} defensible "
                 "and {errors}.", n=_count(len(called), "call", "calls"),
                 best=tr("summary.were", "{n} {verb}", n=len(best),
                         verb=_plural(len(best), "was", "were")),
                 fair=len(report.graded(Grade.DEFENSIBLE)),
                 errors=_count(len(errors), "was an error", "were errors")
                 if errors else tr("summary.no_errors", "none was an error"))
    closing = tr("summary.closing", "The full review goes through every claim: your call, "
                 "its grade and why, and what later reporting said.")
    # the errors (the more instructive) may take three fifths of what is left, the best
    # calls the rest; each section keeps room for its heading and its "and N more" line
    budget = SUMMARY_WORDS - len(opening.split()) - len(closing.split())
    sections = []
    parts = ((tr("summary.errors", "Errors, and the technique that avoids them"), errors, True,
              budget * 3 // 5 if best else budget),
             (tr("summary.best", "Best calls, and the technique behind them"), best, False, 0))
    spent = 0
    for heading, entries, with_why, share in parts:
        allowed = (share or budget - spent) - len(heading.split()) - 7
        items: list[str] = []
        used = 0
        for entry in entries:
            # the first two with their reason, the rest shorter (the technique only), so
            # that more of them fit
            item = _summary_item(entry, with_why and len(items) < 2)
            if used + len(item.split()) > allowed:
                item = _summary_item(entry, False)
            if used + len(item.split()) > allowed:
                break
            items.append(item)
            used += len(item.split())
        left = len(entries) - len(items)
        if left:
            items.append(tr("summary.more", "and {n} more in the full review.", n=left))
        if items:
            sections.append((heading, tuple(items)))
            spent += used + len(heading.split()) + 7
    return DebriefSummary(opening, tuple(sections), closing)


@dataclass(frozen=True)
class ReviewText:
    """One claim of the full review, as sentences for any presenter to lay out."""

    call: str  # "Your call: Ran it attributed"
    grade: str  # "Best call" / "Defensible" / "Error" / "No call made"
    why: str  # why the call earned its grade ("" when it only repeats the outcome)
    outcome: str  # "Supported by later reporting. It held up. <the claim's note>"
    later: tuple[str, ...]  # "<outlet>, <date>: <text>"
    techniques: tuple[str, ...]  # "Technique: <title>. <how>"
    disputed: str  # the scenario's own note beside a disputed claim, else ""


def review(entry: Entry, report: Debrief) -> ReviewText:
    """A claim of the full review: the call marked best, defensible or error with its
    reason, beside what later reporting said (outlet and date)."""
    call = call_label(entry.call)
    if entry.revised is not None:
        call += tr("review.revised", " (later changed: {call})",
                   call=call_label(entry.revised).lower())
    # A disputed claim gets no verdict of its own: its scenario's disputed_note says why
    # (for a casualty figure, there is no agreed one to hold up against).
    held = ("" if entry.claim.judgement == "disputed"
            else tr("debrief.held", "It held up.") if entry.claim.holds_up
            else tr("debrief.not_held", "It did not hold up."))
    outcome = " ".join(p for p in (f"{judgement_label(entry.claim.judgement)}.", held,
                                    entry.claim.note) if p)
    return ReviewText(
        call=tr("review.call", "Your call: {call}", call=call),
        grade=grade_label(entry.grade),
        why=entry.why if entry.why != entry.claim.note else "",
        outcome=outcome,
        later=tuple(tr("debrief.report", "{outlet}, {date}: {text}", outlet=r.outlet,
                       date=r.date, text=r.text) for r in entry.reports),
        techniques=tuple(tr("debrief.technique", "Technique: {title}. {how}", title=lesson.title,
                            how=lesson.technique) for lesson in entry.lessons),
        disputed=report.disputed_note if entry.claim.judgement == "disputed" else "",
    )
